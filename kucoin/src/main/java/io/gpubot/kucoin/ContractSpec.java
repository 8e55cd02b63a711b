package io.gpubot.kucoin;

import io.gpubot.core.market.Contract;
import java.time.Duration;

/**
 * One contract as {@code /api/v1/contracts/active} or {@code /api/v1/contracts/{symbol}} describes it (the fields gpubot uses);
 * {@code firstOpenDate} is the listing time in epoch ms.
 */
public record ContractSpec(
        String symbol,
        String baseCurrency,
        String quoteCurrency,
        String settleCurrency,
        String status,
        double multiplier,
        double lotSize,
        double tickSize,
        double maxLeverage,
        double makerFeeRate,
        double takerFeeRate,
        double maintainMargin,
        long fundingRateGranularity,
        double markPrice,
        double lastTradePrice,
        double fundingFeeRate,
        Long firstOpenDate) {

    /** The core domain view of this contract. */
    public Contract toContract() {
        return new Contract(symbol, baseCurrency, quoteCurrency, multiplier, (int) Math.round(lotSize), tickSize,
                (int) Math.round(maxLeverage), makerFeeRate, takerFeeRate, maintainMargin,
                Duration.ofMillis(fundingRateGranularity > 0 ? fundingRateGranularity : Duration.ofHours(8).toMillis()));
    }
}
