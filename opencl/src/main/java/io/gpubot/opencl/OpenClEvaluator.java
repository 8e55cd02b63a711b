package io.gpubot.opencl;

import io.gpubot.core.backtest.BacktestResult;
import io.gpubot.core.backtest.Backtester;
import io.gpubot.core.backtest.BatchEvaluator;
import io.gpubot.core.backtest.Cycle;
import io.gpubot.core.backtest.Metrics;
import io.gpubot.core.bot.Bot;
import io.gpubot.core.indicator.IndicatorSpec;
import io.gpubot.core.market.CandleSeries;
import io.gpubot.core.market.Contract;
import io.gpubot.core.market.FundingRates;
import io.gpubot.core.market.RiskLimitTier;
import io.gpubot.core.market.RiskLimitTiers;
import io.gpubot.core.trade.EquityRecorder;
import io.gpubot.core.trade.ExitLevels;
import io.gpubot.core.trade.ExitReason;
import io.gpubot.core.trade.Pricing;
import io.gpubot.core.trade.RunSettings;
import io.gpubot.core.trade.Side;
import io.gpubot.core.trade.Sizer;
import io.gpubot.core.trade.SizingMethod;
import io.gpubot.core.trade.Trade;
import io.gpubot.core.trade.TradingPlan;
import org.jocl.CL;
import org.jocl.Pointer;
import org.jocl.Sizeof;
import org.jocl.cl_kernel;
import org.jocl.cl_mem;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ForkJoinPool;

/**
 * A {@link BatchEvaluator} on an OpenCL device: the candles stay on the device for the evaluator's life, and so
 * does a table of vote bitsets; each call classifies there the indicator specs its bots use that the table
 * lacks ({@link DeviceVotes}: values of some types computed on the device, of the others on the CPU and
 * uploaded), uploads the bots' trading genes and the cycles, runs {@code trader.cl} with
 * one work-item per (bot, cycle), and builds the metrics on the host with {@link Metrics}' own code from
 * the device's sums and daily equity. With trades asked for, a first pass counts each run's trades and a
 * second writes them.
 *
 * <p>A bot the device cannot run exactly (an anti-martingale step so small that its risk does not reach
 * the cap within {@value #AM_TABLE} wins, the size of the host's table of {@code Math.pow}) is evaluated by
 * the CPU engine instead; with the genome's bounds (step 0.1 to 1) none is.
 */
final class OpenClEvaluator implements BatchEvaluator {

    static final int AM_TABLE = 32;
    private static final int BOT_INTS = 8;
    private static final int BOT_REALS = 8;
    private static final int OUT_REALS = 8;
    private static final int OUT_LONGS = 4;
    private static final int OUT_INTS = 8;
    private static final int TRADE_REALS = 9;
    private static final int TRADE_LONGS = 4;
    private static final int LOCAL_SIZE = 64;

    private final OpenClBackend backend;
    private final Backtester backtester;
    private final ForkJoinPool executor;
    private final CandleSeries series;
    private final Contract contract;
    private final RunSettings run;
    private final int words;
    private final cl_kernel kernel;
    /**
     * time, open, high, low, close, atr, tiers' max, tiers' mmr, funding times, funding rates, cfg, day starts, and the blocks'
     * lowest low, highest high, lowest and highest close.
     */
    private final cl_mem[] fixed;
    private final int tierCount;
    private final int fundingCount;
    private final int dayStartCount;
    private boolean released;
    /** The device's vote table: the bullish and bearish words of every spec uploaded so far, {@code words} longs per slot. */
    private cl_mem voteBull;
    private cl_mem voteBear;
    private int voteCapacity;
    private final Map<IndicatorSpec, Integer> deviceSlots = new LinkedHashMap<>();
    /** Values and votes of the specs the device has not seen yet, computed there (values of some types on the CPU). */
    private final DeviceVotes deviceVotes;

    OpenClEvaluator(OpenClBackend backend, Backtester backtester, ForkJoinPool executor) {
        this.backend = backend;
        this.backtester = backtester;
        this.executor = executor;
        this.series = backtester.series();
        this.contract = backtester.contract();
        this.run = backtester.runSettings();
        this.words = Math.max(1, (series.size() + 63) >>> 6);
        this.kernel = backend.newKernel();
        int n = series.size();
        int base = series.start();
        io.gpubot.core.trade.PreparedBars prepared = backtester.preparedBars();
        RiskLimitTiers tiers = RiskLimitTiers.of(contract);
        List<RiskLimitTier> tierList = tiers.tiers();
        this.tierCount = tierList.size();
        FundingRates funding = run.fundingRates();
        this.fundingCount = funding.size();
        long[] fundingTimes = new long[Math.max(1, fundingCount)];
        double[] fundingRates = new double[Math.max(1, fundingCount)];
        for (int i = 0; i < fundingCount; i++) {
            fundingTimes[i] = funding.time(i);
            fundingRates[i] = funding.rate(i);
        }
        double[] cfg = {contract.tickSize(), contract.multiplier(), contract.takerFeeRate(), contract.makerFeeRate(), run.startBalance(),
                run.slippage(), run.defaultFundingRate(), run.minEquityFraction(), run.limits().minBalanceUsdt(), run.limits().dailyLossLimit()};
        this.fixed = new cl_mem[] {
                upload(Arrays.copyOfRange(series.timeColumn(), base, base + Math.max(1, n))),
                upload(Arrays.copyOfRange(series.openColumn(), base, base + Math.max(1, n))),
                upload(Arrays.copyOfRange(series.highColumn(), base, base + Math.max(1, n))),
                upload(Arrays.copyOfRange(series.lowColumn(), base, base + Math.max(1, n))),
                upload(Arrays.copyOfRange(series.closeColumn(), base, base + Math.max(1, n))),
                upload(Arrays.copyOf(prepared.atr(), Math.max(1, n))),
                upload(tierList.stream().mapToDouble(RiskLimitTier::maxPositionValue).toArray()),
                upload(tierList.stream().mapToDouble(RiskLimitTier::maintenanceMarginRate).toArray()),
                upload(fundingTimes),
                upload(fundingRates),
                upload(cfg),
                upload(prepared.dayStarts()),
                upload(prepared.blockMinLow()),
                upload(prepared.blockMaxHigh()),
                upload(prepared.blockMinClose()),
                upload(prepared.blockMaxClose())};
        this.dayStartCount = prepared.dayStarts().length;
        this.deviceVotes = new DeviceVotes(backend, series, executor, fixed[0], fixed[1], fixed[2], fixed[3], fixed[4]);
    }

    @Override
    public synchronized List<List<BacktestResult>> evaluate(List<Bot> bots, List<Cycle> cycles) {
        if (released) throw new IllegalStateException("the OpenCL backend is closed");
        for (Cycle c : cycles) java.util.Objects.checkFromToIndex(c.from(), c.to(), series.size());
        List<List<BacktestResult>> results = new ArrayList<>(java.util.Collections.nCopies(bots.size(), null));
        if (bots.isEmpty()) return results;
        if (cycles.isEmpty()) {
            for (int b = 0; b < bots.size(); b++) results.set(b, List.of());
            return results;
        }

        List<Integer> onDevice = new ArrayList<>();
        List<Integer> onCpu = new ArrayList<>();
        List<double[]> amTables = new ArrayList<>();
        for (int b = 0; b < bots.size(); b++) {
            double[] table = antiMartingaleTable(bots.get(b).plan(contract));
            if (table == null) {
                onCpu.add(b);
            } else {
                onDevice.add(b);
                amTables.add(table);
            }
        }
        if (!onCpu.isEmpty()) {
            List<Bot> cpuBots = onCpu.stream().map(bots::get).toList();
            backtester.prefetch(cpuBots, executor);
            List<List<BacktestResult>> cpu = backtester.runCycles(cpuBots, cycles, executor);
            for (int i = 0; i < onCpu.size(); i++) results.set(onCpu.get(i), cpu.get(i));
        }
        if (!onDevice.isEmpty()) {
            List<Bot> deviceBots = onDevice.stream().map(bots::get).toList();
            List<List<BacktestResult>> device;
            try {
                device = runOnDevice(deviceBots, amTables, cycles);
            } catch (org.jocl.CLException e) {
                // Out of device memory, a lost device: one line, not a stack trace.
                throw new io.gpubot.core.UserException("the OpenCL device " + backend.deviceName() + " failed: " + e.getMessage()
                        + "; evaluate fewer bots at once or use --backend cpu", e);
            }
            for (int i = 0; i < onDevice.size(); i++) results.set(onDevice.get(i), device.get(i));
        }
        return results;
    }

    /**
     * {@code BASE_RISK × min(4, (1 + step)^k)} for {@code k} below {@value #AM_TABLE}, by {@link Sizer}'s own code; the
     * last entry must be the cap, which every longer streak then gets too (Math.pow is semi-monotonic). {@code null}
     * when the cap is not reached within the table; a table of zeros for other sizing methods.
     */
    static double[] antiMartingaleTable(TradingPlan plan) {
        double[] table = new double[AM_TABLE];
        if (plan.sizing().method() != SizingMethod.ANTI_MARTINGALE) return table;
        double step = plan.sizing().parameter();
        for (int k = 0; k < AM_TABLE; k++) table[k] = Sizer.antiMartingaleRisk(step, k);
        return table[AM_TABLE - 1] == Sizer.antiMartingaleRisk(step, Integer.MAX_VALUE) && table[AM_TABLE - 2] == table[AM_TABLE - 1] ? table : null;
    }

    private List<List<BacktestResult>> runOnDevice(List<Bot> bots, List<double[]> amTables, List<Cycle> cycles) {
        // Every spec's slot in the device's vote table; only specs the device has not seen yet are uploaded.
        Map<IndicatorSpec, Integer> slots = voteSlots(bots);
        int nBots = bots.size();
        int nCycles = cycles.size();
        int[] botInt = new int[nBots * BOT_INTS];
        double[] botReal = new double[nBots * BOT_REALS];
        double[] am = new double[nBots * AM_TABLE];
        List<Integer> specList = new ArrayList<>();
        RiskLimitTiers tiers = RiskLimitTiers.of(contract);
        double mmr0 = tiers.tierFor(0).maintenanceMarginRate();
        for (int b = 0; b < nBots; b++) {
            Bot bot = bots.get(b);
            TradingPlan plan = bot.plan(contract);
            int n = bot.indicators().size();
            botInt[b * BOT_INTS] = specList.size();
            botInt[b * BOT_INTS + 1] = n;
            for (IndicatorSpec spec : bot.indicators()) specList.add(slots.get(spec));
            botInt[b * BOT_INTS + 2] = Math.max(1, bot.consensus().required(n));
            botInt[b * BOT_INTS + 3] = bot.consensus().required(n) >= n ? 1 : 0;
            botInt[b * BOT_INTS + 4] = plan.leverage();
            botInt[b * BOT_INTS + 5] = plan.levels().mode() == ExitLevels.Mode.ATR ? 1 : 0;
            botInt[b * BOT_INTS + 6] = plan.sizing().method().ordinal();
            botReal[b * BOT_REALS] = plan.levels().takeProfit();
            botReal[b * BOT_REALS + 1] = plan.levels().stopLoss();
            botReal[b * BOT_REALS + 2] = plan.sizing().parameter();
            botReal[b * BOT_REALS + 3] = Math.min(run.limits().maxNotionalUsdt(), tiers.maxPositionValue(plan.leverage()));
            botReal[b * BOT_REALS + 4] = mmr0;
            System.arraycopy(amTables.get(b), 0, am, b * AM_TABLE, AM_TABLE);
        }
        cl_mem bull = voteBull;
        cl_mem bear = voteBear;
        List<cl_mem> temporary = new ArrayList<>();
        try {
            int[] cycleBars = new int[2 * nCycles];
            int dayCap = 1;
            long[] time = series.timeColumn();
            int base = series.start();
            for (int c = 0; c < nCycles; c++) {
                cycleBars[2 * c] = cycles.get(c).from();
                cycleBars[2 * c + 1] = cycles.get(c).to();
                dayCap = Math.max(dayCap, EquityRecorder.dayStarts(time, base + cycles.get(c).from(), base + cycles.get(c).to()).length);
            }
            int items = nBots * nCycles;
            cl_mem specs = upload(specList.stream().mapToInt(Integer::intValue).toArray());
            cl_mem botInts = upload(botInt);
            cl_mem botReals = upload(botReal);
            cl_mem amBuffer = upload(am);
            cl_mem cycleBuffer = upload(cycleBars);
            cl_mem outReal = output((long) items * OUT_REALS * Sizeof.cl_double);
            cl_mem outLong = output((long) items * OUT_LONGS * Sizeof.cl_long);
            cl_mem outInt = output((long) items * OUT_INTS * Sizeof.cl_int);
            cl_mem daily = output((long) items * dayCap * Sizeof.cl_double);
            temporary.addAll(List.of(specs, botInts, botReals, amBuffer, cycleBuffer, outReal, outLong, outInt, daily));

            Object[] args = {fixed[0], fixed[1], fixed[2], fixed[3], fixed[4], fixed[5], bull, bear, words,
                    specs, botInts, botReals, amBuffer, cycleBuffer, nBots, nCycles,
                    fixed[6], fixed[7], tierCount, fixed[8], fixed[9], fundingCount,
                    fixed[10], Pricing.ticksPerUnit(contract.tickSize()), contract.fundingInterval().toMillis(), contract.lotSize(),
                    outReal, outLong, outInt, daily, dayCap, 0, outReal /* tradeStart, unused */, outReal, outLong,
                    fixed[11], dayStartCount, fixed[12], fixed[13], fixed[14], fixed[15]};
            launch(args, items);

            int[] counts = new int[items * OUT_INTS];
            read(outInt, Pointer.to(counts), (long) counts.length * Sizeof.cl_int);
            double[] reals = new double[items * OUT_REALS];
            read(outReal, Pointer.to(reals), (long) reals.length * Sizeof.cl_double);
            long[] longs = new long[items * OUT_LONGS];
            read(outLong, Pointer.to(longs), (long) longs.length * Sizeof.cl_long);
            double[] dailyEquity = new double[Math.multiplyExact(items, dayCap)];
            read(daily, Pointer.to(dailyEquity), (long) dailyEquity.length * Sizeof.cl_double);

            double[] tradeReal = null;
            long[] tradeLong = null;
            long[] tradeStart = null;
            if (backtester.keepsTrades()) {
                tradeStart = new long[items];
                long total = 0;
                for (int i = 0; i < items; i++) {
                    tradeStart[i] = total;
                    total += counts[i * OUT_INTS];
                }
                cl_mem starts = upload(tradeStart);
                cl_mem tReal = output(Math.max(1, total) * TRADE_REALS * Sizeof.cl_double);
                cl_mem tLong = output(Math.max(1, total) * TRADE_LONGS * Sizeof.cl_long);
                temporary.addAll(List.of(starts, tReal, tLong));
                args[31] = 1;
                args[32] = starts;
                args[33] = tReal;
                args[34] = tLong;
                launch(args, items);
                tradeReal = new double[Math.toIntExact(total * TRADE_REALS)];
                tradeLong = new long[Math.toIntExact(total * TRADE_LONGS)];
                read(tReal, Pointer.to(tradeReal), (long) tradeReal.length * Sizeof.cl_double);
                read(tLong, Pointer.to(tradeLong), (long) tradeLong.length * Sizeof.cl_long);
            }

            List<List<BacktestResult>> results = new ArrayList<>(nBots);
            for (int b = 0; b < nBots; b++) {
                List<BacktestResult> perCycle = new ArrayList<>(nCycles);
                for (int c = 0; c < nCycles; c++) {
                    int item = b * nCycles + c;
                    perCycle.add(result(bots.get(b), item, counts, reals, longs, dailyEquity, dayCap,
                            tradeStart == null ? -1 : tradeStart[item], tradeReal, tradeLong));
                }
                results.add(perCycle);
            }
            return results;
        } finally {
            for (cl_mem m : temporary) CL.clReleaseMemObject(m);
        }
    }

    /**
     * Slots for the bots' specs in the device's vote table, classifying there the specs it lacks. The table grows
     * (doubling, its content copied on the device) up to the device's largest buffer; past that it starts anew with
     * this call's specs alone.
     */
    private Map<IndicatorSpec, Integer> voteSlots(List<Bot> bots) {
        java.util.LinkedHashSet<IndicatorSpec> wanted = new java.util.LinkedHashSet<>();
        for (Bot bot : bots) wanted.addAll(bot.indicators());
        long slotBytes = (long) words * Sizeof.cl_long;
        long maxSlots = backend.maxAllocation() / slotBytes;
        if (wanted.size() > maxSlots) {
            throw new io.gpubot.core.UserException(String.format(java.util.Locale.ROOT,
                    "the votes of %,d indicator specs over %,d bars need %,d MiB in one buffer, more than the OpenCL device allows (%,d MiB): "
                            + "evaluate fewer bots at once or use --backend cpu", wanted.size(), series.size(), (wanted.size() * slotBytes) >> 20, backend.maxAllocation() >> 20));
        }
        List<IndicatorSpec> missing = wanted.stream().filter(spec -> !deviceSlots.containsKey(spec)).toList();
        if (deviceSlots.size() + missing.size() > maxSlots) {
            deviceSlots.clear();
            missing = List.copyOf(wanted);
        }
        int needed = deviceSlots.size() + missing.size();
        if (needed > voteCapacity || voteBull == null) {
            int capacity = (int) Math.min(maxSlots, Math.max(needed, Math.max(64, 2L * voteCapacity)));
            cl_mem newBull = CL.clCreateBuffer(backend.context(), CL.CL_MEM_READ_WRITE, capacity * slotBytes, null, null);
            cl_mem newBear = CL.clCreateBuffer(backend.context(), CL.CL_MEM_READ_WRITE, capacity * slotBytes, null, null);
            if (voteBull != null) {
                if (!deviceSlots.isEmpty()) {
                    CL.clEnqueueCopyBuffer(backend.queue(), voteBull, newBull, 0, 0, deviceSlots.size() * slotBytes, 0, null, null);
                    CL.clEnqueueCopyBuffer(backend.queue(), voteBear, newBear, 0, 0, deviceSlots.size() * slotBytes, 0, null, null);
                    CL.clFinish(backend.queue());
                }
                CL.clReleaseMemObject(voteBull);
                CL.clReleaseMemObject(voteBear);
            }
            voteBull = newBull;
            voteBear = newBear;
            voteCapacity = capacity;
        }
        Map<IndicatorSpec, Integer> newSlots = new LinkedHashMap<>();
        for (IndicatorSpec spec : missing) newSlots.put(spec, deviceSlots.size() + newSlots.size());
        deviceVotes.classifyInto(missing, newSlots, voteBull, voteBear);
        deviceSlots.putAll(newSlots);
        return deviceSlots;
    }

    private BacktestResult result(Bot bot, int item, int[] counts, double[] reals, long[] longs, double[] daily, int dayCap, long tradeStart,
                                  double[] tradeReal, long[] tradeLong) {
        int o = item * OUT_INTS;
        int n = counts[o];
        int bars = counts[o + 3];
        int days = counts[o + 5];
        int r = item * OUT_REALS;
        int l = item * OUT_LONGS;
        double maxDrawdown = reals[r + 6];
        Metrics.TradeTotals totals = new Metrics.TradeTotals(n, counts[o + 1], counts[o + 2], reals[r + 1], reals[r + 2], reals[r + 3],
                reals[r + 4], reals[r + 5]);
        Metrics.EquitySummary equity = new Metrics.EquitySummary(run.startBalance(), reals[r],
                Arrays.copyOfRange(daily, item * dayCap, item * dayCap + days), longs[l + 1], longs[l + 2], maxDrawdown, longs[l],
                Math.max(reals[r + 7], maxDrawdown));
        Metrics metrics = Metrics.of(totals, equity, series.timeframe(), bars, counts[o + 4]);
        if (tradeStart < 0) return new BacktestResult(bot, List.of(), metrics);
        List<Trade> trades = new ArrayList<>(n);
        ExitReason[] reasons = ExitReason.values();
        for (int t = 0; t < n; t++) {
            int dr = Math.toIntExact((tradeStart + t) * TRADE_REALS);
            int dl = Math.toIntExact((tradeStart + t) * TRADE_LONGS);
            long packed = tradeLong[dl + 3];
            trades.add(new Trade((packed & 0xff) == 0 ? Side.LONG : Side.SHORT, tradeLong[dl], tradeReal[dr], tradeLong[dl + 1], tradeReal[dr + 1],
                    tradeLong[dl + 2], tradeReal[dr + 2], tradeReal[dr + 3], tradeReal[dr + 4], tradeReal[dr + 5], tradeReal[dr + 6],
                    tradeReal[dr + 7], reasons[(int) ((packed >> 8) & 0xff)], ((packed >> 16) & 1) != 0));
        }
        return new BacktestResult(bot, trades, metrics);
    }

    private void launch(Object[] args, int items) {
        for (int i = 0; i < args.length; i++) {
            Object a = args[i];
            if (a instanceof cl_mem m) CL.clSetKernelArg(kernel, i, Sizeof.cl_mem, Pointer.to(m));
            else if (a instanceof Integer v) CL.clSetKernelArg(kernel, i, Sizeof.cl_int, Pointer.to(new int[] {v}));
            else if (a instanceof Long v) CL.clSetKernelArg(kernel, i, Sizeof.cl_long, Pointer.to(new long[] {v}));
            else throw new IllegalArgumentException("kernel argument " + i + ": " + a);
        }
        long global = (items + LOCAL_SIZE - 1L) / LOCAL_SIZE * LOCAL_SIZE;
        CL.clEnqueueNDRangeKernel(backend.queue(), kernel, 1, null, new long[] {global}, new long[] {LOCAL_SIZE}, 0, null, null);
        CL.clFinish(backend.queue());
    }

    private void read(cl_mem buffer, Pointer target, long bytes) {
        if (bytes == 0) return;
        CL.clEnqueueReadBuffer(backend.queue(), buffer, CL.CL_TRUE, 0, bytes, target, 0, null, null);
    }

    private cl_mem output(long bytes) {
        return CL.clCreateBuffer(backend.context(), CL.CL_MEM_READ_WRITE, Math.max(8, bytes), null, null);
    }

    private cl_mem upload(long[] values) {
        return upload(Pointer.to(values.length == 0 ? new long[1] : values), Math.max(1, values.length) * (long) Sizeof.cl_long);
    }

    private cl_mem upload(double[] values) {
        return upload(Pointer.to(values.length == 0 ? new double[1] : values), Math.max(1, values.length) * (long) Sizeof.cl_double);
    }

    private cl_mem upload(int[] values) {
        return upload(Pointer.to(values.length == 0 ? new int[1] : values), Math.max(1, values.length) * (long) Sizeof.cl_int);
    }

    private cl_mem upload(Pointer values, long bytes) {
        return CL.clCreateBuffer(backend.context(), CL.CL_MEM_READ_ONLY | CL.CL_MEM_COPY_HOST_PTR, bytes, values, null);
    }

    /** The device's indicator values and votes of this evaluator's series (for the parity test). */
    DeviceVotes deviceVotes() {
        return deviceVotes;
    }

    synchronized void release() {
        if (released) return;
        released = true;
        deviceVotes.release();
        for (cl_mem m : fixed) CL.clReleaseMemObject(m);
        if (voteBull != null) {
            CL.clReleaseMemObject(voteBull);
            CL.clReleaseMemObject(voteBear);
        }
        CL.clReleaseKernel(kernel);
    }
}
