package io.gpubot.data;

import io.gpubot.core.market.Symbols;
import io.gpubot.core.market.Timeframe;

import java.util.Locale;
import java.util.Objects;

/**
 * Names one stored candle series: where the candles come from, the contract, and the timeframe.
 * The symbol is KuCoin's contract symbol ({@code XBTUSDTM}) whatever form it was given in.
 */
public record SeriesKey(String exchange, String symbol, Timeframe timeframe) {

    public static final String KUCOIN = "kucoin";

    public SeriesKey {
        Objects.requireNonNull(timeframe, "timeframe");
        exchange = exchange.trim().toLowerCase(Locale.ROOT);
        if (exchange.isEmpty()) throw new IllegalArgumentException("exchange name must not be empty");
        symbol = Symbols.toContract(symbol);
    }

    public static SeriesKey kucoin(String symbol, Timeframe timeframe) {
        return new SeriesKey(KUCOIN, symbol, timeframe);
    }

    @Override
    public String toString() {
        return exchange + " " + symbol + " " + timeframe;
    }
}
