// The cold path on the device: the indicator values of every type (the streaming update() of
// core/indicator, operation for operation) and their vote bitsets (core/signal/VoteKernels, rule family for
// rule family), written as the same 64-bit words the CPU's IndicatorCache makes. fp64 without contraction;
// only + - * / and sqrt (correctly rounded in OpenCL fp64), fabs, and Java's Math.max/min (trader.cl's
// jmax/jmin), so every value is the JVM's double. The candle columns are the evaluator's device copies (bar 0
// is the series' first bar) and finite: DeviceVotes leaves a series with a NaN or an infinity to the CPU.
#pragma OPENCL EXTENSION cl_khr_fp64 : enable
#pragma OPENCL FP_CONTRACT OFF

// ---------------------------------------------------------------------------------------------------
// Indicator values. One task = (computation, first bar, end bar). Sequential types run one task over the
// whole series; window types (WILLR, DONCHIAN, AROON, PIVOT, ICHIMOKU; VWMA, CMF, CCI, LINEARREG_SLOPE, TSF,
// MOM, ROC) run segments, each warming its windows up on the bars before it: their outputs depend only on the
// windows' content (RollingExtremes keeps the highest value and the newest bar holding it, whatever bar it
// started from; the others recompute their window at every bar, as the CPU does).

#define V_SMA 0
#define V_EMA 1
#define V_RSI 2
#define V_ATR 3
#define V_WILLR 4
#define V_DONCHIAN 5
#define V_AROON 6
#define V_STOCHF 7
#define V_STOCH 8
#define V_WMA 9
#define V_DEMA 10
#define V_TEMA 11
#define V_KAMA 12
#define V_T3 13
#define V_HMA 14
#define V_VWMA 15
#define V_PIVOT 16
#define V_FRACTAL 17
#define V_HEIKINASHI 18
#define V_ICHIMOKU 19
#define V_NATR 20
#define V_CMO 21
#define V_MACD 22
#define V_APO 23
#define V_PPO 24
#define V_MOM 25
#define V_ROC 26
#define V_TRIX 27
#define V_TSI 28
#define V_AO 29
#define V_DPO 30
#define V_OBV 31
#define V_AD 32
#define V_ADOSC 33
#define V_CMF 34
#define V_VWAP 35
#define V_VOSC 36
#define V_CCI 37
#define V_MFI 38
#define V_ULTOSC 39
#define V_BBANDS 40
#define V_STDDEV 41
#define V_KELTNER 42
#define V_ADX 43
#define V_LINEARREG_SLOPE 44
#define V_TSF 45
#define V_SAR 46
#define V_SUPERTREND 47
#define V_STOCHRSI 48
#define V_TRIMA 49

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

// RollingSma's state over a ring the caller owns (Sma and BigSma differ only in the ring's length).
typedef struct {
    int period;
    int next;
    int count;
    double sum;
    double value;
} RingSma;

void ring_sma_init(RingSma* s, int period) {
    s->period = period;
    s->next = 0;
    s->count = 0;
    s->sum = 0.0;
    s->value = NAN;
}

double ring_sma_update(RingSma* s, double* w, double x) {
    w[s->next] = x;
    s->next = s->next + 1 == s->period ? 0 : s->next + 1;
    s->sum += x;
    if (s->count < s->period && ++s->count < s->period) return s->value;
    s->value = s->sum / s->period;
    s->sum -= w[s->next];
    return s->value;
}

// RollingSma (period at most RING).
typedef struct {
    double w[RING];
    RingSma r;
} Sma;

void sma_init(Sma* s, int period) {
    ring_sma_init(&s->r, period);
}

double sma_update(Sma* s, double x) {
    return ring_sma_update(&s->r, s->w, x);
}

// RollingSma fed from a column without NaN: the input leaving the window is the column's bar period - 1 bars
// back, so no ring is needed. NaN until period inputs have come. Starts as {period, 0, 0.0}.
typedef struct {
    int period;
    int count;
    double sum;
} SmaColumn;

double sma_column(SmaColumn* s, __global const double* column, int b) {
    s->sum += column[b];
    if (s->count < s->period && ++s->count < s->period) return NAN;
    double value = s->sum / s->period;
    s->sum -= column[b - s->period + 1];
    return value;
}

// RollingSma over computed values with a longer ring (TRIMA's outer average: at most BIG_RING).
#define BIG_RING 128
typedef struct {
    double w[BIG_RING];
    RingSma r;
} BigSma;

void big_sma_init(BigSma* s, int period) {
    ring_sma_init(&s->r, period);
}

double big_sma_update(BigSma* s, double x) {
    return ring_sma_update(&s->r, s->w, x);
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

// WilderAverage: the SMA of the first period inputs, then (average * (period - 1) + x) / period.
// Starts as {period, 0, 0.0, NAN}.
typedef struct {
    int period;
    int count;
    double sum;
    double value;
} Wilder;

double wilder_update(Wilder* w, double x) {
    if (w->count < w->period) {
        w->sum += x;
        if (++w->count == w->period) w->value = w->sum / w->period;
    } else {
        double v = w->value * (w->period - 1);
        v += x;
        w->value = v / w->period;
    }
    return w->value;
}

// WilderGainLoss: from the second input on, the Wilder averages of the gains and losses over period changes;
// wgl_step says whether they are defined after this input. Starts as {period, 0, 0.0, 0.0, 0.0}.
typedef struct {
    int period;
    int count;
    double previous;
    double gain;
    double loss;
} WilderGainLoss;

bool wgl_step(WilderGainLoss* w, double x) {
    int p0 = w->period;
    w->count++;
    if (w->count == 1) {
        w->previous = x;
        return false;
    }
    double change = x - w->previous;
    w->previous = x;
    if (w->count <= p0 + 1) {
        if (change < 0) w->loss -= change;
        else w->gain += change;
        if (w->count == p0 + 1) {
            w->loss /= p0;
            w->gain /= p0;
            return true;
        }
        return false;
    }
    w->loss *= (p0 - 1);
    w->gain *= (p0 - 1);
    if (change < 0) w->loss -= change;
    else w->gain += change;
    w->loss /= p0;
    w->gain /= p0;
    return true;
}

// SeededEma: NaN inputs ignored; the SMA of the first period inputs, then ((x - ema) * k) + ema.
typedef struct {
    int period;
    int count;
    double sum;
    double value;
    double k;
} Ema;

void ema_init(Ema* e, int period) {
    e->period = period;
    e->count = 0;
    e->sum = 0.0;
    e->value = NAN;
    e->k = 2.0 / (period + 1);
}

double ema_update(Ema* e, double x) {
    if (x != x) return e->value;
    if (e->count < e->period) {
        e->sum += x;
        if (++e->count == e->period) e->value = e->sum / e->period;
        return e->value;
    }
    e->value = ((x - e->value) * e->k) + e->value;
    return e->value;
}

// MovingAverages.WeightedAverage (TA-Lib's running sums) fed from a column without NaN: the trailing value is
// the column's bar period - 1 bars back.
typedef struct {
    int period;
    int count;
    double divider;
    double sum;
    double sub;
    double trailing;
    double value;
} Wma;

void wma_init(Wma* w, int period) {
    w->period = period;
    w->count = 0;
    w->divider = (period * (period + 1)) >> 1;
    w->sum = 0.0;
    w->sub = 0.0;
    w->trailing = 0.0;
    w->value = NAN;
}

double wma_column(Wma* w, __global const double* column, int b) {
    double x = column[b];
    w->count++;
    if (w->count < w->period) {
        w->sub += x;
        w->sum += x * w->count;
        return w->value;
    }
    w->sub += x;
    w->sub -= w->trailing;
    w->sum += x * w->period;
    w->trailing = column[b - w->period + 1];
    w->value = w->sum / w->divider;
    w->sum -= w->sub;
    return w->value;
}

// The same fed from computed values (the Hull average's last stage), its window in a ring.
#define WMA_RING 16
typedef struct {
    Wma w;
    double ring[WMA_RING];
    int next;
} RingWma;

double wma_value(RingWma* r, double x) {
    if (x != x) return r->w.value;
    int slot = r->next;
    r->ring[slot] = x;
    r->next = slot + 1 == r->w.period ? 0 : slot + 1;
    r->w.count++;
    if (r->w.count < r->w.period) {
        r->w.sub += x;
        r->w.sum += x * r->w.count;
        return r->w.value;
    }
    r->w.sub += x;
    r->w.sub -= r->w.trailing;
    r->w.sum += x * r->w.period;
    r->w.trailing = r->ring[r->next];
    r->w.value = r->w.sum / r->w.divider;
    r->w.sum -= r->w.sub;
    return r->w.value;
}

// Extremes of window w that process bar b - lag, warmed up on the bars before segment start from.
int extremes_warm(Extremes* e, __global const double* high, __global const double* low, int from, int lag, int window) {
    int first = max(0, from - lag - window + 1);
    for (int b = first; b < from - lag; b++) extremes_update(e, high, low, first, b, window);
    return first;
}

// jmax and jmin (Java's Math.max and Math.min) come from trader.cl, compiled into the same program before this file.

// Volume.moneyFlow
double money_flow(double high, double low, double close, double volume) {
    double range = high - low;
    return range > 0.0 ? (((close - low) - (high - close)) / range) * volume : 0.0;
}

// Math.floorDiv
long floor_div(long a, long b) {
    long q = a / b;
    if ((a % b != 0) && ((a ^ b) < 0)) q--;
    return q;
}

// Oscillators.Mfi's flows: the typical price times the volume, on the side the typical price moved
double typical3(__global const double* high, __global const double* low, __global const double* close, int i) {
    return (high[i] + low[i] + close[i]) / 3.0;
}

// UltimateOscillator's buying pressure and true range of bar i (i >= 1)
double uo_pressure(__global const double* low, __global const double* close, int i) {
    double priorClose = close[i - 1];
    double trueLow = low[i] < priorClose ? low[i] : priorClose;
    return close[i] - trueLow;
}

// restrict: the outputs never alias the candle columns, so a store does not force the columns to be reloaded.
__kernel void indicator_values(__global const long* restrict time, __global const double* restrict open,
                               __global const double* restrict high, __global const double* restrict low,
                               __global const double* restrict close, __global const double* restrict volume, int n,
                               __global const int* comps, __global const double* reals, __global const long* compOut,
                               __global const int* tasks, int taskCount, __global double* restrict values) {
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
    __global double* o3 = o2 + n;
    __global const double* r = reals + 8 * c;
    switch (type) {
        case V_SMA: {
            // RollingSma: add the newest, divide, remove the oldest (the input of bar b - period + 1).
            SmaColumn sma = {p0, 0, 0.0};
            for (int b = 0; b < n; b++) o0[b] = sma_column(&sma, close, b);
            break;
        }
        case V_EMA: {
            // SeededEma (its NaN skip never fires: the close column is finite here).
            Ema e;
            ema_init(&e, p0);
            for (int b = 0; b < n; b++) o0[b] = ema_update(&e, close[b]);
            break;
        }
        case V_RSI:
        case V_CMO: {
            // WilderGainLoss, then 100 * gain / (gain + loss), 0 when the sum is TA-Lib's zero.
            WilderGainLoss w = {p0, 0, 0.0, 0.0, 0.0};
            double out = NAN;
            for (int b = 0; b < n; b++) {
                if (wgl_step(&w, close[b])) {
                    double gain = w.gain;
                    double loss = w.loss;
                    double sum = gain + loss;
                    bool zero = -0.00000001 < sum && sum < 0.00000001;
                    out = type == V_RSI ? (!zero ? 100.0 * (gain / sum) : 0.0) : (!zero ? 100.0 * ((gain - loss) / sum) : 0.0);
                }
                o0[b] = out;
            }
            break;
        }
        case V_ATR: {
            // WilderAverage of true ranges from the second bar on.
            Wilder w = {p0, 0, 0.0, NAN};
            for (int b = 0; b < n; b++) {
                if (b > 0) wilder_update(&w, true_range(high[b], low[b], close[b - 1]));
                o0[b] = w.value;
            }
            break;
        }
        case V_WILLR:
        case V_DONCHIAN:
        case V_AROON: {
            // each segment warms its window up on the bars before it
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
        case V_WMA: {
            Wma w;
            wma_init(&w, p0);
            for (int b = 0; b < n; b++) o0[b] = wma_column(&w, close, b);
            break;
        }
        case V_DEMA:
        case V_TEMA: {
            Ema e1, e2, e3;
            ema_init(&e1, p0);
            ema_init(&e2, p0);
            ema_init(&e3, p0);
            for (int b = 0; b < n; b++) {
                double a = ema_update(&e1, close[b]);
                double d = ema_update(&e2, a);
                if (type == V_DEMA) {
                    o0[b] = d == d ? (2.0 * a) - d : NAN;
                } else {
                    double t3 = ema_update(&e3, d);
                    o0[b] = t3 == t3 ? t3 + ((3.0 * a) - (3.0 * d)) : NAN;
                }
            }
            break;
        }
        case V_KAMA: {
            // r[0], r[1]: TA-Lib's CONST_MAX and CONST_DIFF as Java computed them
            double constMax = r[0];
            double constDiff = r[1];
            double sumRoc = 0.0;
            double kama = 0.0;
            double out = NAN;
            for (int b = 0; b < n; b++) {
                int count = b + 1;
                double x = close[b];
                if (count == 1) {
                    o0[b] = out;
                    continue;
                }
                if (count <= p0) {
                    sumRoc += fabs(close[b - 1] - x);
                    o0[b] = out;
                    continue;
                }
                double trailing = close[b - p0];
                if (count == p0 + 1) {
                    sumRoc += fabs(close[b - 1] - x);
                    kama = close[b - 1];
                } else {
                    sumRoc -= fabs(close[b - p0 - 1] - trailing);
                    sumRoc += fabs(x - close[b - 1]);
                }
                double periodRoc = x - trailing;
                double ratio = (sumRoc <= periodRoc) || (-0.00000001 < sumRoc && sumRoc < 0.00000001) ? 1.0 : fabs(periodRoc / sumRoc);
                double smoothing = (ratio * constDiff) + constMax;
                smoothing *= smoothing;
                kama = ((x - kama) * smoothing) + kama;
                out = kama;
                o0[b] = out;
            }
            break;
        }
        case V_T3: {
            // r: k, 1 - k, c1, c2, c3, c4 as Java computed them
            double k = r[0], oneMinusK = r[1], c1 = r[2], c2 = r[3], c3 = r[4], c4 = r[5];
            double e[6] = {0.0, 0.0, 0.0, 0.0, 0.0, 0.0};
            int stage = 0;
            int stageCount = 0;
            double stageSum = 0.0;
            double out = NAN;
            for (int b = 0; b < n; b++) {
                double input = close[b];
                for (int s = 0; s < stage; s++) {
                    e[s] = (k * input) + (oneMinusK * e[s]);
                    input = e[s];
                }
                bool ready = true;
                if (stage < 6) {
                    stageSum += input;
                    if (++stageCount == p0) {
                        e[stage] = stageSum / p0;
                        stage++;
                        stageSum = e[stage - 1];
                        stageCount = 1;
                    }
                    ready = stage == 6;
                }
                if (ready) out = c1 * e[5] + c2 * e[4] + c3 * e[3] + c4 * e[2];
                o0[b] = out;
            }
            break;
        }
        case V_HMA: {
            // p1: period / 2, p2: (int) sqrt(period), worked out by Java
            Wma halfWma, fullWma;
            wma_init(&halfWma, p1);
            wma_init(&fullWma, p0);
            RingWma hull;
            wma_init(&hull.w, p2);
            hull.next = 0;
            for (int b = 0; b < n; b++) {
                double h = wma_column(&halfWma, close, b);
                double f = wma_column(&fullWma, close, b);
                o0[b] = f == f ? wma_value(&hull, 2 * h - f) : NAN;
            }
            break;
        }
        case V_VWMA: {
            // recomputed at every bar over its window, oldest first: each bar on its own
            for (int b = from; b < to; b++) {
                if (b < p0 - 1) {
                    o0[b] = NAN;
                    continue;
                }
                double weighted = 0;
                double volumeSum = 0;
                double closeSum = 0;
                for (int i = b - p0 + 1; i <= b; i++) {
                    double cl = close[i];
                    double v = volume[i];
                    weighted += cl * v;
                    volumeSum += v;
                    closeSum += cl;
                }
                o0[b] = volumeSum > 0 ? weighted / volumeSum : closeSum / p0;
            }
            break;
        }
        case V_PIVOT: {
            // the extremes of the period bars before this one and the previous close
            Extremes e = {-1, -1, 0.0, 0.0};
            int first = extremes_warm(&e, high, low, from, 1, p0);
            for (int b = from; b < to; b++) {
                if (b >= 1) extremes_update(&e, high, low, first, b - 1, p0);
                if (b >= p0) {
                    double h = e.hi;
                    double l = e.lo;
                    double pivot = (h + l + close[b - 1]) / 3;
                    o0[b] = pivot;
                    o1[b] = 2 * pivot - l;
                    o2[b] = 2 * pivot - h;
                } else {
                    o0[b] = NAN;
                    o1[b] = NAN;
                    o2[b] = NAN;
                }
            }
            break;
        }
        case V_FRACTAL: {
            int span = p0;
            int width = 2 * span + 1;
            bool upFound = false, downFound = false;
            double up = 0.0, down = 0.0;
            for (int b = 0; b < n; b++) {
                if (b < width - 1) {
                    o0[b] = NAN;
                    o1[b] = NAN;
                    continue;
                }
                double centreHigh = high[b - span];
                double centreLow = low[b - span];
                bool isUp = true, isDown = true;
                for (int ago = 0; ago < width; ago++) {
                    if (ago == span) continue;
                    if (high[b - ago] >= centreHigh) isUp = false;
                    if (low[b - ago] <= centreLow) isDown = false;
                }
                if (isUp) {
                    upFound = true;
                    up = centreHigh;
                }
                if (isDown) {
                    downFound = true;
                    down = centreLow;
                }
                double most = high[b];
                double least = low[b];
                for (int ago = 1; ago < width; ago++) {
                    if (high[b - ago] > most) most = high[b - ago];
                    if (low[b - ago] < least) least = low[b - ago];
                }
                o0[b] = upFound ? up : most;
                o1[b] = downFound ? down : least;
            }
            break;
        }
        case V_HEIKINASHI: {
            double haOpen = 0.0, haClose = 0.0;
            for (int b = 0; b < n; b++) {
                haOpen = b > 0 ? (haOpen + haClose) / 2 : (open[b] + close[b]) / 2;
                haClose = (open[b] + high[b] + low[b] + close[b]) / 4;
                o0[b] = haOpen;
                o1[b] = jmax(high[b], jmax(haOpen, haClose));
                o2[b] = jmin(low[b], jmin(haOpen, haClose));
                o3[b] = haClose;
            }
            break;
        }
        case V_ICHIMOKU: {
            // tenkan and kijun midpoints at this bar; the cloud from the midpoints kijun bars back
            int lag = p1;
            Extremes t = {-1, -1, 0.0, 0.0}, k = {-1, -1, 0.0, 0.0};
            Extremes lt = {-1, -1, 0.0, 0.0}, lk = {-1, -1, 0.0, 0.0}, ls = {-1, -1, 0.0, 0.0};
            int ft = extremes_warm(&t, high, low, from, 0, p0);
            int fk = extremes_warm(&k, high, low, from, 0, p1);
            int flt = extremes_warm(&lt, high, low, from, lag, p0);
            int flk = extremes_warm(&lk, high, low, from, lag, p1);
            int fls = extremes_warm(&ls, high, low, from, lag, p2);
            for (int b = from; b < to; b++) {
                extremes_update(&t, high, low, ft, b, p0);
                extremes_update(&k, high, low, fk, b, p1);
                int a = b - lag;
                if (a >= 0) {
                    extremes_update(&lt, high, low, flt, a, p0);
                    extremes_update(&lk, high, low, flk, a, p1);
                    extremes_update(&ls, high, low, fls, a, p2);
                }
                if (a >= p2 - 1) {
                    o0[b] = (t.hi + t.lo) / 2;
                    o1[b] = (k.hi + k.lo) / 2;
                    o2[b] = ((lt.hi + lt.lo) / 2 + (lk.hi + lk.lo) / 2) / 2;
                    o3[b] = (ls.hi + ls.lo) / 2;
                } else {
                    o0[b] = NAN;
                    o1[b] = NAN;
                    o2[b] = NAN;
                    o3[b] = NAN;
                }
            }
            break;
        }
        case V_NATR: {
            Wilder w = {p0, 0, 0.0, NAN};
            double out = NAN;
            for (int b = 0; b < n; b++) {
                if (b > 0) {
                    double value = wilder_update(&w, true_range(high[b], low[b], close[b - 1]));
                    double c = close[b];
                    if (value == value) out = !(-0.00000001 < c && c < 0.00000001) ? (value / c) * 100.0 : 0.0;
                }
                o0[b] = out;
            }
            break;
        }
        case V_MACD: {
            // TA-Lib's alignment: the fast EMA seeded at bar slow - 1 with the SMA of the fast closes ending there
            Ema slowEma, signal;
            ema_init(&slowEma, p1);
            ema_init(&signal, p2);
            double fastK = 2.0 / (p0 + 1);
            double fastEma = 0.0;
            double m = NAN, sg = NAN, hist = NAN;
            for (int b = 0; b < n; b++) {
                int count = b + 1;
                double x = close[b];
                double slowValue = ema_update(&slowEma, x);
                if (count >= p1) {
                    if (count == p1) {
                        double sum = 0.0;
                        for (int ago = p0 - 1; ago >= 0; ago--) sum += close[b - ago];
                        fastEma = sum / p0;
                    } else {
                        fastEma = ((x - fastEma) * fastK) + fastEma;
                    }
                    double macd = fastEma - slowValue;
                    double signalValue = ema_update(&signal, macd);
                    if (signalValue == signalValue) {
                        m = macd;
                        sg = signalValue;
                        hist = macd - signalValue;
                    }
                }
                o0[b] = m;
                o1[b] = sg;
                o2[b] = hist;
            }
            break;
        }
        case V_APO:
        case V_PPO: {
            Ema fastEma, slowEma;
            ema_init(&fastEma, p0);
            ema_init(&slowEma, p1);
            double out = NAN;
            for (int b = 0; b < n; b++) {
                double f = ema_update(&fastEma, close[b]);
                double sl = ema_update(&slowEma, close[b]);
                if (sl == sl) {
                    if (type == V_APO) out = f - sl;
                    else out = !(-0.00000001 < sl && sl < 0.00000001) ? ((f - sl) / sl) * 100.0 : 0.0;
                }
                o0[b] = out;
            }
            break;
        }
        case V_MOM:
        case V_ROC: {
            for (int b = from; b < to; b++) {
                if (b < p0) {
                    o0[b] = NAN;
                    continue;
                }
                double x = close[b];
                double before = close[b - p0];
                o0[b] = type == V_MOM ? x - before : (before != 0.0 ? ((x / before) - 1.0) * 100.0 : 0.0);
            }
            break;
        }
        case V_TRIX: {
            Ema e1, e2, e3;
            ema_init(&e1, p0);
            ema_init(&e2, p0);
            ema_init(&e3, p0);
            double previous = NAN;
            double out = NAN;
            for (int b = 0; b < n; b++) {
                double t = ema_update(&e3, ema_update(&e2, ema_update(&e1, close[b])));
                if (t == t) {
                    if (previous == previous) out = previous != 0.0 ? ((t / previous) - 1.0) * 100.0 : 0.0;
                    previous = t;
                }
                o0[b] = out;
            }
            break;
        }
        case V_TSI: {
            Ema changeLong, changeShort, absLong, absShort, signal;
            ema_init(&changeLong, p0);
            ema_init(&changeShort, p1);
            ema_init(&absLong, p0);
            ema_init(&absShort, p1);
            ema_init(&signal, p2);
            double t0 = NAN, s0 = NAN;
            for (int b = 0; b < n; b++) {
                if (b > 0) {
                    double change = close[b] - close[b - 1];
                    double numerator = ema_update(&changeShort, ema_update(&changeLong, change));
                    double denominator = ema_update(&absShort, ema_update(&absLong, fabs(change)));
                    if (denominator == denominator) {
                        double tsi = denominator != 0.0 ? 100.0 * (numerator / denominator) : 0.0;
                        double signalValue = ema_update(&signal, tsi);
                        if (signalValue == signalValue) {
                            t0 = tsi;
                            s0 = signalValue;
                        }
                    }
                }
                o0[b] = t0;
                o1[b] = s0;
            }
            break;
        }
        case V_AO: {
            // two RollingSmas of the median price; the value leaving a window is the median recomputed
            int fastCount = 0, slowCount = 0;
            double fastSum = 0.0, slowSum = 0.0;
            double out = NAN;
            for (int b = 0; b < n; b++) {
                double median = (high[b] + low[b]) / 2;
                double f = NAN, sl = NAN;
                fastSum += median;
                if (!(fastCount < p0 && ++fastCount < p0)) {
                    f = fastSum / p0;
                    fastSum -= (high[b - p0 + 1] + low[b - p0 + 1]) / 2;
                }
                slowSum += median;
                if (!(slowCount < p1 && ++slowCount < p1)) {
                    sl = slowSum / p1;
                    slowSum -= (high[b - p1 + 1] + low[b - p1 + 1]) / 2;
                }
                if (sl == sl) out = f - sl;
                o0[b] = out;
            }
            break;
        }
        case V_DPO: {
            int lag = p0 / 2 + 1;
            SmaColumn sma = {p0, 0, 0.0};
            double out = NAN;
            for (int b = 0; b < n; b++) {
                double average = sma_column(&sma, close, b);
                if (b >= p0 - 1) out = close[b - lag] - average;
                o0[b] = out;
            }
            break;
        }
        case V_OBV: {
            // the running OBV goes to o0 first (the SMA reads the value leaving its window back from there), the warm-up
            // is set to NaN afterwards
            double obv = 0.0;
            SmaColumn sma = {p0, 0, 0.0};
            for (int b = 0; b < n; b++) {
                double x = close[b];
                if (b == 0) obv = volume[b];
                else if (x > close[b - 1]) obv += volume[b];
                else if (x < close[b - 1]) obv -= volume[b];
                o0[b] = obv;
                o1[b] = sma_column(&sma, o0, b);
            }
            for (int b = 0; b < min(n, p0 - 1); b++) o0[b] = NAN;
            break;
        }
        case V_AD: {
            double ad = 0.0;
            for (int b = 0; b < n; b++) {
                double range = high[b] - low[b];
                if (range > 0.0) ad += (((close[b] - low[b]) - (high[b] - close[b])) / range) * volume[b];
                o0[b] = ad;
            }
            break;
        }
        case V_ADOSC: {
            double fastK = 2.0 / (p0 + 1);
            double slowK = 2.0 / (p1 + 1);
            int lookback = max(p0, p1) - 1;
            double ad = 0.0, fastEma = 0.0, slowEma = 0.0;
            double out = NAN;
            for (int b = 0; b < n; b++) {
                double range = high[b] - low[b];
                if (range > 0.0) ad += (((close[b] - low[b]) - (high[b] - close[b])) / range) * volume[b];
                if (b == 0) {
                    fastEma = ad;
                    slowEma = ad;
                } else {
                    fastEma = (fastK * ad) + ((1.0 - fastK) * fastEma);
                    slowEma = (slowK * ad) + ((1.0 - slowK) * slowEma);
                }
                if (b + 1 > lookback) out = fastEma - slowEma;
                o0[b] = out;
            }
            break;
        }
        case V_CMF: {
            // recomputed at every bar over its window, oldest first
            for (int b = from; b < to; b++) {
                if (b < p0 - 1) {
                    o0[b] = NAN;
                    continue;
                }
                double flowSum = 0;
                double volumeSum = 0;
                for (int i = b - p0 + 1; i <= b; i++) {
                    flowSum += money_flow(high[i], low[i], close[i], volume[i]);
                    volumeSum += volume[i];
                }
                o0[b] = volumeSum != 0.0 ? flowSum / volumeSum : 0.0;
            }
            break;
        }
        case V_VWAP: {
            // sessions of p0 hours from Monday 1970-01-05 00:00 UTC
            long sessionMillis = p0 * 3600000L;
            long session = LONG_MIN_VALUE;
            double priceVolume = 0.0, volumeSum = 0.0;
            for (int b = 0; b < n; b++) {
                long current = floor_div(time[b] - 4 * 86400000L, sessionMillis);
                if (current != session) {
                    session = current;
                    priceVolume = 0;
                    volumeSum = 0;
                }
                double typical = (high[b] + low[b] + close[b]) / 3;
                priceVolume += typical * volume[b];
                volumeSum += volume[b];
                o0[b] = volumeSum > 0 ? priceVolume / volumeSum : typical;
            }
            break;
        }
        case V_VOSC: {
            SmaColumn fast = {p0, 0, 0.0};
            SmaColumn slow = {p1, 0, 0.0};
            double out = NAN;
            for (int b = 0; b < n; b++) {
                double f = sma_column(&fast, volume, b);
                double sl = sma_column(&slow, volume, b);
                if (sl == sl) out = sl != 0.0 ? 100.0 * ((f - sl) / sl) : 0.0;
                o0[b] = out;
            }
            break;
        }
        case V_CCI: {
            // TA-Lib sums its circular buffer by slot, not by age: slot j holds the bar i of the window with i % period == j
            for (int b = from; b < to; b++) {
                if (b < p0 - 1) {
                    o0[b] = NAN;
                    continue;
                }
                double last = (high[b] + low[b] + close[b]) / 3;
                double average = 0;
                for (int j = 0; j < p0; j++) {
                    int i = b - (((b - j) % p0) + p0) % p0;
                    average += (high[i] + low[i] + close[i]) / 3;
                }
                average /= p0;
                double deviation = 0;
                for (int j = 0; j < p0; j++) {
                    int i = b - (((b - j) % p0) + p0) % p0;
                    deviation += fabs((high[i] + low[i] + close[i]) / 3 - average);
                }
                double distance = last - average;
                o0[b] = (distance != 0.0) && (deviation != 0.0) ? distance / (0.015 * (deviation / p0)) : 0.0;
            }
            break;
        }
        case V_MFI: {
            // the flow leaving the window is recomputed from its bar
            double positiveSum = 0.0, negativeSum = 0.0;
            double out = NAN;
            for (int b = 0; b < n; b++) {
                if (b == 0) {
                    o0[b] = out;
                    continue;
                }
                if (b > p0) {
                    int i = b - p0;
                    double ti = typical3(high, low, close, i);
                    double ci = ti - typical3(high, low, close, i - 1);
                    double fi = ti * volume[i];
                    positiveSum -= ci > 0 ? fi : 0.0;
                    negativeSum -= ci < 0 ? fi : 0.0;
                }
                double typical = typical3(high, low, close, b);
                double change = typical - typical3(high, low, close, b - 1);
                double flow = typical * volume[b];
                if (change < 0) negativeSum += flow;
                else if (change > 0) positiveSum += flow;
                if (b >= p0) {
                    double total = positiveSum + negativeSum;
                    out = total < 1.0 ? 0.0 : 100.0 * (positiveSum / total);
                }
                o0[b] = out;
            }
            break;
        }
        case V_ULTOSC: {
            // p0 <= p1 <= p2 (sorted by the host as the constructor does); what leaves a window is recomputed from its bar
            int shortest = p0, middle = p1, longest = p2;
            double pS = 0.0, pM = 0.0, pL = 0.0, rS = 0.0, rM = 0.0, rL = 0.0;
            double out = NAN;
            for (int t = 0; t < n; t++) {
                if (t == 0) {
                    o0[t] = out;
                    continue;
                }
                double pressure = uo_pressure(low, close, t);
                double range = true_range(high[t], low[t], close[t - 1]);
                if (t >= longest - shortest + 1) {
                    pS += pressure;
                    rS += range;
                }
                if (t >= longest - middle + 1) {
                    pM += pressure;
                    rM += range;
                }
                pL += pressure;
                rL += range;
                if (t >= longest) {
                    double output = 0.0;
                    if (!(-0.00000001 < rS && rS < 0.00000001)) output += 4.0 * (pS / rS);
                    if (!(-0.00000001 < rM && rM < 0.00000001)) output += 2.0 * (pM / rM);
                    if (!(-0.00000001 < rL && rL < 0.00000001)) output += pL / rL;
                    int i = t - (shortest - 1);
                    pS -= uo_pressure(low, close, i);
                    rS -= true_range(high[i], low[i], close[i - 1]);
                    i = t - (middle - 1);
                    pM -= uo_pressure(low, close, i);
                    rM -= true_range(high[i], low[i], close[i - 1]);
                    i = t - (longest - 1);
                    pL -= uo_pressure(low, close, i);
                    rL -= true_range(high[i], low[i], close[i - 1]);
                    out = 100.0 * (output / 7.0);
                }
                o0[t] = out;
            }
            break;
        }
        case V_BBANDS: {
            // r[0]: the number of deviations
            double deviations = r[0];
            SmaColumn sma = {p0, 0, 0.0};
            double sumOfSquares = 0.0;
            for (int b = 0; b < n; b++) {
                double x = close[b];
                double middle = sma_column(&sma, close, b);
                sumOfSquares += x * x;
                if (b < p0 - 1) {
                    o0[b] = NAN;
                    o1[b] = NAN;
                    o2[b] = NAN;
                    continue;
                }
                double meanOfSquares = sumOfSquares / p0;
                double oldest = close[b - p0 + 1];
                sumOfSquares -= oldest * oldest;
                meanOfSquares -= middle * middle;
                double deviation = meanOfSquares < 0.00000001 ? 0.0 : sqrt(meanOfSquares);
                if (deviations == 1.0) {
                    o0[b] = middle + deviation;
                    o2[b] = middle - deviation;
                } else {
                    double width = deviation * deviations;
                    o0[b] = middle + width;
                    o2[b] = middle - width;
                }
                o1[b] = middle;
            }
            break;
        }
        case V_STDDEV: {
            double sum = 0.0, sumOfSquares = 0.0;
            for (int b = 0; b < n; b++) {
                double x = close[b];
                sum += x;
                sumOfSquares += x * x;
                if (b < p0 - 1) {
                    o0[b] = NAN;
                    continue;
                }
                double mean = sum / p0;
                double meanOfSquares = sumOfSquares / p0;
                double oldest = close[b - p0 + 1];
                sum -= oldest;
                sumOfSquares -= oldest * oldest;
                double variance = meanOfSquares - mean * mean;
                o0[b] = variance < 0.00000001 ? 0.0 : sqrt(variance);
            }
            break;
        }
        case V_KELTNER: {
            // r[0]: the multiplier; the first bar's true range is its high - low (Lean)
            double multiplier = r[0];
            int count = 0;
            double typicalSum = 0.0, rangeSum = 0.0;
            for (int b = 0; b < n; b++) {
                double tr = b > 0 ? true_range(high[b], low[b], close[b - 1]) : high[b] - low[b];
                typicalSum += (high[b] + low[b] + close[b]) / 3;
                rangeSum += tr;
                if (count < p0 && ++count < p0) {
                    o0[b] = NAN;
                    o1[b] = NAN;
                    o2[b] = NAN;
                    continue;
                }
                double m = typicalSum / p0;
                double atr = rangeSum / p0;
                int i = b - p0 + 1;
                typicalSum -= (high[i] + low[i] + close[i]) / 3;
                rangeSum -= i > 0 ? true_range(high[i], low[i], close[i - 1]) : high[i] - low[i];
                double width = multiplier * atr;
                o0[b] = m + width;
                o1[b] = m;
                o2[b] = m - width;
            }
            break;
        }
        case V_ADX: {
            double plusDm = 0.0, minusDm = 0.0, range = 0.0, sumDx = 0.0, adx = 0.0;
            double a0 = NAN, a1 = NAN, a2 = NAN;
            for (int t = 0; t < n; t++) {
                if (t > 0) {
                    double diffP = high[t] - high[t - 1];
                    double diffM = low[t - 1] - low[t];
                    double tr = true_range(high[t], low[t], close[t - 1]);
                    if (t < p0) {
                        if ((diffM > 0) && (diffP < diffM)) minusDm += diffM;
                        else if ((diffP > 0) && (diffP > diffM)) plusDm += diffP;
                        range += tr;
                    } else {
                        minusDm -= minusDm / p0;
                        plusDm -= plusDm / p0;
                        if ((diffM > 0) && (diffP < diffM)) minusDm += diffM;
                        else if ((diffP > 0) && (diffP > diffM)) plusDm += diffP;
                        range = range - (range / p0) + tr;
                        double minusDi = 0.0;
                        double plusDi = 0.0;
                        double dx = NAN;
                        if (!(-0.00000001 < range && range < 0.00000001)) {
                            minusDi = 100.0 * (minusDm / range);
                            plusDi = 100.0 * (plusDm / range);
                            double sum = minusDi + plusDi;
                            if (!(-0.00000001 < sum && sum < 0.00000001)) dx = 100.0 * (fabs(minusDi - plusDi) / sum);
                        }
                        if (t < 2 * p0 - 1) {
                            if (dx == dx) sumDx += dx;
                        } else {
                            if (t == 2 * p0 - 1) {
                                if (dx == dx) sumDx += dx;
                                adx = sumDx / p0;
                            } else if (dx == dx) {
                                adx = ((adx * (p0 - 1)) + dx) / p0;
                            }
                            a0 = adx;
                            a1 = plusDi;
                            a2 = minusDi;
                        }
                    }
                }
                o0[t] = a0;
                o1[t] = a1;
                o2[t] = a2;
            }
            break;
        }
        case V_LINEARREG_SLOPE:
        case V_TSF: {
            // r[0] sumX, r[1] divisor, as Trend.Regression's constructor computed them; each bar on its own
            double sumX = r[0], divisor = r[1];
            for (int b = from; b < to; b++) {
                if (b < p0 - 1) {
                    o0[b] = NAN;
                    continue;
                }
                double sumXY = 0;
                double sumY = 0;
                for (int i = p0; i-- != 0;) {
                    double y = close[b - i];
                    sumY += y;
                    sumXY += (double) i * y;
                }
                double slope = (p0 * sumXY - sumX * sumY) / divisor;
                double intercept = (sumY - slope * sumX) / (double) p0;
                o0[b] = type == V_TSF ? intercept + slope * (double) p0 : slope;
            }
            break;
        }
        case V_SAR: {
            // r[0] acceleration (already min(acceleration, maximum)), r[1] maximum
            double acceleration = r[0], maximum = r[1];
            double af = acceleration;
            bool isLong = false;
            double sar = 0.0, ep = 0.0, newHigh = 0.0, newLow = 0.0;
            double out = NAN;
            for (int t = 0; t < n; t++) {
                double h = high[t], l = low[t];
                if (t == 0) {
                    newHigh = h;
                    newLow = l;
                    o0[t] = out;
                    continue;
                }
                if (t == 1) {
                    double diffP = h - newHigh;
                    double diffM = newLow - l;
                    double minusDm = (diffM > 0) && (diffP < diffM) ? diffM : 0.0;
                    isLong = !(minusDm > 0);
                    if (isLong) {
                        ep = h;
                        sar = newLow;
                    } else {
                        ep = l;
                        sar = newHigh;
                    }
                    newLow = l;
                    newHigh = h;
                }
                double prevLow = newLow;
                double prevHigh = newHigh;
                newLow = l;
                newHigh = h;
                if (isLong) {
                    if (newLow <= sar) {
                        isLong = false;
                        sar = ep;
                        if (sar < prevHigh) sar = prevHigh;
                        if (sar < newHigh) sar = newHigh;
                        out = sar;
                        af = acceleration;
                        ep = newLow;
                        sar = sar + af * (ep - sar);
                        if (sar < prevHigh) sar = prevHigh;
                        if (sar < newHigh) sar = newHigh;
                    } else {
                        out = sar;
                        if (newHigh > ep) {
                            ep = newHigh;
                            af += acceleration;
                            if (af > maximum) af = maximum;
                        }
                        sar = sar + af * (ep - sar);
                        if (sar > prevLow) sar = prevLow;
                        if (sar > newLow) sar = newLow;
                    }
                } else {
                    if (newHigh >= sar) {
                        isLong = true;
                        sar = ep;
                        if (sar > prevLow) sar = prevLow;
                        if (sar > newLow) sar = newLow;
                        out = sar;
                        af = acceleration;
                        ep = newHigh;
                        sar = sar + af * (ep - sar);
                        if (sar > prevLow) sar = prevLow;
                        if (sar > newLow) sar = newLow;
                    } else {
                        out = sar;
                        if (newLow < ep) {
                            ep = newLow;
                            af += acceleration;
                            if (af > maximum) af = maximum;
                        }
                        sar = sar + af * (ep - sar);
                        if (sar < prevHigh) sar = prevHigh;
                        if (sar < newHigh) sar = newHigh;
                    }
                }
                o0[t] = out;
            }
            break;
        }
        case V_SUPERTREND: {
            // r[0]: the multiplier; a Wilder ATR whose first true range is the first bar's high - low
            double multiplier = r[0];
            Wilder atr = {p0, 0, 0.0, NAN};
            bool ready = false;
            double trailingUpper = 0.0, trailingLower = 0.0, direction = 0.0;
            double s0 = NAN, s1 = NAN;
            for (int b = 0; b < n; b++) {
                double tr = b > 0 ? true_range(high[b], low[b], close[b - 1]) : high[b] - low[b];
                double average = wilder_update(&atr, tr);
                if (average == average) {
                    double middle = (high[b] + low[b]) / 2;
                    double basicLower = middle - multiplier * average;
                    double basicUpper = middle + multiplier * average;
                    double x = close[b];
                    if (!ready) {
                        ready = true;
                        trailingLower = basicLower;
                        trailingUpper = basicUpper;
                        direction = x >= middle ? 1 : -1;
                    } else {
                        double previousClose = close[b - 1];
                        double lower = previousClose > trailingLower ? jmax(basicLower, trailingLower) : basicLower;
                        double upper = previousClose < trailingUpper ? jmin(basicUpper, trailingUpper) : basicUpper;
                        trailingLower = lower;
                        trailingUpper = upper;
                        if (x > upper) direction = 1;
                        else if (x < lower) direction = -1;
                    }
                    s0 = direction > 0 ? trailingLower : trailingUpper;
                    s1 = direction;
                }
                o0[b] = s0;
                o1[b] = s1;
            }
            break;
        }
        case V_STOCHRSI: {
            // RSI (WilderGainLoss), RollingExtremes of the last p1 RSI values in a ring (at most BIG_RING), fast %D its SMA
            double ring[BIG_RING];
            WilderGainLoss w = {p0, 0, 0.0, 0.0, 0.0};
            int idx = -1, hiIdx = -1, loIdx = -1;
            double hi = 0.0, lo = 0.0;
            Sma fd;
            sma_init(&fd, p2);
            double k0 = NAN, d0 = NAN;
            for (int b = 0; b < n; b++) {
                if (wgl_step(&w, close[b])) {
                    double gain = w.gain;
                    double sum = gain + w.loss;
                    double rsi = !(-0.00000001 < sum && sum < 0.00000001) ? 100.0 * (gain / sum) : 0.0;
                    idx++;
                    ring[idx % p1] = rsi;
                    int trailing = idx - p1 + 1;
                    if (hiIdx < trailing || hiIdx < 0) {
                        hiIdx = max(0, trailing);
                        hi = ring[hiIdx % p1];
                        for (int i = hiIdx + 1; i <= idx; i++) {
                            double v = ring[i % p1];
                            if (v >= hi) {
                                hi = v;
                                hiIdx = i;
                            }
                        }
                    } else if (rsi >= hi) {
                        hi = rsi;
                        hiIdx = idx;
                    }
                    if (loIdx < trailing || loIdx < 0) {
                        loIdx = max(0, trailing);
                        lo = ring[loIdx % p1];
                        for (int i = loIdx + 1; i <= idx; i++) {
                            double v = ring[i % p1];
                            if (v <= lo) {
                                lo = v;
                                loIdx = i;
                            }
                        }
                    } else if (rsi <= lo) {
                        lo = rsi;
                        loIdx = idx;
                    }
                    if (idx >= p1 - 1) {
                        double k = raw_k(rsi, hi, lo);
                        double d = sma_update(&fd, k);
                        if (d == d) {
                            k0 = k;
                            d0 = d;
                        }
                    }
                }
                o0[b] = k0;
                o1[b] = d0;
            }
            break;
        }
        case V_TRIMA: {
            // p1, p2: the inner and outer periods Trima's constructor works out; the SMA of an SMA
            SmaColumn innerSma = {p1, 0, 0.0};
            BigSma outer;
            big_sma_init(&outer, p2);
            for (int b = 0; b < n; b++) {
                double inner = sma_column(&innerSma, close, b);
                o0[b] = inner == inner ? big_sma_update(&outer, inner) : NAN;
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
    // One loop per family (the switch outside the bar loop, so that each loop is a tight one).
    switch (family) {
        case F_SIGN_CLOSE_V:
            for (int i = begin; i < end; i++) {
                ulong bit = BIT(i);
                double x = v[i];
                a1 |= close[i] > x ? bit : 0;
                b1 |= close[i] < x ? bit : 0;
            }
            break;
        case F_SIGN_V_PREV:
            for (int i = begin; i < end; i++) {
                ulong bit = BIT(i);
                double x = v[i];
                a1 |= x > v[i - 1] ? bit : 0;
                b1 |= x < v[i - 1] ? bit : 0;
            }
            break;
        case F_BAND:
            for (int i = begin; i < end; i++) {
                ulong bit = BIT(i);
                double x = v[i];
                a1 |= x < pa ? bit : 0;
                b1 |= x > pb ? bit : 0;
            }
            break;
        case F_STOCH:
            for (int i = begin; i < end; i++) {
                ulong bit = BIT(i);
                double x = v[i];
                a1 |= x < pa ? bit : 0;
                a2 |= x > o1[i] ? bit : 0;
                b1 |= x > pb ? bit : 0;
                b2 |= x < o1[i] ? bit : 0;
            }
            break;
        case F_SIGN_V_O1:
            for (int i = begin; i < end; i++) {
                ulong bit = BIT(i);
                double x = v[i];
                a1 |= x > o1[i] ? bit : 0;
                b1 |= x < o1[i] ? bit : 0;
            }
            break;
        case F_CMO:
            for (int i = begin; i < end; i++) {
                ulong bit = BIT(i);
                double x = v[i];
                a1 |= x < -pa ? bit : 0;
                a2 |= x > v[i - 1] ? bit : 0;
                b1 |= x > pa ? bit : 0;
                b2 |= x < v[i - 1] ? bit : 0;
            }
            break;
        case F_LEVEL:
            for (int i = begin; i < end; i++) {
                ulong bit = BIT(i);
                double x = v[i];
                a1 |= x > pa ? bit : 0;
                b1 |= x < pb ? bit : 0;
            }
            break;
        case F_AO:
            for (int i = begin; i < end; i++) {
                ulong bit = BIT(i);
                double x = v[i];
                a1 |= x > 0 ? bit : 0;
                a2 |= x > v[i - 1] ? bit : 0;
                b1 |= x < 0 ? bit : 0;
                b2 |= x < v[i - 1] ? bit : 0;
            }
            break;
        case F_ADX:
            for (int i = begin; i < end; i++) {
                ulong bit = BIT(i);
                double x = v[i];
                a1 |= x > pa ? bit : 0;
                a2 |= o1[i] > o2[i] ? bit : 0;
                b2 |= o1[i] < o2[i] ? bit : 0;
            }
            break;
        case F_AROON:
            // v = down, o1 = up; pa = strong, pb = 100 - strong (worked out on the host as Java does)
            for (int i = begin; i < end; i++) {
                ulong bit = BIT(i);
                double x = v[i];
                a1 |= o1[i] >= pa ? bit : 0;
                a2 |= x <= pb ? bit : 0;
                b1 |= x >= pa ? bit : 0;
                b2 |= o1[i] <= pb ? bit : 0;
            }
            break;
        case F_SIGN_V_CLOSE:
            for (int i = begin; i < end; i++) {
                ulong bit = BIT(i);
                double x = v[i];
                a1 |= x > close[i] ? bit : 0;
                b1 |= x < close[i] ? bit : 0;
            }
            break;
        case F_SUPERTREND:
            for (int i = begin; i < end; i++) {
                ulong bit = BIT(i);
                double x = v[i];
                a1 |= !isnan(x) ? bit : 0;
                a2 |= o1[i] > 0 ? bit : 0;
                b2 |= o1[i] < 0 ? bit : 0;
            }
            break;
        case F_ICHIMOKU:
            // close > max(spanA, spanB) (false when either is NaN, as with Math.max), and the mirror
            for (int i = begin; i < end; i++) {
                ulong bit = BIT(i);
                double x = v[i];
                a1 |= close[i] > o2[i] && close[i] > o3[i] ? bit : 0;
                a2 |= x > o1[i] ? bit : 0;
                b1 |= close[i] < o2[i] && close[i] < o3[i] ? bit : 0;
                b2 |= x < o1[i] ? bit : 0;
            }
            break;
        case F_ATR:
            for (int i = begin; i < end; i++) {
                ulong bit = BIT(i);
                double x = v[i];
                a1 |= x > v[i - 1] ? bit : 0;
                a2 |= close[i] > close[i - 1] ? bit : 0;
                b2 |= close[i] < close[i - 1] ? bit : 0;
            }
            break;
        case F_STDDEV:
            for (int i = begin; i < end; i++) {
                ulong bit = BIT(i);
                double x = v[i];
                a1 |= x > v[i - 1] ? bit : 0;
                a2 |= close[i] > open[i] ? bit : 0;
                b2 |= close[i] < open[i] ? bit : 0;
            }
            break;
        case F_NATR:
            for (int i = begin; i < end; i++) {
                ulong bit = BIT(i);
                double x = v[i];
                a1 |= x >= pa ? bit : 0;
                a2 |= close[i] > open[i] ? bit : 0;
                b2 |= close[i] < open[i] ? bit : 0;
            }
            break;
        case F_BBANDS:
            // v = upper, o2 = lower
            for (int i = begin; i < end; i++) {
                ulong bit = BIT(i);
                double x = v[i];
                a1 |= !isnan(x) ? bit : 0;
                a2 |= close[i] < o2[i] ? bit : 0;
                b2 |= close[i] > x ? bit : 0;
            }
            break;
        case F_CHANNEL:
            // v = the first output (defined?), o1 = the level above, o2 = the level below, read lag bars back
            for (int i = begin; i < end; i++) {
                ulong bit = BIT(i);
                double x = v[i];
                a1 |= !isnan(x) ? bit : 0;
                a2 |= close[i] > o1[i - lag] ? bit : 0;
                b2 |= close[i] < o2[i - lag] ? bit : 0;
            }
            break;
        case F_AD:
            for (int i = begin; i < end; i++) {
                ulong bit = BIT(i);
                double x = v[i];
                a1 |= x > v[i - 1] ? bit : 0;
                a2 |= close[i] > close[i - 1] ? bit : 0;
                b1 |= x < v[i - 1] ? bit : 0;
                b2 |= close[i] < close[i - 1] ? bit : 0;
            }
            break;
        case F_VOSC:
            for (int i = begin; i < end; i++) {
                ulong bit = BIT(i);
                double x = v[i];
                a1 |= x > 0 ? bit : 0;
                a2 |= close[i] > close[i - 1] ? bit : 0;
                b2 |= close[i] < close[i - 1] ? bit : 0;
            }
            break;
        case F_HEIKINASHI:
            // v = open, o1 = high, o2 = low, o3 = close
            for (int i = begin; i < end; i++) {
                ulong bit = BIT(i);
                double x = v[i];
                a1 |= o3[i] > x ? bit : 0;
                a2 |= o2[i] >= x ? bit : 0;
                b1 |= o3[i] < x ? bit : 0;
                b2 |= o1[i] <= x ? bit : 0;
            }
            break;
        default:
            break;
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
