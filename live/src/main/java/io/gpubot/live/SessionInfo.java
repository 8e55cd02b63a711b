package io.gpubot.live;

import java.util.List;

/**
 * What a trading session is: its id, mode, market, starting balance and bots (as their bot-file JSON,
 * so the session can be resumed and audited exactly).
 *
 * @param id           the session's name, also its journal file name
 * @param mode         {@code paper}, {@code live} or {@code replay}
 * @param symbol       the contract, e.g. {@code XBTUSDTM}
 * @param timeframe    the bars' timeframe, e.g. {@code 1m}
 * @param startBalance the starting balance of each bot, USDT
 * @param startedAt    when the session was created (epoch ms)
 * @param bots         each bot's name and bot-file JSON, in the engine's order
 */
public record SessionInfo(String id, String mode, String symbol, String timeframe, double startBalance, long startedAt,
                          List<BotEntry> bots) {

    /** A bot of the session. */
    public record BotEntry(String name, String json) {
    }

    public SessionInfo {
        bots = List.copyOf(bots);
    }
}
