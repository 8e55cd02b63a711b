package io.gpubot.sandbox;

import java.util.Random;

/**
 * Draws the faults of {@link Faults} request by request from one seeded sequence. Thread safety:
 * synchronized; with concurrent requests the draws follow arrival order.
 */
final class FaultInjector {

    enum RestFault { NONE, ERROR_BEFORE, ERROR_AFTER, RATE_LIMITED }

    private Faults faults = Faults.NONE;
    private Random random = new Random(Faults.NONE.seed());
    private long requests;

    synchronized void set(Faults faults) {
        this.faults = faults;
        this.random = new Random(faults.seed());
        this.requests = 0;
    }

    synchronized Faults faults() {
        return faults;
    }

    synchronized RestFault nextRequest() {
        long position = requests++;
        if (faults.rateLimitEvery() > 0 && position % faults.rateLimitEvery() >= faults.rateLimitEvery() - faults.rateLimitBurst()) {
            return RestFault.RATE_LIMITED;
        }
        if (faults.serverErrorShare() > 0 && random.nextDouble() < faults.serverErrorShare()) {
            return random.nextBoolean() ? RestFault.ERROR_AFTER : RestFault.ERROR_BEFORE;
        }
        return RestFault.NONE;
    }

    /** Whether this order placement, which takes effect, loses its answer. */
    synchronized boolean loseOrderAnswer() {
        return faults.lostOrderShare() > 0 && random.nextDouble() < faults.lostOrderShare();
    }

    /** Whether this market order finds the book thin: it fills half its size and the rest is cancelled. */
    synchronized boolean fillInPart() {
        return faults.partialFillShare() > 0 && random.nextDouble() < faults.partialFillShare();
    }

    synchronized boolean dropPush() {
        return faults.dropPushShare() > 0 && random.nextDouble() < faults.dropPushShare();
    }
}
