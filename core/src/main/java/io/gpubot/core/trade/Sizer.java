package io.gpubot.core.trade;

import io.gpubot.core.market.Contract;

/**
 * How many contracts an entry trades (docs/TRADING_RULES.md §3): the sizing method's answer, in
 * whole lots, capped by what the available balance can margin.
 */
public final class Sizer {

    /** Closed trades a bot needs before Kelly sizing trusts its own statistics. */
    public static final int KELLY_MIN_TRADES = 20;
    static final double BASE_RISK = 0.02;
    static final double KELLY_MIN_RISK = 0.005;
    static final double KELLY_MAX_RISK = 0.05;
    static final double ANTI_MARTINGALE_CAP = 4.0;

    private Sizer() {
    }

    /**
     * Contracts to trade, or 0 and why not. The reason is only put into words when asked for: batch
     * backtests refuse millions of entries and never read why.
     */
    public record Decision(long contracts, SizingMethod method, double wanted, double affordable, int lotSize, String unavailable) {

        static Decision refuse(String reason) {
            return new Decision(0, null, Double.NaN, Double.NaN, 0, reason);
        }

        /** Why there is no trade, or {@code null} when there is one. */
        public String refusal() {
            if (contracts > 0) return null;
            if (unavailable != null) return unavailable;
            return String.format(java.util.Locale.ROOT,
                    "position size too small: %s computed %.4f contracts (%.4f affordable), the minimum is %d; raise the balance or the %s",
                    method, wanted, affordable, lotSize, method.parameterName());
        }
    }

    /**
     * @param plan       the bot's trading genes
     * @param side       the side to enter
     * @param equity     equity when the order is sent (the balance: the bot is flat then)
     * @param available  balance free to be used as margin and fees
     * @param fill       the entry fill price, slippage included
     * @param stopLoss   the stop-loss level on the tick
     * @param slippage   the slippage rate
     * @param atr        ATR at the signal bar (NaN when not ready)
     * @param stats      the bot's closed trades so far
     */
    public static Decision contracts(TradingPlan plan, Side side, double equity, double available, double fill,
                                     double stopLoss, double slippage, double atr, TradeStats stats) {
        Contract c = plan.contract();
        double m = c.multiplier();
        double wanted;
        switch (plan.sizing().method()) {
            case RISK -> wanted = riskContracts(plan.sizing().parameter(), equity, side, fill, stopLoss, slippage, c);
            case FIXED_MARGIN -> wanted = plan.sizing().parameter() * equity * plan.leverage() / (fill * m);
            case FIXED_NOTIONAL -> wanted = plan.sizing().parameter() / (fill * m);
            case KELLY -> wanted = riskContracts(kellyRisk(plan.sizing().parameter(), stats), equity, side, fill, stopLoss, slippage, c);
            case VOLATILITY -> {
                if (!(atr > 0)) return Decision.refuse("volatility sizing needs the ATR, which is not ready yet");
                wanted = plan.sizing().parameter() * equity / (atr * m);
            }
            case ANTI_MARTINGALE -> wanted = riskContracts(antiMartingaleRisk(plan.sizing().parameter(), stats), equity, side, fill,
                    stopLoss, slippage, c);
            default -> throw new IllegalStateException("unknown sizing " + plan.sizing().method());
        }
        double affordable = available / (fill * m * (1.0 / plan.leverage() + c.takerFeeRate()));
        long lots = c.floorToLot(Math.min(wanted, affordable));
        return new Decision(lots < c.lotSize() ? 0 : lots, plan.sizing().method(), wanted, affordable, c.lotSize(), null);
    }

    /** Contracts whose loss at the stop, with both fees and both slippages, is {@code risk × equity}. */
    static double riskContracts(double risk, double equity, Side side, double fill, double stopLoss, double slippage, Contract c) {
        double m = c.multiplier();
        double exitAtStop = Pricing.exitFill(side, stopLoss, slippage, c.tickSize());
        double lossPerContract = side.sign() * (fill - exitAtStop) * m + fill * m * c.takerFeeRate() + exitAtStop * m * c.takerFeeRate();
        return risk * equity / lossPerContract;
    }

    /** Risk per trade from the Kelly criterion over the bot's closed trades; the base risk until it has enough. */
    static double kellyRisk(double fraction, TradeStats stats) {
        if (stats.closed() < KELLY_MIN_TRADES) {
            return BASE_RISK;
        }
        double winRate = (double) stats.wins() / stats.closed();
        double kelly;
        if (stats.wins() == 0) {
            kelly = 0;
        } else if (stats.losses() == 0 || stats.sumLosses() == 0) {
            kelly = winRate;
        } else {
            double payoff = (stats.sumWins() / stats.wins()) / (stats.sumLosses() / stats.losses());
            kelly = winRate - (1 - winRate) / payoff;
        }
        return Math.max(KELLY_MIN_RISK, Math.min(KELLY_MAX_RISK, fraction * kelly));
    }

    /** The base risk grown by {@code (1 + step)} per win in a row, at most four times the base. */
    static double antiMartingaleRisk(double step, TradeStats stats) {
        return antiMartingaleRisk(step, stats.winStreak());
    }

    /** The anti-martingale risk after {@code winStreak} wins in a row (for engines that tabulate it beforehand). */
    public static double antiMartingaleRisk(double step, int winStreak) {
        return BASE_RISK * Math.min(ANTI_MARTINGALE_CAP, Math.pow(1 + step, winStreak));
    }
}
