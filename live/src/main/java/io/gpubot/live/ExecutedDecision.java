package io.gpubot.live;

import java.util.Objects;

/**
 * What became of one bar's order decision on the exchange, leg by leg, so that the model books what
 * really happened: an exit and an entry filled at the real price, size and fee, or a leg that was not
 * executed (the model then does not execute it either).
 *
 * @param exit  the close of the open position the decision asked for ({@link Leg#NONE} when it asked for none
 *              or the exchange held nothing to close)
 * @param entry the new position the decision asked for ({@link Leg#NONE} when it asked for none)
 */
public record ExecutedDecision(Leg exit, Leg entry) {

    /** A decision that asked the exchange for nothing. */
    public static final ExecutedDecision NOTHING = new ExecutedDecision(Leg.NONE, Leg.NONE);

    public ExecutedDecision {
        Objects.requireNonNull(exit, "exit");
        Objects.requireNonNull(entry, "entry");
    }

    /** How one leg ended. */
    public enum Outcome {
        /** Not asked for, or nothing to do on the exchange. */
        NONE,
        /** Filled (wholly or in part): {@link Leg#contracts}, {@link Leg#price} and {@link Leg#fee} are the exchange's. */
        FILLED,
        /** Not executed: refused by the risk guard or the exchange, not sent, or cancelled without a fill. */
        DROPPED,
        /** Sent, but its fate is not known yet; it is resolved by lookup before any new order. */
        UNKNOWN
    }

    /**
     * One leg of a decision.
     *
     * @param contracts lots filled (0 unless FILLED)
     * @param price     average fill price (NaN unless FILLED)
     * @param fee       USDT paid for the fill (0 unless FILLED)
     * @param reason    why a leg was DROPPED or is UNKNOWN, in the words shown to the user (null otherwise)
     */
    public record Leg(Outcome outcome, long contracts, double price, double fee, String reason) {

        public static final Leg NONE = new Leg(Outcome.NONE, 0, Double.NaN, 0, null);

        public Leg {
            Objects.requireNonNull(outcome, "outcome");
            if (outcome == Outcome.FILLED && (contracts <= 0 || !(price > 0) || !Double.isFinite(fee))) {
                throw new IllegalArgumentException("a filled leg needs contracts > 0, a price > 0 and a finite fee");
            }
        }

        public static Leg filled(long contracts, double price, double fee) {
            return new Leg(Outcome.FILLED, contracts, price, fee, null);
        }

        public static Leg dropped(String reason) {
            return new Leg(Outcome.DROPPED, 0, Double.NaN, 0, Objects.requireNonNull(reason, "reason"));
        }

        public static Leg unknown(String reason) {
            return new Leg(Outcome.UNKNOWN, 0, Double.NaN, 0, Objects.requireNonNull(reason, "reason"));
        }

        public boolean filled() {
            return outcome == Outcome.FILLED;
        }
    }
}
