package io.gpubot.core.trade;

import io.gpubot.core.market.Contract;
import io.gpubot.core.market.RiskLimitTiers;

/**
 * The one entry rule (docs/TRADING_RULES.md §2-4), used by the backtest, the reference stepper and
 * the live executor: the fill on the tick, the exit levels on the tick from the fill, the liquidation
 * price at the mmr of the risk-limit tier the position falls in, the size (cut to the risk limits:
 * then capped), and the refusals with their reasons (the ATR not ready, a level within a tick of the
 * entry, a size below one lot, a stop at or beyond liquidation).
 */
public final class EntryPlanner {

    /** The reason given when the planner was not asked to explain (batch backtests never read it). */
    public static final String UNEXPLAINED = "refused";

    private EntryPlanner() {
    }

    /**
     * The entry on {@code side} at {@code reference} (the next open in the model, the last price live).
     *
     * @param tiers       the contract's risk-limit tiers: the leverage's largest position value, the mmr by size
     * @param maxNotional the largest position value the risk limits allow ({@link RiskLimits#maxNotionalUsdt})
     * @param equity      equity when the order is sent
     * @param available   balance free for margin and fees
     * @param atr         ATR(14) at the signal bar, NaN when not ready
     * @param stats       the bot's closed trades so far (Kelly, anti-martingale)
     * @param explain     whether to put a refusal into words
     */
    public static EntryPlan plan(TradingPlan plan, RiskLimitTiers tiers, double maxNotional, Side side, double reference, double slippage,
                                 double atr, double equity, double available, TradeStats stats, boolean explain) {
        Contract contract = plan.contract();
        ExitLevels levels = plan.levels();
        if (levels.mode() == ExitLevels.Mode.ATR && !(atr > 0)) {
            return EntryPlan.refuse(side, "ATR exit levels need the ATR, which is not ready yet");
        }
        double tick = contract.tickSize();
        double fill = Pricing.entryFill(side, reference, slippage, tick);
        double takeProfit = Pricing.takeProfit(side, fill, levels.takeProfitDistance(fill, atr), tick);
        double stopLoss = Pricing.stopLoss(side, fill, levels.stopLossDistance(fill, atr), tick);
        if (side.sign() * (fill - stopLoss) <= 0 || side.sign() * (takeProfit - fill) <= 0 || !(stopLoss > 0)) {
            return EntryPlan.refuse(side, explain ? "take-profit or stop-loss falls within one tick (" + tick + ") of the entry price " + fill
                    : UNEXPLAINED);
        }
        // The smallest positions have the lowest mmr and so the farthest liquidation price: a stop beyond even
        // that one is refused before the size is worked out (a batch backtest refuses such entries by the million).
        double farthest = Pricing.liquidationPrice(side, fill, plan.leverage(), tiers.tierFor(0).maintenanceMarginRate());
        if (side.sign() * (stopLoss - farthest) <= 0) {
            return EntryPlan.refuse(side, explain ? "stop-loss " + stopLoss + " lies beyond the liquidation price " + farthest : UNEXPLAINED);
        }
        Sizer.Decision size = Sizer.contracts(plan, side, equity, available, fill, stopLoss, slippage, atr, stats);
        if (size.contracts() == 0) {
            return EntryPlan.refuse(side, explain ? size.refusal() : UNEXPLAINED);
        }
        long q = size.contracts();
        double m = contract.multiplier();
        // The risk limits: the position value may not exceed the limit, nor the largest size KuCoin's tiers allow at this leverage.
        double cap = Math.min(maxNotional, tiers.maxPositionValue(plan.leverage()));
        boolean capped = false;
        if (q * m * fill > cap) {
            q = contract.floorToLot(cap / (m * fill));
            capped = true;
            if (q < contract.lotSize()) {
                return EntryPlan.refuse(side, explain ? String.format(java.util.Locale.ROOT,
                        "position value limit %.2f USDT at %dx leverage allows less than one lot at %s", cap, plan.leverage(), fill) : UNEXPLAINED);
            }
        }
        double liquidation = Pricing.liquidationPrice(side, fill, plan.leverage(), tiers.tierFor(q * m * fill).maintenanceMarginRate());
        if (side.sign() * (stopLoss - liquidation) <= 0) {
            return EntryPlan.refuse(side, explain ? "stop-loss " + stopLoss + " lies beyond the liquidation price " + liquidation : UNEXPLAINED);
        }
        return new EntryPlan(side, fill, q, takeProfit, stopLoss, liquidation, Pricing.fee(q, m, fill, contract.takerFeeRate()),
                Pricing.margin(q, m, fill, plan.leverage()), capped, null);
    }

    /**
     * The exit levels and liquidation price of a position actually filled at {@code fill} (live: the
     * exchange's average fill price), by the same rule as {@link #plan}.
     */
    public static EntryPlan levelsAt(TradingPlan plan, RiskLimitTiers tiers, Side side, double fill, long contracts, double atr) {
        Contract contract = plan.contract();
        ExitLevels levels = plan.levels();
        double tick = contract.tickSize();
        double m = contract.multiplier();
        return new EntryPlan(side, fill, contracts,
                Pricing.takeProfit(side, fill, levels.takeProfitDistance(fill, atr), tick),
                Pricing.stopLoss(side, fill, levels.stopLossDistance(fill, atr), tick),
                Pricing.liquidationPrice(side, fill, plan.leverage(), tiers.tierFor(contracts * m * fill).maintenanceMarginRate()),
                Pricing.fee(contracts, m, fill, contract.takerFeeRate()), Pricing.margin(contracts, m, fill, plan.leverage()), false, null);
    }
}
