// The cold path on the device: indicator values of some types (the streaming update() of
// core/indicator, operation for operation) and the vote bitsets of every type (core/signal/VoteKernels,
// loop for loop), written as the same 64-bit words the CPU's IndicatorCache makes. fp64 without
// contraction; only + - * / and fabs, all correctly rounded, so every value is the JVM's double.
// The candle columns are the evaluator's device copies (bar 0 is the series' first bar); they are finite.
#pragma OPENCL EXTENSION cl_khr_fp64 : enable
#pragma OPENCL FP_CONTRACT OFF

// ---------------------------------------------------------------------------------------------------
// Indicator values. One task = (computation, first bar, end bar). Sequential types run one task over the
// whole series; window types (WILLR, DONCHIAN, AROON) run segments, each warming its window up on the bars
// before it: their outputs depend only on the window's content (RollingExtremes keeps the highest value
// and the newest bar holding it, whatever bar it started from).

#define V_SMA 0
#define V_EMA 1
#define V_RSI 2
#define V_ATR 3
#define V_WILLR 4
#define V_DONCHIAN 5
#define V_AROON 6
#define V_STOCHF 7
#define V_STOCH 8

#define RING 20

// RollingExtremes.update over bars [first, b] of the columns: rescan when the extreme leaves, ties to the newest.
typedef struct {
    int hiIdx;
    int loIdx;
    double hi;
    double lo;
} Extremes;

void extremes_update(Extremes* e, __global const double* high, __global const double* low, int first, int b, int period) {
    int trailing = b - period + 1;
    if (e->hiIdx < trailing || e->hiIdx < 0) {
        int start = max(first, trailing);
        e->hiIdx = start;
        e->hi = high[start];
        for (int i = start + 1; i <= b; i++) {
            double h = high[i];
            if (h >= e->hi) {
                e->hi = h;
                e->hiIdx = i;
            }
        }
    } else if (high[b] >= e->hi) {
        e->hi = high[b];
        e->hiIdx = b;
    }
    if (e->loIdx < trailing || e->loIdx < 0) {
        int start = max(first, trailing);
        e->loIdx = start;
        e->lo = low[start];
        for (int i = start + 1; i <= b; i++) {
            double l = low[i];
            if (l <= e->lo) {
                e->lo = l;
                e->loIdx = i;
            }
        }
    } else if (low[b] <= e->lo) {
        e->lo = low[b];
        e->loIdx = b;
    }
}

// RollingSma (period at most RING).
typedef struct {
    double w[RING];
    int period;
    int next;
    int count;
    double sum;
    double value;
} Sma;

void sma_init(Sma* s, int period) {
    s->period = period;
    s->next = 0;
    s->count = 0;
    s->sum = 0.0;
    s->value = NAN;
}

double sma_update(Sma* s, double x) {
    s->w[s->next] = x;
    s->next = s->next + 1 == s->period ? 0 : s->next + 1;
    s->sum += x;
    if (s->count < s->period && ++s->count < s->period) return s->value;
    s->value = s->sum / s->period;
    s->sum -= s->w[s->next];
    return s->value;
}

// Oscillators.rawK
double raw_k(double close, double highest, double lowest) {
    double diff = (highest - lowest) / 100.0;
    return diff != 0.0 ? (close - lowest) / diff : 0.0;
}

// Trend.trueRange
double true_range(double high, double low, double previousClose) {
    double range = high - low;
    double candidate = fabs(previousClose - high);
    if (candidate > range) range = candidate;
    candidate = fabs(previousClose - low);
    if (candidate > range) range = candidate;
    return range;
}

__kernel void indicator_values(__global const double* high, __global const double* low, __global const double* close, int n,
                               __global const int* comps, __global const long* compOut, __global const int* tasks, int taskCount,
                               __global double* values) {
    int t = get_global_id(0);
    if (t >= taskCount) return;
    int c = tasks[3 * t];
    int from = tasks[3 * t + 1];
    int to = tasks[3 * t + 2];
    int type = comps[4 * c];
    int p0 = comps[4 * c + 1];
    int p1 = comps[4 * c + 2];
    int p2 = comps[4 * c + 3];
    __global double* o0 = values + compOut[c];
    __global double* o1 = o0 + n;
    __global double* o2 = o1 + n;
    switch (type) {
        case V_SMA: {
            // RollingSma: add the newest, divide, remove the oldest (the input of bar b - period + 1).
            int count = 0;
            double sum = 0.0;
            for (int b = 0; b < n; b++) {
                double x = close[b];
                sum += x;
                if (count < p0 && ++count < p0) {
                    o0[b] = NAN;
                    continue;
                }
                double value = sum / p0;
                sum -= close[b - p0 + 1];
                o0[b] = value;
            }
            break;
        }
        case V_EMA: {
            // SeededEma: the SMA of the first period inputs, then ((x - ema) * k) + ema.
            double k = 2.0 / (p0 + 1);
            int count = 0;
            double sum = 0.0;
            double value = NAN;
            for (int b = 0; b < n; b++) {
                double x = close[b];
                if (count < p0) {
                    sum += x;
                    if (++count == p0) value = sum / p0;
                } else {
                    value = ((x - value) * k) + value;
                }
                o0[b] = value;
            }
            break;
        }
        case V_RSI: {
            // WilderGainLoss, then 100 * gain / (gain + loss), 0 when the sum is TA-Lib's zero.
            int count = 0;
            double previous = 0.0;
            double gain = 0.0;
            double loss = 0.0;
            double out = NAN;
            for (int b = 0; b < n; b++) {
                double x = close[b];
                bool defined = false;
                count++;
                if (count == 1) {
                    previous = x;
                } else {
                    double change = x - previous;
                    previous = x;
                    if (count <= p0 + 1) {
                        if (change < 0) loss -= change;
                        else gain += change;
                        if (count == p0 + 1) {
                            loss /= p0;
                            gain /= p0;
                            defined = true;
                        }
                    } else {
                        loss *= (p0 - 1);
                        gain *= (p0 - 1);
                        if (change < 0) loss -= change;
                        else gain += change;
                        loss /= p0;
                        gain /= p0;
                        defined = true;
                    }
                }
                if (defined) {
                    double sum = gain + loss;
                    out = !(-0.00000001 < sum && sum < 0.00000001) ? 100.0 * (gain / sum) : 0.0;
                }
                o0[b] = out;
            }
            break;
        }
        case V_ATR: {
            // WilderAverage of true ranges from the second bar on.
            int count = 0;
            double sum = 0.0;
            double value = NAN;
            for (int b = 0; b < n; b++) {
                if (b > 0) {
                    double x = true_range(high[b], low[b], close[b - 1]);
                    if (count < p0) {
                        sum += x;
                        if (++count == p0) value = sum / p0;
                    } else {
                        double v = value * (p0 - 1);
                        v += x;
                        value = v / p0;
                    }
                }
                o0[b] = value;
            }
            break;
        }
        case V_WILLR:
        case V_DONCHIAN:
        case V_AROON: {
            int window = type == V_AROON ? p0 + 1 : p0;
            int first = max(0, from - window + 1);
            Extremes e = {-1, -1, 0.0, 0.0};
            for (int b = first; b < from; b++) extremes_update(&e, high, low, first, b, window);
            double factor = 100.0 / p0;
            for (int b = from; b < to; b++) {
                extremes_update(&e, high, low, first, b, window);
                bool full = b >= window - 1;
                if (type == V_WILLR) {
                    double out = NAN;
                    if (full) {
                        double diff = (e.hi - e.lo) / (-100.0);
                        out = diff != 0.0 ? (e.hi - close[b]) / diff : 0.0;
                    }
                    o0[b] = out;
                } else if (type == V_DONCHIAN) {
                    o0[b] = full ? e.hi : NAN;
                    o1[b] = full ? (e.hi + e.lo) / 2 : NAN;
                    o2[b] = full ? e.lo : NAN;
                } else {
                    int highestAgo = b - e.hiIdx;
                    int lowestAgo = b - e.loIdx;
                    o0[b] = full ? factor * (p0 - lowestAgo) : NAN;
                    o1[b] = full ? factor * (p0 - highestAgo) : NAN;
                    o2[b] = full ? factor * (lowestAgo - highestAgo) : NAN;
                }
            }
            break;
        }
        case V_STOCHF: {
            // fast %K of the window, fast %D its SMA; both NaN until %D is defined.
            Extremes e = {-1, -1, 0.0, 0.0};
            Sma d;
            sma_init(&d, p1);
            double k0 = NAN, d0 = NAN;
            for (int b = 0; b < n; b++) {
                extremes_update(&e, high, low, 0, b, p0);
                if (b >= p0 - 1) {
                    double k = raw_k(close[b], e.hi, e.lo);
                    double dv = sma_update(&d, k);
                    if (dv == dv) {
                        k0 = k;
                        d0 = dv;
                    }
                }
                o0[b] = k0;
                o1[b] = d0;
            }
            break;
        }
        case V_STOCH: {
            // slow %K: SMA of the raw %K; slow %D: SMA of slow %K.
            Extremes e = {-1, -1, 0.0, 0.0};
            Sma sk;
            Sma sd;
            sma_init(&sk, p1);
            sma_init(&sd, p2);
            double k0 = NAN, d0 = NAN;
            for (int b = 0; b < n; b++) {
                extremes_update(&e, high, low, 0, b, p0);
                if (b >= p0 - 1) {
                    double k = sma_update(&sk, raw_k(close[b], e.hi, e.lo));
                    if (k == k) {
                        double dv = sma_update(&sd, k);
                        if (dv == dv) {
                            k0 = k;
                            d0 = dv;
                        }
                    }
                }
                o0[b] = k0;
                o1[b] = d0;
            }
            break;
        }
        default:
            break;
    }
}

// ---------------------------------------------------------------------------------------------------
// Votes: VoteKernels' rule families, one work-item per (spec, 64-bar word). A NaN first output is neutral
// (every family's comparisons are false on NaN, or it tests the output itself); rules reading the previous
// bar start at bar 1 (or the lag); the bullish test wins where both could hold.

#define F_SIGN_CLOSE_V 0
#define F_SIGN_V_PREV 1
#define F_BAND 2
#define F_STOCH 3
#define F_SIGN_V_O1 4
#define F_CMO 5
#define F_LEVEL 6
#define F_AO 7
#define F_ADX 8
#define F_AROON 9
#define F_SIGN_V_CLOSE 10
#define F_SUPERTREND 11
#define F_ICHIMOKU 12
#define F_ATR 13
#define F_STDDEV 14
#define F_NATR 15
#define F_BBANDS 16
#define F_CHANNEL 17
#define F_AD 18
#define F_VOSC 19
#define F_HEIKINASHI 20

#define BIT(i) (((ulong) 1) << ((i) & 63))

__kernel void classify_votes(__global const double* values, __global const double* open, __global const double* close, int n, int words,
                             __global const int* specInt, __global const long* specCol, __global const double* specReal, int specCount,
                             __global ulong* bullOut, __global ulong* bearOut) {
    long gid = get_global_id(0);
    if (gid >= (long) specCount * words) return;
    int s = (int) (gid / words);
    int w = (int) (gid - (long) s * words);
    int family = specInt[3 * s];
    int lag = specInt[3 * s + 1];
    long slot = specInt[3 * s + 2];
    __global const double* v = values + specCol[4 * s];
    __global const double* o1 = values + specCol[4 * s + 1];
    __global const double* o2 = values + specCol[4 * s + 2];
    __global const double* o3 = values + specCol[4 * s + 3];
    double pa = specReal[2 * s];
    double pb = specReal[2 * s + 1];
    int from = 0;
    switch (family) {
        case F_SIGN_V_PREV:
        case F_CMO:
        case F_AO:
        case F_ATR:
        case F_STDDEV:
        case F_AD:
        case F_VOSC:
            from = 1;
            break;
        case F_CHANNEL:
            from = lag;
            break;
        default:
            break;
    }
    int begin = max(from, w << 6);
    int end = min(n, (w + 1) << 6);
    ulong a1 = 0, a2 = 0, b1 = 0, b2 = 0;
    ulong up = 0, down = 0;
    for (int i = begin; i < end; i++) {
        ulong bit = BIT(i);
        double x = v[i];
        switch (family) {
            case F_SIGN_CLOSE_V:
                a1 |= close[i] > x ? bit : 0;
                b1 |= close[i] < x ? bit : 0;
                break;
            case F_SIGN_V_PREV:
                a1 |= x > v[i - 1] ? bit : 0;
                b1 |= x < v[i - 1] ? bit : 0;
                break;
            case F_BAND:
                a1 |= x < pa ? bit : 0;
                b1 |= x > pb ? bit : 0;
                break;
            case F_STOCH:
                a1 |= x < pa ? bit : 0;
                a2 |= x > o1[i] ? bit : 0;
                b1 |= x > pb ? bit : 0;
                b2 |= x < o1[i] ? bit : 0;
                break;
            case F_SIGN_V_O1:
                a1 |= x > o1[i] ? bit : 0;
                b1 |= x < o1[i] ? bit : 0;
                break;
            case F_CMO:
                a1 |= x < -pa ? bit : 0;
                a2 |= x > v[i - 1] ? bit : 0;
                b1 |= x > pa ? bit : 0;
                b2 |= x < v[i - 1] ? bit : 0;
                break;
            case F_LEVEL:
                a1 |= x > pa ? bit : 0;
                b1 |= x < pb ? bit : 0;
                break;
            case F_AO:
                a1 |= x > 0 ? bit : 0;
                a2 |= x > v[i - 1] ? bit : 0;
                b1 |= x < 0 ? bit : 0;
                b2 |= x < v[i - 1] ? bit : 0;
                break;
            case F_ADX:
                a1 |= x > pa ? bit : 0;
                a2 |= o1[i] > o2[i] ? bit : 0;
                b2 |= o1[i] < o2[i] ? bit : 0;
                break;
            case F_AROON:
                // v = down, o1 = up; pa = strong, pb = 100 - strong (worked out on the host as Java does)
                a1 |= o1[i] >= pa ? bit : 0;
                a2 |= x <= pb ? bit : 0;
                b1 |= x >= pa ? bit : 0;
                b2 |= o1[i] <= pb ? bit : 0;
                break;
            case F_SIGN_V_CLOSE:
                a1 |= x > close[i] ? bit : 0;
                b1 |= x < close[i] ? bit : 0;
                break;
            case F_SUPERTREND:
                a1 |= !isnan(x) ? bit : 0;
                a2 |= o1[i] > 0 ? bit : 0;
                b2 |= o1[i] < 0 ? bit : 0;
                break;
            case F_ICHIMOKU:
                // close > max(spanA, spanB) (false when either is NaN, as with Math.max), and the mirror
                a1 |= close[i] > o2[i] && close[i] > o3[i] ? bit : 0;
                a2 |= x > o1[i] ? bit : 0;
                b1 |= close[i] < o2[i] && close[i] < o3[i] ? bit : 0;
                b2 |= x < o1[i] ? bit : 0;
                break;
            case F_ATR:
                a1 |= x > v[i - 1] ? bit : 0;
                a2 |= close[i] > close[i - 1] ? bit : 0;
                b2 |= close[i] < close[i - 1] ? bit : 0;
                break;
            case F_STDDEV:
                a1 |= x > v[i - 1] ? bit : 0;
                a2 |= close[i] > open[i] ? bit : 0;
                b2 |= close[i] < open[i] ? bit : 0;
                break;
            case F_NATR:
                a1 |= x >= pa ? bit : 0;
                a2 |= close[i] > open[i] ? bit : 0;
                b2 |= close[i] < open[i] ? bit : 0;
                break;
            case F_BBANDS:
                // v = upper, o2 = lower
                a1 |= !isnan(x) ? bit : 0;
                a2 |= close[i] < o2[i] ? bit : 0;
                b2 |= close[i] > x ? bit : 0;
                break;
            case F_CHANNEL:
                // v = the first output (defined?), o1 = the level above, o2 = the level below, read lag bars back
                a1 |= !isnan(x) ? bit : 0;
                a2 |= close[i] > o1[i - lag] ? bit : 0;
                b2 |= close[i] < o2[i - lag] ? bit : 0;
                break;
            case F_AD:
                a1 |= x > v[i - 1] ? bit : 0;
                a2 |= close[i] > close[i - 1] ? bit : 0;
                b1 |= x < v[i - 1] ? bit : 0;
                b2 |= close[i] < close[i - 1] ? bit : 0;
                break;
            case F_VOSC:
                a1 |= x > 0 ? bit : 0;
                a2 |= close[i] > close[i - 1] ? bit : 0;
                b2 |= close[i] < close[i - 1] ? bit : 0;
                break;
            case F_HEIKINASHI:
                // v = open, o1 = high, o2 = low, o3 = close
                a1 |= o3[i] > x ? bit : 0;
                a2 |= o2[i] >= x ? bit : 0;
                b1 |= o3[i] < x ? bit : 0;
                b2 |= o1[i] <= x ? bit : 0;
                break;
            default:
                break;
        }
    }
    switch (family) {
        case F_SIGN_CLOSE_V:
        case F_SIGN_V_PREV:
        case F_SIGN_V_O1:
        case F_SIGN_V_CLOSE:
            // one comparison each way: never both
            up = a1;
            down = b1;
            break;
        case F_BAND:
        case F_LEVEL:
            up = a1;
            down = b1 & ~a1;
            break;
        case F_STOCH:
        case F_CMO:
        case F_AROON:
        case F_ICHIMOKU:
        case F_HEIKINASHI:
            up = a1 & a2;
            down = b1 & b2 & ~up;
            break;
        case F_AO:
        case F_AD:
            up = a1 & a2;
            down = b1 & b2;
            break;
        case F_ADX:
        case F_SUPERTREND:
        case F_ATR:
        case F_STDDEV:
        case F_NATR:
        case F_VOSC:
            up = a1 & a2;
            down = a1 & b2;
            break;
        case F_BBANDS:
        case F_CHANNEL:
            up = a1 & a2;
            down = a1 & b2 & ~up;
            break;
        default:
            break;
    }
    bullOut[slot * words + w] = up;
    bearOut[slot * words + w] = down;
}
