package io.gpubot.data;

/**
 * What an upsert changed: bars that were new, bars whose values were replaced, and bars that were
 * already stored exactly as given.
 */
public record UpsertResult(long inserted, long updated, long unchanged) {

    public long total() {
        return inserted + updated + unchanged;
    }
}
