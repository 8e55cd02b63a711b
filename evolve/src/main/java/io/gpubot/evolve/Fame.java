package io.gpubot.evolve;

import io.gpubot.core.bot.Bot;

/**
 * A hall-of-fame entry: a bot with the best fitness it reached and the generation it reached it in.
 */
public record Fame(Bot bot, double fitness, int generation) {
}
