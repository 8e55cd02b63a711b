package io.gpubot.live.exec;

import io.gpubot.core.market.Contract;
import io.gpubot.core.market.RiskLimitTiers;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What the live executor needs of an exchange, for one contract, in the live module's own words
 * (NautilusTrader's {@code ExecutionClient}): orders placed at most once, looked up by clientOid,
 * cancelled; fills; the position; the account, its modes, the contract's facts, fee rates and risk-limit
 * tiers. {@link KucoinExchange} is the KuCoin Futures adapter; the tests' in-memory fake loses answers,
 * answers 5xx, delays and splits fills, and plays each account mode on purpose.
 *
 * <p>Every method may throw {@link ExchangeException}; only {@link #place} distinguishes a refusal, an
 * order that was certainly not sent, and one whose fate is unknown. A look-up an exchange does not serve
 * (an older API, a proxy) answers {@link Optional#empty()}: "not reported by this exchange".
 */
public interface ExchangePort {

    /** The contract this port trades, e.g. {@code XBTUSDTM}. */
    String symbol();

    /**
     * Places an order <em>at most once</em>: never sent again by the port, whatever happens to the answer.
     *
     * @return the exchange's order id
     * @throws ExchangeException REJECTED (nothing placed), NOT_SENT (nothing placed), OUTCOME_UNKNOWN (maybe placed:
     *                           resolve by {@link #orderByClientOid} and the position before sending anything else)
     */
    String place(OrderSpec order);

    /** The order with this clientOid, empty when the exchange does not know it (yet). */
    Optional<OrderReport> orderByClientOid(String clientOid);

    /** The order with this exchange id. */
    OrderReport order(String orderId);

    /** The fills of one order as the exchange's fill history shows them now (it may lag behind the order). */
    List<FillReport> fillsOfOrder(String orderId);

    /** The contract's fills since {@code startMillis}, newest first. */
    List<FillReport> fillsSince(long startMillis);

    /**
     * The contract's most recent fills (KuCoin: the last 24 hours, at most 1000), newest first, from a history
     * with low latency: a fill may show here before {@link #fillsOfOrder} shows it. Empty when the exchange
     * does not serve such a history.
     */
    List<FillReport> recentFills();

    /** The contract's position (quantity 0 when flat). */
    PositionReport position();

    /** The account's equity and available balance in the settlement currency. */
    AccountReport account();

    /** The contract's untriggered stop orders. */
    List<OrderReport> activeStopOrders();

    /** The contract's resting (non-stop) orders. */
    List<OrderReport> openOrders();

    /**
     * Cancels one order by its exchange id.
     *
     * @throws ExchangeException REJECTED when the exchange no longer holds it open (filled, triggered, cancelled)
     */
    void cancel(String orderId);

    /** Cancels every resting and stop order of the contract; returns how many were cancelled. */
    int cancelAll();

    /** Puts the contract in isolated margin (the trading rules' mode) before the first entry. */
    void useIsolatedMargin();

    /** The account's mode; empty when the exchange does not report it. */
    Optional<AccountMode> accountMode();

    /** The futures account's position mode; empty when the exchange does not report it (before Hedge Mode existed). */
    Optional<PositionMode> positionMode();

    /**
     * Switches the futures account's position mode.
     *
     * @return the mode the exchange reports after the switch
     * @throws ExchangeException REJECTED when the exchange refuses (KuCoin: a position or an open order on the account)
     */
    PositionMode switchPositionMode(PositionMode mode);

    /** The contract's facts as the exchange states them now (its own fee rates, not the account's). */
    Contract contract();

    /** The account's own fee rates on the contract; empty when the exchange does not report them. */
    Optional<FeeRates> feeRates();

    /** The contract's isolated-margin risk-limit tiers; empty when the exchange does not report them. */
    Optional<RiskLimitTiers> riskLimits();

    /** How the account trades: {@code CLASSIC} through the futures API gpubot uses, {@code UNIFIED} through other endpoints. */
    enum AccountMode { CLASSIC, UNIFIED }

    /** One position per contract ({@code ONE_WAY}, gpubot's), or a long and a short side ({@code HEDGE}). */
    enum PositionMode { ONE_WAY, HEDGE }

    /** The account's fee rates on a contract (fractions, e.g. 0.0006). */
    record FeeRates(double taker, double maker) {
    }

    /** How an order executes. */
    enum Kind { MARKET, LIMIT, STOP_MARKET }

    /**
     * An order to place.
     *
     * @param price            the limit price (NaN unless LIMIT)
     * @param stopPrice        the trigger (NaN unless STOP_MARKET); a buy triggers on the way up, a sell on the way down
     * @param marginMode       the position's margin mode ({@code ISOLATED}); KuCoin refuses a mismatch with 330005
     * @param attachedStopLoss a stop-loss trigger placed with the order itself (NaN for none): a reduce-only
     *                         stop-market order the exchange holds from the moment the order can fill
     */
    record OrderSpec(String clientOid, boolean buy, Kind kind, long size, int leverage, double price, double stopPrice,
                     boolean reduceOnly, String marginMode, double attachedStopLoss) {

        public OrderSpec {
            Objects.requireNonNull(clientOid, "clientOid");
            Objects.requireNonNull(kind, "kind");
            Objects.requireNonNull(marginMode, "marginMode");
            if (size <= 0) throw new IllegalArgumentException("an order needs at least one lot");
            if (kind == Kind.LIMIT && !(price > 0)) throw new IllegalArgumentException("a limit order needs a price");
            if (kind == Kind.STOP_MARKET && !(stopPrice > 0)) throw new IllegalArgumentException("a stop order needs a trigger");
        }
    }

    /**
     * An order as the exchange reports it.
     *
     * @param averagePrice the average fill price, NaN when the exchange gave none (KuCoin may omit {@code avgDealPrice})
     * @param stopPrice    the trigger of a stop order, NaN otherwise
     */
    record OrderReport(String orderId, String clientOid, boolean buy, boolean active, long size, long filledSize, double averagePrice,
                       boolean reduceOnly, double stopPrice, double limitPrice) {

        /** Done with at least one lot filled. */
        public boolean filled() {
            return !active && filledSize > 0;
        }

        /** Done without a fill (cancelled, or a stop cancelled with its position). */
        public boolean cancelledUnfilled() {
            return !active && filledSize == 0;
        }
    }

    /** One fill: lots, price, fee paid (USDT); {@code liquidation} for the exchange's own liquidation fills. */
    record FillReport(String orderId, boolean buy, long size, double price, double fee, boolean liquidation, long time) {
    }

    /**
     * The contract's position.
     *
     * @param quantity   lots, positive long, negative short, 0 flat
     * @param marginMode {@code ISOLATED} or {@code CROSS} (ISOLATED when the exchange does not say)
     */
    record PositionReport(long quantity, double avgEntryPrice, double liquidationPrice, double unrealisedPnl, String marginMode) {

        public static PositionReport flat() {
            return new PositionReport(0, Double.NaN, Double.NaN, 0, "ISOLATED");
        }

        public boolean isFlat() {
            return quantity == 0;
        }
    }

    /** The account in the settlement currency. */
    record AccountReport(double equity, double available) {
    }
}
