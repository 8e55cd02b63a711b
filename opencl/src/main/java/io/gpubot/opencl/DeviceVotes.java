package io.gpubot.opencl;

import io.gpubot.core.indicator.IndicatorSpec;
import io.gpubot.core.indicator.IndicatorType;
import io.gpubot.core.indicator.IndicatorValues;
import io.gpubot.core.market.CandleSeries;
import org.jocl.CL;
import org.jocl.Pointer;
import org.jocl.Sizeof;
import org.jocl.cl_kernel;
import org.jocl.cl_mem;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ForkJoinPool;

/**
 * The cold path on the device ({@code votes.cl}): the vote bitsets of every indicator type classified there
 * from values in device memory, written into the evaluator's vote table as the same words the CPU's
 * {@code IndicatorCache} makes; the values themselves computed there for the types of {@link #ON_DEVICE} (all 50,
 * within the kernels' ring sizes), and on the CPU (the spec's own {@code compute}, in parallel on the executor) and
 * uploaded for any other computation, and for every computation of a series with a non-finite candle number.
 *
 * <p>Values are kept only as long as their specs are being classified: computations go through a scratch
 * buffer in chunks of at most {@link #budget} bytes.
 */
final class DeviceVotes {

    /** The kernel's code of each type whose values the device computes (votes.cl's V_ constants). */
    private static final Map<IndicatorType, Integer> VALUE_CODES = codes(IndicatorType.SMA, IndicatorType.EMA, IndicatorType.RSI,
            IndicatorType.ATR, IndicatorType.WILLR, IndicatorType.DONCHIAN, IndicatorType.AROON, IndicatorType.STOCHF, IndicatorType.STOCH,
            IndicatorType.WMA, IndicatorType.DEMA, IndicatorType.TEMA, IndicatorType.KAMA, IndicatorType.T3, IndicatorType.HMA,
            IndicatorType.VWMA, IndicatorType.PIVOT, IndicatorType.FRACTAL, IndicatorType.HEIKINASHI, IndicatorType.ICHIMOKU,
            IndicatorType.NATR, IndicatorType.CMO, IndicatorType.MACD, IndicatorType.APO, IndicatorType.PPO, IndicatorType.MOM, IndicatorType.ROC,
            IndicatorType.TRIX, IndicatorType.TSI, IndicatorType.AO, IndicatorType.DPO, IndicatorType.OBV, IndicatorType.AD, IndicatorType.ADOSC,
            IndicatorType.CMF, IndicatorType.VWAP, IndicatorType.VOSC, IndicatorType.CCI, IndicatorType.MFI, IndicatorType.ULTOSC,
            IndicatorType.BBANDS, IndicatorType.STDDEV, IndicatorType.KELTNER, IndicatorType.ADX, IndicatorType.LINEARREG_SLOPE, IndicatorType.TSF,
            IndicatorType.SAR, IndicatorType.SUPERTREND, IndicatorType.STOCHRSI, IndicatorType.TRIMA);

    /** Types whose values the device computes (the others come from the CPU). */
    static final Set<IndicatorType> ON_DEVICE = java.util.Collections.unmodifiableSet(VALUE_CODES.keySet());

    /** Types run in segments of {@link #SEGMENT} bars (their outputs depend on a bounded window only). */
    private static final Set<IndicatorType> SEGMENTED = java.util.EnumSet.of(IndicatorType.WILLR, IndicatorType.DONCHIAN, IndicatorType.AROON,
            IndicatorType.VWMA, IndicatorType.PIVOT, IndicatorType.ICHIMOKU, IndicatorType.MOM, IndicatorType.ROC, IndicatorType.CMF, IndicatorType.CCI, IndicatorType.LINEARREG_SLOPE, IndicatorType.TSF);

    private static Map<IndicatorType, Integer> codes(IndicatorType... types) {
        Map<IndicatorType, Integer> codes = new EnumMap<>(IndicatorType.class);
        for (IndicatorType type : types) codes.put(type, codes.size());
        return codes;
    }

    /** Longest SMA the kernel's ring holds (the stochastics' smoothing periods, 1 to 20 in the catalogue). */
    private static final int RING = 20;
    /** Longest window kept in a kernel's ring of computed values (STOCHRSI's %K window, TRIMA's outer average). */
    private static final int BIG_RING = 128;
    /** Bars per work-item for the window types, which warm their window up on the bars before. */
    private static final int SEGMENT = 4096;

    private final OpenClBackend backend;
    private final CandleSeries series;
    private final ForkJoinPool executor;
    private final cl_mem time;
    private final cl_mem open;
    private final cl_mem high;
    private final cl_mem low;
    private final cl_mem close;
    private final cl_mem volume;
    private final int n;
    private final int words;
    private final boolean finite;
    private long budget;
    private final cl_kernel valuesKernel;
    private final cl_kernel classifyKernel;
    private final java.util.concurrent.atomic.AtomicLong onDeviceCount;
    private final java.util.concurrent.atomic.AtomicLong onHostCount;
    private final java.util.concurrent.atomic.AtomicLong classifiedCount;

    DeviceVotes(OpenClBackend backend, CandleSeries series, ForkJoinPool executor, cl_mem time, cl_mem open, cl_mem high, cl_mem low, cl_mem close) {
        this.backend = backend;
        this.onDeviceCount = backend.counter(OpenClBackend.Count.VALUES_ON_DEVICE);
        this.onHostCount = backend.counter(OpenClBackend.Count.VALUES_ON_HOST);
        this.classifiedCount = backend.counter(OpenClBackend.Count.VOTES_ON_DEVICE);
        this.series = series;
        this.executor = executor;
        this.time = time;
        this.open = open;
        this.high = high;
        this.low = low;
        this.close = close;
        this.n = series.size();
        this.finite = finite(series);
        double[] volumes = java.util.Arrays.copyOfRange(series.volumeColumn(), series.start(), series.start() + Math.max(1, n));
        this.volume = upload(Pointer.to(volumes), (long) volumes.length * Sizeof.cl_double);
        this.words = Math.max(1, (n + 63) >>> 6);
        long perComputation = 4L * Math.max(1, n) * Sizeof.cl_double;
        // A CPU device's memory is the host's, which the JVM shares: smaller chunks there.
        long wanted = backend.isGpu() ? 2L << 30 : 256L << 20;
        this.budget = Math.min(backend.maxAllocation(), Math.max(wanted, perComputation));
        this.valuesKernel = backend.newKernel("indicator_values");
        this.classifyKernel = backend.newKernel("classify_votes");
    }

    /** Types this instance computes on the device (all of {@link #ON_DEVICE} but in a test of the CPU path). */
    private Set<IndicatorType> deviceTypes = ON_DEVICE;

    /** Computes only {@code types}' values on the device and the others' on the CPU (for the test of the upload path). */
    void computeOnDevice(Set<IndicatorType> types) {
        this.deviceTypes = Set.copyOf(types);
    }

    /** Caps the bytes of values held at once (for the test of the chunking; at least one computation per chunk). */
    void chunkBytes(long bytes) {
        this.budget = bytes;
    }

    /** Whether this instance computes the spec's values on the device (else the CPU does and uploads them). */
    boolean computesOnDevice(IndicatorSpec spec) {
        return finite && deviceTypes.contains(spec.type()) && valuesOnDevice(spec);
    }

    /**
     * Whether every candle number is finite: the kernels read a value leaving a window back from the candle columns
     * and take a window's extremes as its plain maximum and minimum, which is the CPU's arithmetic for finite
     * candles only (validated candle files always are; a series built in code with a NaN is left to the CPU).
     */
    private static boolean finite(CandleSeries series) {
        int from = series.start();
        int to = from + series.size();
        for (double[] column : new double[][] {series.openColumn(), series.highColumn(), series.lowColumn(), series.closeColumn(), series.volumeColumn()}) {
            for (int i = from; i < to; i++) {
                if (!Double.isFinite(column[i])) return false;
            }
        }
        return true;
    }

    /** Whether the device can compute this spec's values (else the CPU does and uploads them). */
    static boolean valuesOnDevice(IndicatorSpec spec) {
        IndicatorType type = spec.type();
        if (!ON_DEVICE.contains(type)) return false;
        double[] p = spec.values();
        return switch (type) {
            case STOCHF -> p[1] <= RING;
            case STOCH -> p[1] <= RING && p[2] <= RING;
            case STOCHRSI -> p[1] <= BIG_RING && p[2] <= RING;
            case TRIMA -> p[0] / 2 + 1 <= BIG_RING;
            default -> true;
        };
    }

    /**
     * Classifies {@code specs} on the device into slots {@code slots.get(spec)} of the vote table ({@code bull},
     * {@code bear}, {@code words} longs per slot), computing each distinct computation's values once.
     */
    void classifyInto(List<IndicatorSpec> specs, Map<IndicatorSpec, Integer> slots, cl_mem bull, cl_mem bear) {
        Map<IndicatorSpec, List<IndicatorSpec>> byComputation = new LinkedHashMap<>();
        for (IndicatorSpec spec : specs) byComputation.computeIfAbsent(spec.computation(), k -> new ArrayList<>()).add(spec);
        List<IndicatorSpec> chunk = new ArrayList<>();
        long used = 0;
        for (IndicatorSpec computation : byComputation.keySet()) {
            long bytes = bytesOf(computation);
            if (!chunk.isEmpty() && used + bytes > budget) {
                runChunk(chunk, byComputation, slots, bull, bear);
                chunk.clear();
                used = 0;
            }
            chunk.add(computation);
            used += bytes;
        }
        if (!chunk.isEmpty()) runChunk(chunk, byComputation, slots, bull, bear);
    }

    private long bytesOf(IndicatorSpec computation) {
        return (long) computation.type().outputs().size() * Math.max(1, n) * Sizeof.cl_double;
    }

    private void runChunk(List<IndicatorSpec> computations, Map<IndicatorSpec, List<IndicatorSpec>> byComputation,
                          Map<IndicatorSpec, Integer> slots, cl_mem bull, cl_mem bear) {
        long[] offsets = new long[computations.size()];
        long total = 0;
        for (int c = 0; c < computations.size(); c++) {
            offsets[c] = total;
            total += (long) computations.get(c).type().outputs().size() * n;
        }
        cl_mem values = CL.clCreateBuffer(backend.context(), CL.CL_MEM_READ_WRITE, Math.max(1, total) * Sizeof.cl_double, null, null);
        try {
            computeValues(computations, offsets, values);
            List<IndicatorSpec> specs = new ArrayList<>();
            List<Long> columns = new ArrayList<>();
            for (int c = 0; c < computations.size(); c++) {
                for (IndicatorSpec spec : byComputation.get(computations.get(c))) {
                    specs.add(spec);
                    columns.add(offsets[c]);
                }
            }
            classify(specs, columns, slots, values, bull, bear);
        } finally {
            CL.clReleaseMemObject(values);
        }
    }

    /** The values of {@code computations} into {@code values} at {@code offsets} (output k at offset + k n). */
    private void computeValues(List<IndicatorSpec> computations, long[] offsets, cl_mem values) {
        List<Integer> onDevice = new ArrayList<>();
        List<Integer> onCpu = new ArrayList<>();
        for (int c = 0; c < computations.size(); c++) (computesOnDevice(computations.get(c)) ? onDevice : onCpu).add(c);
        onDeviceCount.addAndGet(onDevice.size());
        onHostCount.addAndGet(onCpu.size());
        long started = System.nanoTime();
        if (!onDevice.isEmpty() && n > 0) {
            int[] comps = new int[4 * onDevice.size()];
            double[] reals = new double[8 * onDevice.size()];
            long[] out = new long[onDevice.size()];
            List<int[]> tasks = new ArrayList<>();
            for (int d = 0; d < onDevice.size(); d++) {
                IndicatorSpec spec = computations.get(onDevice.get(d));
                parameters(spec, comps, reals, d);
                out[d] = offsets[onDevice.get(d)];
                int step = SEGMENTED.contains(spec.type()) ? SEGMENT : n;
                for (int from = 0; from < n; from += step) tasks.add(new int[] {d, from, Math.min(n, from + step)});
            }
            int[] taskArray = new int[3 * tasks.size()];
            for (int t = 0; t < tasks.size(); t++) System.arraycopy(tasks.get(t), 0, taskArray, 3 * t, 3);
            cl_mem compBuffer = upload(Pointer.to(comps), (long) comps.length * Sizeof.cl_int);
            cl_mem realBuffer = upload(Pointer.to(reals), (long) reals.length * Sizeof.cl_double);
            cl_mem outBuffer = upload(Pointer.to(out), (long) out.length * Sizeof.cl_long);
            cl_mem taskBuffer = upload(Pointer.to(taskArray), (long) taskArray.length * Sizeof.cl_int);
            try {
                launch(valuesKernel, tasks.size(), time, open, high, low, close, volume, n, compBuffer, realBuffer, outBuffer, taskBuffer, tasks.size(), values);
            } finally {
                CL.clReleaseMemObject(compBuffer);
                CL.clReleaseMemObject(realBuffer);
                CL.clReleaseMemObject(outBuffer);
                CL.clReleaseMemObject(taskBuffer);
            }
        }
        long deviceDone = System.nanoTime();
        backend.counter(OpenClBackend.Count.NANOS_VALUES_ON_DEVICE).addAndGet(deviceDone - started);
        if (!onCpu.isEmpty()) {
            List<IndicatorValues> computed = onPool(() -> onCpu.parallelStream().map(c -> computations.get(c).compute(series)).toList());
            for (int i = 0; i < onCpu.size(); i++) {
                IndicatorValues v = computed.get(i);
                long offset = offsets[onCpu.get(i)];
                for (int k = 0; k < v.outputCount(); k++) {
                    if (n == 0) continue;
                    CL.clEnqueueWriteBuffer(backend.queue(), values, CL.CL_TRUE, (offset + (long) k * n) * Sizeof.cl_double,
                            (long) n * Sizeof.cl_double, Pointer.to(v.output(k)), 0, null, null);
                }
            }
        }
        backend.counter(OpenClBackend.Count.NANOS_VALUES_ON_HOST).addAndGet(System.nanoTime() - deviceDone);
    }

    /**
     * The kernel's description of a computation: type code and three integer parameters at {@code 4 d}, and at
     * {@code 8 d} the real constants the indicator's constructor works out (computed here by the same Java
     * expressions, so the device starts from the very same doubles).
     */
    private static void parameters(IndicatorSpec spec, int[] comps, double[] reals, int d) {
        double[] p = spec.values();
        comps[4 * d] = VALUE_CODES.get(spec.type());
        for (int k = 0; k < Math.min(3, p.length); k++) comps[4 * d + 1 + k] = (int) p[k];
        int r = 8 * d;
        switch (spec.type()) {
            case KAMA -> {
                // MovingAverages.Kama's CONST_MAX and CONST_DIFF
                double constMax = 2.0 / (30.0 + 1.0);
                reals[r] = constMax;
                reals[r + 1] = 2.0 / (2.0 + 1.0) - constMax;
            }
            case T3 -> {
                // MovingAverages.T3's constructor
                int period = (int) p[0];
                double vFactor = p[1];
                double k = 2.0 / (period + 1.0);
                double square = vFactor * vFactor;
                double c1 = -(square * vFactor);
                reals[r] = k;
                reals[r + 1] = 1.0 - k;
                reals[r + 2] = c1;
                reals[r + 3] = 3.0 * (square - c1);
                reals[r + 4] = -6.0 * square - 3.0 * (vFactor - c1);
                reals[r + 5] = 1.0 + 3.0 * vFactor - c1 + 3.0 * square;
            }
            case HMA -> {
                // MovingAverages.Hma's three weighted averages
                int period = (int) p[0];
                comps[4 * d + 2] = period / 2;
                comps[4 * d + 3] = (int) Math.sqrt(period);
            }
            case ULTOSC -> {
                // UltimateOscillator's constructor sorts its periods
                int[] periods = {(int) p[0], (int) p[1], (int) p[2]};
                Arrays.sort(periods);
                System.arraycopy(periods, 0, comps, 4 * d + 1, 3);
            }
            case BBANDS, KELTNER, SUPERTREND -> reals[r] = p[1];
            case TRIMA -> {
                // MovingAverages.Trima's constructor
                int period = (int) p[0];
                int a = (period & 1) == 1 ? (period + 1) / 2 : period / 2;
                comps[4 * d + 2] = a;
                comps[4 * d + 3] = (period & 1) == 1 ? a : a + 1;
            }
            case LINEARREG_SLOPE, TSF -> {
                // Trend.Regression's constructor
                int period = (int) p[0];
                double sumX = period * (period - 1) * 0.5;
                double sumXSqr = period * (period - 1) * (2 * period - 1) / 6;
                reals[r] = sumX;
                reals[r + 1] = sumX * sumX - period * sumXSqr;
            }
            case SAR -> {
                // Trend.ParabolicSar's constructor
                reals[r] = Math.min(p[0], p[1]);
                reals[r + 1] = p[1];
            }
            default -> {
            }
        }
    }

    private void classify(List<IndicatorSpec> specs, List<Long> columns, Map<IndicatorSpec, Integer> slots, cl_mem values, cl_mem bull, cl_mem bear) {
        int count = specs.size();
        classifiedCount.addAndGet(count);
        int[] ints = new int[3 * count];
        long[] cols = new long[4 * count];
        double[] reals = new double[2 * count];
        for (int s = 0; s < count; s++) {
            IndicatorSpec spec = specs.get(s);
            Rule rule = Rule.of(spec);
            long base = columns.get(s);
            ints[3 * s] = rule.family;
            ints[3 * s + 1] = rule.lag;
            ints[3 * s + 2] = slots.get(spec);
            for (int k = 0; k < 4; k++) cols[4 * s + k] = base + (long) rule.columns[k] * n;
            reals[2 * s] = rule.a;
            reals[2 * s + 1] = rule.b;
        }
        cl_mem intBuffer = upload(Pointer.to(ints), (long) ints.length * Sizeof.cl_int);
        cl_mem colBuffer = upload(Pointer.to(cols), (long) cols.length * Sizeof.cl_long);
        cl_mem realBuffer = upload(Pointer.to(reals), (long) reals.length * Sizeof.cl_double);
        long started = System.nanoTime();
        try {
            launch(classifyKernel, Math.multiplyExact(count, words), values, open, close, n, words, intBuffer, colBuffer, realBuffer, count, bull, bear);
        } finally {
            CL.clReleaseMemObject(intBuffer);
            CL.clReleaseMemObject(colBuffer);
            CL.clReleaseMemObject(realBuffer);
            backend.counter(OpenClBackend.Count.NANOS_VOTES_ON_DEVICE).addAndGet(System.nanoTime() - started);
        }
    }

    /**
     * VoteKernels' dispatch restated for the device: the family (votes.cl's F_ constants), which outputs play
     * which part ({@code columns}: the output index of v, o1, o2, o3), the lag, and the two levels.
     */
    private record Rule(int family, int[] columns, int lag, double a, double b) {

        static Rule of(IndicatorSpec spec) {
            double[] p = spec.values();
            return switch (spec.type()) {
                case SMA, WMA, VWMA, SAR, VWAP -> rule(0);
                case EMA, DEMA, TEMA, TRIMA, KAMA, T3, HMA -> rule(1);
                case RSI, MFI, WILLR, CCI -> new Rule(2, cols(0, 0, 0, 0), 0, p[1], p[2]);
                case STOCHRSI, ULTOSC -> new Rule(2, cols(0, 0, 0, 0), 0, p[3], p[4]);
                case STOCH -> new Rule(3, cols(0, 1, 0, 0), 0, p[3], p[4]);
                case STOCHF, TSI, MACD, OBV -> new Rule(4, cols(0, 1, 0, 0), 0, 0, 0);
                case CMO -> new Rule(5, cols(0, 0, 0, 0), 0, p[1], 0);
                case PPO -> new Rule(6, cols(0, 0, 0, 0), 0, p[2], -p[2]);
                case ROC, CMF -> new Rule(6, cols(0, 0, 0, 0), 0, p[1], -p[1]);
                case APO, MOM, TRIX, DPO, ADOSC, LINEARREG_SLOPE -> new Rule(6, cols(0, 0, 0, 0), 0, 0.0, 0.0);
                case AO -> rule(7);
                case ADX -> new Rule(8, cols(0, 1, 2, 0), 0, p[1], 0);
                case AROON -> new Rule(9, cols(0, 1, 0, 0), 0, p[1], 100 - p[1]);
                case TSF -> rule(10);
                case SUPERTREND -> new Rule(11, cols(0, 1, 0, 0), 0, 0, 0);
                case ICHIMOKU -> new Rule(12, cols(0, 1, 2, 3), 0, 0, 0);
                case ATR -> rule(13);
                case STDDEV -> rule(14);
                case NATR -> new Rule(15, cols(0, 0, 0, 0), 0, p[1], 0);
                case BBANDS -> new Rule(16, cols(0, 0, 2, 0), 0, 0, 0);
                case KELTNER -> new Rule(17, cols(0, 0, 2, 0), 0, 0, 0);
                case DONCHIAN -> new Rule(17, cols(0, 0, 2, 0), 1, 0, 0);
                case PIVOT -> new Rule(17, cols(0, 1, 2, 0), 0, 0, 0);
                case FRACTAL -> new Rule(17, cols(0, 0, 1, 0), 0, 0, 0);
                case AD -> rule(18);
                case VOSC -> rule(19);
                case HEIKINASHI -> new Rule(20, cols(0, 1, 2, 3), 0, 0, 0);
            };
        }

        private static Rule rule(int family) {
            return new Rule(family, cols(0, 0, 0, 0), 0, 0, 0);
        }

        private static int[] cols(int v, int o1, int o2, int o3) {
            return new int[] {v, o1, o2, o3};
        }
    }

    /** The values of a spec of {@link #ON_DEVICE} computed by the device, one array per output (for the parity test). */
    double[][] deviceValues(IndicatorSpec spec) {
        if (!computesOnDevice(spec)) throw new IllegalArgumentException(spec + " is computed on the CPU");
        int outputs = spec.type().outputs().size();
        cl_mem values = CL.clCreateBuffer(backend.context(), CL.CL_MEM_READ_WRITE, Math.max(1L, (long) outputs * n) * Sizeof.cl_double, null, null);
        try {
            computeValues(List.of(spec), new long[] {0}, values);
            double[][] result = new double[outputs][n];
            for (int k = 0; k < outputs && n > 0; k++) {
                CL.clEnqueueReadBuffer(backend.queue(), values, CL.CL_TRUE, (long) k * n * Sizeof.cl_double, (long) n * Sizeof.cl_double,
                        Pointer.to(result[k]), 0, null, null);
            }
            return result;
        } finally {
            CL.clReleaseMemObject(values);
        }
    }

    /** The device's vote words of {@code specs}: {bullish, bearish} per spec (for the parity test). */
    List<long[][]> deviceVotes(List<IndicatorSpec> specs) {
        List<IndicatorSpec> distinct = List.copyOf(new java.util.LinkedHashSet<>(specs));
        Map<IndicatorSpec, Integer> slots = new LinkedHashMap<>();
        for (IndicatorSpec spec : distinct) slots.put(spec, slots.size());
        long bytes = Math.max(1, distinct.size()) * (long) words * Sizeof.cl_long;
        cl_mem bull = CL.clCreateBuffer(backend.context(), CL.CL_MEM_READ_WRITE, bytes, null, null);
        cl_mem bear = CL.clCreateBuffer(backend.context(), CL.CL_MEM_READ_WRITE, bytes, null, null);
        try {
            classifyInto(distinct, slots, bull, bear);
            List<long[][]> result = new ArrayList<>();
            for (IndicatorSpec spec : specs) {
                long[] up = new long[words];
                long[] down = new long[words];
                long at = (long) slots.get(spec) * words * Sizeof.cl_long;
                CL.clEnqueueReadBuffer(backend.queue(), bull, CL.CL_TRUE, at, (long) words * Sizeof.cl_long, Pointer.to(up), 0, null, null);
                CL.clEnqueueReadBuffer(backend.queue(), bear, CL.CL_TRUE, at, (long) words * Sizeof.cl_long, Pointer.to(down), 0, null, null);
                result.add(new long[][] {up, down});
            }
            return result;
        } finally {
            CL.clReleaseMemObject(bull);
            CL.clReleaseMemObject(bear);
        }
    }

    private <T> T onPool(java.util.concurrent.Callable<T> work) {
        if (executor == null) {
            try {
                return work.call();
            } catch (Exception e) {
                throw e instanceof RuntimeException r ? r : new IllegalStateException(e);
            }
        }
        try {
            return executor.submit(work).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("indicator computation interrupted", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) throw r;
            if (e.getCause() instanceof Error err) throw err;
            throw new IllegalStateException(e.getCause());
        }
    }

    private void launch(cl_kernel kernel, long items, Object... args) {
        if (items == 0) return;
        for (int i = 0; i < args.length; i++) {
            Object a = args[i];
            if (a instanceof cl_mem m) CL.clSetKernelArg(kernel, i, Sizeof.cl_mem, Pointer.to(m));
            else if (a instanceof Integer v) CL.clSetKernelArg(kernel, i, Sizeof.cl_int, Pointer.to(new int[] {v}));
            else throw new IllegalArgumentException("kernel argument " + i + ": " + a);
        }
        // A CPU device (PoCL) runs one work-group per core at a time: one sequential task per group spreads the tasks over
        // the cores. Otherwise groups of 64, always the same size: PoCL compiles the program anew for every work-group size
        // it is handed (it took 20 s the first time a larger population changed the size it chose by itself).
        long local = kernel == valuesKernel && !backend.isGpu() ? 1 : 64;
        long global = (items + local - 1) / local * local;
        CL.clEnqueueNDRangeKernel(backend.queue(), kernel, 1, null, new long[] {global}, new long[] {local}, 0, null, null);
        CL.clFinish(backend.queue());
    }

    private cl_mem upload(Pointer values, long bytes) {
        return CL.clCreateBuffer(backend.context(), CL.CL_MEM_READ_ONLY | CL.CL_MEM_COPY_HOST_PTR, bytes, values, null);
    }

    void release() {
        CL.clReleaseMemObject(volume);
        CL.clReleaseKernel(valuesKernel);
        CL.clReleaseKernel(classifyKernel);
    }
}
