package io.gpubot.app.menu;

import io.gpubot.app.Home;
import io.gpubot.app.cli.Prompts;
import io.gpubot.kucoin.vault.CredentialsVault;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * The interactive menu {@code gpubot} shows when started without a command: Evolve, Paper trading, Live
 * trading, Backtest, Data, Credentials, Sandbox. Each mode asks its settings (remembered in
 * {@code <home>/last-run.json}), prints the equivalent command line and runs exactly that command, so
 * everything the menu does can be scripted. Ctrl-C backs out of a prompt or a running mode to the menu.
 */
public final class Menu {

    static final String DEFAULT_EXCHANGE_URL = "https://api-futures.kucoin.com";
    static final String RISK_CONFIRMATION = "I UNDERSTAND THE RISKS";
    private static final String DEFAULT_DATA = "bundled:btc-usd-4h";
    private static final int WARM_UP_BARS = 1_000;

    private final Home home;
    private final PrintWriter out;
    private final MenuInput input;
    private final CommandRunner commands;
    private final BotChoice bots;
    private final CandleChoice candles;
    /** The mode's answers, remembered only once its command ran (or was stopped by Ctrl-C), never after a refusal. */
    private Questions asked;

    /**
     * @param gpubot runs one command line with the same picocli set-up as {@code Main} and returns its exit code
     */
    public Menu(Home home, Prompts prompts, PrintWriter out, Function<String[], Integer> gpubot) {
        this.home = home;
        this.out = out;
        this.input = new MenuInput(prompts, out);
        this.commands = new CommandRunner(gpubot, List.of("--home", home.dir().toString()), out);
        this.bots = new BotChoice(home.dir(), out);
        this.candles = new CandleChoice(home.dir(), out);
    }

    /** Shows the menu until the user quits (0) or the input ends; returns the exit code. */
    public int run() {
        try (CtrlC ignored = CtrlC.install(this::ctrlC)) {
            while (true) {
                LastRun lastRun = LastRun.load(home.dir());
                showChoices();
                try {
                    Questions menu = new Questions(input, out, lastRun, "menu");
                    String mode = menu.ask("mode", "Choose", "4", answer -> answer.matches("[0-7]") ? null : "choose 0 to 7");
                    if (mode.equals("0")) return 0;
                    menu.remember();
                    asked = null;
                    List<String> args = modeArgs(mode, lastRun);
                    if (args == null) continue;
                    int code = commands.run(args);
                    if (code != 0 && code != 130) {
                        out.println("(gpubot " + args.get(0) + " ended with exit code " + code + "; these answers are not kept as defaults)");
                    } else if (asked != null) {
                        asked.remember();
                    }
                } catch (BackToMenu back) {
                    out.println("back to the menu");
                }
                out.println();
                out.flush();
            }
        } catch (InputEnded ended) {
            out.println();
            return 0;
        } finally {
            out.flush();
            input.close();
        }
    }

    private void ctrlC() {
        if (!commands.interrupt()) input.interrupt();
    }

    private void showChoices() {
        out.println("gpubot - KuCoin Futures trading bots   (home: " + home.dir() + ")");
        out.println("  1  Evolve bots (genetic algorithm on historical candles)");
        out.println("  2  Paper trading (live market data, simulated money)");
        out.println("  3  Live trading (REAL MONEY)");
        out.println("  4  Backtest a bot");
        out.println("  5  Data: fetch, import, list candles");
        out.println("  6  Credentials (KuCoin API key)");
        out.println("  7  Sandbox exchange (local, for rehearsals)");
        out.println("  0  Quit");
        out.flush();
    }

    /** The command the chosen mode's answers make, or null when nothing is to run. */
    List<String> modeArgs(String mode, LastRun lastRun) {
        return switch (mode) {
            case "1" -> evolve(new Questions(input, out, lastRun, "evolve"));
            case "2" -> paper(new Questions(input, out, lastRun, "paper"));
            case "3" -> live(new Questions(input, out, lastRun, "live"));
            case "4" -> backtest(new Questions(input, out, lastRun, "backtest"));
            case "5" -> data(new Questions(input, out, lastRun, "data"));
            case "6" -> credentials(new Questions(input, out, lastRun, "credentials"));
            case "7" -> sandbox(new Questions(input, out, lastRun, "sandbox"));
            default -> null;
        };
    }

    private List<String> backtest(Questions q) {
        out.println("Backtest a bot (Enter keeps the value in brackets, - clears an optional one)");
        String bot = bots.ask(q);
        CandleChoice.Chosen data = candles.ask(q, "Candles", DEFAULT_DATA);
        String from = q.optional("from", "From (UTC date)", Checks::date);
        String to = q.optional("to", "To (UTC date)", Checks::date);
        String balance = q.ask("balance", "Starting balance USDT", "1000", Checks::positiveNumber);
        asked = q;
        List<String> args = new ArrayList<>(List.of("backtest", "--bot", bot));
        args.addAll(data.args());
        if (!from.isEmpty()) args.addAll(List.of("--from", from));
        if (!to.isEmpty()) args.addAll(List.of("--to", to));
        args.addAll(List.of("--balance", balance));
        return args;
    }

    private List<String> evolve(Questions q) {
        out.println("Evolve bots (Enter keeps the value in brackets)");
        CandleChoice.Chosen data = candles.ask(q, "Candles", DEFAULT_DATA);
        int highest = data.contract().maxLeverage();
        String population = q.ask("population", "Bots per generation", "10000", Checks.wholeNumber(2));
        String generations = q.ask("generations", "Generations", "50", Checks.wholeNumber(1));
        String maxIndicators = q.ask("maxIndicators", "Most indicators per bot", Integer.toString(io.gpubot.evolve.EvolveOptions.DEFAULT_MAX_INDICATORS), Checks.wholeNumber(1, 10, "the most a bot can hold"));
        String maxLeverage = q.ask("maxLeverage", "Highest leverage (1 to " + highest + " on " + data.contract().symbol() + ")",
                Integer.toString(Math.min(20, highest)), Checks.wholeNumber(1, highest, data.contract().symbol() + "'s highest leverage"));
        String balance = q.ask("balance", "Starting balance USDT", "1000", Checks::positiveNumber);
        String seed = q.ask("seed", "Random seed", "42", Checks.wholeNumber(Long.MIN_VALUE));
        asked = q;
        List<String> args = new ArrayList<>(List.of("evolve"));
        args.addAll(data.args());
        args.addAll(List.of("--population", population, "--generations", generations,
                "--max-indicators", maxIndicators, "--max-leverage", maxLeverage, "--balance", balance, "--seed", seed));
        return args;
    }

    private List<String> paper(Questions q) {
        out.println("Paper trading: live market data, simulated fills, no money at risk");
        if (!vault().exists()) {
            out.println("No KuCoin API credentials are stored. Paper trading needs only public market data,");
            out.println("but Live trading will need them (stored encrypted with a master password).");
            if (q.yesNo("setupCredentials", "Set them up now", false)) setUpCredentials();
        }
        String bot = bots.ask(q);
        List<String> leverageLimit = leverageLimit(q, bot);
        String symbol = q.ask("symbol", "Symbol (contract or pair)", "XBTUSDTM", Checks::symbol);
        String timeframe = q.ask("timeframe", "Timeframe", "4h", Checks::timeframe);
        String balance = q.ask("balance", "Starting balance USDT (simulated)", "1000", Checks::positiveNumber);
        String session = q.optional("session", "Session name (to resume it later)", a -> a.matches("[A-Za-z0-9._-]+") ? null
                : "use letters, digits, dot, dash and underscore only");
        String url = exchangeUrl(q);
        asked = q;
        List<String> args = new ArrayList<>(List.of("paper", "--bot", bot, "--symbol", symbol, "--timeframe", timeframe, "--balance", balance));
        args.addAll(leverageLimit);
        if (!url.equals(DEFAULT_EXCHANGE_URL)) args.addAll(List.of("--exchange-url", url));
        if (!session.isEmpty()) args.addAll(List.of("--session", session));
        return args;
    }

    private List<String> live(Questions q) {
        out.println("LIVE TRADING: real orders with real money on KuCoin Futures. You can lose everything you put in.");
        out.println("Past backtest results do not guarantee future results. Start small and watch the dashboard.");
        String typed = input.line("Type " + RISK_CONFIRMATION + " to continue: ");
        if (!typed.equals(RISK_CONFIRMATION)) throw new BackToMenu("not confirmed");
        if (!vault().exists()) {
            out.println("Live trading needs your KuCoin API key (Futures trading permission, withdrawals disabled).");
            setUpCredentials();
            if (!vault().exists()) throw new BackToMenu("no credentials");
        }
        java.util.Map<String, io.gpubot.live.SessionInfo> sessions = SessionList.of(home.dir(), "live");
        if (!sessions.isEmpty()) {
            out.println("Live sessions (resuming one reconciles it with the exchange and goes on with its bot):");
            sessions.values().forEach(i -> out.println("  " + i.id() + "  " + i.symbol() + " " + i.timeframe()));
            String resume = q.optional("resume", "Session to resume (Enter for a new one)",
                    a -> sessions.containsKey(a) ? null : "no live session '" + a + "'; type one of the names above, or Enter for a new one");
            if (!resume.isEmpty()) {
                io.gpubot.live.SessionInfo info = sessions.get(resume);
                String url = exchangeUrl(q);
                asked = q;
                List<String> args = new ArrayList<>(List.of("live", "--session", resume, "--symbol", info.symbol(), "--timeframe", info.timeframe()));
                if (!url.equals(DEFAULT_EXCHANGE_URL)) args.addAll(List.of("--exchange-url", url));
                args.add("--i-understand-the-risks");
                return args;
            }
        }
        String bot = bots.ask(q);
        List<String> leverageLimit = leverageLimit(q, bot);
        String symbol = q.ask("symbol", "Symbol (contract or pair)", "XBTUSDTM", Checks::symbol);
        String timeframe = q.ask("timeframe", "Timeframe", "4h", Checks::timeframe);
        String url = exchangeUrl(q);
        asked = q;
        List<String> args = new ArrayList<>(List.of("live", "--bot", bot, "--symbol", symbol, "--timeframe", timeframe));
        args.addAll(leverageLimit);
        if (!url.equals(DEFAULT_EXCHANGE_URL)) args.addAll(List.of("--exchange-url", url));
        args.add("--i-understand-the-risks");
        return args;
    }

    /**
     * The risk guard refuses every entry of a bot above its leverage limit (20x unless {@code --max-leverage} says
     * otherwise), and Evolve offers up to the contract's maximum: for such a bot the limit is asked, the bot's own
     * leverage by default, with what that leverage risks. Empty for a bot within the default.
     */
    private List<String> leverageLimit(Questions q, String botFile) {
        int leverage;
        try {
            leverage = io.gpubot.data.BotFiles.read(java.nio.file.Path.of(botFile)).leverage();
        } catch (RuntimeException e) {
            return List.of(); // the command itself says what is wrong with the file
        }
        int guard = io.gpubot.live.risk.RiskLimits.DEFAULT.maxLeverage();
        if (leverage <= guard) return List.of();
        out.printf(java.util.Locale.ROOT, "This bot trades at %dx, above the risk guard's default limit of %dx, which would refuse every entry it makes.%n",
                leverage, guard);
        out.printf(java.util.Locale.ROOT, "At %dx a price move of less than %.1f%% against a position liquidates it (its whole margin).%n",
                leverage, 100.0 / leverage);
        String limit = q.ask("maxLeverage", "Highest leverage the risk guard allows (" + leverage + " trades this bot)", Integer.toString(leverage),
                Checks.wholeNumber(leverage, io.gpubot.core.bot.Bot.MAX_LEVERAGE, "the highest leverage"));
        return List.of("--max-leverage", limit);
    }

    /** Advanced: where the exchange is (a local {@code gpubot sandbox} to rehearse). */
    private String exchangeUrl(Questions q) {
        String url = q.ask("exchangeUrl", "Exchange URL (advanced; a gpubot sandbox URL to rehearse)", DEFAULT_EXCHANGE_URL, Checks::url);
        return url.replaceAll("/+$", "");
    }

    private void setUpCredentials() {
        out.println("Get a key at https://www.kucoin.com/account/api: Futures Trading permission, restricted to your IP,");
        out.println("withdrawals disabled. You will be asked for the key, secret, passphrase and a master password.");
        commands.run(List.of("credentials", "set"));
    }

    private CredentialsVault vault() {
        return new CredentialsVault(home.dir());
    }

    private List<String> data(Questions q) {
        out.println("Data: 1 fetch candles from KuCoin   2 import a bundled dataset   3 list the store");
        out.println("      4 import your own candle file   5 resample stored bars to a coarser timeframe");
        String what = q.ask("action", "Choose", "3", a -> a.matches("[1-5]") ? null : "choose 1 to 5");
        switch (what) {
            case "1" -> {
                String symbol = q.ask("symbol", "Symbol (contract or pair)", "XBTUSDTM", Checks::symbol);
                String timeframe = q.ask("timeframe", "Timeframe", "4h", Checks::timeframe);
                String days = q.ask("days", "Days of history", "365", Checks.wholeNumber(1));
                boolean funding = q.yesNo("funding", "Also fetch funding rates", true);
                String url = exchangeUrl(q);
                asked = q;
                List<String> args = new ArrayList<>(List.of("data", "fetch", "--symbol", symbol, "--timeframe", timeframe, "--days", days));
                if (funding) args.add("--funding");
                if (!url.equals(DEFAULT_EXCHANGE_URL)) args.addAll(List.of("--exchange-url", url));
                return args;
            }
            case "2" -> {
                String name = q.ask("bundled", "Bundled dataset (btc-usd-4h, eth-usd-4h)", "btc-usd-4h", Checks::bundledName);
                asked = q;
                return List.of("data", "import", "--bundled", name);
            }
            case "4" -> {
                String file = q.ask("file", "Candle file (CSV or JSON, optionally .gz)", "", a -> java.nio.file.Files.isRegularFile(java.nio.file.Path.of(a))
                        ? null : "no file " + a + "; type the path of a CSV or JSON candle file");
                String symbol = q.ask("symbol", "Contract the candles are of (contract or pair)", "XBTUSDTM", Checks::symbol);
                String timeframe = q.optional("timeframe", "Timeframe (none: from the bars' spacing; coarser than the file's: resampled)",
                        Checks::timeframe);
                String exchange = q.ask("exchange", "Exchange the candles come from", "kucoin",
                        a -> a.matches("[a-z0-9_-]+") ? null : "use lower-case letters, digits, - and _ only, e.g. kucoin");
                asked = q;
                List<String> args = new ArrayList<>(List.of("data", "import", file, "--symbol", symbol));
                if (!timeframe.isEmpty()) args.addAll(List.of("--timeframe", timeframe));
                if (!exchange.equals("kucoin")) args.addAll(List.of("--exchange", exchange));
                return args;
            }
            case "5" -> {
                java.util.List<io.gpubot.data.StoredSeries> stored = candles.storeSeries();
                if (stored.isEmpty()) {
                    out.println("The store is empty: fetch or import candles first (1, 2 or 4).");
                    return null;
                }
                for (int k = 0; k < stored.size(); k++) out.println("  s" + (k + 1) + ") " + stored.get(k).key());
                String series = q.ask("series", "Series to resample (s1" + (stored.size() > 1 ? "..s" + stored.size() : "") + ")", "s1",
                        a -> CandleChoice.stored(a, stored).isPresent() ? null : "choose s1" + (stored.size() > 1 ? "..s" + stored.size() : ""));
                io.gpubot.data.SeriesKey key = CandleChoice.stored(series, stored).orElseThrow();
                q.record("series", CandleChoice.storeAnswer(key));
                String target = q.ask("target", "Timeframe to build", "4h", a -> {
                    String problem = CandleChoice.coarser(a, key.timeframe());
                    return problem != null ? problem : a.equals(key.timeframe().label()) ? "choose a timeframe coarser than " + key.timeframe() : null;
                });
                asked = q;
                List<String> args = new ArrayList<>(List.of("data", "resample", "--symbol", key.symbol(), "--from-timeframe",
                        key.timeframe().label(), "--timeframe", target));
                if (!key.exchange().equals("kucoin")) args.addAll(List.of("--exchange", key.exchange()));
                return args;
            }
            default -> {
                asked = q;
                return List.of("data", "list");
            }
        }
    }

    private List<String> credentials(Questions q) {
        out.println("Credentials: 1 set up or replace   2 status   3 delete");
        String what = q.ask("action", "Choose", vault().exists() ? "2" : "1", a -> a.matches("[1-3]") ? null : "choose 1, 2 or 3");
        asked = q;
        return switch (what) {
            case "1" -> List.of("credentials", "set");
            case "2" -> List.of("credentials", "status");
            default -> List.of("credentials", "delete");
        };
    }

    private List<String> sandbox(Questions q) {
        out.println("Sandbox: a local KuCoin-Futures-compatible exchange replaying candles (Ctrl-C stops it)");
        CandleChoice.Chosen data = candles.ask(q, "Candles to replay", DEFAULT_DATA);
        // Bars before the start are history the bots warm up on when they connect; the default leaves 1,000 of them.
        io.gpubot.core.market.CandleSeries bars = data.bars().get();
        int warmUp = Math.min(WARM_UP_BARS, bars.size() / 2);
        String from = q.ask("from", "Start the exchange's clock at (UTC; the bars before are warm-up history)",
                Checks.DATE.format(java.time.Instant.ofEpochMilli(bars.time(warmUp))), a -> Checks.within(a, bars));
        String port = q.ask("port", "Port on 127.0.0.1 (0 picks a free one)", "0", Checks::port);
        String speed = q.ask("speed", "Replay speed (times real time)", "60", Checks::positiveNumber);
        String balance = q.ask("balance", "Account balance USDT", "10000", Checks::positiveNumber);
        asked = q;
        List<String> args = new ArrayList<>(List.of("sandbox"));
        args.addAll(data.args());
        args.addAll(List.of("--from", from, "--port", port, "--speed", speed, "--start-balance", balance));
        return args;
    }
}
