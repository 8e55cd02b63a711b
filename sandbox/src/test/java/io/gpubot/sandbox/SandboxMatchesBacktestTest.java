package io.gpubot.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import io.gpubot.core.market.CandleSeries;
import io.gpubot.core.trade.ExitLevels;
import io.gpubot.core.trade.ExitReason;
import io.gpubot.core.trade.Pricing;
import io.gpubot.core.trade.RunSettings;
import io.gpubot.core.trade.Side;
import io.gpubot.core.trade.Sizing;
import io.gpubot.core.trade.Trade;
import io.gpubot.core.trade.Trader;
import io.gpubot.core.trade.TradingPlan;
import io.gpubot.kucoin.AccountOverview;
import io.gpubot.kucoin.Fill;
import io.gpubot.kucoin.KucoinRestClient;
import io.gpubot.kucoin.Order;
import io.gpubot.kucoin.OrderAck;
import io.gpubot.kucoin.OrderRequest;
import io.gpubot.kucoin.TpSlOrderRequest;
import java.math.BigDecimal;
import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The done-when: a market entry, a stop-loss and a take-profit placed through the REST API
 * with our KuCoin client, the clock stepped through real candles, and the exit, fees, PnL and
 * balance compared with {@link Trader} on the same bars — to the last bit of the doubles.
 */
class SandboxMatchesBacktestTest {

    private static final CandleSeries BARS = TestMarket.BTC_4H;
    private static final String SYMBOL = "XBTUSDTM";
    private static final int LEVERAGE = 5;
    private static final double TAKE_PROFIT = 0.03;
    private static final double STOP_LOSS = 0.02;
    private static final double START = 10_000;

    static List<Arguments> scenarios() {
        return List.of(
                Arguments.of(Side.LONG, ExitReason.TAKE_PROFIT, false),
                Arguments.of(Side.LONG, ExitReason.STOP_LOSS, false),
                Arguments.of(Side.SHORT, ExitReason.TAKE_PROFIT, false),
                Arguments.of(Side.SHORT, ExitReason.STOP_LOSS, false),
                // KuCoin's attached take-profit is a stop-market order (taker with slippage), not the rules' resting
                // limit: only the attached stop-loss can equal the backtest (ExchangeRulesTest pins the attached TP).
                Arguments.of(Side.LONG, ExitReason.STOP_LOSS, true),
                Arguments.of(Side.SHORT, ExitReason.STOP_LOSS, true));
    }

    @ParameterizedTest(name = "{0} exiting by {1}, TP/SL attached to the entry: {2}")
    @MethodSource("scenarios")
    void aTradeThroughTheRestApiEqualsTheBacktestOfTheSameBars(Side side, ExitReason wanted, boolean attached) {
        int signalBar = firstSignalBarExitingBy(side, wanted);
        Trader trader = backtest(side, signalBar);
        Trade expected = trader.trades().get(0);
        assertThat(expected.reason()).isEqualTo(wanted);

        try (Sandbox sandbox = Sandbox.builder(BARS, TestMarket.XBT).from(BARS.time(signalBar + 1)).startBalance(START).start();
             KucoinRestClient client = TestMarket.client(sandbox)) {
            OrderRequest.Side entrySide = side == Side.LONG ? OrderRequest.Side.BUY : OrderRequest.Side.SELL;
            OrderRequest.Side exitSide = side == Side.LONG ? OrderRequest.Side.SELL : OrderRequest.Side.BUY;
            OrderRequest entry = OrderRequest.market(SYMBOL, entrySide, expected.contracts(), LEVERAGE);
            double fill;
            if (attached) {
                // The levels are known before the order: the market fill is the current price moved by the slippage.
                fill = Pricing.entryFill(side, client.ticker(SYMBOL).price(), RunSettings.DEFAULT_SLIPPAGE, TestMarket.XBT.tickSize());
                double tp = takeProfit(side, fill);
                double sl = stopLoss(side, fill);
                BigDecimal up = BigDecimal.valueOf(side == Side.LONG ? tp : sl);
                BigDecimal down = BigDecimal.valueOf(side == Side.LONG ? sl : tp);
                OrderAck ack = client.placeTpSlOrder(new TpSlOrderRequest(entry, up, down, OrderRequest.StopPriceType.TP, null));
                assertThat(client.order(ack.orderId()).avgDealPrice()).isEqualTo(fill);
                assertThat(client.stopOrders(SYMBOL).items()).hasSize(2);
            } else {
                OrderAck ack = client.placeOrder(entry);
                fill = client.order(ack.orderId()).avgDealPrice();
                OrderRequest stop = new OrderRequest(OrderRequest.newClientOid(), SYMBOL, exitSide, "market", expected.contracts(),
                        LEVERAGE, null, null, true, false,
                        side == Side.LONG ? OrderRequest.StopDirection.DOWN : OrderRequest.StopDirection.UP,
                        BigDecimal.valueOf(stopLoss(side, fill)), OrderRequest.StopPriceType.MP, null, false);
                OrderRequest target = new OrderRequest(OrderRequest.newClientOid(), SYMBOL, exitSide, "limit", expected.contracts(),
                        LEVERAGE, BigDecimal.valueOf(takeProfit(side, fill)), "GTC", true, false, null, null, null, null, false);
                client.placeOrder(stop);
                client.placeOrder(target);
                assertThat(client.stopOrders(SYMBOL).items()).hasSize(1);
                assertThat(client.openOrders(SYMBOL).items()).hasSize(1);
            }
            assertThat(fill).isEqualTo(expected.entryPrice());
            assertThat(client.position(SYMBOL).currentQty()).isEqualTo(side.sign() * expected.contracts());
            assertThat(client.position(SYMBOL).liquidationPrice())
                    .isEqualTo(Pricing.liquidationPrice(side, fill, LEVERAGE, TestMarket.XBT.maintenanceMarginRate()));

            int steps = 0;
            while (client.position(SYMBOL).isOpen()) {
                sandbox.step(1);
                assertThat(++steps).as("bars until the exit").isLessThan(BARS.size());
            }

            List<Fill> fills = client.fills(SYMBOL, null).items().stream().sorted(Comparator.comparingLong(Fill::tradeTime)).toList();
            assertThat(fills).hasSize(2);
            Fill in = fills.get(0);
            Fill out = fills.get(1);
            assertThat(in.fee()).isEqualTo(expected.entryFee());
            assertThat(in.liquidity()).isEqualTo("taker");
            assertThat(out.price()).isEqualTo(expected.exitPrice());
            assertThat(out.fee()).isEqualTo(expected.exitFee());
            assertThat(out.liquidity()).isEqualTo(wanted == ExitReason.TAKE_PROFIT ? "maker" : "taker");
            assertThat(BARS.timeframe().floor(out.createdAt())).isEqualTo(expected.exitTime());

            AccountOverview account = client.accountOverview("USDT");
            assertThat(account.marginBalance()).isEqualTo(trader.balance());
            assertThat(account.marginBalance() - START).isCloseTo(expected.netPnl(), org.assertj.core.data.Offset.offset(1e-9));
            assertThat(account.positionMargin()).isZero();
            assertThat(client.stopOrders(SYMBOL).items()).as("the other exit order is cancelled with the position").isEmpty();
            assertThat(client.openOrders(SYMBOL).items()).isEmpty();
        }
    }

    private static double takeProfit(Side side, double fill) {
        return Pricing.takeProfit(side, fill, fill * TAKE_PROFIT, TestMarket.XBT.tickSize());
    }

    private static double stopLoss(Side side, double fill) {
        return Pricing.stopLoss(side, fill, fill * STOP_LOSS, TestMarket.XBT.tickSize());
    }

    private static Trader backtest(Side side, int signalBar) {
        Trader trader = new Trader(new TradingPlan(TestMarket.XBT, LEVERAGE, ExitLevels.fractions(TAKE_PROFIT, STOP_LOSS), Sizing.DEFAULT),
                RunSettings.withBalance(START));
        for (int i = 0; i < BARS.size() && trader.trades().isEmpty(); i++) {
            trader.onBar(BARS.time(i), BARS.open(i), BARS.high(i), BARS.low(i), BARS.close(i), i == signalBar ? side.sign() : 0, Double.NaN);
        }
        return trader;
    }

    /** The first signal bar from 100 on whose trade exits by {@code reason} after holding through a funding time. */
    private static int firstSignalBarExitingBy(Side side, ExitReason reason) {
        for (int s = 100; s < BARS.size() - 2; s++) {
            Trader trader = backtest(side, s);
            if (trader.trades().isEmpty()) continue;
            Trade trade = trader.trades().get(0);
            if (trade.reason() == reason && trade.funding() != 0) return s;
        }
        throw new AssertionError("no " + side + " trade exits by " + reason + " in the test data");
    }
}
