package io.gpubot.data;

import io.gpubot.core.market.CandleSeries;
import io.gpubot.core.market.Resampler;
import io.gpubot.core.market.Timeframe;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Optional check against OctoBot's captures of Binance BTC/USDT and ETH/USDT at several timeframes
 * taken at one moment (GPL-3.0, so read from ../shared and skipped when it is absent): our resampling
 * of the finer file must equal the exchange's own coarser bars wherever both cover the same time.
 * The last bar of each capture may have been in progress, so it is left out.
 */
class OctobotResampleCheckTest {

    @ParameterizedTest(name = "{0} {1} -> {2}")
    @CsvSource({
            "BTC, 1m, 5m", "BTC, 5m, 15m", "BTC, 15m, 30m", "BTC, 30m, 1h", "BTC, 1h, 2h", "BTC, 1h, 4h",
            "BTC, 2h, 4h", "BTC, 4h, 8h", "BTC, 4h, 12h", "BTC, 12h, 1d", "BTC, 1d, 1w",
            "ETH, 1m, 5m", "ETH, 5m, 15m", "ETH, 15m, 30m", "ETH, 30m, 1h", "ETH, 1h, 2h", "ETH, 2h, 4h",
            "ETH, 4h, 8h", "ETH, 4h, 12h", "ETH, 12h, 1d", "ETH, 1d, 1w"})
    void resampledFinerBarsEqualTheExchangesCoarserBars(String coin, String fine, String coarse) {
        Path fineFile = SharedData.file("octobot/binance_" + coin + "_USDT_" + fine + ".csv").orElse(null);
        Path coarseFile = SharedData.file("octobot/binance_" + coin + "_USDT_" + coarse + ".csv").orElse(null);
        assumeTrue(fineFile != null && coarseFile != null, "../shared/data/octobot is not present");

        CandleSeries source = withoutLastBar(CandleFiles.read(fineFile, Timeframe.parse(fine)).series());
        CandleSeries expected = withoutLastBar(CandleFiles.read(coarseFile, Timeframe.parse(coarse)).series());
        CandleSeries resampled = Resampler.resample(source, Timeframe.parse(coarse));

        int compared = 0;
        for (int i = 0; i < resampled.size(); i++) {
            int j = expected.indexOf(resampled.time(i));
            if (j < 0) continue;
            long bucketStart = resampled.time(i);
            long bucketEnd = bucketStart + Timeframe.parse(coarse).millis();
            if (source.between(bucketStart, bucketEnd).size() != (int) ((bucketEnd - bucketStart) / Timeframe.parse(fine).millis())) {
                continue;  // the finer capture misses some bars of this bucket: not comparable
            }
            assertThat(resampled.open(i)).as("open at %d", bucketStart).isEqualTo(expected.open(j));
            assertThat(resampled.high(i)).as("high at %d", bucketStart).isEqualTo(expected.high(j));
            assertThat(resampled.low(i)).as("low at %d", bucketStart).isEqualTo(expected.low(j));
            assertThat(resampled.close(i)).as("close at %d", bucketStart).isEqualTo(expected.close(j));
            assertThat(resampled.volume(i)).as("volume at %d", bucketStart).isCloseTo(expected.volume(j), within(1e-6 * Math.max(1, expected.volume(j))));
            compared++;
        }
        assertThat(compared).as("bars compared").isPositive();
    }

    private static CandleSeries withoutLastBar(CandleSeries s) {
        return s.slice(0, s.size() - 1);
    }
}
