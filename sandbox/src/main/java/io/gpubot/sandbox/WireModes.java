package io.gpubot.sandbox;

/**
 * How the REST side answers where KuCoin's behaviour has options or limits the sandbox can rehearse.
 *
 * @param unifiedAccount      {@code /api/ua/v1/account/mode} answers UNIFIED instead of CLASSIC
 * @param klineLimit          most rows one kline call returns (the spec: 500; ccxt pages futures klines by 200)
 * @param fundingHistoryLimit most settlements one funding-history call returns
 * @param strictSpec          refuse (400100) and record every request KuCoin's OpenAPI spec would not accept
 * @param fillsDelayMillis    how long after a fill it appears in {@code /api/v1/fills} ({@code recentFills} at once)
 */
record WireModes(boolean unifiedAccount, int klineLimit, int fundingHistoryLimit, boolean strictSpec, long fillsDelayMillis) {

    static final WireModes DEFAULT = new WireModes(false, 500, 100, false, 0);

    WireModes {
        if (klineLimit < 1) throw new IllegalArgumentException("the kline limit must be at least 1, got " + klineLimit);
        if (fundingHistoryLimit < 1) throw new IllegalArgumentException("the funding history limit must be at least 1, got " + fundingHistoryLimit);
        if (fillsDelayMillis < 0) throw new IllegalArgumentException("the fill delay must not be negative");
    }
}
