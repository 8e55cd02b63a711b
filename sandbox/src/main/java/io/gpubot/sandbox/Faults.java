package io.gpubot.sandbox;

import io.gpubot.core.UserException;
import java.time.Duration;
import java.util.Locale;

/**
 * Faults the sandbox injects for reliability tests, all drawn from one seeded random sequence so a
 * run can be repeated exactly (given the same order of requests).
 *
 * @param latency            added to every REST answer
 * @param serverErrorShare   share of REST requests answered 500 or 503; half of those after the request
 *                           took effect (a lost answer), half before
 * @param rateLimitEvery     every this many REST requests a burst of 429s starts (0: never)
 * @param rateLimitBurst     requests answered 429 in each burst
 * @param rateLimitReset     the {@code gw-ratelimit-reset} such a burst announces
 * @param wsDisconnectEvery  WebSocket connections are cut this often (zero: never)
 * @param dropPushShare      share of WebSocket pushes silently dropped
 * @param clockJump          how far the replay clock jumps once (zero: never)
 * @param clockJumpAfter     real time after the start (or after the faults are set) when it jumps
 * @param seed               the random sequence's seed
 * @param lostOrderShare     share of order placements (POST /api/v1/orders, /api/v1/st-orders) that are placed
 *                           but whose answer is lost (500), as when a gateway fails on the way back
 * @param partialFillShare   share of market orders the book fills only in part: half their size (at least one lot),
 *                           the rest cancelled. KuCoin cancels a futures market order it finds no contra orders for in
 *                           a sharp move ("Common Reasons for Futures Order Cancellations", type 4, kucoin.com/support/4415374025497)
 *                           and executes a market order beyond its price protection in part, cancelling the rest
 *                           (kucoin.com/support/900000263106)
 */
public record Faults(Duration latency, double serverErrorShare, int rateLimitEvery, int rateLimitBurst, Duration rateLimitReset,
                     Duration wsDisconnectEvery, double dropPushShare, Duration clockJump, Duration clockJumpAfter, long seed,
                     double lostOrderShare, double partialFillShare) {

    public static final Faults NONE = new Faults(Duration.ZERO, 0, 0, 0, Duration.ofMillis(100), Duration.ZERO, 0,
            Duration.ZERO, Duration.ZERO, 1);

    /** Faults without lost order answers. */
    public Faults(Duration latency, double serverErrorShare, int rateLimitEvery, int rateLimitBurst, Duration rateLimitReset,
                  Duration wsDisconnectEvery, double dropPushShare, Duration clockJump, Duration clockJumpAfter, long seed) {
        this(latency, serverErrorShare, rateLimitEvery, rateLimitBurst, rateLimitReset, wsDisconnectEvery, dropPushShare,
                clockJump, clockJumpAfter, seed, 0);
    }

    /** Faults without market orders filled in part. */
    public Faults(Duration latency, double serverErrorShare, int rateLimitEvery, int rateLimitBurst, Duration rateLimitReset,
                  Duration wsDisconnectEvery, double dropPushShare, Duration clockJump, Duration clockJumpAfter, long seed, double lostOrderShare) {
        this(latency, serverErrorShare, rateLimitEvery, rateLimitBurst, rateLimitReset, wsDisconnectEvery, dropPushShare,
                clockJump, clockJumpAfter, seed, lostOrderShare, 0);
    }

    public Faults {
        if (latency.isNegative()) throw new IllegalArgumentException("latency must not be negative");
        if (!(serverErrorShare >= 0 && serverErrorShare <= 1)) throw new IllegalArgumentException("the 5xx share must be in [0, 1]");
        if (!(dropPushShare >= 0 && dropPushShare <= 1)) throw new IllegalArgumentException("the dropped-push share must be in [0, 1]");
        if (!(lostOrderShare >= 0 && lostOrderShare <= 1)) throw new IllegalArgumentException("the lost-order share must be in [0, 1]");
        if (!(partialFillShare >= 0 && partialFillShare <= 1)) throw new IllegalArgumentException("the partial-fill share must be in [0, 1]");
        if (rateLimitEvery < 0 || rateLimitBurst < 0) throw new IllegalArgumentException("429 bursts need counts of 0 or more");
        if (rateLimitEvery > 0 && rateLimitBurst >= rateLimitEvery) {
            throw new IllegalArgumentException("a 429 burst must be shorter than its period, or nothing gets through");
        }
        if (clockJump.isNegative() || clockJumpAfter.isNegative()) throw new IllegalArgumentException("the clock only jumps forward");
        if (wsDisconnectEvery.isNegative()) throw new IllegalArgumentException("the disconnect period must not be negative");
    }

    /**
     * Parses {@code --faults}: comma-separated {@code latency=200ms}, {@code errors=0.1},
     * {@code 429=5/100} (a burst of 5 every 100 requests), {@code 429-reset=1s}, {@code ws-disconnect=30s},
     * {@code drop=0.05}, {@code jump=4h@30s} (the replay clock jumps 4 h
     * forward 30 s after the start), {@code lost-order=0.5} (half the order placements take effect but
     * their answer is lost), {@code partial-fill=0.3} (three market orders in ten fill half their size, the rest
     * cancelled), {@code seed=42}. Durations take ms, s or m.
     */
    public static Faults parse(String spec) {
        Faults f = NONE;
        if (spec == null || spec.isBlank()) return f;
        Duration latency = f.latency;
        double errors = f.serverErrorShare;
        int every = f.rateLimitEvery;
        int burst = f.rateLimitBurst;
        Duration reset = f.rateLimitReset;
        Duration disconnect = f.wsDisconnectEvery;
        double drop = f.dropPushShare;
        Duration jump = f.clockJump;
        Duration jumpAfter = f.clockJumpAfter;
        long seed = f.seed;
        double lostOrders = f.lostOrderShare;
        double partialFills = f.partialFillShare;
        for (String part : spec.split(",")) {
            String item = part.trim();
            int eq = item.indexOf('=');
            if (eq < 0) throw new UserException("--faults: '" + item + "' is not name=value");
            String name = item.substring(0, eq).trim().toLowerCase(Locale.ROOT);
            String value = item.substring(eq + 1).trim();
            try {
                switch (name) {
                    case "latency" -> latency = duration(value);
                    case "errors" -> errors = Double.parseDouble(value);
                    case "429" -> {
                        int slash = value.indexOf('/');
                        if (slash < 0) throw new UserException("--faults: 429 takes BURST/EVERY, e.g. 429=5/100");
                        burst = Integer.parseInt(value.substring(0, slash));
                        every = Integer.parseInt(value.substring(slash + 1));
                    }
                    case "429-reset" -> reset = duration(value);
                    case "ws-disconnect" -> disconnect = duration(value);
                    case "drop" -> drop = Double.parseDouble(value);
                    case "seed" -> seed = Long.parseLong(value);
                    case "lost-order" -> lostOrders = Double.parseDouble(value);
                    case "partial-fill" -> partialFills = Double.parseDouble(value);
                    case "jump" -> {
                        int at = value.indexOf('@');
                        jump = duration(at < 0 ? value : value.substring(0, at));
                        jumpAfter = at < 0 ? Duration.ZERO : duration(value.substring(at + 1));
                    }
                    default -> throw new UserException("--faults: unknown fault '" + name
                            + "'; known: latency, errors, 429, 429-reset, ws-disconnect, drop, jump, lost-order, partial-fill, seed");
                }
            } catch (NumberFormatException e) {
                throw new UserException("--faults: '" + value + "' is not a number for " + name);
            }
        }
        try {
            return new Faults(latency, errors, every, burst, reset, disconnect, drop, jump, jumpAfter, seed, lostOrders, partialFills);
        } catch (IllegalArgumentException e) {
            throw new UserException("--faults: " + e.getMessage());
        }
    }

    private static Duration duration(String text) {
        String t = text.toLowerCase(Locale.ROOT);
        if (t.endsWith("ms")) return Duration.ofMillis(Long.parseLong(t.substring(0, t.length() - 2)));
        if (t.endsWith("s")) return Duration.ofMillis(Math.round(Double.parseDouble(t.substring(0, t.length() - 1)) * 1000));
        if (t.endsWith("h")) return Duration.ofMillis(Math.round(Double.parseDouble(t.substring(0, t.length() - 1)) * 3_600_000));
        if (t.endsWith("m")) return Duration.ofMillis(Math.round(Double.parseDouble(t.substring(0, t.length() - 1)) * 60_000));
        throw new UserException("--faults: '" + text + "' needs a unit: ms, s, m or h");
    }
}
