package io.gpubot.kucoin;

/**
 * A position from {@code /api/v1/position(s)} or the private position topic. {@code currentQty} is
 * in lots, positive for long, negative for short.
 */
public record Position(String id, String symbol, String marginMode, boolean crossMode, boolean isOpen, boolean autoDeposit,
                       long currentQty, double avgEntryPrice, double markPrice, double markValue, double posCost,
                       double posInit, double posMargin, double posComm, double posMaint, double maintMargin,
                       double realisedPnl, double unrealisedPnl, double liquidationPrice, double bankruptPrice,
                       double leverage, double realLeverage, double maintMarginReq, String settleCurrency,
                       long openingTimestamp, long currentTimestamp, String positionSide, String changeReason) {
}
