// ccxt's kucoinfutures client against a running `gpubot sandbox`: candles, ticker, balance, positions,
// a limit order placed and cancelled, a market order and the position closed.
//
//   npm install --prefix /tmp/ccxt-run ccxt
//   gpubot sandbox --data bundled:btc-usd-4h --from 2024-01-01 --speed 0 \
//       --api-key K --api-secret S --api-passphrase P
//   CCXT_PREFIX=/tmp/ccxt-run node sandbox/ccxt/smoke.mjs http://127.0.0.1:PORT K S P
//
// Exits 0 when every step behaved, 1 with the failing step otherwise.
import { createRequire } from 'node:module';

// ccxt is resolved from CCXT_PREFIX (where `npm install --prefix` put it), else from beside this script.
const require = createRequire(process.env.CCXT_PREFIX ? process.env.CCXT_PREFIX.replace(/\/?$/, '/') + 'package.json' : import.meta.url);
const ccxt = require('ccxt');

const [baseUrl, apiKey, secret, password] = process.argv.slice(2);
if (!password) {
  console.error('usage: node smoke.mjs BASE_URL API_KEY API_SECRET API_PASSPHRASE');
  process.exit(2);
}

const exchange = new ccxt.kucoinfutures({ apiKey, secret, password, enableRateLimit: false });
for (const name of Object.keys(exchange.urls.api)) {
  // Every API family ccxt knows (futuresPublic, futuresPrivate, ...) goes to the sandbox.
  exchange.urls.api[name] = baseUrl;
}
// The sandbox is a classic futures account: no unified-trading-account endpoints, no spot currency list.
exchange.options.uta = false;
exchange.verbose = process.env.CCXT_VERBOSE === '1';
// and no spot margin lists or HF-account check (which ccxt asks the spot API for).
exchange.has.fetchCurrencies = false;
exchange.options.hf = false;

function check(condition, what) {
  if (!condition) throw new Error('failed: ' + what);
  console.log('ok   ' + what);
}

try {
  const markets = await exchange.loadMarkets(false, { marginables: false });
  const symbol = Object.keys(markets).find((s) => markets[s].id === 'XBTUSDTM');
  check(symbol !== undefined, 'loadMarkets lists XBTUSDTM as ' + symbol);

  const ticker = await exchange.fetchTicker(symbol);
  check(ticker.last > 0, `fetchTicker last=${ticker.last} at replay time ${ticker.datetime}`);

  // The sandbox's market data lives on the replay clock, so `since` comes from the ticker, not the local clock.
  const fourHours = 4 * 3600 * 1000;
  const candles = await exchange.fetchOHLCV(symbol, '4h', ticker.timestamp - 50 * fourHours, 51);
  check(candles.length === 51 && candles[50][4] === ticker.last, `fetchOHLCV returns ${candles.length} bars ending at the ticker's price`);

  const balance = await exchange.fetchBalance();
  check(balance.total.USDT > 0, `fetchBalance USDT total=${balance.total.USDT}`);

  const limit = await exchange.createOrder(symbol, 'limit', 'buy', 1, Math.round(ticker.last * 0.5), { leverage: 5 });
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

  await exchange.createOrder(symbol, 'market', 'sell', 3, undefined, { closeOrder: true });
  const closed = await exchange.fetchPositions([symbol]);
  check(closed.length === 0, 'closeOrder closed the position');
  console.log('all ccxt steps passed');
} catch (e) {
  console.error(e.message || e);
  process.exit(1);
}
