package io.gpubot.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import io.gpubot.core.market.Candle;
import io.gpubot.core.market.CandleSeries;
import io.gpubot.core.market.Timeframe;
import io.gpubot.kucoin.KucoinRestClient;
import io.gpubot.kucoin.OrderAck;
import io.gpubot.kucoin.OrderRequest;
import io.gpubot.kucoin.Position;
import io.gpubot.kucoin.ws.ClosedCandleStream;
import io.gpubot.kucoin.ws.KucoinWebSocketFeed;
import io.gpubot.kucoin.ws.OrderChange;
import io.gpubot.kucoin.ws.TickerUpdate;
import io.gpubot.kucoin.ws.TradeExecution;
import io.gpubot.kucoin.ws.WalletChange;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Our WebSocket feed against the sandbox: pushes follow the stepped clock and the account. */
class WebSocketTest {

    private static final CandleSeries BARS = TestMarket.BTC_4H;
    private static final String SYMBOL = "XBTUSDTM";
    private static final int FROM_BAR = 200;

    @Test
    void closedCandlesAndTickersArriveAsTheClockSteps() throws Exception {
        try (Sandbox sandbox = Sandbox.builder(BARS, TestMarket.XBT).from(BARS.time(FROM_BAR)).start();
             KucoinRestClient client = TestMarket.client(sandbox);
             KucoinWebSocketFeed feed = KucoinWebSocketFeed.builder(client::publicWsToken).build()) {
            BlockingQueue<Candle> closed = new LinkedBlockingQueue<>();
            BlockingQueue<TickerUpdate> tickers = new LinkedBlockingQueue<>();
            feed.start();
            ClosedCandleStream.follow(feed, SYMBOL, Timeframe.H4, 0, new ClosedCandleStream.Listener() {
                @Override
                public void closed(Candle bar) {
                    closed.add(bar);
                }

                @Override
                public void gap(long fromOpenTime, long toOpenTime) {
                    throw new AssertionError("no gap expected: " + fromOpenTime + ".." + toOpenTime);
                }
            });
            feed.subscribeTicker(SYMBOL, tickers::add).get(10, TimeUnit.SECONDS);
            feed.subscribeCandles(SYMBOL, Timeframe.H4, update -> { }).get(10, TimeUnit.SECONDS);

            sandbox.step(3);
            for (int i = 0; i < 3; i++) {
                Candle bar = closed.poll(10, TimeUnit.SECONDS);
                assertThat(bar).as("closed bar %d", i).isNotNull();
                assertThat(bar.openTime()).isEqualTo(BARS.time(FROM_BAR + i));
                assertThat(bar.open()).isEqualTo(BARS.open(FROM_BAR + i));
                assertThat(bar.high()).isEqualTo(BARS.high(FROM_BAR + i));
                assertThat(bar.low()).isEqualTo(BARS.low(FROM_BAR + i));
                assertThat(bar.close()).isEqualTo(BARS.close(FROM_BAR + i));
            }
            // Four quarters per bar: open, low, high, close (flat account).
            TickerUpdate first = tickers.poll(10, TimeUnit.SECONDS);
            assertThat(first).isNotNull();
            assertThat(first.bestBidPrice()).isEqualTo(BARS.low(FROM_BAR));
        }
    }

    @Test
    void privateTopicsReportOrdersPositionsWalletAndExecutions() throws Exception {
        try (Sandbox sandbox = Sandbox.builder(BARS, TestMarket.XBT).from(BARS.time(FROM_BAR)).start();
             KucoinRestClient client = TestMarket.client(sandbox);
             KucoinWebSocketFeed privateFeed = KucoinWebSocketFeed.builder(client::privateWsToken).build();
             KucoinWebSocketFeed publicFeed = KucoinWebSocketFeed.builder(client::publicWsToken).build()) {
            BlockingQueue<OrderChange> orders = new LinkedBlockingQueue<>();
            BlockingQueue<Position> positions = new LinkedBlockingQueue<>();
            BlockingQueue<WalletChange> wallets = new LinkedBlockingQueue<>();
            BlockingQueue<TradeExecution> trades = new LinkedBlockingQueue<>();
            privateFeed.start();
            publicFeed.start();
            privateFeed.subscribeOrders(SYMBOL, orders::add).get(10, TimeUnit.SECONDS);
            privateFeed.subscribePosition(SYMBOL, positions::add).get(10, TimeUnit.SECONDS);
            privateFeed.subscribeWallet(wallets::add).get(10, TimeUnit.SECONDS);
            publicFeed.subscribeTrades(SYMBOL, trades::add).get(10, TimeUnit.SECONDS);

            OrderAck ack = client.placeOrder(OrderRequest.market(SYMBOL, OrderRequest.Side.BUY, 7, 3));

            OrderChange open = orders.poll(10, TimeUnit.SECONDS);
            OrderChange filled = orders.poll(10, TimeUnit.SECONDS);
            assertThat(open).isNotNull();
            assertThat(filled).isNotNull();
            assertThat(open.orderId()).isEqualTo(ack.orderId());
            assertThat(filled.type()).isEqualTo("filled");
            assertThat(filled.filledSize()).isEqualTo(7);
            Position position = positions.poll(10, TimeUnit.SECONDS);
            assertThat(position).isNotNull();
            assertThat(position.currentQty()).isEqualTo(7);
            WalletChange wallet = wallets.poll(10, TimeUnit.SECONDS);
            assertThat(wallet).isNotNull();
            assertThat(wallet.walletBalance()).isEqualTo(sandbox.exchange().account().walletBalance());
            TradeExecution trade = trades.poll(10, TimeUnit.SECONDS);
            assertThat(trade).isNotNull();
            assertThat(trade.size()).isEqualTo(7);
        }
    }
}
