package io.gpubot.app.cli;

import io.gpubot.app.Home;
import io.gpubot.core.UserException;
import io.gpubot.core.market.CandleSeries;
import io.gpubot.core.market.Contract;
import io.gpubot.sandbox.Faults;
import io.gpubot.sandbox.Sandbox;
import io.gpubot.sandbox.SandboxCredentials;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code gpubot sandbox}: a local KuCoin Futures exchange replaying candles, until Ctrl-C. */
@Command(name = "sandbox", mixinStandardHelpOptions = true,
        description = {"Serve a local KuCoin-Futures-compatible exchange that replays candles and fills orders like the backtest.",
                "REST and WebSocket on 127.0.0.1. Bars before --from are history; the clock starts there.",
                "Prints the base URL and credentials on one line, then serves until stopped (Ctrl-C)."})
public final class SandboxCommand implements Runnable {

    @ParentCommand
    GpubotCommand root;
    @Spec
    CommandSpec spec;
    @Mixin
    CandleSourceOptions source;

    @Option(names = "--contract", paramLabel = "SYMBOL", description = "Whose facts (multiplier, fees, margin) apply; default: the data's symbol.")
    String contractSymbol;

    @Option(names = "--port", defaultValue = "0", paramLabel = "PORT", description = "REST port on 127.0.0.1; 0 picks a free one (default: ${DEFAULT-VALUE}).")
    int port;

    @Option(names = "--speed", defaultValue = "60", paramLabel = "X", description = "Replay speed as a multiple of real time (default: ${DEFAULT-VALUE}).")
    double speed;

    @Option(names = "--start-balance", defaultValue = "10000", paramLabel = "USDT", description = "USDT in the account at the start (default: ${DEFAULT-VALUE}).")
    double startBalance;

    @Option(names = "--slippage", defaultValue = "0.001", paramLabel = "RATE", description = "Market-order slippage (default: ${DEFAULT-VALUE}).")
    double slippage;

    @Option(names = "--funding-rate", defaultValue = "0.0001", paramLabel = "RATE",
            description = "Funding rate per settlement where the store has no history (default: ${DEFAULT-VALUE}).")
    double fundingRate;

    @Option(names = "--state", paramLabel = "FILE",
            description = "Keep the account, position, orders and fills here: resumed at start when it exists, saved on stop.")
    Path stateFile;

    @Option(names = "--faults", paramLabel = "SPEC",
            description = {"Faults for reliability tests, comma-separated: latency=200ms, errors=0.1 (share answered 500/503),",
                    "429=5/100 (a burst of 5 every 100 requests), 429-reset=1s, ws-disconnect=30s, drop=0.05 (pushes),",
                    "lost-order=0.2 (order placed, its answer lost), partial-fill=0.3 (market orders half filled, the rest",
                    "cancelled), seed=42."})
    String faults;

    @Option(names = "--position-mode", defaultValue = "one-way", paramLabel = "MODE",
            description = "one-way (KuCoin's default for a new account) or hedge (orders need positionSide) (default: ${DEFAULT-VALUE}).")
    String positionMode;

    @Option(names = "--account-mode", defaultValue = "classic", paramLabel = "MODE",
            description = "classic or unified: what /api/ua/v1/account/mode answers (default: ${DEFAULT-VALUE}).")
    String accountMode;

    @Option(names = "--attached-stops", defaultValue = "listed", paramLabel = "HOW",
            description = "listed or unlisted: whether GET /api/v1/stopOrders shows the stops /api/v1/st-orders attaches "
                    + "(KuCoin does not document it; unlisted ones still trigger) (default: ${DEFAULT-VALUE}).")
    String attachedStops;

    @Option(names = "--fill-delay", defaultValue = "0", paramLabel = "MS",
            description = "Match orders MS after accepting them and show fills in /api/v1/fills MS after they happen (default: ${DEFAULT-VALUE}).")
    long fillDelayMillis;

    @Option(names = "--kline-limit", defaultValue = "500", paramLabel = "N",
            description = "Rows per kline call (KuCoin's spec: 500; ccxt pages by 200) (default: ${DEFAULT-VALUE}).")
    int klineLimit;

    @Option(names = "--funding-history-limit", defaultValue = "100", paramLabel = "N",
            description = "Settlements per funding-history call (default: ${DEFAULT-VALUE}).")
    int fundingHistoryLimit;

    @Option(names = "--strict-spec", description = "Refuse (400100) and log every request KuCoin's OpenAPI spec would not accept.")
    boolean strictSpec;

    @Option(names = "--api-key", paramLabel = "K", description = "API key to accept (default: random).")
    String apiKey;

    @Option(names = "--api-secret", paramLabel = "S", description = "API secret to accept (default: random).")
    String apiSecret;

    @Option(names = "--api-passphrase", paramLabel = "P", description = "API passphrase to accept (default: random).")
    String apiPassphrase;

    @Override
    public void run() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Home home = Home.resolve(root.homeOption());
        CandleSourceOptions.Window window = source.loadWindow(home, err);
        // Bars after --to are cut; bars before --from stay as history served by the kline endpoint.
        CandleSeries bars = window.all().slice(0, window.to());
        Contract contract = BacktestCommand.contract(contractSymbol, source.contractSymbol(), (String) null);
        Sandbox sandbox;
        try {
            sandbox = Sandbox.builder(bars, contract)
                    .from(bars.time(window.from()))
                    .startBalance(startBalance)
                    .slippage(slippage)
                    .funding(BacktestCommand.fundingRates(home, contract, bars), fundingRate)
                    .port(port)
                    .speed(speed)
                    .credentials(credentials())
                    .faults(Faults.parse(faults))
                    .stateFile(stateFile)
                    .hedgeMode(choice("--position-mode", positionMode, "one-way", "hedge"))
                    .unifiedAccount(choice("--account-mode", accountMode, "classic", "unified"))
                    .attachedStopsListed(!choice("--attached-stops", attachedStops, "listed", "unlisted"))
                    .fillDelay(java.time.Duration.ofMillis(fillDelayMillis))
                    .klineLimit(klineLimit)
                    .fundingHistoryLimit(fundingHistoryLimit)
                    .strictSpec(strictSpec)
                    .failOnSpecViolations(false)
                    .start();
        } catch (IllegalArgumentException e) {
            throw new UserException(e.getMessage());
        } catch (UncheckedIOException e) {
            throw new UserException(e.getMessage() + "; choose another --port", e);
        }
        SandboxCredentials c = sandbox.credentials();
        out.printf("sandbox %s %s (%s) at %s api-key=%s api-secret=%s api-passphrase=%s%n", contract.symbol(), bars.timeframe(),
                window.source(), sandbox.baseUrl(), c.apiKey(), c.apiSecret(), c.apiPassphrase());
        out.flush();
        CountDownLatch stopped = new CountDownLatch(1);
        Thread hook = new Thread(() -> {
            sandbox.close();
            stopped.countDown();
        }, "sandbox-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            stopped.await();
        } catch (InterruptedException e) {
            // Stopped by whoever runs the command in-process (tests); the JVM is not exiting.
            Thread.currentThread().interrupt();
            Runtime.getRuntime().removeShutdownHook(hook);
            sandbox.close();
        }
    }

    /** False for {@code off}, true for {@code on}; anything else is a user error. */
    private static boolean choice(String option, String value, String off, String on) {
        if (off.equals(value)) return false;
        if (on.equals(value)) return true;
        throw new UserException(option + " must be " + off + " or " + on + ", got '" + value + "'");
    }

    private SandboxCredentials credentials() {
        int given = (apiKey == null ? 0 : 1) + (apiSecret == null ? 0 : 1) + (apiPassphrase == null ? 0 : 1);
        if (given == 0) return SandboxCredentials.random();
        if (given != 3) throw new UserException("give all of --api-key, --api-secret and --api-passphrase, or none");
        try {
            return new SandboxCredentials(apiKey, apiSecret, apiPassphrase);
        } catch (IllegalArgumentException e) {
            throw new UserException(e.getMessage());
        }
    }


}
