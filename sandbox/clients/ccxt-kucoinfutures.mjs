// ccxt's kucoinfutures (the version pinned in package.json) with its DEFAULT options against a running
// `gpubot sandbox`: loadMarkets, candles, ticker, balance, positions, a limit order placed and cancelled,
// a market order and the position closed. Only the URLs are changed, to point every API at the sandbox.
//
//   (cd sandbox/clients && npm ci)
//   gpubot sandbox --data bundled:btc-usd-4h --from 2024-01-01 --speed 0 --api-key K --api-secret S --api-passphrase P
//   node sandbox/clients/ccxt-kucoinfutures.mjs http://127.0.0.1:PORT K S P
//
// Exits 0 when every step behaved, 1 with the failing step otherwise (SandboxClientsTest runs it).
import ccxt from 'ccxt';

const [baseUrl, apiKey, secret, password] = process.argv.slice(2);
if (!password) {
  console.error('usage: node ccxt-kucoinfutures.mjs BASE_URL API_KEY API_SECRET API_PASSPHRASE');
  process.exit(2);
}

const exchange = new ccxt.kucoinfutures({ apiKey, secret, password });
for (const name of Object.keys(exchange.urls.api)) {
  exchange.urls.api[name] = baseUrl; // futuresPublic, futuresPrivate, public, private, utaPrivate, ...
}
exchange.verbose = process.env.CCXT_VERBOSE === '1';

function check(condition, what) {
  if (!condition) throw new Error('failed: ' + what);
  console.log('ok   ' + what);
}

try {
  const markets = await exchange.loadMarkets();
  const symbol = Object.keys(markets).find((s) => markets[s].id === 'XBTUSDTM');
  check(symbol !== undefined, 'loadMarkets lists XBTUSDTM as ' + symbol);

  const ticker = await exchange.fetchTicker(symbol);
  check(ticker.last > 0, `fetchTicker last=${ticker.last} at replay time ${ticker.datetime}`);

  // No since, no limit: ccxt asks up to its local clock; the sandbox answers the newest candles of its replay.
  const candles = await exchange.fetchOHLCV(symbol, '4h');
  const last = candles[candles.length - 1];
  check(candles.length > 50 && last[4] === ticker.last, `fetchOHLCV returns ${candles.length} bars ending at the ticker's price`);
  const daily = await exchange.fetchOHLCV(symbol, '1d');
  check(daily.length > 5 && daily[daily.length - 1][0] <= last[0], `fetchOHLCV 1d returns ${daily.length} resampled bars`);

  const balance = await exchange.fetchBalance();
  check(balance.total.USDT > 0, `fetchBalance USDT total=${balance.total.USDT}`);

  const limit = await exchange.createOrder(symbol, 'limit', 'buy', 1, Math.round(ticker.last * 0.97), { leverage: 5 });
  check(typeof limit.id === 'string', 'createOrder limit id=' + limit.id);
  const open = await exchange.fetchOpenOrders(symbol);
  check(open.some((o) => o.id === limit.id), 'fetchOpenOrders shows it');
  await exchange.cancelOrder(limit.id, symbol);
  const after = await exchange.fetchOpenOrders(symbol);
  check(!after.some((o) => o.id === limit.id), 'cancelOrder removed it');

  const market = await exchange.createOrder(symbol, 'market', 'buy', 3, undefined, { leverage: 5 });
  check(typeof market.id === 'string', 'createOrder market id=' + market.id);
  const positions = await exchange.fetchPositions([symbol]);
  check(positions.length === 1 && positions[0].contracts === 3, `fetchPositions shows ${positions[0]?.contracts} contracts`);

  await exchange.closePosition(symbol);
  const closed = await exchange.fetchPositions([symbol]);
  check(closed.length === 0, 'closePosition closed the position');
  console.log('all ccxt steps passed');
} catch (e) {
  console.error(e.message || e);
  process.exit(1);
}
