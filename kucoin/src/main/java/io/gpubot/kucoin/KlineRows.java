package io.gpubot.kucoin;

import com.fasterxml.jackson.databind.JsonNode;
import io.gpubot.core.market.CandleRules;
import io.gpubot.core.market.CandleSeries;
import io.gpubot.core.market.Timeframe;
import java.util.Map;
import java.util.TreeMap;

/** Turns REST kline rows {@code [t_ms, open, high, low, close, volume]} (numbers or strings) into a series. */
final class KlineRows {

    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(KlineRows.class);

    private KlineRows() {
    }

    /**
     * @throws KucoinApiException when a row is malformed, unaligned or breaks the candle rules
     */
    static CandleSeries parse(JsonNode rows, Timeframe timeframe, String symbol) {
        TreeMap<Long, double[]> byTime = new TreeMap<>();
        int index = 0;
        int duplicates = 0;
        for (JsonNode row : rows) {
            if (!row.isArray() || row.size() < 6) {
                throw invalid(symbol, index, "expected [time, open, high, low, close, volume]");
            }
            long time = number(row.get(0), symbol, index, "time").longValue();
            double open = number(row.get(1), symbol, index, "open").doubleValue();
            double high = number(row.get(2), symbol, index, "high").doubleValue();
            double low = number(row.get(3), symbol, index, "low").doubleValue();
            double close = number(row.get(4), symbol, index, "close").doubleValue();
            double volume = number(row.get(5), symbol, index, "volume").doubleValue();
            if (!timeframe.isAligned(time)) throw invalid(symbol, index, "time " + time + " is not on a " + timeframe + " boundary");
            String defect = CandleRules.defect(open, high, low, close, volume);
            if (defect != null) throw invalid(symbol, index, defect);
            if (byTime.putIfAbsent(time, new double[] {open, high, low, close, volume}) != null) duplicates++;
            index++;
        }
        if (duplicates > 0) log.warn("{} {} klines: dropped {} duplicate rows", symbol, timeframe, duplicates);
        CandleSeries.Builder builder = CandleSeries.builder(timeframe, byTime.size());
        for (Map.Entry<Long, double[]> e : byTime.entrySet()) {
            double[] v = e.getValue();
            builder.add(e.getKey(), v[0], v[1], v[2], v[3], v[4]);
        }
        return builder.build();
    }

    private static Number number(JsonNode node, String symbol, int index, String field) {
        if (node == null || node.isNull()) throw invalid(symbol, index, field + " is missing");
        if (node.isNumber()) return node.numberValue();
        if (node.isTextual()) {
            try {
                return new java.math.BigDecimal(node.asText().trim());
            } catch (NumberFormatException e) {
                throw invalid(symbol, index, field + " is not a number: '" + node.asText() + "'");
            }
        }
        throw invalid(symbol, index, field + " is not a number");
    }

    private static KucoinApiException invalid(String symbol, int index, String what) {
        return new KucoinApiException("invalid-kline", symbol + " kline row " + index + ": " + what, 200, "klines");
    }
}
