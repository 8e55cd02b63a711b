package io.gpubot.app.cli;

import io.gpubot.core.UserException;
import io.gpubot.core.backtest.Backend;
import io.gpubot.opencl.OpenClBackend;
import io.gpubot.opencl.OpenClUnavailableException;
import picocli.CommandLine.Option;

import java.io.PrintWriter;

/**
 * {@code --backend auto|cpu|opencl}: where populations are backtested. Every backend gives the same results
 * (module {@code opencl}'s parity tests), so the choice changes the speed only. {@code auto} takes an OpenCL
 * GPU when there is one and the CPU otherwise; {@code opencl} takes any OpenCL device with fp64 (a GPU first,
 * else a CPU device such as PoCL) and stops with one line when there is none.
 */
public final class BackendOption {

    /** The choices, as typed. */
    public enum Choice { auto, cpu, opencl }

    @Option(names = "--backend", paramLabel = "auto|cpu|opencl",
            description = "Where bots are backtested: auto (an OpenCL GPU if there is one, else the CPU), cpu, or opencl (any OpenCL device); "
                    + "results are identical (default: auto; backtest: cpu).")
    Choice choice;

    /** The backend taken, to be closed when the command ends. */
    public record Selected(Backend backend, AutoCloseable resource) implements AutoCloseable {
        @Override
        public void close() {
            if (resource == null) return;
            try {
                resource.close();
            } catch (Exception e) {
                // The device is released with the process anyway.
            }
        }
    }

    /**
     * Opens the chosen backend ({@code fallback} when none was named) and says on {@code out} which one it took.
     *
     * @throws UserException when {@code opencl} was asked for and no OpenCL device can be used
     */
    public Selected select(Choice fallback, PrintWriter out) {
        Choice c = choice == null ? fallback : choice;
        switch (c) {
            case cpu -> {
                out.println("Backend:       cpu");
                return new Selected(Backend.CPU, null);
            }
            case opencl -> {
                try {
                    OpenClBackend device = OpenClBackend.open(OpenClBackend.DeviceKind.ANY);
                    out.println("Backend:       " + device.name());
                    return new Selected(device, device);
                } catch (OpenClUnavailableException e) {
                    throw new UserException("--backend opencl: " + e.getMessage() + "; or use --backend cpu");
                }
            }
            default -> {
                try {
                    OpenClBackend device = OpenClBackend.open(OpenClBackend.DeviceKind.GPU);
                    out.println("Backend:       " + device.name() + " (auto: a GPU was found)");
                    return new Selected(device, device);
                } catch (OpenClUnavailableException e) {
                    out.println("Backend:       cpu (auto: " + e.getMessage() + ")");
                    return new Selected(Backend.CPU, null);
                }
            }
        }
    }

    /** The choice named on the command line, or {@code null}. */
    public Choice choice() {
        return choice;
    }
}
