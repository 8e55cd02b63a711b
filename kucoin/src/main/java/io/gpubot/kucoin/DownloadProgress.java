package io.gpubot.kucoin;

import java.time.Duration;

/**
 * How far a download is, for a progress bar.
 *
 * @param donePages     pages fetched and saved (or failed) so far
 * @param totalPages    pages planned
 * @param rows          rows saved so far
 * @param pagesPerSecond rate since the start
 * @param eta           estimated time to finish at that rate ({@link Duration#ZERO} when done, null before the rate is known)
 */
public record DownloadProgress(long donePages, long totalPages, long rows, double pagesPerSecond, Duration elapsed, Duration eta) {

    /** 0..1 */
    public double fraction() {
        return totalPages == 0 ? 1.0 : (double) donePages / totalPages;
    }

    /** Receives progress after every page, from worker threads (one call at a time). */
    @FunctionalInterface
    public interface Listener {
        Listener NONE = progress -> { };

        void progress(DownloadProgress progress);
    }
}
