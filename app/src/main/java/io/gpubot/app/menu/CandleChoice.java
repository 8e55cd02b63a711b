package io.gpubot.app.menu;

import io.gpubot.app.BundledDataset;
import io.gpubot.core.UserException;
import io.gpubot.core.market.CandleSeries;
import io.gpubot.core.market.Contract;
import io.gpubot.core.market.Contracts;
import io.gpubot.core.market.Timeframe;
import io.gpubot.data.CandleFiles;
import io.gpubot.data.CandleStore;
import io.gpubot.data.SeriesKey;
import io.gpubot.data.StoredSeries;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Where a mode's candles come from: a bundled dataset, a file of your own (then the contract whose facts
 * apply is asked), or a series already in the store ({@code s1}, {@code s2}... as listed, remembered as
 * {@code store:EXCHANGE:SYMBOL:TF}), at its own or a coarser timeframe.
 */
final class CandleChoice {

    static final String STORE_PREFIX = "store:";
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm", Locale.ROOT).withZone(ZoneOffset.UTC);

    /**
     * What was chosen.
     *
     * @param args     the command's options that name the candles (and the contract for a file)
     * @param contract the contract whose facts apply
     * @param bars     loads the candles (only when a question needs them, e.g. a sandbox's start)
     */
    record Chosen(List<String> args, Contract contract, Supplier<CandleSeries> bars) {
    }

    private final Path home;
    private final PrintWriter out;

    CandleChoice(Path home, PrintWriter out) {
        this.home = home;
        this.out = out;
    }

    /** The series in the store, or none when there is no store yet (asking must not create one). */
    List<StoredSeries> storeSeries() {
        Path file = home.resolve("candles.db");
        if (!Files.isRegularFile(file)) return List.of();
        try (CandleStore store = CandleStore.open(file)) {
            return store.list();
        } catch (UserException unreadable) {
            return List.of();
        }
    }

    Chosen ask(Questions q, String label, String builtInDefault) {
        List<StoredSeries> stored = storeSeries();
        if (!stored.isEmpty()) {
            out.println("In the store:");
            for (int k = 0; k < stored.size(); k++) {
                StoredSeries s = stored.get(k);
                out.printf(Locale.ROOT, "  s%d) %s, %s .. %s UTC, %,d bars%n", k + 1, s.key(), DAY.format(Instant.ofEpochMilli(s.first())),
                        DAY.format(Instant.ofEpochMilli(s.last())), s.bars());
            }
            out.flush();
        }
        String question = label + " (file or bundled:" + BundledDataset.names().replace(", ", ", bundled:")
                + (stored.isEmpty() ? "" : stored.size() == 1 ? ", or s1 from the store" : ", or s1..s" + stored.size() + " from the store") + ")";
        String answer = q.ask("data", question, builtInDefault, a -> check(a, stored));
        if (answer.matches("s\\d+")) {
            answer = storeAnswer(stored.get(Integer.parseInt(answer.substring(1)) - 1).key());
            q.record("data", answer);
        }
        if (answer.startsWith(STORE_PREFIX)) {
            SeriesKey key = storeKey(answer);
            String tf = q.ask("timeframe", "Timeframe (" + key.timeframe() + " or coarser, built from the stored bars)", key.timeframe().label(),
                    a -> coarser(a, key.timeframe()));
            List<String> args = new ArrayList<>(List.of("--symbol", key.symbol(), "--timeframe", tf));
            if (!key.exchange().equals(SeriesKey.KUCOIN)) args.addAll(List.of("--exchange", key.exchange()));
            Timeframe timeframe = Timeframe.parse(tf);
            return new Chosen(args, Contracts.get(key.symbol()), () -> {
                try (CandleStore store = CandleStore.open(home.resolve("candles.db"))) {
                    CandleSeries bars = store.load(key);
                    return timeframe == key.timeframe() ? bars : io.gpubot.core.market.Resampler.resample(bars, timeframe);
                }
            });
        }
        if (answer.startsWith(BundledDataset.PREFIX)) {
            BundledDataset dataset = BundledDataset.named(answer);
            return new Chosen(List.of("--data", answer), Contracts.get(dataset.key().symbol()), () -> dataset.read().series());
        }
        // A file of one's own: its rows say nothing of the contract, so ask whose facts (fees, multiplier, leverage) apply.
        String symbol = q.ask("contract", "Contract whose facts apply to this file (e.g. XBTUSDTM, ETHUSDTM)", "XBTUSDTM", Checks::symbol);
        Path file = Path.of(answer);
        return new Chosen(List.of("--data", answer, "--contract", symbol), Contracts.get(symbol), () -> CandleFiles.read(file, null).series());
    }

    /** A stored series picked by its number as the answer that names it for good. */
    static String storeAnswer(SeriesKey key) {
        return STORE_PREFIX + key.exchange() + ":" + key.symbol() + ":" + key.timeframe().label();
    }

    static SeriesKey storeKey(String answer) {
        String[] parts = answer.substring(STORE_PREFIX.length()).split(":");
        return new SeriesKey(parts[0], parts[1], Timeframe.parse(parts[2]));
    }

    /** Resolves {@code s3} or {@code store:...} to a stored series, if it is one. */
    static Optional<SeriesKey> stored(String answer, List<StoredSeries> stored) {
        if (answer.matches("s\\d+")) {
            int k = Integer.parseInt(answer.substring(1));
            return k >= 1 && k <= stored.size() ? Optional.of(stored.get(k - 1).key()) : Optional.empty();
        }
        if (answer.startsWith(STORE_PREFIX)) {
            try {
                SeriesKey key = storeKey(answer);
                return stored.stream().map(StoredSeries::key).filter(key::equals).findFirst();
            } catch (RuntimeException malformed) {
                return Optional.empty();
            }
        }
        return Optional.empty();
    }

    private static String check(String answer, List<StoredSeries> stored) {
        if (answer.matches("s\\d+") || answer.startsWith(STORE_PREFIX)) {
            return stored(answer, stored).isPresent() ? null
                    : stored.isEmpty() ? "the store is empty; give a file or a bundled dataset"
                    : "no stored series " + answer + "; choose s1" + (stored.size() > 1 ? "..s" + stored.size() : "");
        }
        return Checks.candles(answer);
    }

    /** A timeframe the stored bars can make: their own or a whole multiple of it. */
    static String coarser(String answer, Timeframe stored) {
        String problem = Checks.timeframe(answer);
        if (problem != null) return problem;
        Timeframe t = Timeframe.parse(answer);
        return t == stored || t.isMultipleOf(stored) ? null
                : "'" + answer + "' cannot be built from " + stored + " bars; choose " + stored + " or a whole multiple of it";
    }
}
