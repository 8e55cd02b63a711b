package io.gpubot.app;

import io.gpubot.core.UserException;
import io.gpubot.core.market.Timeframe;
import io.gpubot.data.CandleFiles;
import io.gpubot.data.CandleImport;
import io.gpubot.data.SeriesKey;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * Real candles shipped inside gpubot so the demo, the examples and the tests run with no network:
 * ta4j's Coinbase BTC-USD and ETH-USD 4-hour histories (MIT, see NOTICE). They are stored under the
 * exchange {@code coinbase} and the KuCoin contract they stand in for.
 */
public enum BundledDataset {
    BTC_USD_4H("btc-usd-4h", "Coinbase BTC-USD, 4h, 2016-05-18 to 2025-10-28 (ta4j)", "XBTUSDTM", Timeframe.H4),
    ETH_USD_4H("eth-usd-4h", "Coinbase ETH-USD, 4h, 2016-05-18 to 2025-10-28 (ta4j)", "ETHUSDTM", Timeframe.H4);

    public static final String EXCHANGE = "coinbase";
    /** Prefix that names a bundled dataset wherever a candle file is expected: {@code bundled:btc-usd-4h}. */
    public static final String PREFIX = "bundled:";

    private final String id;
    private final String description;
    private final String symbol;
    private final Timeframe timeframe;

    BundledDataset(String id, String description, String symbol, Timeframe timeframe) {
        this.id = id;
        this.description = description;
        this.symbol = symbol;
        this.timeframe = timeframe;
    }

    public String id() {
        return id;
    }

    public String description() {
        return description;
    }

    public SeriesKey key() {
        return new SeriesKey(EXCHANGE, symbol, timeframe);
    }

    public CandleImport read() {
        String resource = "bundled/" + id + ".json.gz";
        try (InputStream in = BundledDataset.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("bundled dataset " + id + " is missing from the application jar");
            }
            return CandleFiles.read(in, PREFIX + id, timeframe);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read bundled dataset " + id, e);
        }
    }

    /**
     * @throws UserException listing the bundled datasets when {@code name} is none of them
     */
    public static BundledDataset named(String name) {
        String n = name.toLowerCase(Locale.ROOT).replace(PREFIX, "");
        return Arrays.stream(values()).filter(d -> d.id.equals(n)).findFirst()
                .orElseThrow(() -> new UserException("no bundled dataset '" + name + "'; bundled: " + names()));
    }

    public static String names() {
        return Arrays.stream(values()).map(BundledDataset::id).collect(Collectors.joining(", "));
    }
}
