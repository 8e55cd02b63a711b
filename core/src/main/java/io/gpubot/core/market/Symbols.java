package io.gpubot.core.market;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Maps a trader's pair name to KuCoin's USDT-margined perpetual symbol and back:
 * {@code BTC/USDT <-> XBTUSDTM} (KuCoin calls bitcoin XBT), otherwise {@code BASE/USDT <-> BASEUSDTM}.
 * ccxt's swap notation {@code BTC/USDT:USDT} and dashes ({@code BTC-USDT}) are accepted too.
 */
public final class Symbols {

    private static final Pattern PAIR = Pattern.compile("([A-Z0-9]+)[/-](USDT)(:USDT)?");
    private static final Pattern CONTRACT = Pattern.compile("([A-Z0-9]+)USDTM");

    private Symbols() {
    }

    /**
     * KuCoin's contract symbol for a pair or a contract symbol: {@code BTC/USDT -> XBTUSDTM},
     * {@code ETH/USDT -> ETHUSDTM}, {@code XBTUSDTM -> XBTUSDTM}.
     *
     * @throws IllegalArgumentException when the text is neither form
     */
    public static String toContract(String symbolOrPair) {
        String s = symbolOrPair.trim().toUpperCase(Locale.ROOT);
        if (CONTRACT.matcher(s).matches()) {
            return s;
        }
        Matcher pair = PAIR.matcher(s);
        if (pair.matches()) {
            String base = pair.group(1);
            return ("BTC".equals(base) ? "XBT" : base) + "USDTM";
        }
        throw new IllegalArgumentException("'" + symbolOrPair + "' is not a USDT perpetual; write it as BTC/USDT or XBTUSDTM");
    }

    /** The trader's pair for a contract symbol or a pair: {@code XBTUSDTM -> BTC/USDT}. */
    public static String toPair(String symbolOrPair) {
        String contract = toContract(symbolOrPair);
        String base = contract.substring(0, contract.length() - "USDTM".length());
        return ("XBT".equals(base) ? "BTC" : base) + "/USDT";
    }

    /** A name safe for files and folders, e.g. {@code XBTUSDTM}. */
    public static String fileName(String symbolOrPair) {
        return toContract(symbolOrPair);
    }
}
