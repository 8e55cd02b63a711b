package io.gpubot.app.cli;

import io.gpubot.core.UserException;
import io.gpubot.core.bot.Bot;
import io.gpubot.core.market.Contract;
import io.gpubot.core.trade.ExitLevels;
import io.gpubot.core.trade.SizingRisk;
import io.gpubot.core.trade.TradingPlan;
import io.gpubot.live.risk.RiskLimits;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Before a guarded session starts: whether the risk guard will refuse entries the bot's own rules make,
 * so that it would trade differently from its backtest. A bot above {@code --max-leverage} would have every
 * entry refused: the session does not start. A sizing rule that can lose more than {@code --max-risk} at its
 * stop ({@link SizingRisk}) is named in a warning, with its worst case and the flag that lets it trade as
 * backtested.
 */
final class GuardCheck {

    private GuardCheck() {
    }

    /** One line, as an error, for the first bot whose leverage the guard (capped by the contract) refuses. */
    static void leverage(List<Bot> bots, Contract contract, RiskLimits limits) {
        int cap = contract == null ? limits.maxLeverage() : Math.min(limits.maxLeverage(), contract.maxLeverage());
        for (Bot bot : bots) {
            boolean beyondContract = contract != null && bot.leverage() > contract.maxLeverage(); // the plan's own check says so
            if (bot.leverage() > cap && !beyondContract) {
                throw new UserException(String.format(Locale.ROOT,
                        "%s trades at %dx, above the risk guard's --max-leverage of %dx, which would refuse every entry it makes;"
                                + " start with --max-leverage %d to trade it as backtested, or choose a bot with less leverage",
                        bot.name(), bot.leverage(), cap, bot.leverage()));
            }
        }
    }

    /** A warning (without the "warning: " prefix) for each bot whose sizing rule can risk more than the guard allows at its stop. */
    static List<String> riskWarnings(List<Bot> bots, Contract contract, RiskLimits limits, double slippage) {
        List<String> warnings = new ArrayList<>();
        for (Bot bot : bots) {
            TradingPlan plan;
            try {
                plan = bot.plan(contract);
            } catch (IllegalArgumentException e) {
                continue; // the plan's own check (SessionSetup.checkPlans) says why
            }
            double worst = SizingRisk.worstShare(plan, slippage);
            if (!(worst > limits.maxRiskPerTrade())) continue;
            String rule = String.format(Locale.ROOT, "%s sizing (%s %s) at %dx with its stop %s", plan.sizing().method().name()
                            .toLowerCase(Locale.ROOT).replace('_', '-'), plan.sizing().method().parameterName(), plain(plan.sizing().parameter()),
                    plan.leverage(), plan.levels().mode() == ExitLevels.Mode.FRACTION
                            ? String.format(Locale.ROOT, "%s%% away", plain(100 * plan.levels().stopLoss()))
                            : plain(plan.levels().stopLoss()) + " ATR away");
            String limit = String.format(Locale.ROOT, "--max-risk %s (%.2f%%)", plain(limits.maxRiskPerTrade()), 100 * limits.maxRiskPerTrade());
            if (Double.isInfinite(worst)) {
                warnings.add(String.format(Locale.ROOT, "%s: its %s has no bound on what it can lose at its stop (the ATR sets how far"
                        + " away the stop is): the risk guard refuses its entries that would lose more than %s, so this session may trade"
                        + " differently from the backtest; raise --max-risk to what you accept", bot.name(), rule, limit));
                continue;
            }
            double share = Math.ceil(worst * 10_000) / 10_000;
            String raise = share <= 1 ? "start with --max-risk " + plain(share) + " to trade it as backtested"
                    : "no --max-risk lets it trade as backtested, since it can lose more than its equity: choose less leverage or a smaller size";
            warnings.add(String.format(Locale.ROOT, "%s: its %s can lose up to %.2f%% of equity at its stop, above %s: the risk guard"
                    + " refuses those entries, so this session trades differently from the backtest; %s", bot.name(), rule, 100 * worst, limit, raise));
        }
        return warnings;
    }

    /** Both checks for a session about to start: refuses a leverage the guard refuses, prints each risk warning to {@code err}. */
    static void atStart(List<Bot> bots, Contract contract, RiskLimits limits, double slippage, java.io.PrintWriter err) {
        leverage(bots, contract, limits);
        if (contract == null) return;
        for (String warning : riskWarnings(bots, contract, limits, slippage)) err.println("warning: " + warning);
        err.flush();
    }

    private static String plain(double x) {
        return java.math.BigDecimal.valueOf(x).round(new java.math.MathContext(10)).stripTrailingZeros().toPlainString();
    }
}
