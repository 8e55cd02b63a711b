package io.gpubot.core.market;

import java.time.Duration;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The built-in contract table, for offline use (backtests, evolution, the sandbox). Live trading
 * reads the current facts from {@code /api/v1/contracts/active} instead; these values are the
 * ones KuCoin published for the VIP0 tier when this table was written.
 */
public final class Contracts {

    private static final Duration EIGHT_HOURS = Duration.ofHours(8);

    private static final Map<String, Contract> BUILT_IN = new LinkedHashMap<>();

    static {
        add(new Contract("XBTUSDTM", "XBT", "USDT", 0.001, 1, 0.1, 125, 0.0002, 0.0006, 0.004, EIGHT_HOURS));
        add(new Contract("ETHUSDTM", "ETH", "USDT", 0.01, 1, 0.01, 100, 0.0002, 0.0006, 0.005, EIGHT_HOURS));
        add(new Contract("SOLUSDTM", "SOL", "USDT", 0.1, 1, 0.001, 75, 0.0002, 0.0006, 0.01, EIGHT_HOURS));
        add(new Contract("XRPUSDTM", "XRP", "USDT", 10, 1, 0.0001, 75, 0.0002, 0.0006, 0.01, EIGHT_HOURS));
        add(new Contract("DOGEUSDTM", "DOGE", "USDT", 100, 1, 0.00001, 75, 0.0002, 0.0006, 0.01, EIGHT_HOURS));
    }

    private Contracts() {
    }

    private static void add(Contract contract) {
        BUILT_IN.put(contract.symbol(), contract);
    }

    /** Every contract in the built-in table, in a stable order. */
    public static Collection<Contract> builtIn() {
        return java.util.List.copyOf(BUILT_IN.values());
    }

    /** The built-in contract for a contract symbol or a pair ({@code XBTUSDTM}, {@code BTC/USDT}). */
    public static Optional<Contract> find(String symbolOrPair) {
        return Optional.ofNullable(BUILT_IN.get(Symbols.toContract(symbolOrPair)));
    }

    /**
     * The built-in contract for a symbol.
     *
     * @throws IllegalArgumentException naming the built-in symbols when there is none
     */
    public static Contract get(String symbolOrPair) {
        return find(symbolOrPair).orElseThrow(() -> new IllegalArgumentException(
                "no built-in contract facts for '" + symbolOrPair + "'; built in: " + String.join(" ", BUILT_IN.keySet())
                        + " (other contracts are read from the exchange)"));
    }
}
