package io.gpubot.live.exec;

import io.gpubot.core.UserException;
import io.gpubot.core.market.Contract;
import io.gpubot.core.market.RiskLimitTier;
import io.gpubot.core.market.RiskLimitTiers;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * What a live session reads from the account before it trades, so that nothing it sends is refused for a
 * reason it could have known: the account mode (a Unified Trading Account trades through other endpoints),
 * the position mode (gpubot trades in One-Way Mode), the contract's facts as the exchange states them (not
 * the built-in table), the account's own fee rates, and the risk limit that caps a position's value at the
 * bot's leverage. Each refusal is one line that says what to do.
 */
public final class AccountChecks {

    /**
     * What the session trades with.
     *
     * @param contract      the exchange's facts for the contract, with the account's fee rates
     * @param maxPositionValue the largest position value (USDT) KuCoin's risk limit allows at the bot's leverage
     * @param lines         what was found, for the trader (one line each; warnings start with "warning:")
     */
    public record Outcome(Contract contract, double maxPositionValue, List<String> lines) {
        public Outcome {
            lines = List.copyOf(lines);
        }
    }

    private AccountChecks() {
    }

    /**
     * Reads and checks the account for trading the port's contract at {@code leverage}.
     *
     * @param builtIn       gpubot's built-in facts for the contract, if it has them (differences are warned)
     * @param switchToOneWay switch an account in Hedge Mode to One-Way Mode (KuCoin allows it only with no
     *                       position and no open order on the account); otherwise such an account is refused
     * @throws UserException when the account cannot trade as gpubot trades
     */
    public static Outcome run(ExchangePort exchange, Optional<Contract> builtIn, int leverage, boolean switchToOneWay) {
        String symbol = exchange.symbol();
        List<String> lines = new ArrayList<>();
        checkAccountMode(exchange, lines);
        checkPositionMode(exchange, switchToOneWay, lines);

        Contract stated = exchange.contract();
        builtIn.ifPresent(known -> {
            List<String> differences = differences(known, stated);
            if (!differences.isEmpty()) {
                lines.add("warning: KuCoin's facts for " + symbol + " differ from gpubot's built-in table (" + String.join(", ", differences)
                        + "); trading with KuCoin's");
            }
        });

        Contract contract = stated;
        Optional<ExchangePort.FeeRates> fees = exchange.feeRates();
        // A negative rate (a maker rebate, or a field the exchange left out) is not taken as the account's own.
        if (fees.isPresent() && fees.get().taker() >= 0 && fees.get().maker() >= 0) {
            ExchangePort.FeeRates f = fees.get();
            contract = new Contract(stated.symbol(), stated.baseCurrency(), stated.quoteCurrency(), stated.multiplier(), stated.lotSize(),
                    stated.tickSize(), stated.maxLeverage(), f.maker(), f.taker(), stated.maintenanceMarginRate(), stated.fundingInterval());
            lines.add(String.format(Locale.ROOT, "fees: taker %s, maker %s (your account's rates)", percent(f.taker()), percent(f.maker())));
        } else {
            lines.add(String.format(Locale.ROOT, "fees: taker %s, maker %s (the contract's; the account's rates were not available)",
                    percent(stated.takerFeeRate()), percent(stated.makerFeeRate())));
        }

        Optional<RiskLimitTiers> tiers = exchange.riskLimits();
        if (tiers.isEmpty()) {
            lines.add("risk limit: not reported by the exchange (--max-notional still applies)");
            return new Outcome(contract, Double.POSITIVE_INFINITY, lines);
        }
        double maxValue = tiers.get().maxPositionValue(leverage);
        if (!(maxValue > 0)) {
            throw new UserException(String.format(Locale.ROOT, "KuCoin's risk limits for %s allow no position at %dx (the highest tier allows %dx);"
                    + " trade a bot with less leverage", symbol, leverage, tiers.get().tiers().stream().mapToInt(RiskLimitTier::maxLeverage).max().orElse(0)));
        }
        lines.add(String.format(Locale.ROOT, "risk limit: positions at %dx may reach %,.0f USDT on %s; larger entries are capped there", leverage,
                maxValue, symbol));
        return new Outcome(contract, maxValue, lines);
    }

    private static void checkAccountMode(ExchangePort exchange, List<String> lines) {
        Optional<ExchangePort.AccountMode> mode = exchange.accountMode();
        if (mode.isEmpty()) {
            lines.add("account mode: not reported by the exchange (a classic futures account is assumed)");
            return;
        }
        if (mode.get() == ExchangePort.AccountMode.UNIFIED) {
            throw new UserException("this KuCoin account is a Unified Trading Account: its futures trade through KuCoin's unified endpoints,"
                    + " which gpubot does not use, so no order of it would be placed. Switch the account back to the classic mode in KuCoin's"
                    + " account settings, or trade from a classic sub-account's API key");
        }
        lines.add("account mode: classic");
    }

    private static void checkPositionMode(ExchangePort exchange, boolean switchToOneWay, List<String> lines) {
        Optional<ExchangePort.PositionMode> mode = exchange.positionMode();
        if (mode.isEmpty()) {
            lines.add("position mode: not reported by the exchange (One-Way Mode assumed, as before Hedge Mode existed)");
            return;
        }
        if (mode.get() == ExchangePort.PositionMode.ONE_WAY) {
            lines.add("position mode: one-way");
            return;
        }
        if (!switchToOneWay) {
            throw new UserException("the futures account is in Hedge Mode and gpubot trades in One-Way Mode; run again with --switch-to-one-way"
                    + " to switch it (KuCoin allows that only with no position and no open order on the whole account), or switch it in"
                    + " KuCoin's futures settings");
        }
        ExchangePort.PositionMode after;
        try {
            after = exchange.switchPositionMode(ExchangePort.PositionMode.ONE_WAY);
        } catch (ExchangeException e) {
            if (e.kind() != ExchangeException.Kind.REJECTED) throw e;
            throw new UserException("KuCoin refused to switch the account to One-Way Mode (" + e.getMessage() + "); it allows that only with no"
                    + " position and no open order on the whole account: close them, or switch in KuCoin's futures settings", e);
        }
        if (after != ExchangePort.PositionMode.ONE_WAY) throw new UserException("KuCoin kept the account in Hedge Mode; switch it in KuCoin's futures settings");
        lines.add("position mode: switched from Hedge to One-Way, as asked (--switch-to-one-way)");
    }

    /** What differs between the built-in facts and the exchange's, in a trader's words. */
    static List<String> differences(Contract known, Contract exchange) {
        List<String> d = new ArrayList<>();
        if (known.multiplier() != exchange.multiplier()) d.add("multiplier " + exchange.multiplier() + " (built in " + known.multiplier() + ")");
        if (known.lotSize() != exchange.lotSize()) d.add("lot " + exchange.lotSize() + " (built in " + known.lotSize() + ")");
        if (known.tickSize() != exchange.tickSize()) d.add("tick " + exchange.tickSize() + " (built in " + known.tickSize() + ")");
        if (known.maxLeverage() != exchange.maxLeverage()) d.add("max leverage " + exchange.maxLeverage() + "x (built in " + known.maxLeverage() + "x)");
        if (known.takerFeeRate() != exchange.takerFeeRate()) d.add("taker fee " + percent(exchange.takerFeeRate()) + " (built in " + percent(known.takerFeeRate()) + ")");
        if (known.makerFeeRate() != exchange.makerFeeRate()) d.add("maker fee " + percent(exchange.makerFeeRate()) + " (built in " + percent(known.makerFeeRate()) + ")");
        if (known.maintenanceMarginRate() != exchange.maintenanceMarginRate()) {
            d.add("maintenance margin " + percent(exchange.maintenanceMarginRate()) + " (built in " + percent(known.maintenanceMarginRate()) + ")");
        }
        if (!known.fundingInterval().equals(exchange.fundingInterval())) {
            d.add("funding every " + exchange.fundingInterval().toHours() + " h (built in " + known.fundingInterval().toHours() + " h)");
        }
        return d;
    }

    private static String percent(double rate) {
        return String.format(Locale.ROOT, "%.3f%%", rate * 100);
    }
}
