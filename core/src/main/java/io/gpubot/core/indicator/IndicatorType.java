package io.gpubot.core.indicator;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.ToIntFunction;

import static io.gpubot.core.indicator.Family.MOMENTUM;
import static io.gpubot.core.indicator.Family.MOVING_AVERAGE;
import static io.gpubot.core.indicator.Family.OSCILLATOR;
import static io.gpubot.core.indicator.Family.PRICE_STRUCTURE;
import static io.gpubot.core.indicator.Family.TREND;
import static io.gpubot.core.indicator.Family.VOLATILITY;
import static io.gpubot.core.indicator.Family.VOLUME;
import static io.gpubot.core.indicator.Parameter.level;
import static io.gpubot.core.indicator.Parameter.period;
import static io.gpubot.core.indicator.Parameter.real;

/**
 * The 50 indicator types: name, family, parameters, outputs, warm-up and classification rule.
 * The rules themselves are evaluated by {@code io.gpubot.core.signal.SignalRules}; the text here is what
 * the catalogue and the dashboard show. Parameter values are passed around as a {@code double[]} in the
 * order of {@link #parameters()}.
 */
public enum IndicatorType {

    SMA(MOVING_AVERAGE, "Simple moving average", "TA-Lib SMA",
            "close above the SMA: bullish; below: bearish",
            outputs("sma"), p -> i(p, 0) - 1, p -> new MovingAverages.Sma(i(p, 0)),
            period("period", 20, 2, 200)),
    EMA(MOVING_AVERAGE, "Exponential moving average (SMA-seeded)", "TA-Lib EMA",
            "EMA rose since the previous bar: bullish; fell: bearish",
            outputs("ema"), p -> i(p, 0) - 1, p -> new MovingAverages.Ema(i(p, 0)),
            period("period", 20, 2, 200)),
    WMA(MOVING_AVERAGE, "Linearly weighted moving average", "TA-Lib WMA",
            "close above the WMA: bullish; below: bearish",
            outputs("wma"), p -> i(p, 0) - 1, p -> new MovingAverages.Wma(i(p, 0)),
            period("period", 20, 2, 200)),
    DEMA(MOVING_AVERAGE, "Double exponential moving average", "TA-Lib DEMA",
            "DEMA rose since the previous bar: bullish; fell: bearish",
            outputs("dema"), p -> 2 * (i(p, 0) - 1), p -> new MovingAverages.Dema(i(p, 0)),
            period("period", 20, 2, 100)),
    TEMA(MOVING_AVERAGE, "Triple exponential moving average", "TA-Lib TEMA",
            "TEMA rose since the previous bar: bullish; fell: bearish",
            outputs("tema"), p -> 3 * (i(p, 0) - 1), p -> new MovingAverages.Tema(i(p, 0)),
            period("period", 20, 2, 100)),
    TRIMA(MOVING_AVERAGE, "Triangular moving average", "TA-Lib TRIMA",
            "TRIMA rose since the previous bar: bullish; fell: bearish",
            outputs("trima"), p -> i(p, 0) - 1, p -> new MovingAverages.Trima(i(p, 0)),
            period("period", 20, 2, 200)),
    KAMA(MOVING_AVERAGE, "Kaufman adaptive moving average (fast 2, slow 30)", "TA-Lib KAMA",
            "KAMA rose since the previous bar: bullish; fell: bearish",
            outputs("kama"), p -> i(p, 0), p -> new MovingAverages.Kama(i(p, 0)),
            period("period", 10, 2, 100)),
    T3(MOVING_AVERAGE, "Tillson T3 moving average", "TA-Lib T3",
            "T3 rose since the previous bar: bullish; fell: bearish",
            outputs("t3"), p -> 6 * (i(p, 0) - 1), p -> new MovingAverages.T3(i(p, 0), p[1]),
            period("period", 5, 2, 50), real("vfactor", 0.7, 0.0, 1.0, 0.5, 0.6, 0.7, 0.8, 0.9)),
    HMA(MOVING_AVERAGE, "Hull moving average", "Lean HullMovingAverage (spy_hma.txt)",
            "HMA rose since the previous bar: bullish; fell: bearish",
            outputs("hma"), p -> i(p, 0) - 1 + (int) Math.sqrt(i(p, 0)) - 1, p -> new MovingAverages.Hma(i(p, 0)),
            period("period", 20, 4, 200)),
    VWMA(MOVING_AVERAGE, "Volume-weighted moving average", "Lean VolumeWeightedMovingAverage (spy_with_vwma.csv)",
            "close above the VWMA: bullish; below: bearish",
            outputs("vwma"), p -> i(p, 0) - 1, p -> new MovingAverages.Vwma(i(p, 0)),
            period("period", 20, 2, 200)),

    RSI(OSCILLATOR, "Relative strength index (Wilder)", "TA-Lib RSI",
            "RSI below oversold: bullish; above overbought: bearish",
            outputs("rsi"), p -> i(p, 0), p -> new Oscillators.Rsi(i(p, 0)),
            period("period", 14, 2, 100), oversold(30), overbought(70)),
    STOCH(OSCILLATOR, "Slow stochastic (SMA smoothing)", "TA-Lib STOCH",
            "slow %K below oversold and above slow %D: bullish; above overbought and below %D: bearish",
            outputs("slowk", "slowd"), p -> i(p, 0) - 1 + i(p, 1) - 1 + i(p, 2) - 1,
            p -> new Oscillators.Stoch(i(p, 0), i(p, 1), i(p, 2)),
            period("fastk", 14, 2, 100), period("slowk", 3, 1, 20), period("slowd", 3, 1, 20), oversold(20), overbought(80)),
    STOCHF(OSCILLATOR, "Fast stochastic (SMA smoothing)", "TA-Lib STOCHF",
            "fast %K above fast %D: bullish; below: bearish",
            outputs("fastk", "fastd"), p -> i(p, 0) - 1 + i(p, 1) - 1, p -> new Oscillators.StochFast(i(p, 0), i(p, 1)),
            period("fastk", 5, 2, 100), period("fastd", 3, 1, 20)),
    STOCHRSI(OSCILLATOR, "Stochastic of RSI", "TA-Lib STOCHRSI",
            "StochRSI %K below oversold: bullish; above overbought: bearish",
            outputs("fastk", "fastd"), p -> i(p, 0) + i(p, 1) - 1 + i(p, 2) - 1,
            p -> new Oscillators.StochRsi(i(p, 0), i(p, 1), i(p, 2)),
            period("period", 14, 2, 100), period("fastk", 14, 2, 100), period("fastd", 3, 1, 20), oversold(20), overbought(80)),
    WILLR(OSCILLATOR, "Williams %R", "TA-Lib WILLR",
            "%R below oversold: bullish; above overbought: bearish",
            outputs("willr"), p -> i(p, 0) - 1, p -> new Oscillators.WilliamsR(i(p, 0)),
            period("period", 14, 2, 100), level("oversold", -80, -95, -50, -90, -85, -80, -75, -70),
            level("overbought", -20, -50, -5, -30, -25, -20, -15, -10)),
    CCI(OSCILLATOR, "Commodity channel index", "TA-Lib CCI",
            "CCI below oversold: bullish; above overbought: bearish",
            outputs("cci"), p -> i(p, 0) - 1, p -> new Oscillators.Cci(i(p, 0)),
            period("period", 20, 2, 100), level("oversold", -100, -300, -50, -200, -150, -100, -75),
            level("overbought", 100, 50, 300, 75, 100, 150, 200)),
    MFI(OSCILLATOR, "Money flow index", "TA-Lib MFI",
            "MFI below oversold: bullish; above overbought: bearish",
            outputs("mfi"), p -> i(p, 0), p -> new Oscillators.Mfi(i(p, 0)),
            period("period", 14, 2, 100), oversold(20), overbought(80)),
    CMO(OSCILLATOR, "Chande momentum oscillator (Wilder, as TA-Lib)", "TA-Lib CMO",
            "CMO below -level and rising: bullish; above +level and falling: bearish",
            outputs("cmo"), p -> i(p, 0), p -> new Oscillators.Cmo(i(p, 0)),
            period("period", 14, 2, 100), level("level", 50, 5, 95, 20, 30, 40, 50, 60, 70)),
    ULTOSC(OSCILLATOR, "Ultimate oscillator", "TA-Lib ULTOSC",
            "ULTOSC below oversold: bullish; above overbought: bearish",
            outputs("ultosc"), p -> Math.max(i(p, 0), Math.max(i(p, 1), i(p, 2))),
            p -> new Oscillators.UltimateOscillator(i(p, 0), i(p, 1), i(p, 2)),
            period("short", 7, 2, 50), period("medium", 14, 3, 100), period("long", 28, 4, 200), oversold(30), overbought(70)),

    MACD(MOMENTUM, "Moving average convergence/divergence", "TA-Lib MACD",
            "MACD line above its signal line: bullish; below: bearish",
            outputs("macd", "signal", "hist"), p -> i(p, 1) - 1 + i(p, 2) - 1,
            p -> new Momentum.Macd(i(p, 0), i(p, 1), i(p, 2)),
            period("fast", 12, 2, 100), period("slow", 26, 3, 200), period("signal", 9, 1, 50)),
    PPO(MOMENTUM, "Percentage price oscillator (EMA)", "TA-Lib PPO (MAType EMA)",
            "PPO above +level percent: bullish; below -level: bearish",
            outputs("ppo"), p -> i(p, 1) - 1, p -> new Momentum.Ppo(i(p, 0), i(p, 1)),
            period("fast", 12, 2, 100), period("slow", 26, 3, 200), level("level", 0.5, 0.05, 5, 0.1, 0.25, 0.5, 1, 2)),
    APO(MOMENTUM, "Absolute price oscillator (EMA)", "TA-Lib APO (MAType EMA)",
            "APO (fast EMA minus slow EMA) above 0: bullish; below: bearish",
            outputs("apo"), p -> i(p, 1) - 1, p -> new Momentum.Apo(i(p, 0), i(p, 1)),
            period("fast", 12, 2, 100), period("slow", 26, 3, 200)),
    MOM(MOMENTUM, "Momentum", "TA-Lib MOM",
            "momentum above 0: bullish; below: bearish",
            outputs("mom"), p -> i(p, 0), p -> new Momentum.Mom(i(p, 0)),
            period("period", 10, 1, 200)),
    ROC(MOMENTUM, "Rate of change (percent)", "TA-Lib ROC",
            "ROC above +level percent: bullish; below -level: bearish",
            outputs("roc"), p -> i(p, 0), p -> new Momentum.Roc(i(p, 0)),
            period("period", 10, 1, 200), level("level", 1, 0.1, 20, 0.5, 1, 2, 5, 10)),
    TRIX(MOMENTUM, "TRIX: rate of change of a triple EMA", "TA-Lib TRIX",
            "TRIX above 0: bullish; below: bearish",
            outputs("trix"), p -> 3 * (i(p, 0) - 1) + 1, p -> new Momentum.Trix(i(p, 0)),
            period("period", 15, 2, 100)),
    TSI(MOMENTUM, "True strength index with signal line", "Lean TrueStrengthIndex (spy_tsi.csv)",
            "TSI above its signal line: bullish; below: bearish",
            outputs("tsi", "signal"), p -> i(p, 0) + i(p, 1) - 1 + i(p, 2) - 1,
            p -> new Momentum.Tsi(i(p, 0), i(p, 1), i(p, 2)),
            period("long", 25, 2, 100), period("short", 13, 2, 100), period("signal", 7, 1, 50)),
    AO(MOMENTUM, "Awesome oscillator", "Lean AwesomeOscillator (spy_ao.txt)",
            "AO above 0 and rising: bullish; below 0 and falling: bearish",
            outputs("ao"), p -> i(p, 1) - 1, p -> new Momentum.Awesome(i(p, 0), i(p, 1)),
            period("fast", 5, 2, 100), period("slow", 34, 3, 200)),
    DPO(MOMENTUM, "Detrended price oscillator", "Lean DetrendedPriceOscillator (spy_dpo.csv)",
            "DPO above 0: bullish; below: bearish",
            outputs("dpo"), p -> i(p, 0) - 1, p -> new Momentum.Dpo(i(p, 0)),
            period("period", 20, 3, 200)),

    ADX(TREND, "Average directional index with +DI and -DI", "TA-Lib ADX, PLUS_DI, MINUS_DI",
            "ADX above threshold with +DI above -DI: bullish; with -DI above +DI: bearish",
            outputs("adx", "plusdi", "minusdi"), p -> 2 * i(p, 0) - 1, p -> new Trend.Adx(i(p, 0)),
            period("period", 14, 2, 100), level("threshold", 25, 10, 50, 20, 25, 30, 35, 40)),
    AROON(TREND, "Aroon down, up and oscillator", "TA-Lib AROON, AROONOSC",
            "Aroon up at or above level and down at or below 100-level: bullish; the mirror: bearish",
            outputs("down", "up", "osc"), p -> i(p, 0), p -> new Trend.Aroon(i(p, 0)),
            period("period", 25, 2, 100), level("level", 70, 50, 100, 50, 60, 70, 80, 90)),
    LINEARREG_SLOPE(TREND, "Linear regression slope", "TA-Lib LINEARREG_SLOPE",
            "regression slope above 0: bullish; below: bearish",
            outputs("slope"), p -> i(p, 0) - 1, p -> new Trend.LinearRegressionSlope(i(p, 0)),
            period("period", 14, 2, 200)),
    TSF(TREND, "Time series forecast", "TA-Lib TSF",
            "forecast above the close: bullish; below: bearish",
            outputs("tsf"), p -> i(p, 0) - 1, p -> new Trend.TimeSeriesForecast(i(p, 0)),
            period("period", 14, 2, 200)),
    SAR(TREND, "Parabolic SAR", "TA-Lib SAR",
            "close above the SAR: bullish; below: bearish",
            outputs("sar"), p -> 1, p -> new Trend.ParabolicSar(p[0], p[1]),
            real("acceleration", 0.02, 0.005, 0.2, 0.01, 0.015, 0.02, 0.025, 0.03),
            real("maximum", 0.2, 0.05, 0.5, 0.1, 0.15, 0.2, 0.3)),
    SUPERTREND(TREND, "SuperTrend on a Wilder ATR", "Lean SuperTrend (dwac_supertrend.txt)",
            "SuperTrend direction up: bullish; down: bearish",
            outputs("supertrend", "direction"), p -> i(p, 0) - 1, p -> new Trend.SuperTrend(i(p, 0), p[1]),
            period("period", 10, 2, 100), real("multiplier", 3, 0.5, 10, 1, 1.5, 2, 2.5, 3, 4)),
    ICHIMOKU(TREND, "Ichimoku cloud", "Lean IchimokuKinkoHyo (spy_with_ichimoku.csv)",
            "close above the cloud with tenkan above kijun: bullish; below the cloud with tenkan below kijun: bearish",
            outputs("tenkan", "kijun", "senkoua", "senkoub"), p -> i(p, 2) - 1 + i(p, 1),
            p -> new Trend.Ichimoku(i(p, 0), i(p, 1), i(p, 2)),
            period("tenkan", 9, 2, 100), period("kijun", 26, 2, 200), period("senkou", 52, 2, 200)),

    ATR(VOLATILITY, "Average true range (Wilder)", "TA-Lib ATR",
            "ATR rising while the close rises: bullish; ATR rising while the close falls: bearish",
            outputs("atr"), p -> i(p, 0), p -> new Volatility.Atr(i(p, 0)),
            period("period", 14, 2, 100)),
    NATR(VOLATILITY, "Normalised ATR (percent of close)", "TA-Lib NATR",
            "NATR at or above level with a rising candle (close above open): bullish; with a falling candle: bearish",
            outputs("natr"), p -> i(p, 0), p -> new Volatility.Natr(i(p, 0)),
            period("period", 14, 2, 100), level("level", 1, 0.1, 10, 0.5, 1, 1.5, 2, 3)),
    BBANDS(VOLATILITY, "Bollinger bands (SMA, population deviation)", "TA-Lib BBANDS",
            "close below the lower band: bullish; above the upper band: bearish",
            outputs("upper", "middle", "lower"), p -> i(p, 0) - 1, p -> new Volatility.Bollinger(i(p, 0), p[1]),
            period("period", 20, 2, 200), real("nbdev", 2, 0.5, 4, 1, 1.5, 2, 2.5, 3)),
    KELTNER(VOLATILITY, "Keltner channels (SMA of typical price, SMA of true range)", "Lean KeltnerChannels (spy_with_keltner.csv)",
            "close above the upper channel: bullish (breakout); below the lower: bearish",
            outputs("upper", "middle", "lower"), p -> i(p, 0) - 1, p -> new Volatility.Keltner(i(p, 0), p[1]),
            period("period", 20, 2, 200), real("multiplier", 2, 0.5, 5, 1, 1.5, 2, 2.5, 3)),
    DONCHIAN(VOLATILITY, "Donchian channel", "Lean DonchianChannel (spy_with_don50.txt)",
            "close above the previous bar's upper channel: bullish; below its lower channel: bearish",
            outputs("upper", "middle", "lower"), p -> i(p, 0) - 1, p -> new Volatility.Donchian(i(p, 0)),
            period("period", 20, 2, 200)),
    STDDEV(VOLATILITY, "Standard deviation of closes (population)", "TA-Lib STDDEV",
            "deviation rising with a rising candle (close above open): bullish; with a falling candle: bearish",
            outputs("stddev"), p -> i(p, 0) - 1, p -> new Volatility.StandardDeviation(i(p, 0)),
            period("period", 20, 2, 200)),

    OBV(VOLUME, "On-balance volume and its SMA", "TA-Lib OBV (+ TA-Lib SMA of it)",
            "OBV above its SMA: bullish; below: bearish",
            outputs("obv", "sma"), p -> i(p, 0) - 1, p -> new Volume.Obv(i(p, 0)),
            period("period", 20, 2, 200)),
    AD(VOLUME, "Chaikin accumulation/distribution line", "TA-Lib AD",
            "A/D rising while the close rises: bullish; A/D falling while the close falls: bearish",
            outputs("ad"), p -> 0, p -> new Volume.AccumulationDistribution()),
    ADOSC(VOLUME, "Chaikin A/D oscillator", "TA-Lib ADOSC",
            "ADOSC above 0: bullish; below: bearish",
            outputs("adosc"), p -> Math.max(i(p, 0), i(p, 1)) - 1, p -> new Volume.ChaikinOscillator(i(p, 0), i(p, 1)),
            period("fast", 3, 2, 50), period("slow", 10, 3, 100)),
    CMF(VOLUME, "Chaikin money flow", "Lean ChaikinMoneyFlow (spy_cmf.txt)",
            "CMF above +level: bullish; below -level: bearish",
            outputs("cmf"), p -> i(p, 0) - 1, p -> new Volume.ChaikinMoneyFlow(i(p, 0)),
            period("period", 20, 2, 200), level("level", 0.05, 0, 0.5, 0, 0.05, 0.1, 0.15, 0.2)),
    VWAP(VOLUME, "Session VWAP of the typical price (sessions of `session` hours from Monday 00:00 UTC)", "hand-computed values",
            "close above the session VWAP: bullish; below: bearish",
            outputs("vwap"), p -> 0, p -> new Volume.SessionVwap(i(p, 0)),
            new Parameter("session", true, 24, 1, 168, new double[] {1, 4, 8, 12, 24, 168}, false)),
    VOSC(VOLUME, "Volume oscillator (SMA, percent)", "TA-Lib SMA of volume",
            "volume above its slow average while the close rises: bullish; while it falls: bearish",
            outputs("vosc"), p -> i(p, 1) - 1, p -> new Volume.VolumeOscillator(i(p, 0), i(p, 1)),
            period("fast", 5, 2, 100), period("slow", 10, 3, 200)),

    PIVOT(PRICE_STRUCTURE, "Floor pivot points of the previous bars", "hand-computed values",
            "close above R1: bullish; below S1: bearish",
            outputs("pivot", "r1", "s1"), p -> i(p, 0), p -> new PriceStructure.PivotPoints(i(p, 0)),
            period("period", 6, 1, 200)),
    FRACTAL(PRICE_STRUCTURE, "Williams fractals (latest up and down levels)", "hand-computed values",
            "close above the latest up fractal: bullish; below the latest down fractal: bearish",
            outputs("up", "down"), p -> 2 * i(p, 0), p -> new PriceStructure.Fractals(i(p, 0)),
            new Parameter("span", true, 2, 1, 10, new double[] {1, 2, 3, 4, 5}, false)),
    HEIKINASHI(PRICE_STRUCTURE, "Heikin-Ashi candles", "Lean HeikinAshi (spy_heikin_ashi.txt)",
            "rising Heikin-Ashi candle without lower shadow: bullish; falling without upper shadow: bearish",
            outputs("open", "high", "low", "close"), p -> 0, p -> new PriceStructure.HeikinAshi());

    private final Family family;
    private final String title;
    private final String reference;
    private final String rule;
    private final List<String> outputs;
    private final ToIntFunction<double[]> warmUp;
    private final Function<double[], Indicator> factory;
    private final List<Parameter> parameters;

    IndicatorType(Family family, String title, String reference, String rule, String[] outputs,
                  ToIntFunction<double[]> warmUp, Function<double[], Indicator> factory, Parameter... parameters) {
        this.family = family;
        this.title = title;
        this.reference = reference;
        this.rule = rule;
        this.outputs = List.of(outputs);
        this.warmUp = warmUp;
        this.factory = factory;
        this.parameters = List.of(parameters);
    }

    public Family family() {
        return family;
    }

    /** What the indicator is, in a few words. */
    public String title() {
        return title;
    }

    /** What the implementation is checked against in the tests. */
    public String reference() {
        return reference;
    }

    /** The classification rule in one line. */
    public String rule() {
        return rule;
    }

    /** Output names, in the order of {@link Indicator#value(int)}. */
    public List<String> outputs() {
        return outputs;
    }

    public List<Parameter> parameters() {
        return parameters;
    }

    /** Index of the named parameter, or -1. */
    public int parameterIndex(String name) {
        for (int k = 0; k < parameters.size(); k++) {
            if (parameters.get(k).name().equalsIgnoreCase(name)) return k;
        }
        return -1;
    }

    /** Index of the named output, or -1. */
    public int outputIndex(String name) {
        return outputs.indexOf(name.toLowerCase(Locale.ROOT));
    }

    /** The default parameter values. */
    public double[] defaults() {
        double[] values = new double[parameters.size()];
        for (int k = 0; k < values.length; k++) values[k] = parameters.get(k).defaultValue();
        return values;
    }

    /**
     * Hours of the session a session-anchored type restarts at (VWAP's {@code session}); 0 for the others.
     * Its values depend on where the session began, so a warm-up must reach back to a session start.
     */
    int sessionHours(double[] values) {
        return this == VWAP ? i(values, 0) : 0;
    }

    /** Bars before the first defined value: outputs are NaN at bars {@code 0 .. warmUp-1}. */
    int warmUp(double[] values) {
        return warmUp.applyAsInt(values);
    }

    Indicator create(double[] values) {
        return factory.apply(values);
    }

    /**
     * Why these (in-range) values cannot go together, e.g. a fast period not shorter than the slow one;
     * empty when they can.
     */
    public Optional<String> constraintViolation(double[] values) {
        List<String> problems = new ArrayList<>();
        switch (this) {
            case MACD, PPO, APO, AO, ADOSC, VOSC -> {
                if (values[0] >= values[1]) problems.add("fast must be shorter than slow");
            }
            case ULTOSC -> {
                if (!(values[0] < values[1] && values[1] < values[2])) problems.add("need short < medium < long");
            }
            case ICHIMOKU -> {
                if (!(values[0] <= values[1] && values[1] <= values[2])) problems.add("need tenkan <= kijun <= senkou");
            }
            case SAR -> {
                if (values[0] > values[1]) problems.add("acceleration must not exceed maximum");
            }
            default -> {
            }
        }
        int oversold = parameterIndex("oversold");
        int overbought = parameterIndex("overbought");
        if (oversold >= 0 && overbought >= 0 && values[oversold] >= values[overbought]) {
            problems.add("oversold must be below overbought");
        }
        return problems.isEmpty() ? Optional.empty() : Optional.of(String.join("; ", problems));
    }

    /** The type with this name (case-insensitive). */
    public static Optional<IndicatorType> named(String name) {
        String wanted = name.trim().toUpperCase(Locale.ROOT);
        for (IndicatorType type : values()) {
            if (type.name().equals(wanted)) return Optional.of(type);
        }
        return Optional.empty();
    }

    private static String[] outputs(String... names) {
        return names;
    }

    private static int i(double[] p, int k) {
        return (int) p[k];
    }

    private static Parameter oversold(double value) {
        return level("oversold", value, 5, 50, 15, 20, 25, 30, 35, 40);
    }

    private static Parameter overbought(double value) {
        return level("overbought", value, 50, 95, 60, 65, 70, 75, 80, 85);
    }
}
