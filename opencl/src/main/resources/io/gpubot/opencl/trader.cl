// The trading rules of core/trade (Trader.onBar, EntryPlanner, Sizer, Pricing, EquityRecorder) for one
// (bot, cycle) per work-item, operation for operation as the JVM evaluates them, so every double comes out
// the same: fp64, no contraction into fused multiply-adds, only correctly rounded operations (+ - * / and
// floor, ceil, rint, fabs, which are exact). Anything that needs Math.pow, log or sqrt (the anti-martingale
// risk, the ratios of Metrics) is worked out on the host by the same Java code.
// Read beside docs/TRADING_RULES.md and core/src/main/java/io/gpubot/core/trade/Trader.java.
#pragma OPENCL EXTENSION cl_khr_fp64 : enable
#pragma OPENCL FP_CONTRACT OFF

#define LONG_MIN_VALUE (-9223372036854775807L - 1L)
#define DAY 86400000L

// ExitReason ordinals.
#define TAKE_PROFIT 0
#define STOP_LOSS 1
#define LIQUIDATION 2
#define SIGNAL 3
#define END 4

// SizingMethod ordinals.
#define RISK 0
#define FIXED_MARGIN 1
#define FIXED_NOTIONAL 2
#define KELLY 3
#define VOLATILITY 4
#define ANTI_MARTINGALE 5

// Sizer's constants (core/trade/Sizer.java).
#define BASE_RISK 0.02
#define KELLY_MIN_RISK 0.005
#define KELLY_MAX_RISK 0.05
#define KELLY_MIN_TRADES 20

#define AM_TABLE 32
#define BOT_INTS 8
#define BOT_REALS 8
#define OUT_REALS 8
#define OUT_LONGS 4
#define OUT_INTS 8
#define TRADE_REALS 9
#define TRADE_LONGS 4

// cfg: the contract and the run settings.
#define C_TICK 0
#define C_MULTIPLIER 1
#define C_TAKER 2
#define C_MAKER 3
#define C_START 4
#define C_SLIPPAGE 5
#define C_DEFAULT_FUNDING 6
#define C_MIN_EQUITY_FRACTION 7
#define C_MIN_BALANCE 8
#define C_DAILY_LOSS 9

typedef struct {
    // Contract and run.
    double tick, m, taker, maker, startBalance, slippage, defaultFunding, minEquityFraction, minBalance, dailyLoss;
    long k;          // ticks per unit price, 0 when the tick is not 1/n
    long fundingInterval;
    int lotSize;
    // The bot.
    int leverage, atrMode, sizing;
    double tp, sl, sizingParam, cap, mmr0;
    // Trader.
    double balance, equity;
    int hasPosition, side;
    long entryTime, q;
    double entryPrice, margin, takeProfit, stopLoss, liquidation, entryFee;
    int capped;
    double positionFunding, entrySlippage;
    int pendingSignal, pendingEntryAllowed;
    double pendingAtr;
    long lastTime, nextFunding;
    double lastClose;
    int bars, barsInPosition;
    // TradeStats (the sums are the metrics' sums too: the same operations in the same order).
    int wins, losses, winStreak, liquidations, trades;
    double sumWins, sumLosses, fees, slippageSum, fundingSum;
    // EquityRecorder.
    double peak;
    long peakTime;
    double maxDrawdown;
    long maxUnderwater;
    int underwater;
    long firstTime, recLastTime;
    double last;
    long nextDay;
    double drawdownFloor;
    int days;
    double dayEnd, previousDayEnd;
    double maxIntrabarDrawdown, intrabarFloor;
} State;

// Java's Math.min and Math.max on doubles (NaN wins; -0.0 is below 0.0).
double jmin(double a, double b) {
    if (a != a) return a;
    if (a == 0.0 && b == 0.0) return signbit(a) ? a : b;
    return a <= b ? a : b;
}

double jmax(double a, double b) {
    if (a != a) return a;
    if (a == 0.0 && b == 0.0) return signbit(a) ? b : a;
    return a >= b ? a : b;
}

// Java's Math.floorDiv on longs.
long floorDiv(long a, long b) {
    long q = a / b;
    if ((a % b != 0) && ((a < 0) != (b < 0))) q--;
    return q;
}

// Java's (long) cast of a double: saturating, NaN to 0.
long toLong(double x) {
    if (x != x) return 0;
    if (x >= 9.2233720368547758e18) return 9223372036854775807L;
    if (x <= -9.2233720368547758e18) return LONG_MIN_VALUE;
    return (long) x;
}

// Pricing ----------------------------------------------------------------------------------------------

double tickAbove(const State *s, double price) {
    double steps = s->k > 0 ? price * (double) s->k : price / s->tick;
    double n = ceil(steps - 1e-12 * jmax(1.0, fabs(steps)));
    return s->k > 0 ? n / (double) s->k : n * s->tick;
}

double tickBelow(const State *s, double price) {
    double steps = s->k > 0 ? price * (double) s->k : price / s->tick;
    double n = floor(steps + 1e-12 * jmax(1.0, fabs(steps)));
    return s->k > 0 ? n / (double) s->k : n * s->tick;
}

double roundToTick(const State *s, double price) {
    if (s->k > 0) return rint(price * (double) s->k) / (double) s->k;
    return rint(price / s->tick) * s->tick;
}

double marketFill(const State *s, int buy, double price) {
    return buy ? tickAbove(s, price * (1 + s->slippage)) : tickBelow(s, price * (1 - s->slippage));
}

// sign × (exit − entry) × contracts × multiplier
double pnl(int sign, double entry, double exit, long q, double m) {
    return (double) sign * (exit - entry) * (double) q * m;
}

double fee(long q, double m, double price, double rate) {
    return (double) q * m * price * rate;
}

double liquidationPrice(int sign, double entry, int leverage, double mmr) {
    return sign > 0 ? entry * (1 - 1.0 / (double) leverage + mmr) : entry * (1 + 1.0 / (double) leverage - mmr);
}

long floorToLot(const State *s, double contracts) {
    if (!(contracts > 0)) return 0;
    return toLong(floor(contracts / (double) s->lotSize)) * (long) s->lotSize;
}

// EquityRecorder ---------------------------------------------------------------------------------------

double recFloor(double peak, double record) {
    return peak * (1 - record) + peak * 1e-12;
}

void onClose(State *s, __global double *daily, long time, double equity) {
    if (s->firstTime == LONG_MIN_VALUE) {
        s->firstTime = time;
        s->peakTime = time;
    }
    if (equity >= s->peak) {
        if (s->underwater) {
            long uw = time - s->peakTime;
            s->maxUnderwater = s->maxUnderwater >= uw ? s->maxUnderwater : uw;
            s->underwater = 0;
        }
        s->peak = equity;
        s->peakTime = time;
        s->drawdownFloor = recFloor(s->peak, s->maxDrawdown);
        s->intrabarFloor = recFloor(s->peak, s->maxIntrabarDrawdown);
    } else {
        s->underwater = 1;
        if (equity < s->drawdownFloor) {
            double drawdown = (s->peak - equity) / s->peak;
            if (drawdown > s->maxDrawdown) {
                s->maxDrawdown = drawdown;
                s->drawdownFloor = recFloor(s->peak, s->maxDrawdown);
            }
        }
        long underwaterFor = time - s->peakTime;
        if (underwaterFor > s->maxUnderwater) s->maxUnderwater = underwaterFor;
    }
    if (time >= s->nextDay) {
        if (s->days > 0) {
            daily[s->days - 1] = s->dayEnd;
            s->previousDayEnd = s->dayEnd;
        }
        s->days++;
        s->nextDay = (floorDiv(time, DAY) + 1) * DAY;
    }
    s->dayEnd = equity;
    s->last = equity;
    s->recLastTime = time;
}

void onIntrabar(State *s, double worstEquity) {
    if (worstEquity < s->intrabarFloor && worstEquity < s->peak) {
        double drawdown = (s->peak - worstEquity) / s->peak;
        if (drawdown > s->maxIntrabarDrawdown) {
            s->maxIntrabarDrawdown = drawdown;
            s->intrabarFloor = recFloor(s->peak, s->maxIntrabarDrawdown);
        }
    }
}

double dayStartEquity(const State *s) {
    return s->days >= 2 ? s->previousDayEnd : s->startBalance;
}

// Trader -----------------------------------------------------------------------------------------------

void closePosition(State *s, __global double *tradeReal, __global long *tradeLong, int keepTrades, long tradeBase,
                          long time, double exitPrice, double exitFee, double slippage, double grossPnl, int reason) {
    s->balance += grossPnl - exitFee;
    double net = grossPnl - s->entryFee - exitFee - s->positionFunding;
    if (keepTrades) {
        long t = tradeBase + s->trades;
        __global double *r = tradeReal + t * TRADE_REALS;
        r[0] = s->entryPrice;
        r[1] = exitPrice;
        r[2] = s->entryFee;
        r[3] = exitFee;
        r[4] = slippage;
        r[5] = s->positionFunding;
        r[6] = grossPnl;
        r[7] = net;
        r[8] = 0;
        __global long *l = tradeLong + t * TRADE_LONGS;
        l[0] = s->entryTime;
        l[1] = time;
        l[2] = s->q;
        l[3] = (long) (s->side > 0 ? 0 : 1) | ((long) reason << 8) | ((long) s->capped << 16);
    }
    s->trades++;
    // TradeStats.after and the sums of Metrics.of.
    if (net > 0) {
        s->wins++;
        s->sumWins += net;
        s->winStreak++;
    } else {
        s->losses++;
        s->sumLosses -= net;
        s->winStreak = 0;
    }
    if (reason == LIQUIDATION) s->liquidations++;
    s->fees += s->entryFee + exitFee;
    s->slippageSum += slippage;
    s->fundingSum += s->positionFunding;
    s->hasPosition = 0;
    s->positionFunding = 0;
    s->entrySlippage = 0;
}

#define CLOSE_ARGS tradeReal, tradeLong, keepTrades, tradeBase

void exitAtMarket(State *s, __global double *tradeReal, __global long *tradeLong, int keepTrades, long tradeBase,
                         long time, double price, int reason) {
    double fill = marketFill(s, s->side < 0, price);
    double exitFee = fee(s->q, s->m, fill, s->taker);
    double slippage = s->entrySlippage + fabs(price - fill) * (double) s->q * s->m;
    closePosition(s, CLOSE_ARGS, time, fill, exitFee, slippage, pnl(s->side, s->entryPrice, fill, s->q, s->m), reason);
}

void exitAtTakeProfit(State *s, __global double *tradeReal, __global long *tradeLong, int keepTrades, long tradeBase, long time) {
    double level = s->takeProfit;
    double exitFee = fee(s->q, s->m, level, s->maker);
    closePosition(s, CLOSE_ARGS, time, level, exitFee, s->entrySlippage, pnl(s->side, s->entryPrice, level, s->q, s->m), TAKE_PROFIT);
}

void liquidate(State *s, __global double *tradeReal, __global long *tradeLong, int keepTrades, long tradeBase, long time) {
    closePosition(s, CLOSE_ARGS, time, s->liquidation, 0, s->entrySlippage, -s->margin, LIQUIDATION);
}

int stopFiresFirst(const State *s) {
    return s->side * (s->stopLoss - s->liquidation) > 0;
}

double fundingRateAt(__global const long *fundTime, __global const double *fundRate, int fundCount, long t, double fallback) {
    int lo = 0;
    int hi = fundCount - 1;
    while (lo <= hi) {
        int mid = (lo + hi) >> 1;
        long v = fundTime[mid];
        if (v < t) lo = mid + 1;
        else if (v > t) hi = mid - 1;
        else return fundRate[mid];
    }
    return fallback;
}

double riskContracts(const State *s, double risk, double equity, int sign, double fill, double stopLoss) {
    double exitAtStop = marketFill(s, sign < 0, stopLoss);
    double lossPerContract = (double) sign * (fill - exitAtStop) * s->m + fill * s->m * s->taker + exitAtStop * s->m * s->taker;
    return risk * equity / lossPerContract;
}

double kellyRisk(const State *s, double fraction) {
    int closed = s->wins + s->losses;
    if (closed < KELLY_MIN_TRADES) return BASE_RISK;
    double winRate = (double) s->wins / (double) closed;
    double kelly;
    if (s->wins == 0) {
        kelly = 0;
    } else if (s->losses == 0 || s->sumLosses == 0) {
        kelly = winRate;
    } else {
        double payoff = (s->sumWins / (double) s->wins) / (s->sumLosses / (double) s->losses);
        kelly = winRate - (1 - winRate) / payoff;
    }
    return jmax(KELLY_MIN_RISK, jmin(KELLY_MAX_RISK, fraction * kelly));
}

// Sizer.contracts: whole lots, 0 when refused.
long sizeContracts(const State *s, __global const double *amTable, int sign, double equity, double available, double fill,
                          double stopLoss, double atr) {
    double wanted;
    switch (s->sizing) {
        case RISK: wanted = riskContracts(s, s->sizingParam, equity, sign, fill, stopLoss); break;
        case FIXED_MARGIN: wanted = s->sizingParam * equity * (double) s->leverage / (fill * s->m); break;
        case FIXED_NOTIONAL: wanted = s->sizingParam / (fill * s->m); break;
        case KELLY: wanted = riskContracts(s, kellyRisk(s, s->sizingParam), equity, sign, fill, stopLoss); break;
        case VOLATILITY:
            if (!(atr > 0)) return 0;
            wanted = s->sizingParam * equity / (atr * s->m);
            break;
        default: // ANTI_MARTINGALE: the host tabulated BASE_RISK × min(4, (1 + step)^streak) until it reaches the cap.
            wanted = riskContracts(s, amTable[s->winStreak < AM_TABLE ? s->winStreak : AM_TABLE - 1], equity, sign, fill, stopLoss);
            break;
    }
    double affordable = available / (fill * s->m * (1.0 / (double) s->leverage + s->taker));
    long lots = floorToLot(s, jmin(wanted, affordable));
    return lots < (long) s->lotSize ? 0 : lots;
}

double tierMmr(__global const double *tierMax, __global const double *mmrs, int tierCount, double value) {
    for (int t = 0; t < tierCount; t++) {
        if (value <= tierMax[t]) return mmrs[t];
    }
    return mmrs[tierCount - 1];
}

// EntryPlanner.plan and Trader.enter.
void enter(State *s, __global double *tradeReal, __global long *tradeLong, int keepTrades, long tradeBase,
                  __global const double *amTable, __global const double *tierMax, __global const double *tierMmrs, int tierCount,
                  long time, double open, int sign, double atr) {
    if (s->atrMode && !(atr > 0)) return;
    double fill = marketFill(s, sign > 0, open);
    double tpDistance = s->atrMode ? atr * s->tp : fill * s->tp;
    double slDistance = s->atrMode ? atr * s->sl : fill * s->sl;
    double takeProfit = roundToTick(s, fill + (double) sign * tpDistance);
    double stopLoss = roundToTick(s, fill - (double) sign * slDistance);
    if ((double) sign * (fill - stopLoss) <= 0 || (double) sign * (takeProfit - fill) <= 0 || !(stopLoss > 0)) return;
    double farthest = liquidationPrice(sign, fill, s->leverage, s->mmr0);
    if ((double) sign * (stopLoss - farthest) <= 0) return;
    long q = sizeContracts(s, amTable, sign, s->balance, s->balance, fill, stopLoss, atr);
    if (q == 0) return;
    int capped = 0;
    if ((double) q * s->m * fill > s->cap) {
        q = floorToLot(s, s->cap / (s->m * fill));
        capped = 1;
        if (q < (long) s->lotSize) return;
    }
    double liquidation = liquidationPrice(sign, fill, s->leverage, tierMmr(tierMax, tierMmrs, tierCount, (double) q * s->m * fill));
    if ((double) sign * (stopLoss - liquidation) <= 0) return;
    double entryFee = fee(q, s->m, fill, s->taker);
    double margin = (double) q * s->m * fill / (double) s->leverage;

    s->balance -= entryFee;
    s->hasPosition = 1;
    s->side = sign;
    s->entryTime = time;
    s->entryPrice = fill;
    s->q = q;
    s->margin = margin;
    s->takeProfit = takeProfit;
    s->stopLoss = stopLoss;
    s->liquidation = liquidation;
    s->entryFee = entryFee;
    s->capped = capped;
    s->positionFunding = 0;
    s->entrySlippage = fabs(fill - open) * (double) q * s->m;
    if ((double) sign * (open - stopLoss) <= 0) {
        // Rule 4b: the stop order placed after the fill finds the price already beyond it.
        exitAtMarket(s, CLOSE_ARGS, time, open, STOP_LOSS);
    }
}

// The bot's consensus over bars 64w .. 64w+63: {buy, sell} words (Backtester.signalBits).
void signalWords(__global const long *bull, __global const long *bear, int words, __global const int *specs, int specCount,
                        int needed, int unanimous, int w, long *buy, long *sell) {
    if (unanimous) {
        long up = bull[(long) specs[0] * words + w];
        long down = bear[(long) specs[0] * words + w];
        for (int k = 1; k < specCount; k++) {
            up &= bull[(long) specs[k] * words + w];
            down &= bear[(long) specs[k] * words + w];
        }
        *buy = up;
        *sell = down;
        return;
    }
    long up = 0;
    long down = 0;
    for (int bit = 0; bit < 64; bit++) {
        int bullish = 0;
        int bearish = 0;
        for (int k = 0; k < specCount; k++) {
            if ((bull[(long) specs[k] * words + w] >> bit) & 1L) bullish++;
            else if ((bear[(long) specs[k] * words + w] >> bit) & 1L) bearish++;
        }
        if (bullish >= needed && bullish > bearish) up |= 1L << bit;
        else if (bearish >= needed && bearish > bullish) down |= 1L << bit;
    }
    *buy = up;
    *sell = down;
}

int trailingZeros(long x) {
    return 63 - (int) clz(x & -x);
}

// EquityRecorder.onFlatCloses: bars [from, to) that all closed with the same equity.
void onFlatCloses(State *s, __global double *daily, __global const long *time, __global const int *dayStarts, int nDayStarts,
                         int from, int to, double equity) {
    if (from >= to) return;
    onClose(s, daily, time[from], equity);
    if (to - from == 1) return;
    long lastBar = time[to - 1];
    if (equity >= s->peak) {
        s->peakTime = lastBar;
    } else {
        long uw = lastBar - s->peakTime;
        s->maxUnderwater = s->maxUnderwater >= uw ? s->maxUnderwater : uw;
    }
    // The first day start at or after from + 1 (Arrays.binarySearch's insertion point).
    int lo = 0;
    int hi = nDayStarts;
    while (lo < hi) {
        int mid = (lo + hi) >> 1;
        if (dayStarts[mid] < from + 1) lo = mid + 1;
        else hi = mid;
    }
    for (int k = lo; k < nDayStarts && dayStarts[k] < to; k++) {
        if (s->days > 0) {
            daily[s->days - 1] = s->dayEnd;
            s->previousDayEnd = s->dayEnd;
        }
        s->days++;
        s->dayEnd = equity;
    }
    s->nextDay = (floorDiv(lastBar, DAY) + 1) * DAY;
    s->last = equity;
    s->recLastTime = lastBar;
}

void advanceTo(State *s, long t) {
    s->lastTime = t;
    if (t >= s->nextFunding) s->nextFunding = floorDiv(t, s->fundingInterval) * s->fundingInterval + s->fundingInterval;
}

__kernel void evaluate(
        __global const long *time, __global const double *open, __global const double *high, __global const double *low,
        __global const double *close, __global const double *atr,
        __global const long *bull, __global const long *bear, const int words,
        __global const int *botSpecs, __global const int *botInt, __global const double *botReal, __global const double *amTables,
        __global const int *cycles, const int nBots, const int nCycles,
        __global const double *tierMax, __global const double *tierMmrs, const int tierCount,
        __global const long *fundTime, __global const double *fundRate, const int fundCount,
        __global const double *cfg, const long ticksPerUnit, const long fundingInterval, const int lotSize,
        __global double *outReal, __global long *outLong, __global int *outInt, __global double *daily, const int dayCap,
        const int keepTrades, __global const long *tradeStart, __global double *tradeReal, __global long *tradeLong,
        __global const int *dayStarts, const int nDayStarts, __global const double *blockMinLow, __global const double *blockMaxHigh,
        __global const double *blockMinClose, __global const double *blockMaxClose) {
    int item = get_global_id(0);
    if (item >= nBots * nCycles) return;
    int b = item / nCycles;
    int c = item - b * nCycles;
    int from = cycles[2 * c];
    int to = cycles[2 * c + 1];
    __global double *myDaily = daily + (long) item * dayCap;
    long tradeBase = keepTrades ? tradeStart[item] : 0;
    __global const double *amTable = amTables + (long) b * AM_TABLE;

    State st;
    State *s = &st;
    s->tick = cfg[C_TICK];
    s->m = cfg[C_MULTIPLIER];
    s->taker = cfg[C_TAKER];
    s->maker = cfg[C_MAKER];
    s->startBalance = cfg[C_START];
    s->slippage = cfg[C_SLIPPAGE];
    s->defaultFunding = cfg[C_DEFAULT_FUNDING];
    s->minEquityFraction = cfg[C_MIN_EQUITY_FRACTION];
    s->minBalance = cfg[C_MIN_BALANCE];
    s->dailyLoss = cfg[C_DAILY_LOSS];
    s->k = ticksPerUnit;
    s->fundingInterval = fundingInterval;
    s->lotSize = lotSize;

    __global const int *bi = botInt + (long) b * BOT_INTS;
    int specStart = bi[0];
    int specCount = bi[1];
    int needed = bi[2];
    int unanimous = bi[3];
    s->leverage = bi[4];
    s->atrMode = bi[5];
    s->sizing = bi[6];
    __global const double *br = botReal + (long) b * BOT_REALS;
    s->tp = br[0];
    s->sl = br[1];
    s->sizingParam = br[2];
    s->cap = br[3];
    s->mmr0 = br[4];

    s->balance = s->startBalance;
    s->equity = s->balance;
    s->hasPosition = 0;
    s->side = 0;
    s->entryTime = 0;
    s->q = 0;
    s->entryPrice = 0;
    s->margin = 0;
    s->takeProfit = 0;
    s->stopLoss = 0;
    s->liquidation = 0;
    s->entryFee = 0;
    s->capped = 0;
    s->positionFunding = 0;
    s->entrySlippage = 0;
    s->pendingSignal = 0;
    s->pendingEntryAllowed = 0;
    s->pendingAtr = NAN;
    s->lastTime = LONG_MIN_VALUE;
    s->nextFunding = LONG_MIN_VALUE;
    s->lastClose = NAN;
    s->bars = 0;
    s->barsInPosition = 0;
    s->wins = 0;
    s->losses = 0;
    s->winStreak = 0;
    s->liquidations = 0;
    s->trades = 0;
    s->sumWins = 0;
    s->sumLosses = 0;
    s->fees = 0;
    s->slippageSum = 0;
    s->fundingSum = 0;
    s->peak = s->startBalance;
    s->peakTime = LONG_MIN_VALUE;
    s->maxDrawdown = 0;
    s->maxUnderwater = 0;
    s->underwater = 0;
    s->firstTime = LONG_MIN_VALUE;
    s->recLastTime = LONG_MIN_VALUE;
    s->last = s->startBalance;
    s->nextDay = LONG_MIN_VALUE;
    s->drawdownFloor = recFloor(s->startBalance, 0);
    s->days = 0;
    s->dayEnd = 0;
    s->previousDayEnd = 0;
    s->maxIntrabarDrawdown = 0;
    s->intrabarFloor = s->drawdownFloor;

    double equityFloorShare = s->minEquityFraction * s->startBalance;
    __global const int *specs = botSpecs + specStart;
    int word = -1;
    long buyWord = 0;
    long sellWord = 0;
    int i = from;
    while (i < to) {
        // Trader.run's batch path: what cannot change is recorded in one step.
        if (!s->hasPosition) {
            if (s->pendingSignal == 0) {
                // The next bar with a signal (Trader.nextSignal), then the flat closes before it.
                int w = i >> 6;
                if (w != word) {
                    word = w;
                    signalWords(bull, bear, words, specs, specCount, needed, unanimous, w, &buyWord, &sellWord);
                }
                long any = (buyWord | sellWord) & (-1L << (i & 63));
                int lastWord = (to - 1) >> 6;
                int next = to;
                while (1) {
                    if (any != 0) {
                        int found = (w << 6) + trailingZeros(any);
                        next = found < to ? found : to;
                        break;
                    }
                    if (++w > lastWord) break;
                    word = w;
                    signalWords(bull, bear, words, specs, specCount, needed, unanimous, w, &buyWord, &sellWord);
                    any = buyWord | sellWord;
                }
                if (next > i) {
                    onFlatCloses(s, myDaily, time, dayStarts, nDayStarts, i, next, s->balance);
                    s->equity = s->balance;
                    advanceTo(s, time[next - 1]);
                    s->lastClose = close[next - 1];
                    s->bars += next - i;
                    i = next;
                    if (i == to) break;
                }
            }
        } else if (s->pendingSignal == 0 && (i & 63) == 0 && i + 64 <= to) {
            // Trader.passesQuietBlock: a held position through 64 bars that change nothing but time under water.
            int block = i >> 6;
            if (block != word) {
                word = block;
                signalWords(bull, bear, words, specs, specCount, needed, unanimous, block, &buyWord, &sellWord);
            }
            long opposite = s->side > 0 ? sellWord : buyWord;
            long lastBarTime = time[i + 63];
            if (opposite == 0 && lastBarTime < s->nextFunding && lastBarTime < s->nextDay) {
                double lowest = blockMinLow[block];
                double highest = blockMaxHigh[block];
                int exitPossible = s->side > 0 ? (lowest <= s->stopLoss || highest >= s->takeProfit)
                                               : (highest >= s->stopLoss || lowest <= s->takeProfit);
                if (!exitPossible) {
                    double best = s->balance + pnl(s->side, s->entryPrice, s->side > 0 ? blockMaxClose[block] : blockMinClose[block], s->q, s->m);
                    double worst = s->balance + pnl(s->side, s->entryPrice, s->side > 0 ? blockMinClose[block] : blockMaxClose[block], s->q, s->m);
                    if (best < s->peak && worst >= s->drawdownFloor && s->firstTime != LONG_MIN_VALUE) {
                        onIntrabar(s, s->balance + pnl(s->side, s->entryPrice, s->side > 0 ? lowest : highest, s->q, s->m));
                        double lastBarClose = close[i + 63];
                        double last = s->balance + pnl(s->side, s->entryPrice, lastBarClose, s->q, s->m);
                        // EquityRecorder.onUnderwaterStretch
                        s->underwater = 1;
                        long underwaterFor = lastBarTime - s->peakTime;
                        if (underwaterFor > s->maxUnderwater) s->maxUnderwater = underwaterFor;
                        s->dayEnd = last;
                        s->last = last;
                        s->recLastTime = lastBarTime;
                        s->equity = last;
                        s->bars += 64;
                        s->barsInPosition += 64;
                        advanceTo(s, lastBarTime);
                        s->lastClose = lastBarClose;
                        i += 64;
                        continue;
                    }
                }
            }
        }
        // Trader.onBar
        long t = time[i];
        double o = open[i];
        if (s->hasPosition) {
            if (t >= s->nextFunding) {
                for (long ft = s->nextFunding; ft <= t; ft += s->fundingInterval) {
                    double rate = fundingRateAt(fundTime, fundRate, fundCount, ft, s->defaultFunding);
                    double amount = (double) ((long) s->side * s->q) * s->m * o * rate;
                    s->balance -= amount;
                    s->positionFunding += amount;
                }
            }
            // Rule 5.1: a gap to or beyond liquidation liquidates (isolated margin: the margin is the loss); beyond only
            // the stop, a stop-loss at the open; beyond the take-profit, the resting limit at its level.
            int sign = s->side;
            if ((double) sign * (o - s->liquidation) <= 0) {
                liquidate(s, CLOSE_ARGS, t);
            } else if ((double) sign * (o - s->stopLoss) <= 0) {
                exitAtMarket(s, CLOSE_ARGS, t, o, STOP_LOSS);
            } else if ((double) sign * (o - s->takeProfit) > 0) {
                exitAtTakeProfit(s, CLOSE_ARGS, t);
            }
        }
        // The order decided at the last close fills at this open.
        int pending = s->pendingSignal;
        s->pendingSignal = 0;
        if (pending != 0) {
            if (s->hasPosition && s->side != pending) exitAtMarket(s, CLOSE_ARGS, t, o, SIGNAL);
            if (!s->hasPosition && s->pendingEntryAllowed) {
                enter(s, CLOSE_ARGS, amTable, tierMax, tierMmrs, tierCount, t, o, pending, s->pendingAtr);
            }
        }
        double h = high[i];
        double l = low[i];
        if (s->hasPosition) {
            // Rule 5.2: the bar's range, adverse side first.
            int sign = s->side;
            double adverse = sign > 0 ? l : h;
            double favourable = sign > 0 ? h : l;
            int reachesLiquidation = (double) sign * (adverse - s->liquidation) <= 0;
            if ((double) sign * (adverse - s->stopLoss) <= 0 && (!reachesLiquidation || stopFiresFirst(s))) {
                exitAtMarket(s, CLOSE_ARGS, t, s->stopLoss, STOP_LOSS);
            } else if (reachesLiquidation) {
                liquidate(s, CLOSE_ARGS, t);
            } else if ((double) sign * (favourable - s->takeProfit) > 0) {
                exitAtTakeProfit(s, CLOSE_ARGS, t);
            }
            if (s->hasPosition) {
                onIntrabar(s, s->balance + pnl(s->side, s->entryPrice, s->side > 0 ? l : h, s->q, s->m));
            }
        }
        double cl = close[i];
        s->equity = s->hasPosition ? s->balance + pnl(s->side, s->entryPrice, cl, s->q, s->m) : s->balance;
        if (s->hasPosition) s->barsInPosition++;
        onClose(s, myDaily, t, s->equity);

        // The consensus at this close (Trader.decide).
        int w = i >> 6;
        if (w != word) {
            word = w;
            signalWords(bull, bear, words, specs, specCount, needed, unanimous, w, &buyWord, &sellWord);
        }
        int bit = i & 63;
        int signal = ((buyWord >> bit) & 1L) ? 1 : ((sellWord >> bit) & 1L) ? -1 : 0;
        if (signal != 0 && !(s->hasPosition && s->side == signal)) {
            s->pendingSignal = signal;
            s->pendingAtr = atr[i];
            int aboveFloor = s->equity >= equityFloorShare;
            int aboveMinimum = s->balance >= s->minBalance;
            int withinDailyLoss = s->equity >= dayStartEquity(s) * (1 - s->dailyLoss);
            s->pendingEntryAllowed = aboveFloor && aboveMinimum && withinDailyLoss;
        }
        advanceTo(s, t);
        s->lastClose = cl;
        s->bars++;
        i++;
    }
    // Trader.finish: a position still open closes at the last close.
    if (s->hasPosition) {
        exitAtMarket(s, CLOSE_ARGS, s->lastTime, s->lastClose, END);
        s->equity = s->balance;
        onClose(s, myDaily, s->lastTime, s->equity);
    }
    if (s->days > 0) myDaily[s->days - 1] = s->dayEnd;

    __global double *r = outReal + (long) item * OUT_REALS;
    r[0] = s->last;
    r[1] = s->sumWins;
    r[2] = s->sumLosses;
    r[3] = s->fees;
    r[4] = s->slippageSum;
    r[5] = s->fundingSum;
    r[6] = s->maxDrawdown;
    r[7] = s->maxIntrabarDrawdown;
    __global long *lo = outLong + (long) item * OUT_LONGS;
    lo[0] = s->maxUnderwater;
    lo[1] = s->firstTime;
    lo[2] = s->recLastTime;
    lo[3] = 0;
    __global int *n = outInt + (long) item * OUT_INTS;
    n[0] = s->trades;
    n[1] = s->wins;
    n[2] = s->liquidations;
    n[3] = s->bars;
    n[4] = s->barsInPosition;
    n[5] = s->days;
    n[6] = 0;
    n[7] = 0;
}
