package io.gpubot.app.cli;

import io.gpubot.app.Home;
import io.gpubot.core.UserException;
import io.gpubot.core.bot.Bot;
import io.gpubot.core.market.CandleSeries;
import io.gpubot.core.market.Contract;
import io.gpubot.core.market.Contracts;
import io.gpubot.core.market.Symbols;
import io.gpubot.core.market.Timeframe;
import io.gpubot.data.CandleStore;
import io.gpubot.kucoin.KucoinApiException;
import io.gpubot.kucoin.KucoinRestClient;
import io.gpubot.kucoin.KucoinTransportException;
import io.gpubot.live.feed.ExchangeFeed;
import io.gpubot.live.feed.WarmUpHistory;
import picocli.CommandLine.Option;

import java.net.URI;
import java.util.List;

/**
 * The market a real-time session trades: {@code --symbol}, {@code --timeframe} and the exchange's
 * address ({@code --exchange-url}: KuCoin, or a {@code gpubot sandbox}). Builds the REST client, the
 * contract's facts, the warm-up history and the candle feed.
 */
final class RealTimeMarket {

    @Option(names = "--symbol", paramLabel = "SYMBOL", description = "The contract or pair to trade, e.g. XBTUSDTM or BTC/USDT.")
    String symbol;

    @Option(names = "--timeframe", paramLabel = "TF", description = "The bars the bots trade on: ${COMPLETION-CANDIDATES}.")
    Timeframe timeframe;

    @Option(names = "--exchange-url", paramLabel = "URL", defaultValue = "https://api-futures.kucoin.com",
            description = "KuCoin Futures' REST address, or a local `gpubot sandbox` (default: ${DEFAULT-VALUE}).")
    URI exchangeUrl;

    @Option(names = "--warm-up", paramLabel = "BARS",
            description = "Bars of history to warm the indicators up on (default: three times the longest warm-up of the bots, "
                    + "a session VWAP's whole session included, at least 200).")
    Integer warmUpBars;

    /**
     * A resumed session trades its own market: the journal's symbol and timeframe stand where the command
     * leaves them out, so {@code --session NAME} alone resumes it.
     */
    void adopt(io.gpubot.live.SessionInfo session) {
        if (symbol == null) symbol = session.symbol();
        if (timeframe == null) timeframe = Timeframe.parse(session.timeframe());
    }

    /** The contract symbol, e.g. XBTUSDTM. */
    String contractSymbol() {
        if (symbol == null) throw new UserException("say which contract to trade, e.g. --symbol XBTUSDTM (or BTC/USDT)");
        try {
            return Symbols.toContract(symbol);
        } catch (IllegalArgumentException e) {
            throw new UserException("--symbol: " + e.getMessage());
        }
    }

    Timeframe timeframe() {
        if (timeframe == null) throw new UserException("say which bars to trade on, e.g. --timeframe 1h (supported: " + Timeframe.supportedLabels() + ")");
        return timeframe;
    }

    KucoinRestClient publicClient() {
        return KucoinRestClient.builder(exchangeUrl).build();
    }

    /** The contract's facts: the built-in ones when known, else the exchange's. */
    Contract contract(KucoinRestClient client) {
        String s = contractSymbol();
        return Contracts.find(s).orElseGet(() -> exchange(client, "read the contract " + s, () -> client.contract(s).toContract()));
    }

    /**
     * The market's time: its last trade's. (On KuCoin that is now; a sandbox's market runs on its replay
     * clock while its server time stays the wall clock, as request signatures need.)
     */
    long marketTime(KucoinRestClient client) {
        return exchange(client, "read the ticker of " + contractSymbol(), () -> client.ticker(contractSymbol()).ts() / 1_000_000L);
    }

    int warmUpBars(List<Bot> bots) {
        if (warmUpBars != null) {
            if (warmUpBars < 0) throw new UserException("--warm-up must be 0 or more");
            return warmUpBars;
        }
        Timeframe tf = timeframe();
        int longest = bots.stream().mapToInt(b -> b.warmUp(tf)).max().orElse(0);
        return Math.max(200, 3 * longest);
    }

    /** The last {@code bars} closed bars before {@code now}, from the store, fetched from the exchange where missing. */
    CandleSeries warmUp(Home home, KucoinRestClient client, int bars, long now) {
        if (bars == 0) return null;
        try (CandleStore store = CandleStore.open(home.candleStore())) {
            return exchange(client, "fetch the warm-up history", () -> new WarmUpHistory(store, client).lastBars(contractSymbol(), timeframe(), bars, now));
        }
    }

    ExchangeFeed feed(KucoinRestClient client) {
        return ExchangeFeed.builder(client, contractSymbol(), timeframe()).build();
    }

    /** Runs an exchange call, turning its failures into one line that says where and what. */
    <T> T exchange(KucoinRestClient client, String what, java.util.function.Supplier<T> call) {
        try {
            return unwrapped(call);
        } catch (KucoinTransportException e) {
            throw new UserException("cannot reach KuCoin at " + client.baseUrl() + " to " + what + ": " + e.getMessage()
                    + " (check the address, your connection, or whether the exchange is up)", e);
        } catch (KucoinApiException e) {
            String advice = credentialAdvice(e.code());
            throw new UserException("KuCoin at " + client.baseUrl() + " refused to " + what + ": " + e.getMessage()
                    + (advice == null ? "" : "; " + advice), e);
        }
    }

    /** The KuCoin failure behind the exchange port's own exception, so that it is told with the same advice. */
    private static <T> T unwrapped(java.util.function.Supplier<T> call) {
        try {
            return call.get();
        } catch (io.gpubot.live.exec.ExchangeException e) {
            if (e.getCause() instanceof KucoinTransportException || e.getCause() instanceof KucoinApiException) throw (RuntimeException) e.getCause();
            throw e;
        }
    }

    /** What to do about KuCoin's authentication and permission codes, in a trader's words. */
    static String credentialAdvice(String code) {
        return switch (code == null ? "" : code) {
            case "400003" -> "KuCoin does not know this API key: check it was copied whole, is a Futures key of this exchange"
                    + " (live or sandbox), and was not deleted; store it again with gpubot credentials set";
            // A version-2 key sends its passphrase signed with the secret, so KuCoin may answer 400004 for a wrong secret too.
            case "400004" -> "the API passphrase is wrong (it is the one chosen when the key was created, not the account password),"
                    + " or the secret is, since the passphrase is sent signed with it; store both again with gpubot credentials set";
            case "400005" -> "the API secret does not match the key; store it again with gpubot credentials set";
            case "400006" -> "this machine's IP address is not in the key's IP whitelist; add it on kucoin.com/account/api";
            case "400007" -> "the API key lacks a permission this needs: give it General and Futures Trading permissions"
                    + " on kucoin.com/account/api (never Withdrawal)";
            case "400002" -> "this computer's clock is more than 5 s off; synchronise it (e.g. enable NTP)";
            default -> null;
        };
    }
}
