package io.gpubot.app;

import io.gpubot.opencl.OpenClBackend;
import io.gpubot.opencl.OpenClUnavailableException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opentest4j.TestAbortedException;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code --backend auto|cpu|opencl} on evolve, bench backtest and backtest. */
class BackendCliTest {

    @TempDir
    Path home;

    /** Skips the calling test, with the reason, where no OpenCL device can be used. */
    static void requireOpenCl() {
        try (OpenClBackend ignored = OpenClBackend.open(OpenClBackend.DeviceKind.ANY)) {
            // available
        } catch (OpenClUnavailableException e) {
            throw new TestAbortedException("OpenCL unavailable: " + e.getMessage());
        }
    }

    /** Runs {@code args} with OpenCL switched off, as on a machine without an OpenCL library or device. */
    Cli.Result withoutOpenCl(String... args) {
        String before = System.getProperty(OpenClBackend.SWITCH);
        System.setProperty(OpenClBackend.SWITCH, "off");
        try {
            return Cli.run(home, args);
        } finally {
            if (before == null) System.clearProperty(OpenClBackend.SWITCH);
            else System.setProperty(OpenClBackend.SWITCH, before);
        }
    }

    @Test
    void evolveOnOpenClWritesTheSameRunFilesAsOnTheCpu() throws Exception {
        requireOpenCl();
        String[] small = {"evolve", "--data", "bundled:btc-usd-4h", "--population", "40", "--generations", "3", "--cycles", "2",
                "--cycle-days", "20", "--max-indicators", "3", "--max-leverage", "10", "--seed", "9", "--hall-of-fame", "3", "--null-bots", "30"};
        Cli.Result cpu = Cli.run(home, Stream.concat(Stream.of(small), Stream.of("--out", home.resolve("cpu").toString(), "--backend", "cpu"))
                .toArray(String[]::new));
        assertThat(cpu.code()).as(cpu.err()).isZero();
        assertThat(cpu.out()).contains("Backend:       cpu");
        Cli.Result device = Cli.run(home, Stream.concat(Stream.of(small), Stream.of("--out", home.resolve("cl").toString(), "--backend", "opencl"))
                .toArray(String[]::new));
        assertThat(device.code()).as(device.err()).isZero();
        assertThat(device.out()).contains("Backend:       opencl: ");
        EvolveCliTest.assertSameRun(home.resolve("cpu"), home.resolve("cl"));
        assertThat(Files.readString(home.resolve("cl").resolve("evidence.json"))).isEqualTo(Files.readString(home.resolve("cpu").resolve("evidence.json")));
    }

    @Test
    void autoFallsBackToTheCpuInOneLineAndOpenClWithoutADeviceStopsInOne() {
        String[] bench = {"bench", "backtest", "--bots", "20", "--bars", "3000", "--reference-bots", "1", "--warm-runs", "1"};
        Cli.Result auto = withoutOpenCl(bench);
        assertThat(auto.code()).as(auto.err()).isZero();
        assertThat(auto.out()).contains("Backend:       cpu (auto: OpenCL is switched off (-Dgpubot.opencl=off))").contains("batch, warm cache:");

        Cli.Result forced = withoutOpenCl("bench", "backtest", "--bots", "20", "--bars", "3000", "--backend", "opencl");
        assertThat(forced.code()).isEqualTo(1);
        assertThat(forced.err().strip()).isEqualTo("error: --backend opencl: OpenCL is switched off (-Dgpubot.opencl=off); or use --backend cpu");

        Cli.Result evolve = withoutOpenCl("evolve", "--data", "bundled:btc-usd-4h", "--population", "10", "--generations", "1", "--cycles", "1",
                "--cycle-days", "20", "--null-bots", "0", "--hall-of-fame", "2", "--out", home.resolve("auto").toString());
        assertThat(evolve.code()).as(evolve.err()).isZero();
        assertThat(evolve.out()).contains("Backend:       cpu (auto: OpenCL is switched off");

        Cli.Result bad = Cli.run(home, "bench", "backtest", "--backend", "cuda");
        assertThat(bad.code()).isNotZero();
        assertThat(bad.err()).contains("--backend").contains("auto, cpu, opencl");
    }

    @Test
    void benchComparesTheDeviceWithTheCpuAndBacktestGivesTheSameTrades() throws Exception {
        requireOpenCl();
        Cli.Result bench = Cli.run(home, "bench", "backtest", "--bots", "60", "--bars", "8000", "--reference-bots", "1", "--warm-runs", "1",
                "--backend", "opencl", "--compare-cpu");
        assertThat(bench.code()).as(bench.err()).isZero();
        assertThat(bench.out()).contains("Backend:       opencl: ").contains("cpu, cold cache:").contains("identical metrics:  60 of 60 bots")
                .doesNotContain("DIFFERENT");

        Path bot = home.resolve("bot.json");
        Files.writeString(bot, Files.readString(Path.of("..", "examples", "bots", "btc-4h-trend.json")));
        Cli.Result cpu = Cli.run(home, "backtest", "--bot", bot.toString(), "--data", "bundled:btc-usd-4h", "--trades", home.resolve("cpu.csv").toString());
        assertThat(cpu.code()).as(cpu.err()).isZero();
        Cli.Result device = Cli.run(home, "backtest", "--bot", bot.toString(), "--data", "bundled:btc-usd-4h", "--trades", home.resolve("cl.csv").toString(),
                "--backend", "opencl");
        assertThat(device.code()).as(device.err()).isZero();
        assertThat(device.err()).contains("Backend:       opencl: ");
        assertThat(Files.readString(home.resolve("cl.csv"))).isEqualTo(Files.readString(home.resolve("cpu.csv")));
        assertThat(Files.readAllLines(home.resolve("cpu.csv")).size()).isGreaterThan(20);
        assertThat(device.out()).isEqualTo(cpu.out().replace(home.resolve("cpu.csv").toString(), home.resolve("cl.csv").toString()));
    }
}
