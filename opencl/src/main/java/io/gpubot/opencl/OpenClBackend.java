package io.gpubot.opencl;

import io.gpubot.core.backtest.Backend;
import io.gpubot.core.backtest.Backtester;
import io.gpubot.core.backtest.BatchEvaluator;
import org.jocl.CL;
import org.jocl.CLException;
import org.jocl.Pointer;
import org.jocl.Sizeof;
import org.jocl.cl_command_queue;
import org.jocl.cl_context;
import org.jocl.cl_context_properties;
import org.jocl.cl_device_id;
import org.jocl.cl_kernel;
import org.jocl.cl_platform_id;
import org.jocl.cl_program;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ForkJoinPool;

/**
 * The OpenCL backend: one device, its context, queue and the compiled trading rules
 * ({@code trader.cl}). Evaluators made from it run every (bot, cycle) as one work-item on the device and
 * give the CPU engine's results double for double ({@link OpenClEvaluator}). Close it to free the device.
 *
 * <p>Opening it never throws anything but {@link OpenClUnavailableException} with one line saying why:
 * no OpenCL library ({@code libOpenCL.so.1}), no platform, no device with fp64, or OpenCL switched off with
 * {@code -Dgpubot.opencl=off} (the seam tests use to see the fallback).
 */
public final class OpenClBackend implements Backend, AutoCloseable {

    /** System property that hides OpenCL when set to {@code off}. */
    public static final String SWITCH = "gpubot.opencl";

    private static final String NO_LIBRARY = "no OpenCL library (libOpenCL.so.1) could be loaded: install an OpenCL driver "
            + "(a GPU vendor's, or pocl-opencl-icd for the CPU)";

    /** Which devices {@link #open} may take. */
    public enum DeviceKind {
        /** A GPU only (what {@code --backend auto} looks for). */
        GPU,
        /** A GPU if there is one, else any device with fp64 (a CPU device such as PoCL). */
        ANY
    }

    private final cl_context context;
    private final cl_command_queue queue;
    private final cl_program program;
    private final String deviceName;
    private final boolean gpu;
    private final long maxAllocation;
    private final List<OpenClEvaluator> evaluators = new ArrayList<>();
    private final java.util.Map<Count, java.util.concurrent.atomic.AtomicLong> counts = new java.util.EnumMap<>(Count.class);
    private boolean closed;

    private OpenClBackend(cl_context context, cl_command_queue queue, cl_program program, String deviceName, boolean gpu, long maxAllocation) {
        this.context = context;
        this.queue = queue;
        this.program = program;
        this.deviceName = deviceName;
        this.gpu = gpu;
        this.maxAllocation = maxAllocation;
    }

    /**
     * The first device of {@code kind} with fp64 (GPUs before other devices), with the trading rules
     * compiled for it.
     *
     * @throws OpenClUnavailableException with one line saying why there is none
     */
    public static OpenClBackend open(DeviceKind kind) throws OpenClUnavailableException {
        if ("off".equalsIgnoreCase(System.getProperty(SWITCH, ""))) {
            throw new OpenClUnavailableException("OpenCL is switched off (-D" + SWITCH + "=off)");
        }
        if (!OpenClLibrary.mayBePresent()) throw new OpenClUnavailableException(NO_LIBRARY);
        try {
            CL.setExceptionsEnabled(true);
            return openDevice(kind);
        } catch (LinkageError e) {
            throw new OpenClUnavailableException(NO_LIBRARY);
        } catch (CLException e) {
            throw new OpenClUnavailableException("OpenCL failed: " + e.getMessage());
        }
    }

    private static OpenClBackend openDevice(DeviceKind kind) throws OpenClUnavailableException {
        int[] count = new int[1];
        try {
            CL.clGetPlatformIDs(0, null, count);
        } catch (CLException e) {
            // CL_PLATFORM_NOT_FOUND_KHR: a loader without any installed driver (ICD).
            throw new OpenClUnavailableException("no OpenCL platform is installed (an OpenCL loader without a driver): install a GPU "
                    + "driver with OpenCL, or pocl-opencl-icd for the CPU");
        }
        if (count[0] == 0) throw new OpenClUnavailableException("no OpenCL platform is installed");
        cl_platform_id[] platforms = new cl_platform_id[count[0]];
        CL.clGetPlatformIDs(platforms.length, platforms, null);
        cl_platform_id chosenPlatform = null;
        cl_device_id chosen = null;
        boolean chosenGpu = false;
        List<String> seen = new ArrayList<>();
        for (boolean wantGpu : new boolean[] {true, false}) {
            if (!wantGpu && kind == DeviceKind.GPU) break;
            for (cl_platform_id platform : platforms) {
                int[] n = new int[1];
                long type = wantGpu ? CL.CL_DEVICE_TYPE_GPU : CL.CL_DEVICE_TYPE_ALL;
                try {
                    CL.clGetDeviceIDs(platform, type, 0, null, n);
                } catch (CLException e) {
                    continue; // CL_DEVICE_NOT_FOUND
                }
                cl_device_id[] devices = new cl_device_id[n[0]];
                CL.clGetDeviceIDs(platform, type, n[0], devices, null);
                for (cl_device_id device : devices) {
                    String name = stringInfo(device, CL.CL_DEVICE_NAME).trim();
                    seen.add(name);
                    if (stringInfo(device, CL.CL_DEVICE_EXTENSIONS).contains("cl_khr_fp64")) {
                        chosen = device;
                        chosenPlatform = platform;
                        chosenGpu = (longInfo(device, CL.CL_DEVICE_TYPE) & CL.CL_DEVICE_TYPE_GPU) != 0;
                        break;
                    }
                }
                if (chosen != null) break;
            }
            if (chosen != null) break;
        }
        if (chosen == null) {
            throw new OpenClUnavailableException(seen.isEmpty()
                    ? (kind == DeviceKind.GPU ? "no OpenCL GPU device found" : "no OpenCL device found")
                    : "no OpenCL " + (kind == DeviceKind.GPU ? "GPU " : "") + "device with double precision (cl_khr_fp64) among " + seen);
        }
        cl_context_properties properties = new cl_context_properties();
        properties.addProperty(CL.CL_CONTEXT_PLATFORM, chosenPlatform);
        cl_context context = CL.clCreateContext(properties, 1, new cl_device_id[] {chosen}, null, null, null);
        @SuppressWarnings("deprecation")
        cl_command_queue queue = CL.clCreateCommandQueue(context, chosen, 0, null);
        cl_program program = CL.clCreateProgramWithSource(context, 2, new String[] {kernelSource("trader.cl"), kernelSource("votes.cl")}, null, null);
        try {
            // No -cl-mad-enable, no fast or relaxed maths: every operation is the correctly rounded one.
            CL.clBuildProgram(program, 1, new cl_device_id[] {chosen}, "-cl-std=CL1.2", null, null);
        } catch (CLException e) {
            String log = buildLog(program, chosen);
            CL.clReleaseProgram(program);
            CL.clReleaseCommandQueue(queue);
            CL.clReleaseContext(context);
            throw new OpenClUnavailableException("the kernels (trader.cl, votes.cl) did not compile for " + stringInfo(chosen, CL.CL_DEVICE_NAME).trim() + ": "
                    + log.lines().filter(l -> l.contains("error")).findFirst().orElse(e.getMessage()));
        }
        String name = stringInfo(chosen, CL.CL_DEVICE_NAME).trim() + " (" + stringInfo(chosenPlatform, CL.CL_PLATFORM_NAME).trim() + ")";
        return new OpenClBackend(context, queue, program, name, chosenGpu, longInfo(chosen, CL.CL_DEVICE_MAX_MEM_ALLOC_SIZE));
    }

    static String kernelSource(String file) {
        try (InputStream in = OpenClBackend.class.getResourceAsStream(file)) {
            if (in == null) throw new IllegalStateException(file + " is missing from the gpubot-opencl jar");
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String buildLog(cl_program program, cl_device_id device) {
        long[] size = new long[1];
        CL.clGetProgramBuildInfo(program, device, CL.CL_PROGRAM_BUILD_LOG, 0, null, size);
        byte[] buffer = new byte[(int) size[0]];
        CL.clGetProgramBuildInfo(program, device, CL.CL_PROGRAM_BUILD_LOG, buffer.length, Pointer.to(buffer), null);
        return new String(buffer, 0, Math.max(0, buffer.length - 1), StandardCharsets.UTF_8);
    }

    private static String stringInfo(cl_device_id device, int what) {
        long[] size = new long[1];
        CL.clGetDeviceInfo(device, what, 0, null, size);
        byte[] buffer = new byte[(int) size[0]];
        CL.clGetDeviceInfo(device, what, buffer.length, Pointer.to(buffer), null);
        return new String(buffer, 0, Math.max(0, buffer.length - 1), StandardCharsets.UTF_8);
    }

    private static String stringInfo(cl_platform_id platform, int what) {
        long[] size = new long[1];
        CL.clGetPlatformInfo(platform, what, 0, null, size);
        byte[] buffer = new byte[(int) size[0]];
        CL.clGetPlatformInfo(platform, what, buffer.length, Pointer.to(buffer), null);
        return new String(buffer, 0, Math.max(0, buffer.length - 1), StandardCharsets.UTF_8);
    }

    private static long longInfo(cl_device_id device, int what) {
        long[] value = new long[1];
        CL.clGetDeviceInfo(device, what, Sizeof.cl_ulong, Pointer.to(value), null);
        return value[0];
    }

    /** What the cold path has done on this backend so far, over all its evaluators. */
    public enum Count {
        /** Distinct indicator computations whose values the device computed. */
        VALUES_ON_DEVICE,
        /** Distinct indicator computations whose values the CPU computed and uploaded (types not ported). */
        VALUES_ON_HOST,
        /** Vote series (one per distinct spec) classified on the device. */
        VOTES_ON_DEVICE,
        /** Nanoseconds spent computing values on the device. */
        NANOS_VALUES_ON_DEVICE,
        /** Nanoseconds spent computing values on the CPU and uploading them. */
        NANOS_VALUES_ON_HOST,
        /** Nanoseconds spent classifying votes on the device. */
        NANOS_VOTES_ON_DEVICE
    }

    /** How many of {@code what} so far (see {@link Count}). */
    public long count(Count what) {
        return counter(what).get();
    }

    synchronized java.util.concurrent.atomic.AtomicLong counter(Count what) {
        return counts.computeIfAbsent(what, k -> new java.util.concurrent.atomic.AtomicLong());
    }

    @Override
    public String name() {
        return "opencl: " + deviceName;
    }

    /** Whether the device is a GPU (else a CPU or accelerator device, such as PoCL's). */
    public boolean isGpu() {
        return gpu;
    }

    /** The device and platform, e.g. "NVIDIA H100 80GB HBM3 (NVIDIA CUDA)". */
    public String deviceName() {
        return deviceName;
    }

    @Override
    public synchronized BatchEvaluator evaluator(Backtester backtester, ForkJoinPool executor) {
        if (closed) throw new IllegalStateException("the OpenCL backend is closed");
        OpenClEvaluator evaluator = new OpenClEvaluator(this, backtester, executor);
        evaluators.add(evaluator);
        return evaluator;
    }

    cl_context context() {
        return context;
    }

    cl_command_queue queue() {
        return queue;
    }

    /** A fresh kernel object (one per evaluator, as kernel arguments are state). */
    cl_kernel newKernel() {
        return newKernel("evaluate");
    }

    /** A fresh kernel object of the named kernel function. */
    cl_kernel newKernel(String name) {
        return CL.clCreateKernel(program, name, null);
    }

    long maxAllocation() {
        return maxAllocation;
    }

    @Override
    public synchronized void close() {
        if (closed) return;
        closed = true;
        for (OpenClEvaluator e : evaluators) e.release();
        CL.clReleaseProgram(program);
        CL.clReleaseCommandQueue(queue);
        CL.clReleaseContext(context);
    }
}
