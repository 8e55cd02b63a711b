// KuCoin's official Node SDK (kucoin-universal-sdk, the version pinned in package.json) against a running
// `gpubot sandbox`: klines created with only symbol and granularity (the SDK then sends from=undefined and
// to=undefined), ticker, futures account, positions, a limit order placed and cancelled, a market order
// and the position closed.
//
//   (cd sandbox/clients && npm ci)
//   node sandbox/clients/kucoin-universal-sdk.mjs http://127.0.0.1:PORT KEY SECRET PASSPHRASE
//
// Exits 0 when every step behaved, 1 with the failing step otherwise (SandboxClientsTest runs it).
import { Account, ClientOptionBuilder, DefaultClient, Futures, TransportOptionBuilder } from 'kucoin-universal-sdk';

const [baseUrl, key, secret, passphrase] = process.argv.slice(2);
if (!passphrase) {
  console.error('usage: node kucoin-universal-sdk.mjs BASE_URL API_KEY API_SECRET API_PASSPHRASE');
  process.exit(2);
}

const option = new ClientOptionBuilder()
  .setKey(key).setSecret(secret).setPassphrase(passphrase)
  .setSpotEndpoint(baseUrl).setFuturesEndpoint(baseUrl).setBrokerEndpoint(baseUrl)
  .setTransportOption(new TransportOptionBuilder().build())
  .build();
const rest = new DefaultClient(option).restService();
const market = rest.getFuturesService().getMarketApi();
const orders = rest.getFuturesService().getOrderApi();
const positions = rest.getFuturesService().getPositionsApi();
const account = rest.getAccountService().getAccountApi();

function check(condition, what) {
  if (!condition) throw new Error('failed: ' + what);
  console.log('ok   ' + what);
}

try {
  const symbol = 'XBTUSDTM';
  const ticker = await market.getTicker(Futures.Market.GetTickerReq.create({ symbol }));
  const last = Number(ticker.price);
  check(last > 0, `getTicker price=${ticker.price}`);

  const klines = await market.getKlines(Futures.Market.GetKlinesReq.create({ symbol, granularity: 240 }));
  const newest = klines.data[klines.data.length - 1];
  check(klines.data.length > 50 && Number(newest[4]) === last, `getKlines (symbol and granularity only) returns ${klines.data.length} rows, the newest at the ticker's price`);

  const overview = await account.getFuturesAccount(Account.Account.GetFuturesAccountReq.create({ currency: 'USDT' }));
  check(Number(overview.availableBalance) > 0, `getFuturesAccount available=${overview.availableBalance}`);

  const limit = await orders.addOrder(Futures.Order.AddOrderReq.create({
    clientOid: 'sdk-limit-' + Date.now(), symbol, side: 'buy', type: 'limit', leverage: 5, size: 1,
    price: String(Math.round(last * 0.97)), marginMode: 'ISOLATED',
  }));
  check(typeof limit.orderId === 'string', 'addOrder limit orderId=' + limit.orderId);
  const open = await orders.getOrderList(Futures.Order.GetOrderListReq.create({ status: 'active', symbol }));
  check(open.items.some((o) => o.id === limit.orderId), 'getOrderList(active) shows it');
  await orders.cancelOrderById(Futures.Order.CancelOrderByIdReq.create({ orderId: limit.orderId }));
  const after = await orders.getOrderList(Futures.Order.GetOrderListReq.create({ status: 'active', symbol }));
  check(!after.items.some((o) => o.id === limit.orderId), 'cancelOrderById removed it');

  const bought = await orders.addOrder(Futures.Order.AddOrderReq.create({
    clientOid: 'sdk-market-' + Date.now(), symbol, side: 'buy', type: 'market', leverage: 5, size: 3, marginMode: 'ISOLATED',
  }));
  check(typeof bought.orderId === 'string', 'addOrder market orderId=' + bought.orderId);
  const position = await positions.getPositionDetails(Futures.Positions.GetPositionDetailsReq.create({ symbol }));
  check(position.currentQty === 3, `getPositionDetails currentQty=${position.currentQty}`);

  await orders.addOrder(Futures.Order.AddOrderReq.create({
    clientOid: 'sdk-close-' + Date.now(), symbol, side: 'sell', type: 'market', leverage: 5, closeOrder: true,
  }));
  const list = await positions.getPositionList(Futures.Positions.GetPositionListReq.create({ currency: 'USDT' }));
  check(list.data.length === 0, 'closeOrder closed the position');
  console.log('all kucoin-universal-sdk steps passed');
} catch (e) {
  console.error(e.message || e);
  process.exit(1);
}
