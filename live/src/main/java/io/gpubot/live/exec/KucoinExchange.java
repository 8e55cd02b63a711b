package io.gpubot.live.exec;

import io.gpubot.core.market.Contract;
import io.gpubot.core.market.RiskLimitTier;
import io.gpubot.core.market.RiskLimitTiers;
import io.gpubot.kucoin.AccountOverview;
import io.gpubot.kucoin.Fill;
import io.gpubot.kucoin.KucoinApiException;
import io.gpubot.kucoin.KucoinRestClient;
import io.gpubot.kucoin.KucoinTransportException;
import io.gpubot.kucoin.MarginMode;
import io.gpubot.kucoin.Order;
import io.gpubot.kucoin.OrderOutcomeUnknownException;
import io.gpubot.kucoin.OrderRequest;
import io.gpubot.kucoin.Page;
import io.gpubot.kucoin.Position;
import io.gpubot.kucoin.TpSlOrderRequest;
import io.gpubot.kucoin.TradeFees;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.function.IntFunction;
import java.util.function.Supplier;

/**
 * The {@link ExchangePort} over KuCoin Futures' REST API ({@link KucoinRestClient}), for one contract.
 *
 * <p>Orders go out through {@link KucoinRestClient#placeOrderAtMostOnce}: a lost answer is looked up by
 * clientOid and never sent again (KuCoin documents no idempotency for a done order's clientOid). An entry
 * with an attached stop-loss goes to {@code POST /api/v1/st-orders}: {@code triggerStopDownPrice} is a
 * buy's stop-loss and {@code triggerStopUpPrice} a sell's, read as trigger directions (the spec names them
 * "stop loss price" and "take profit price" without a side; ccxt's kucoinfutures sends a stop-loss as the down
 * trigger whatever the side, while other public KuCoin adapters swap them for a sell as here: undocumented,
 * see sandbox/README.md "Attached stops" for why either reading leaves no short without a stop);
 * {@code stopPriceType} TP (last trade price), the price the trading rules model. Every order carries
 * {@code marginMode} (KuCoin answers 330005 when it is not the position's).
 *
 * <p>The account's modes, fee rates and risk-limit tiers come from endpoints an older API or a proxy may not
 * serve: KuCoin's "not found" (HTTP 404 or code 404000) is "not reported" ({@link Optional#empty()}), any
 * other failure an {@link ExchangeException}.
 */
public final class KucoinExchange implements ExchangePort {

    private static final String CURRENCY = "USDT";
    /**
     * The most KuCoin gives a page ({@link KucoinRestClient#MAX_PAGE_SIZE}), so that a list takes as few
     * requests as it can: each is one request of the endpoint's weight (fills 5, order list 2, stop order list 6
     * in the futures pool; the client's Endpoint table) whatever its size.
     */
    private static final int PAGE_SIZE = KucoinRestClient.MAX_PAGE_SIZE;

    private final KucoinRestClient client;
    private final String symbol;

    public KucoinExchange(KucoinRestClient client, String symbol) {
        this.client = Objects.requireNonNull(client, "client");
        this.symbol = Objects.requireNonNull(symbol, "symbol");
    }

    @Override
    public String symbol() {
        return symbol;
    }

    @Override
    public String place(OrderSpec o) {
        OrderRequest.Side side = o.buy() ? OrderRequest.Side.BUY : OrderRequest.Side.SELL;
        MarginMode margin = MarginMode.valueOf(o.marginMode());
        OrderRequest request = switch (o.kind()) {
            case MARKET -> new OrderRequest(o.clientOid(), symbol, side, "market", o.size(), o.leverage(), null, null, o.reduceOnly(), false,
                    null, null, null, margin, false);
            case LIMIT -> new OrderRequest(o.clientOid(), symbol, side, "limit", o.size(), o.leverage(), BigDecimal.valueOf(o.price()), "GTC",
                    o.reduceOnly(), false, null, null, null, margin, false);
            case STOP_MARKET -> new OrderRequest(o.clientOid(), symbol, side, "market", o.size(), o.leverage(), null, null, o.reduceOnly(), false,
                    o.buy() ? OrderRequest.StopDirection.UP : OrderRequest.StopDirection.DOWN, BigDecimal.valueOf(o.stopPrice()),
                    OrderRequest.StopPriceType.TP, margin, false);
        };
        try {
            if (Double.isNaN(o.attachedStopLoss())) return client.placeOrderAtMostOnce(request).orderId();
            BigDecimal stop = BigDecimal.valueOf(o.attachedStopLoss());
            return client.placeTpSlOrderAtMostOnce(new TpSlOrderRequest(request, o.buy() ? null : stop, o.buy() ? stop : null,
                    OrderRequest.StopPriceType.TP, null)).orderId();
        } catch (KucoinApiException e) {
            // placeSafely answers a 5xx by a lookup; one that still escapes was refused before it was placed
            return throwAs(e.httpStatus() >= 500 ? ExchangeException.Kind.OUTCOME_UNKNOWN : ExchangeException.Kind.REJECTED, e);
        } catch (KucoinTransportException e) {
            return throwAs(e.mayHaveReachedExchange() ? ExchangeException.Kind.OUTCOME_UNKNOWN : ExchangeException.Kind.NOT_SENT, e);
        } catch (OrderOutcomeUnknownException e) {
            return throwAs(ExchangeException.Kind.OUTCOME_UNKNOWN, e);
        }
    }

    @Override
    public Optional<OrderReport> orderByClientOid(String clientOid) {
        return read(() -> client.orderByClientOid(clientOid).map(KucoinExchange::report));
    }

    @Override
    public OrderReport order(String orderId) {
        return read(() -> report(client.order(orderId)));
    }

    @Override
    public List<FillReport> fillsOfOrder(String orderId) {
        return read(() -> fills(allPages(page -> client.fillsOfOrder(orderId, page, PAGE_SIZE), Fill::tradeId)));
    }

    @Override
    public List<FillReport> fillsSince(long startMillis) {
        return read(() -> fills(allPages(page -> client.fills(symbol, startMillis, page, PAGE_SIZE), Fill::tradeId)));
    }

    /**
     * {@code GET /api/v1/recentFills?symbol=}: "a list of recent 1000 fills in the last 24 hours. If you need to
     * get your recently traded order history with low latency, you may query this endpoint" (kucoin-universal-sdk,
     * openapi-futures-order.json), where {@code /api/v1/fills} "is not real-time". Not served: none shown.
     */
    @Override
    public List<FillReport> recentFills() {
        return notFoundAsEmpty(() -> fills(client.recentFills(symbol))).orElse(List.of());
    }

    @Override
    public PositionReport position() {
        return read(() -> {
            Position p = client.position(symbol);
            if (p.currentQty() == 0) return PositionReport.flat();
            return new PositionReport(p.currentQty(), p.avgEntryPrice(), p.liquidationPrice(), p.unrealisedPnl(),
                    p.marginMode() == null || p.marginMode().isEmpty() ? (p.crossMode() ? "CROSS" : "ISOLATED") : p.marginMode());
        });
    }

    @Override
    public AccountReport account() {
        return read(() -> {
            AccountOverview a = client.accountOverview(CURRENCY);
            return new AccountReport(a.accountEquity(), a.availableBalance());
        });
    }

    @Override
    public List<OrderReport> activeStopOrders() {
        return read(() -> allPages(page -> client.stopOrders(symbol, page, PAGE_SIZE), Order::id).stream().map(KucoinExchange::report).toList());
    }

    @Override
    public List<OrderReport> openOrders() {
        return read(() -> allPages(page -> client.openOrders(symbol, page, PAGE_SIZE), Order::id).stream().map(KucoinExchange::report).toList());
    }

    @Override
    public void cancel(String orderId) {
        try {
            client.cancelOrder(orderId);
        } catch (KucoinApiException e) {
            throwAs(e.httpStatus() >= 500 ? ExchangeException.Kind.UNAVAILABLE : ExchangeException.Kind.REJECTED, e);
        } catch (KucoinTransportException e) {
            throwAs(ExchangeException.Kind.UNAVAILABLE, e);
        }
    }

    @Override
    public int cancelAll() {
        return read(() -> client.cancelAllOrders(symbol).size() + client.cancelAllStopOrders(symbol).size());
    }

    @Override
    public void useIsolatedMargin() {
        read(() -> client.changeMarginMode(symbol, MarginMode.ISOLATED));
    }

    @Override
    public Optional<AccountMode> accountMode() {
        // "CLASSIC" or "UNIFIED"; a blank or unknown answer says nothing gpubot can act on
        return notFoundAsEmpty(client::accountMode).flatMap(mode -> switch (mode.toUpperCase(java.util.Locale.ROOT)) {
            case "UNIFIED" -> Optional.of(AccountMode.UNIFIED);
            case "CLASSIC" -> Optional.of(AccountMode.CLASSIC);
            default -> Optional.empty();
        });
    }

    @Override
    public Optional<PositionMode> positionMode() {
        return notFoundAsEmpty(client::hedgeMode).map(hedge -> hedge ? PositionMode.HEDGE : PositionMode.ONE_WAY);
    }

    @Override
    public PositionMode switchPositionMode(PositionMode mode) {
        return read(() -> client.switchPositionMode(mode == PositionMode.HEDGE) ? PositionMode.HEDGE : PositionMode.ONE_WAY);
    }

    @Override
    public Contract contract() {
        return read(() -> client.contract(symbol).toContract());
    }

    @Override
    public Optional<FeeRates> feeRates() {
        return notFoundAsEmpty(() -> {
            TradeFees f = client.tradeFees(symbol);
            return new FeeRates(f.takerFeeRate(), f.makerFeeRate());
        });
    }

    /** {@code GET /api/v1/contracts/risk-limit/{symbol}}; an empty list reports nothing. */
    @Override
    public Optional<RiskLimitTiers> riskLimits() {
        List<io.gpubot.kucoin.RiskLimitTier> tiers = notFoundAsEmpty(() -> client.riskLimitTiers(symbol)).orElse(List.of());
        if (tiers.isEmpty()) return Optional.empty();
        try {
            return Optional.of(new RiskLimitTiers(symbol, tiers.stream().map(t -> new RiskLimitTier(t.level(), t.minRiskLimit(), t.maxRiskLimit(),
                    t.maxLeverage(), t.initialMargin(), t.maintainMargin())).toList()));
        } catch (IllegalArgumentException e) {
            throw new ExchangeException(ExchangeException.Kind.UNAVAILABLE, null, "KuCoin's risk-limit tiers for " + symbol + " are not usable: "
                    + e.getMessage());
        }
    }

    static OrderReport report(Order o) {
        // KuCoin sends avgDealPrice as a string that may be absent or "0" before a fill: never a price.
        double average = o.avgDealPrice() > 0 ? o.avgDealPrice() : Double.NaN;
        boolean active = o.isActive() && !"done".equals(o.status());
        return new OrderReport(o.id(), o.clientOid(), "buy".equals(o.side()), active, o.size(), o.filledSize(), average, o.reduceOnly(),
                o.stop() != null && !o.stop().isEmpty() && o.stopPrice() != null ? o.stopPrice() : Double.NaN,
                "limit".equals(o.type()) && o.price() != null && o.price() > 0 ? o.price() : Double.NaN);
    }

    private static List<FillReport> fills(List<Fill> fills) {
        List<FillReport> out = new ArrayList<>(fills.size());
        for (Fill f : fills) {
            out.add(new FillReport(f.orderId(), "buy".equals(f.side()), f.size(), f.price(), f.fee(),
                    "liquid".equals(f.tradeType()) || "liquidation".equals(f.orderId()), f.createdAt()));
        }
        return out;
    }

    /**
     * Every page of one of KuCoin's paged lists, in the exchange's order (fills newest first), each item once.
     * KuCoin answers 50 items a page unless asked for more (openapi-futures-order.json: pageSize "The default
     * pageSize is 50; the maximum cannot exceed 1000"), so one page would hide older fills. Pages are read
     * until {@code totalPage}, or an empty or short page, says there are no more; an item that arrives
     * between two reads shifts the older ones a place down, so the next page may repeat one: kept once.
     */
    private static <T> List<T> allPages(IntFunction<Page<T>> readPage, Function<T, String> id) {
        List<T> items = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (int currentPage = 1; ; currentPage++) {
            Page<T> page = readPage.apply(currentPage);
            List<T> got = page.items() == null ? List.of() : page.items();
            for (T item : got) {
                String key = id.apply(item);
                if (key == null || seen.add(key)) items.add(item);
            }
            int asked = page.pageSize() > 0 ? Math.min(page.pageSize(), PAGE_SIZE) : PAGE_SIZE;
            if (got.isEmpty() || got.size() < asked || currentPage >= page.totalPage()) return items;
        }
    }

    private static <T> T read(Supplier<T> call) {
        try {
            return call.get();
        } catch (KucoinApiException e) {
            return throwAs(readFailure(e), e);
        } catch (KucoinTransportException e) {
            return throwAs(ExchangeException.Kind.UNAVAILABLE, e);
        }
    }

    private static ExchangeException.Kind readFailure(KucoinApiException e) {
        return e.httpStatus() >= 500 || e.isRateLimited() ? ExchangeException.Kind.UNAVAILABLE : ExchangeException.Kind.REJECTED;
    }

    /** A look-up an exchange may not serve: empty on KuCoin's "not found", any other failure as {@link #read}. */
    private static <T> Optional<T> notFoundAsEmpty(Supplier<T> call) {
        try {
            return Optional.ofNullable(call.get());
        } catch (KucoinApiException e) {
            if (e.httpStatus() == 404 || "404000".equals(e.code())) return Optional.empty();
            return throwAs(readFailure(e), e);
        } catch (KucoinTransportException e) {
            return throwAs(ExchangeException.Kind.UNAVAILABLE, e);
        }
    }

    private static <T> T throwAs(ExchangeException.Kind kind, RuntimeException e) {
        String code = e instanceof KucoinApiException api ? api.code() : null;
        throw new ExchangeException(kind, code, e.getMessage(), e);
    }
}
