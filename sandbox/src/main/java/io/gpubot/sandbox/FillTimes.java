package io.gpubot.sandbox;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * The wall-clock moment each fill happened, so {@code /api/v1/fills} can lag behind as KuCoin documents
 * (it is not real-time; {@code recentFills} is). Fills restored from a state file count as long past.
 * Thread safety: concurrent map.
 */
final class FillTimes implements Exchange.Events {

    private final Map<String, Long> wallTimeByTradeId = new ConcurrentHashMap<>();
    private final LongSupplier wallClock;

    FillTimes(LongSupplier wallClock) {
        this.wallClock = wallClock;
    }

    @Override
    public void onFill(SandboxFill fill) {
        wallTimeByTradeId.put(fill.tradeId(), wallClock.getAsLong());
    }

    boolean visibleAt(String tradeId, long wallNow, long delayMillis) {
        if (delayMillis <= 0) return true;
        Long at = wallTimeByTradeId.get(tradeId);
        return at == null || wallNow - at >= delayMillis;
    }
}
