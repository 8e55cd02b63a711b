package io.gpubot.kucoin.ws;

import io.gpubot.core.market.Candle;
import io.gpubot.core.market.Timeframe;

/** The latest state of a bar, pushed on {@code limitCandle}; {@code eventTime} is the push time in ms. */
public record CandleUpdate(String symbol, Timeframe timeframe, Candle candle, long eventTime) {
}
