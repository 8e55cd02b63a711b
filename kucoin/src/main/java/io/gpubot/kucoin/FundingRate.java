package io.gpubot.kucoin;

/**
 * {@code /api/v1/funding-rate/{symbol}/current}: {@code value} is the rate of the current period,
 * {@code timePoint} its settlement time, {@code granularity} the period in milliseconds.
 */
public record FundingRate(String symbol, long granularity, long timePoint, double value, Double predictedValue,
                          Double fundingRateCap, Double fundingRateFloor, Long fundingTime) {
}
