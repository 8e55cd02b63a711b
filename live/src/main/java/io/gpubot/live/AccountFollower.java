package io.gpubot.live;

import io.gpubot.core.trade.ExitReason;
import io.gpubot.core.trade.Position;
import io.gpubot.core.trade.Pricing;
import io.gpubot.core.trade.RealFill;
import io.gpubot.core.trade.Trade;
import io.gpubot.core.trade.TradingPlan;
import io.gpubot.live.Journal.LivePosition;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * How a live session's model follows the account: pure functions from what the exchange did (a
 * decision's {@link ExecutedDecision}, the real positions the executor journalled) and what the model
 * holds to the {@link ModelCorrection}s that make the model book what really happened.
 *
 * <p>Invariants, after the corrections of a bar are applied:
 * <ol>
 *   <li>the model never books a fill the exchange did not confirm: an entry or exit that was refused, not
 *       sent, cancelled unfilled or whose fate is still unknown is dropped from the model; one that turns out
 *       filled later is taken over from the account;</li>
 *   <li>a confirmed fill is booked at the exchange's size, price and fee, never at the model's estimate;</li>
 *   <li>when the executor's journal holds a real position for the bot, the model holds the same side, size and
 *       entry price; when it holds none, the model is flat;</li>
 *   <li>a part of the position the exchange closed (a close or take-profit filled in part, a part closed by hand)
 *       is closed in the model at that part's real exit, with its share of the entry fee by the journal's own
 *       formula ({@link Pricing#entryFeeShare}); the rest stays open in both;</li>
 *   <li>a position the model closed by its own estimate of an exchange exit is booked at the exchange's exit
 *       price and fee once the executor has recorded them, and taken back when the exchange still holds that very
 *       position (the same entry, not recorded closed);</li>
 *   <li>every correction says in words what differed, and is journalled with its bar so a resumed session
 *       applies it again after the same bar (the model stays a function of the journal).</li>
 * </ol>
 */
public final class AccountFollower {

    private AccountFollower() {
    }

    /** The corrections that book what became of the decision the model took at bar {@code barTime}'s close. */
    public static List<ModelCorrection> booking(String bot, long barTime, ExecutedDecision d) {
        List<ModelCorrection> steps = new ArrayList<>();
        if (d == null) return steps;
        ExecutedDecision.Leg exit = d.exit();
        ExecutedDecision.Leg entry = d.entry();
        switch (exit.outcome()) {
            case FILLED -> steps.add(ModelCorrection.exitFilled(bot, barTime, new RealFill(exit.contracts(), exit.price(), exit.fee())));
            // the position stays open on the exchange, so the executor makes no entry either: the whole decision goes
            case DROPPED, UNKNOWN -> {
                steps.add(ModelCorrection.orderDropped(bot, barTime, "exit not booked: " + exit.reason()));
                return steps;
            }
            case NONE -> { }
        }
        switch (entry.outcome()) {
            case FILLED -> steps.add(ModelCorrection.entryFilled(bot, barTime, new RealFill(entry.contracts(), entry.price(), entry.fee())));
            case DROPPED -> steps.add(ModelCorrection.entryDropped(bot, barTime, "entry not booked: " + entry.reason()));
            case UNKNOWN -> steps.add(ModelCorrection.entryDropped(bot, barTime, "entry not booked until the exchange confirms it: "
                    + entry.reason()));
            case NONE -> { }
        }
        return steps;
    }

    /**
     * What the model must do after bar {@code barTime} to hold what the account holds, in order (nothing when they agree).
     *
     * @param model     the model's open position, or null
     * @param lastTrade the model's last closed trade, or null
     * @param account   the bot's real position the executor's journal holds open, or null
     * @param closed    the bot's real positions the journal holds closed, oldest first; a position closed in parts is
     *                  one row per part (same entry order), the rest of it the open row
     */
    public static List<ModelCorrection> corrections(String bot, long barTime, TradingPlan plan, Position model, Trade lastTrade,
                                                    LivePosition account, List<LivePosition> closed) {
        LivePosition lastClosed = closed.isEmpty() ? null : closed.get(closed.size() - 1);
        if (account != null) {
            if (model != null && sameEntry(account, model)) return List.of();
            if (model != null && model.side() == account.side() && model.entryPrice() == account.entryPrice()
                    && model.contracts() > account.contracts()) {
                // the exchange closed part of the position (a take-profit or close filled in part, a part closed by hand)
                List<LivePosition> parts = parts(closed, null, model, model.contracts() - account.contracts());
                if (parts != null) return closedInParts(bot, barTime, model, parts, false);
            }
            List<ModelCorrection> steps = new ArrayList<>();
            List<LivePosition> previous = model == null ? null : parts(closed, account, model, model.contracts());
            if (previous != null && previous.stream().allMatch(p -> p.exitPrice() > 0)) {
                // the model's position was closed on the exchange before the account's present one opened (a reversal
                // the model had not booked yet): it ends at that real exit, not at the last close
                steps.addAll(closedInParts(bot, barTime, model, previous, true));
                model = null;
            }
            double m = plan.contract().multiplier();
            Position real = new Position(account.side(), barTime, account.entryPrice(), account.entryPrice(), account.contracts(),
                    Pricing.margin(account.contracts(), m, account.entryPrice(), plan.leverage()), account.takeProfit(), account.stopLoss(),
                    account.liquidationPrice(), account.entryFee(), false);
            if (model == null && lastTrade != null && sameEntry(account, lastTrade)
                    && !(lastClosed != null && sameEntry(lastClosed, lastTrade))) {
                // the model's own estimate closed this very position (its stop in the bar); the exchange did not
                steps.add(ModelCorrection.tradeTakenBack(bot, barTime, real, "the model closed " + describe(account) + " by its "
                        + lastTrade.reason().name().toLowerCase(Locale.ROOT).replace('_', '-') + " estimate but the account still holds it;"
                        + " the trade is taken back"));
                return steps;
            }
            String why = model == null
                    ? "the account holds " + describe(account) + " that the model did not hold; the model takes it over"
                    : "the account holds " + describe(account) + " where the model held " + describe(model) + "; the model takes it over";
            steps.add(ModelCorrection.positionAdopted(bot, barTime, real, why));
            return steps;
        }
        if (model != null) {
            List<LivePosition> parts = parts(closed, null, model, model.contracts());
            if (parts != null && parts.get(parts.size() - 1).exitPrice() > 0) return closedInParts(bot, barTime, model, parts, true);
            return List.of(ModelCorrection.closeAdopted(bot, barTime, Double.NaN, 0, Double.NaN, ExitReason.EXCHANGE,
                    "the account is flat where the model held " + describe(model) + "; the exchange's exit price is unknown, so the model"
                            + " closes at the last close without a fee"));
        }
        if (lastTrade != null && lastClosed != null && lastClosed.exitPrice() > 0 && sameEntry(lastClosed, lastTrade)
                && (lastTrade.exitPrice() != lastClosed.exitPrice() || lastTrade.exitFee() != lastClosed.exitFee()
                || lastTrade.grossPnl() != lastClosed.grossPnl())) {
            return List.of(ModelCorrection.exitRebooked(bot, barTime, lastClosed.exitPrice(), lastClosed.exitFee(), lastClosed.grossPnl(),
                    String.format(Locale.ROOT, "the exchange filled the %s exit at %s (fee %.4f), the model's estimate was %s (fee %.4f); booked at the fill",
                            lastTrade.reason().name().toLowerCase(Locale.ROOT).replace('_', '-'), plain(lastClosed.exitPrice()), lastClosed.exitFee(),
                            plain(lastTrade.exitPrice()), lastTrade.exitFee())));
        }
        return List.of();
    }

    /**
     * The newest closed parts of the model's position that together hold {@code contracts} of its contracts, oldest
     * first; null when the journal's closed rows do not add up to them. Rows that are parts of {@code account} (the
     * position still open: same entry order, side and price) are passed over.
     */
    private static List<LivePosition> parts(List<LivePosition> closed, LivePosition account, Position model, long contracts) {
        List<LivePosition> parts = new ArrayList<>();
        long sum = 0;
        String entry = null;
        for (int i = closed.size() - 1; i >= 0 && sum < contracts; i--) {
            LivePosition p = closed.get(i);
            if (account != null && partOf(p, account)) continue;
            if (p.side() != model.side() || p.entryPrice() != model.entryPrice()) break;
            if (entry == null) entry = p.entryClientOid();
            else if (!java.util.Objects.equals(entry, p.entryClientOid())) break;
            parts.add(0, p);
            sum += p.contracts();
        }
        return sum == contracts && !parts.isEmpty() ? parts : null;
    }

    private static boolean partOf(LivePosition p, LivePosition account) {
        return java.util.Objects.equals(p.entryClientOid(), account.entryClientOid()) && p.side() == account.side()
                && p.entryPrice() == account.entryPrice();
    }

    /** The model closes each part at its real exit; with {@code toTheEnd}, the last closes what is left of the position. */
    private static List<ModelCorrection> closedInParts(String bot, long barTime, Position model, List<LivePosition> parts, boolean toTheEnd) {
        List<ModelCorrection> steps = new ArrayList<>();
        for (int i = 0; i < parts.size(); i++) {
            LivePosition p = parts.get(i);
            if (toTheEnd && i == parts.size() - 1) {
                steps.add(closedAt(bot, barTime, model, p));
            } else {
                steps.add(ModelCorrection.partClosed(bot, barTime, p.contracts(), p.exitPrice(), p.exitFee(), p.grossPnl(),
                        exitReason(p.exitReason()), String.format(Locale.ROOT, "%d of the account's %s were closed on the exchange (%s at %s);"
                                + " the model closes them there and keeps the rest", p.contracts(), describe(model), p.exitReason(),
                                plain(p.exitPrice()))));
            }
        }
        return steps;
    }

    private static ModelCorrection closedAt(String bot, long barTime, Position model, LivePosition closed) {
        String what = closed.contracts() == model.contracts() ? describe(model) : "rest of " + describe(model) + " (" + closed.contracts() + ")";
        return ModelCorrection.closeAdopted(bot, barTime, closed.exitPrice(), closed.exitFee(), closed.grossPnl(), exitReason(closed.exitReason()),
                "the account's " + what + " was closed on the exchange (" + closed.exitReason() + " at " + plain(closed.exitPrice())
                        + "); the model closes it there");
    }

    /** The trading rules' exit reason for the executor's words for how a real position ended. */
    static ExitReason exitReason(String executorReason) {
        if (executorReason == null) return ExitReason.EXCHANGE;
        if (executorReason.startsWith("FLATTEN")) return ExitReason.KILL_SWITCH;
        return switch (executorReason) {
            case "STOP_LOSS" -> ExitReason.STOP_LOSS;
            case "TAKE_PROFIT" -> ExitReason.TAKE_PROFIT;
            case "LIQUIDATION" -> ExitReason.LIQUIDATION;
            case "SIGNAL" -> ExitReason.SIGNAL;
            default -> ExitReason.EXCHANGE;
        };
    }

    private static boolean sameEntry(LivePosition p, Position model) {
        return p.side() == model.side() && p.contracts() == model.contracts() && p.entryPrice() == model.entryPrice();
    }

    private static boolean sameEntry(LivePosition p, Trade t) {
        return p.side() == t.side() && p.contracts() == t.contracts() && p.entryPrice() == t.entryPrice();
    }

    private static String describe(LivePosition p) {
        return p.side().name().toLowerCase(Locale.ROOT) + " " + p.contracts() + " at " + plain(p.entryPrice());
    }

    private static String describe(Position p) {
        return p.side().name().toLowerCase(Locale.ROOT) + " " + p.contracts() + " at " + plain(p.entryPrice());
    }

    private static String plain(double price) {
        if (!Double.isFinite(price)) return "?";
        return BigDecimal.valueOf(price).round(new MathContext(12)).stripTrailingZeros().toPlainString();
    }
}
