package io.gpubot.live;

import io.gpubot.core.trade.Trade;

import java.util.List;
import java.util.Locale;

/**
 * A live bot's realised PnL twice: the account's, from the exchange's fills (each closed real position's
 * gross PnL minus its entry and exit fees), and the model's over the same trades before funding (the
 * model books funding at its own rate; the fills carry none). They agree when the model followed the
 * account; where they do not, both are shown and the difference flagged.
 *
 * @param account the account's realised PnL from the fills, USDT
 * @param model   the model's realised PnL before funding, USDT
 * @param closed  real positions closed
 */
public record RealisedPnl(double account, double model, int closed) {

    /** Below a cent the two are the same money. */
    public static final double TOLERANCE = 0.005;

    /** One bot's, from its trades in the model and the journal's real positions. */
    public static RealisedPnl of(String bot, List<Trade> modelTrades, List<Journal.LivePosition> positions) {
        double account = 0;
        int closed = 0;
        for (Journal.LivePosition p : positions) {
            if (p.bot().equals(bot) && !p.open()) {
                account += p.netPnl();
                closed++;
            }
        }
        double model = 0;
        for (Trade t : modelTrades) model += t.netPnl() + t.funding();
        return new RealisedPnl(account, model, closed);
    }

    public boolean differs() {
        return Math.abs(account - model) >= TOLERANCE;
    }

    /** "net on the account +12.34 USDT (from the exchange's fills)", and the model's figure where it differs. */
    public String describe() {
        String line = String.format(Locale.ROOT, "net on the account %+,.2f USDT (from the exchange's fills, before funding)", account);
        if (differs()) line += String.format(Locale.ROOT, "; the model books %+,.2f: DIFFERS by %,.2f", model, Math.abs(account - model));
        return line;
    }
}
