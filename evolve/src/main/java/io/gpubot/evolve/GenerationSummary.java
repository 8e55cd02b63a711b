package io.gpubot.evolve;

/**
 * One generation at a glance: its fitness distribution on its cycles and how varied it is.
 *
 * @param generation      0 for the random first generation
 * @param best            highest fitness
 * @param median          median fitness
 * @param mean            mean fitness
 * @param diversity       distinct genomes / population size, in (0, 1]
 * @param distinctTypes   indicator types present anywhere in the population
 * @param meanIndicators  mean indicators per bot
 * @param cycles          the cycles' bar ranges, e.g. {@code 200-380 500-680}
 * @param bestBot         the best bot's canonical genes
 */
public record GenerationSummary(int generation, double best, double median, double mean, double diversity, int distinctTypes,
                                double meanIndicators, String cycles, String bestBot) {

    public static final String CSV_HEADER = "generation,best,median,mean,diversity,distinct_types,mean_indicators,cycles,best_bot";

    /** One CSV row; doubles in their shortest exact form so files compare bit for bit. */
    public String csvRow() {
        return generation + "," + best + "," + median + "," + mean + "," + diversity + "," + distinctTypes + "," + meanIndicators
                + "," + cycles + "," + quote(bestBot);
    }

    private static String quote(String text) {
        return "\"" + text.replace("\"", "\"\"") + "\"";
    }
}
