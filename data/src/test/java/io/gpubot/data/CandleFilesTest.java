package io.gpubot.data;

import io.gpubot.core.market.Candle;
import io.gpubot.core.market.CandleSeries;
import io.gpubot.core.market.Timeframe;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.zip.GZIPOutputStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CandleFilesTest {

    static final long T0 = Instant.parse("2024-01-01T00:00:00Z").toEpochMilli();

    static CandleImport read(String text, Timeframe tf) {
        return CandleFiles.read(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)), "test.csv", tf);
    }

    static CandleFileException refused(String text, Timeframe tf) {
        try {
            read(text, tf);
        } catch (CandleFileException e) {
            return e;
        }
        throw new AssertionError("the file was accepted");
    }

    @Test
    void csvWithHeaderInMillis() {
        CandleImport imp = read("timestamp_ms,open,high,low,close,volume\n"
                + T0 + ",10,12,9,11,100\n"
                + (T0 + 60_000) + ",11,13,10,12.5,50.25\n", Timeframe.M1);
        CandleSeries s = imp.series();
        assertThat(s.size()).isEqualTo(2);
        assertThat(s.candle(1)).isEqualTo(new Candle(T0 + 60_000, 11, 13, 10, 12.5, 50.25));
        assertThat(imp.warnings()).isEmpty();
        assertThat(imp.timeframeInferred()).isFalse();
    }

    @Test
    void columnsInAnyOrderByNameWithIsoTimesAndTheTimeframeInferred() {
        CandleImport imp = read("Close;Volume;Low;High;Open;Date\n"
                + "11;100;9;12;10;2024-01-01T00:00:00Z\n"
                + "12;100;10;13;11;2024-01-01 04:00\n"
                + "13;100;11;14;12;2024-01-01T08:00:00+00:00\n", null);
        assertThat(imp.timeframeInferred()).isTrue();
        assertThat(imp.series().timeframe()).isEqualTo(Timeframe.H4);
        assertThat(imp.series().candle(2)).isEqualTo(new Candle(T0 + 8 * 3_600_000, 12, 14, 11, 13, 100));
    }

    @Test
    void secondsAndNoHeaderAndNoVolume() {
        long s0 = T0 / 1000;
        CandleImport imp = read(s0 + ",10,12,9,11\n" + (s0 + 300) + ",11,13,10,12\n", Timeframe.M5);
        assertThat(imp.series().time(1)).isEqualTo(T0 + 300_000);
        assertThat(imp.series().volume(0)).isZero();
        assertThat(imp.volumeMissing()).isTrue();
        assertThat(imp.warnings()).singleElement().asString().contains("no volume");
    }

    @Test
    void dateOnlyAndUsDateFormatsAsChartingToolsExport() {
        assertThat(read(",Open,High,Low,Close,Volume\n2004-08-19,100,104.06,95.96,100.34,22351900\n"
                + "2004-08-20,101.01,109.08,100.5,108.31,11428600\n", Timeframe.D1).series().firstTime())
                .isEqualTo(Instant.parse("2004-08-19T00:00:00Z").toEpochMilli());
        assertThat(read("Date,Open,High,Low,Close,Volume\n2/22/2013 12:00:00 AM,151.16,151.89,150.49,151.89,1.062926E+08\n",
                Timeframe.D1).series().candle(0))
                .isEqualTo(new Candle(Instant.parse("2013-02-22T00:00:00Z").toEpochMilli(), 151.16, 151.89, 150.49, 151.89, 1.062926E8));
    }

    @Test
    void jsonRowsAsKucoinAndFreqtradeWriteThem() {
        CandleImport imp = read("[[" + T0 + ",1.0801,1.09758,1.07654,1.07925,3153694.607359],"
                + "[" + (T0 + 3_600_000) + ",\"1.07896\",\"1.0875\",\"1.07351\",\"1.07616\",\"2697616.070908\"]]", Timeframe.H1);
        assertThat(imp.series().candle(1)).isEqualTo(new Candle(T0 + 3_600_000, 1.07896, 1.0875, 1.07351, 1.07616, 2697616.070908));
    }

    @Test
    void jsonEnvelopeOfTheKucoinRestApi() {
        CandleImport imp = read("{\"code\":\"200000\",\"data\":[[" + T0 + ",100,101,99,100.5,7]]}", Timeframe.M1);
        assertThat(imp.series().candle(0)).isEqualTo(new Candle(T0, 100, 101, 99, 100.5, 7));
    }

    @Test
    void jsonObjectsWithStringFieldsAsCoinbaseWritesThem() {
        String json = "{\n  \"candles\": [\n    {\"start\": \"" + T0 / 1000 + "\", \"low\": \"455.3\", \"high\": \"456.81\","
                + " \"open\": \"456.16\", \"close\": \"456.02\", \"volume\": \"561.88098307\"}\n  ]\n}";
        assertThat(read(json, Timeframe.H4).series().candle(0)).isEqualTo(new Candle(T0, 456.16, 456.81, 455.3, 456.02, 561.88098307));
    }

    @Test
    void jsonObjectsWithBarEndTimesBecomeOpenTimes() {
        String json = "{\"name\":\"x\",\"ohlc\":[{\"endTime\":" + (T0 + 299_999) + ",\"openPrice\":1673.58,\"highPrice\":1677.62,"
                + "\"lowPrice\":1672.44,\"closePrice\":1672.99,\"volume\":65.3033,\"amount\":0.0}]}";
        assertThat(read(json, Timeframe.M5).series().firstTime()).isEqualTo(T0);
    }

    @Test
    void gzipIsReadTransparently() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(bytes)) {
            gz.write(("t,o,h,l,c,v\n" + T0 + ",1,2,0.5,1.5,3\n").getBytes(StandardCharsets.UTF_8));
        }
        CandleImport imp = CandleFiles.read(new ByteArrayInputStream(bytes.toByteArray()), "x.csv.gz", Timeframe.M1);
        assertThat(imp.series().size()).isEqualTo(1);
    }

    @Test
    void duplicatesAreDroppedWithAWarningAndGapsReported() {
        CandleImport imp = read("time,open,high,low,close,volume\n"
                + T0 + ",10,12,9,11,1\n"
                + T0 + ",10,12,9,11,1\n"
                + (T0 + 60_000) + ",10,12,9,11,1\n"
                + (T0 + 4 * 60_000) + ",10,12,9,11,1\n", Timeframe.M1);
        assertThat(imp.series().size()).isEqualTo(3);
        assertThat(imp.duplicatesDropped()).isEqualTo(1);
        assertThat(imp.firstDuplicateLine()).isEqualTo(3);
        assertThat(imp.gaps().missingBars()).isEqualTo(2);
        assertThat(imp.warnings()).containsExactly(
                "test.csv: dropped 1 duplicate bar (same open time as the row before; first at line 3)",
                "test.csv: gaps: 1 gap, 2 bars missing, largest 2 bars (2m) from 2024-01-01T00:02:00Z (not filled)");
    }

    @Test
    void newestFirstFilesArePutInTimeOrder() {
        CandleImport imp = read((T0 + 60_000) + ",11,13,10,12,1\n" + T0 + ",10,12,9,11,1\n", Timeframe.M1);
        assertThat(imp.reversed()).isTrue();
        assertThat(imp.series().firstTime()).isEqualTo(T0);
    }

    @Test
    void badNumberNamesLineAndField() {
        assertThat(refused("time,open,high,low,close,volume\n" + T0 + ",10,12,9,11,1\n" + (T0 + 60_000) + ",10,1x2,9,11,1\n", Timeframe.M1))
                .hasMessage("test.csv: line 3, high: '1x2' is not a number")
                .extracting(CandleFileException::line).isEqualTo(3);
    }

    @Test
    void highBelowLowIsRefused() {
        assertThat(refused("time,open,high,low,close,volume\n" + T0 + ",10,8,9,9.5,1\n", Timeframe.M1))
                .hasMessage("test.csv: line 2, high: 8.0 is below low 9.0");
    }

    @Test
    void nanIsRefused() {
        assertThat(refused("time,open,high,low,close,volume\n" + T0 + ",10,12,9,NaN,1\n", Timeframe.M1))
                .hasMessage("test.csv: line 2, close: not a finite number (NaN)");
    }

    @Test
    void unsortedTimeIsRefused() {
        assertThat(refused("time,open,high,low,close,volume\n"
                + T0 + ",10,12,9,11,1\n" + (T0 + 120_000) + ",10,12,9,11,1\n" + (T0 + 60_000) + ",10,12,9,11,1\n", Timeframe.M1))
                .hasMessage("test.csv: line 4, time: 2024-01-01T00:01:00Z comes before 2024-01-01T00:02:00Z on line 3; rows must be sorted by time");
    }

    @Test
    void timesOffTheTimeframeGridAreRefused() {
        assertThat(refused("time,open,high,low,close,volume\n" + (T0 + 60_000) + ",10,12,9,11,1\n", Timeframe.M5))
                .hasMessage("test.csv: line 2, time: 2024-01-01T00:01:00Z is not on a 5m boundary (is the timeframe right?)");
    }

    @Test
    void otherMalformedFiles() {
        assertThat(refused("", Timeframe.M1)).hasMessage("test.csv: the file holds no candles");
        assertThat(refused("time,open,high,low\n1,2,3,4\n", Timeframe.M1)).hasMessage("test.csv: line 1, the header names no close column");
        assertThat(refused("time,open,high,low,close\n" + T0 + ",1,2\n", Timeframe.M1)).hasMessage("test.csv: line 2, expected at least 5 fields, found 3");
        assertThat(refused("time,open,high,low,close\nyesterday,1,2,0.5,1\n", Timeframe.M1)).hasMessageStartingWith("test.csv: line 2, time: 'yesterday' is not a timestamp");
        assertThat(refused("[[1,2,3]]", Timeframe.M1)).hasMessageContaining("a candle row needs time, open, high, low, close");
        assertThat(refused("[[" + T0 + ",1,2,0.5,1,", Timeframe.M1)).hasMessageStartingWith("test.csv: line 1, not valid JSON");
        assertThat(refused("{\"code\":\"400100\",\"msg\":\"bad\"}", Timeframe.M1)).hasMessage("test.csv: the JSON object holds no array of candles");
        assertThat(refused("t,o,h,l,c\n" + T0 + ",1,2,0.5,1\n" + (T0 + 7_000) + ",1,2,0.5,1\n", null))
                .hasMessageContaining("bars are mostly 7 s apart, which is no KuCoin timeframe; pass --timeframe");
    }

    @Test
    void missingFileAndFolder(@TempDir Path dir) {
        assertThatThrownBy(() -> CandleFiles.read(dir.resolve("nope.csv"), Timeframe.M1))
                .isInstanceOf(CandleFileException.class).hasMessage(dir.resolve("nope.csv") + ": no such file");
        assertThatThrownBy(() -> CandleFiles.read(dir, Timeframe.M1)).hasMessage(dir + ": is a folder, not a candle file");
    }

    @Test
    void csvExportReadsBackExactly(@TempDir Path dir) throws IOException {
        CandleSeries.Builder b = CandleSeries.builder(Timeframe.M1);
        b.add(T0, 0.00162008, 0.00162008, 0.00162008, 0.00162008, 108.14853839);
        b.add(T0 + 60_000, 0.1 + 0.2, 0.3000001, 1e-7 * 3, 0.2, 1e21);
        b.add(T0 + 120_000, 43_210.1, 43_999.9, 43_000, 43_500, 0);
        CandleSeries original = b.build();
        Path file = dir.resolve("out.csv");
        CandleCsv.write(original, file);
        String text = Files.readString(file);
        assertThat(text).startsWith("timestamp_ms,open,high,low,close,volume\n" + T0 + ",0.00162008,0.00162008,0.00162008,0.00162008,108.14853839\n")
                .contains(",0.30000000000000004,0.3000001,0.0000003,0.2,1000000000000000000000\n")
                .doesNotContain("E");
        assertThat(CandleFiles.read(file, Timeframe.M1).series()).isEqualTo(original);
    }
}
