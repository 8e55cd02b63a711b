package io.gpubot.app.cli;

import io.gpubot.app.Home;
import io.gpubot.app.Main;
import io.gpubot.live.LiveSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code gpubot live --flatten} while another process runs the session: it says what the session reported when it
 * took the kill file, and fails (exit 1, one line) when the position is still open. The running session is played
 * here by a thread holding the session's lock, as its process would.
 */
class KillSwitchOutcomeCliTest {

    @TempDir
    Path dir;

    @Test
    void aPositionTheRunningSessionCouldNotCloseIsReportedAndExitsOne() throws Exception {
        String left = "the kill switch could not close the position on the exchange; it keeps its stop-loss and take-profit there."
                + " Flatten again (gpubot live --flatten --session s) or close it on the exchange";
        Outcome r = flattenWhileRunning("open\n" + left + "\n");
        assertThat(r.code).isEqualTo(Main.USER_ERROR);
        assertThat(r.err).contains("error: the running session took the kill switch, but " + left);
        assertThat(r.out).doesNotContain("position closed");
    }

    @Test
    void aClosedPositionIsReportedClosed() throws Exception {
        Outcome r = flattenWhileRunning(LiveSession.KILL_OUTCOME_FLAT + "\n");
        assertThat(r.code).as(r.err).isZero();
        assertThat(r.out).contains("The running session took the kill switch: its orders are cancelled and its position closed.");
    }

    @Test
    void aSessionThatSaysNothingIsNotTakenForClosed() throws Exception {
        Outcome r = flattenWhileRunning(null);
        assertThat(r.code).isEqualTo(Main.USER_ERROR);
        assertThat(r.err).contains("took the kill switch but did not say how it ended; check the position with gpubot sessions show s");
    }

    private record Outcome(int code, String out, String err) {
    }

    /** Runs the flatten command while a "session" takes the kill file and leaves {@code outcome} (null: none). */
    private Outcome flattenWhileRunning(String outcome) throws Exception {
        Home home = Home.resolve(dir).ensureExists();
        Files.createDirectories(dir.resolve("sessions"));
        Files.writeString(SessionSetup.journalFile(home, "s"), "");
        Path killFile = SessionSetup.killFile(home, "s");
        try (SessionSetup.SessionLock running = SessionSetup.SessionLock.tryAcquire(home, "s").orElseThrow()) {
            CompletableFuture<Void> session = CompletableFuture.runAsync(() -> {
                try {
                    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
                    while (!Files.exists(killFile) && System.nanoTime() < deadline) Thread.sleep(20);
                    if (outcome != null) Files.writeString(LiveSession.killOutcomeFile(killFile), outcome);
                    Files.delete(killFile);
                } catch (Exception e) {
                    throw new RuntimeException(e);
                }
            });
            StringWriter out = new StringWriter();
            StringWriter err = new StringWriter();
            int code = Main.run(new PrintWriter(out), new PrintWriter(err), "--home", dir.toString(), "live", "--flatten", "--session", "s");
            session.get(20, TimeUnit.SECONDS);
            assertThat(LiveSession.killOutcomeFile(killFile)).as("read once and removed").doesNotExist();
            return new Outcome(code, out.toString(), err.toString());
        }
    }
}
