package io.gpubot.kucoin;

import com.fasterxml.jackson.annotation.JsonAlias;

/** One settled funding rate from {@code /api/v1/contract/funding-rates}; {@code timepoint} in epoch ms. */
public record FundingRatePoint(String symbol, double fundingRate, @JsonAlias("timePoint") long timepoint) {
}
