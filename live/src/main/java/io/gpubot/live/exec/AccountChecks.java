package io.gpubot.live.exec;

import io.gpubot.core.UserException;
import io.gpubot.core.market.Contract;
import io.gpubot.kucoin.ContractSpec;
import io.gpubot.kucoin.KucoinApiException;
import io.gpubot.kucoin.KucoinRestClient;
import io.gpubot.kucoin.RiskLimitTier;
import io.gpubot.kucoin.TradeFees;

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
     * Reads and checks the account for trading {@code symbol} at {@code leverage}.
     *
     * @param builtIn       gpubot's built-in facts for the contract, if it has them (differences are warned)
     * @param switchToOneWay switch an account in Hedge Mode to One-Way Mode (KuCoin allows it only with no
     *                       position and no open order on the account); otherwise such an account is refused
     * @throws UserException when the account cannot trade as gpubot trades
     */
    public static Outcome run(KucoinRestClient client, String symbol, Optional<Contract> builtIn, int leverage, boolean switchToOneWay) {
        List<String> lines = new ArrayList<>();
        checkAccountMode(client, lines);
        checkPositionMode(client, switchToOneWay, lines);

        Contract exchange = contractOf(client.contract(symbol));
        builtIn.ifPresent(known -> {
            List<String> differences = differences(known, exchange);
            if (!differences.isEmpty()) {
                lines.add("warning: KuCoin's facts for " + symbol + " differ from gpubot's built-in table (" + String.join(", ", differences)
                        + "); trading with KuCoin's");
            }
        });

        Contract contract = exchange;
        Optional<TradeFees> fees = optional(() -> client.tradeFees(symbol));
        if (fees.isPresent() && fees.get().takerFeeRate() >= 0 && fees.get().makerFeeRate() >= 0) {
            TradeFees f = fees.get();
            contract = new Contract(exchange.symbol(), exchange.baseCurrency(), exchange.quoteCurrency(), exchange.multiplier(), exchange.lotSize(),
                    exchange.tickSize(), exchange.maxLeverage(), f.makerFeeRate(), f.takerFeeRate(), exchange.maintenanceMarginRate(),
                    exchange.fundingInterval());
            lines.add(String.format(Locale.ROOT, "fees: taker %s, maker %s (your account's rates)", percent(f.takerFeeRate()), percent(f.makerFeeRate())));
        } else {
            lines.add(String.format(Locale.ROOT, "fees: taker %s, maker %s (the contract's; the account's rates were not available)",
                    percent(exchange.takerFeeRate()), percent(exchange.makerFeeRate())));
        }

        List<RiskLimitTier> tiers = optional(() -> client.riskLimitTiers(symbol)).orElse(List.of());
        if (tiers.isEmpty()) lines.add("risk limit: not reported by the exchange (--max-notional still applies)");
        double maxValue = tiers.isEmpty() ? Double.POSITIVE_INFINITY : RiskLimitTier.maxValueAt(tiers, leverage);
        if (!(maxValue > 0)) {
            throw new UserException(String.format(Locale.ROOT, "KuCoin's risk limits for %s allow no position at %dx (the highest tier allows %dx);"
                    + " trade a bot with less leverage", symbol, leverage, tiers.stream().mapToInt(RiskLimitTier::maxLeverage).max().orElse(0)));
        }
        if (Double.isFinite(maxValue)) {
            lines.add(String.format(Locale.ROOT, "risk limit: positions at %dx may reach %,.0f USDT on %s; larger entries are capped there", leverage,
                    maxValue, symbol));
        }
        return new Outcome(contract, maxValue, lines);
    }

    private static void checkAccountMode(KucoinRestClient client, List<String> lines) {
        Optional<String> mode = optional(client::accountMode);
        if (mode.isEmpty()) {
            lines.add("account mode: not reported by the exchange (a classic futures account is assumed)");
            return;
        }
        if ("UNIFIED".equalsIgnoreCase(mode.get())) {
            throw new UserException("this KuCoin account is a Unified Trading Account: its futures trade through KuCoin's unified endpoints,"
                    + " which gpubot does not use, so no order of it would be placed. Switch the account back to the classic mode in KuCoin's"
                    + " account settings, or trade from a classic sub-account's API key");
        }
        lines.add("account mode: " + mode.get().toLowerCase(Locale.ROOT));
    }

    private static void checkPositionMode(KucoinRestClient client, boolean switchToOneWay, List<String> lines) {
        Optional<Boolean> hedge = optional(client::hedgeMode);
        if (hedge.isEmpty()) {
            lines.add("position mode: not reported by the exchange (One-Way Mode assumed, as before Hedge Mode existed)");
            return;
        }
        if (!hedge.get()) {
            lines.add("position mode: one-way");
            return;
        }
        if (!switchToOneWay) {
            throw new UserException("the futures account is in Hedge Mode and gpubot trades in One-Way Mode; run again with --switch-to-one-way"
                    + " to switch it (KuCoin allows that only with no position and no open order on the whole account), or switch it in"
                    + " KuCoin's futures settings");
        }
        try {
            if (client.switchPositionMode(false)) throw new UserException("KuCoin kept the account in Hedge Mode; switch it in KuCoin's futures settings");
        } catch (KucoinApiException e) {
            throw new UserException("KuCoin refused to switch the account to One-Way Mode (" + e.getMessage() + "); it allows that only with no"
                    + " position and no open order on the whole account: close them, or switch in KuCoin's futures settings", e);
        }
        lines.add("position mode: switched from Hedge to One-Way, as asked (--switch-to-one-way)");
    }

    /** The contract's facts as the exchange states them, with its maintenance margin rate. */
    private static Contract contractOf(ContractSpec spec) {
        return spec.toContract();
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

    /** A look-up an exchange may not serve (an older API, a proxy): empty on "not found". */
    private static <T> Optional<T> optional(java.util.function.Supplier<T> call) {
        try {
            return Optional.ofNullable(call.get());
        } catch (KucoinApiException e) {
            if (e.httpStatus() == 404 || "404000".equals(e.code())) return Optional.empty();
            throw e;
        }
    }

    private static String percent(double rate) {
        return String.format(Locale.ROOT, "%.3f%%", rate * 100);
    }
}
