package io.gpubot.core.market;

import java.util.SplittableRandom;

/**
 * A deterministic generator of realistic candles for benchmarks and tests at sizes no bundled file
 * has. The same parameters and seed always give the same series, bit for bit.
 *
 * <p>Log returns follow a GARCH(1,1) process (volatility clusters), plus a drift that switches between
 * up-trend, down-trend and sideways regimes, plus rare jumps. Each bar's high and low are drawn from
 * the exact distribution of the extremes of a Brownian bridge between its open and close, so ranges
 * are consistent with the bar's volatility. Volume rises with the size of the shock and follows a
 * daily cycle. Prices are rounded to the tick and each bar opens at the previous close.
 *
 * @param seed              random seed
 * @param timeframe         bar interval
 * @param startTime         open time of the first bar (aligned to the timeframe)
 * @param startPrice        first open
 * @param annualVolatility  long-run volatility of log returns per year (0.6 = 60%)
 * @param trendStrength     drift of a trending regime, per year in log terms (1.0 = 100%)
 * @param regimeDays        mean length of a regime, in days
 * @param jumpsPerDay       mean number of jumps per day
 * @param jumpSize          standard deviation of a jump's log return
 * @param tick              price step (0 for none)
 * @param baseVolume        median volume of a bar
 */
public record SyntheticMarket(long seed, Timeframe timeframe, long startTime, double startPrice, double annualVolatility,
                              double trendStrength, double regimeDays, double jumpsPerDay, double jumpSize, double tick,
                              double baseVolume) {

    private static final double YEAR_MS = 365.0 * 86_400_000;
    private static final double ALPHA = 0.06;
    private static final double BETA = 0.93;

    public SyntheticMarket {
        if (!timeframe.isAligned(startTime)) throw new IllegalArgumentException("start time is not on a " + timeframe + " boundary");
        if (!(startPrice > 0)) throw new IllegalArgumentException("start price must be above 0");
        if (!(annualVolatility > 0)) throw new IllegalArgumentException("volatility must be above 0");
        if (!(regimeDays > 0)) throw new IllegalArgumentException("regime length must be above 0");
        if (tick < 0 || jumpsPerDay < 0 || jumpSize < 0 || baseVolume < 0) throw new IllegalArgumentException("negative parameter");
    }

    /** Bitcoin-like one-minute bars from 2024-01-01, starting at 40,000 USDT on a 0.1 tick. */
    public static SyntheticMarket bitcoinLike(long seed) {
        return new SyntheticMarket(seed, Timeframe.M1, 1_704_067_200_000L, 40_000, 0.6, 1.5, 3, 0.5, 0.01, 0.1, 50);
    }

    public SyntheticMarket withTimeframe(Timeframe tf) {
        return new SyntheticMarket(seed, tf, tf.floor(startTime), startPrice, annualVolatility, trendStrength, regimeDays, jumpsPerDay,
                jumpSize, tick, baseVolume);
    }

    /** Generates {@code bars} consecutive bars (no gaps). */
    public CandleSeries generate(int bars) {
        SplittableRandom random = new SplittableRandom(seed);
        long step = timeframe.millis();
        double barsPerYear = YEAR_MS / step;
        double longRunVariance = annualVolatility * annualVolatility / barsPerYear;
        double omega = longRunVariance * (1 - ALPHA - BETA);
        double trendPerBar = trendStrength / barsPerYear;
        double regimeSwitch = step / (regimeDays * 86_400_000.0);
        double jumpChance = jumpsPerDay * step / 86_400_000.0;

        long[] time = new long[bars];
        double[] open = new double[bars];
        double[] high = new double[bars];
        double[] low = new double[bars];
        double[] close = new double[bars];
        double[] volume = new double[bars];

        double variance = longRunVariance;
        double shock = 0;
        int regime = 0;  // -1 down-trend, 0 sideways, +1 up-trend
        double price = round(startPrice);
        for (int i = 0; i < bars; i++) {
            long t = startTime + i * step;
            if (random.nextDouble() < regimeSwitch) {
                regime = random.nextInt(3) - 1;
            }
            variance = omega + ALPHA * shock * shock + BETA * variance;
            double sigma = Math.sqrt(variance);
            shock = sigma * random.nextGaussian();
            double jump = random.nextDouble() < jumpChance ? jumpSize * random.nextGaussian() : 0;
            double r = regime * trendPerBar + shock + jump;
            double pathVariance = variance + jump * jump;
            double up = 0.5 * (r + Math.sqrt(r * r - 2 * pathVariance * Math.log(1 - random.nextDouble())));
            double down = 0.5 * (r - Math.sqrt(r * r - 2 * pathVariance * Math.log(1 - random.nextDouble())));

            double o = price;
            double c = round(o * Math.exp(r));
            double h = Math.max(round(o * Math.exp(up)), Math.max(o, c));
            double l = Math.min(round(o * Math.exp(down)), Math.min(o, c));
            if (!(l > 0)) l = Math.min(o, c);
            double hourOfDay = (t % 86_400_000L) / 3_600_000.0;
            double daily = 1 + 0.35 * Math.cos(2 * Math.PI * (hourOfDay - 15) / 24);
            double surprise = Math.abs(shock + jump) / sigma;
            double v = baseVolume * daily * (0.4 + 0.6 * surprise) * Math.exp(0.5 * random.nextGaussian());

            time[i] = t;
            open[i] = o;
            high[i] = h;
            low[i] = l;
            close[i] = c;
            volume[i] = Math.round(v * 1000) / 1000.0;
            price = c;
        }
        return CandleSeries.of(timeframe, time, open, high, low, close, volume);
    }

    private double round(double price) {
        if (tick <= 0) return price;
        double rounded = Math.rint(price / tick) * tick;
        double k = Math.rint(1 / tick);
        if (k >= 1 && Math.abs(1 / tick - k) < 1e-9 * k) rounded = Math.rint(price * k) / k;
        return rounded > 0 ? rounded : tick;
    }
}
