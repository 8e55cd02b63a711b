package io.gpubot.core.trade;

import io.gpubot.core.market.Contract;

/**
 * The one entry rule (docs/TRADING_RULES.md §2-4), used by the backtest, the reference stepper and
 * the live executor: the fill on the tick, the exit levels on the tick from the fill, the liquidation
 * price, the size, and the refusals with their reasons (the ATR not ready, a level within a tick of
 * the entry, a stop at or beyond liquidation, a size below one lot).
 */
public final class EntryPlanner {

    /** The reason given when the planner was not asked to explain (batch backtests never read it). */
    public static final String UNEXPLAINED = "refused";

    private EntryPlanner() {
    }

    /**
     * The entry on {@code side} at {@code reference} (the next open in the model, the last price live).
     *
     * @param equity    equity when the order is sent
     * @param available balance free for margin and fees
     * @param atr       ATR(14) at the signal bar, NaN when not ready
     * @param stats     the bot's closed trades so far (Kelly, anti-martingale)
     * @param explain   whether to put a refusal into words
     */
    public static EntryPlan plan(TradingPlan plan, Side side, double reference, double slippage, double atr, double equity,
                                 double available, TradeStats stats, boolean explain) {
        Contract contract = plan.contract();
        ExitLevels levels = plan.levels();
        if (levels.mode() == ExitLevels.Mode.ATR && !(atr > 0)) {
            return EntryPlan.refuse(side, "ATR exit levels need the ATR, which is not ready yet");
        }
        double tick = contract.tickSize();
        double fill = Pricing.entryFill(side, reference, slippage, tick);
        double takeProfit = Pricing.takeProfit(side, fill, levels.takeProfitDistance(fill, atr), tick);
        double stopLoss = Pricing.stopLoss(side, fill, levels.stopLossDistance(fill, atr), tick);
        double liquidation = Pricing.liquidationPrice(side, fill, plan.leverage(), contract.maintenanceMarginRate());
        if (side.sign() * (fill - stopLoss) <= 0 || side.sign() * (takeProfit - fill) <= 0 || !(stopLoss > 0)) {
            return EntryPlan.refuse(side, explain ? "take-profit or stop-loss falls within one tick (" + tick + ") of the entry price " + fill
                    : UNEXPLAINED);
        }
        if (side.sign() * (stopLoss - liquidation) <= 0) {
            return EntryPlan.refuse(side, explain ? "stop-loss " + stopLoss + " lies beyond the liquidation price " + liquidation : UNEXPLAINED);
        }
        Sizer.Decision size = Sizer.contracts(plan, side, equity, available, fill, stopLoss, slippage, atr, stats);
        if (size.contracts() == 0) {
            return EntryPlan.refuse(side, explain ? size.refusal() : UNEXPLAINED);
        }
        long q = size.contracts();
        double m = contract.multiplier();
        return new EntryPlan(side, fill, q, takeProfit, stopLoss, liquidation, Pricing.fee(q, m, fill, contract.takerFeeRate()),
                Pricing.margin(q, m, fill, plan.leverage()), null);
    }

    /**
     * The exit levels and liquidation price of a position actually filled at {@code fill} (live: the
     * exchange's average fill price), by the same rule as {@link #plan}.
     */
    public static EntryPlan levelsAt(TradingPlan plan, Side side, double fill, long contracts, double atr) {
        Contract contract = plan.contract();
        ExitLevels levels = plan.levels();
        double tick = contract.tickSize();
        double m = contract.multiplier();
        return new EntryPlan(side, fill, contracts,
                Pricing.takeProfit(side, fill, levels.takeProfitDistance(fill, atr), tick),
                Pricing.stopLoss(side, fill, levels.stopLossDistance(fill, atr), tick),
                Pricing.liquidationPrice(side, fill, plan.leverage(), contract.maintenanceMarginRate()),
                Pricing.fee(contracts, m, fill, contract.takerFeeRate()), Pricing.margin(contracts, m, fill, plan.leverage()), null);
    }
}
