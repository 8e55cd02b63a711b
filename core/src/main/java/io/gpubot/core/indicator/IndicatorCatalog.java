package io.gpubot.core.indicator;

import java.util.List;
import java.util.stream.Collectors;

/** The list of indicator types as users see it: a table for the CLI and the generated docs/INDICATORS.md. */
public final class IndicatorCatalog {

    private IndicatorCatalog() {
    }

    /** All 50 types, in catalogue order. */
    public static List<IndicatorType> types() {
        return List.of(IndicatorType.values());
    }

    /** The text of docs/INDICATORS.md. */
    public static String markdown() {
        StringBuilder md = new StringBuilder();
        md.append("# Indicators\n\n");
        md.append("Generated from the catalogue by `gpubot indicators list --markdown > docs/INDICATORS.md`; "
                + "a test fails when this file is stale. Do not edit by hand.\n\n");
        md.append(IndicatorType.values().length).append(" indicator types. A spec is written `NAME(param=value,...)`; "
                + "omitted parameters take their defaults. Every output is NaN (and every vote neutral) during "
                + "the warm-up: the number of bars before the first value. Votes: +1 bullish, -1 bearish, 0 neutral.\n\n");
        md.append("Conventions (as TA-Lib): Wilder smoothing for RSI, CMO, ATR, NATR, ADX; EMAs seeded with the SMA "
                + "of their first `period` inputs; population standard deviation. Deliberate differences are listed "
                + "at the end.\n\n");
        for (Family family : Family.values()) {
            md.append("## ").append(family.title()).append("\n\n");
            md.append("| Name | Indicator | Parameters (range, default; GA grid) | Outputs | Warm-up | Rule | Checked against |\n");
            md.append("|---|---|---|---|---|---|---|\n");
            for (IndicatorType type : IndicatorType.values()) {
                if (type.family() != family) continue;
                md.append("| `").append(type.name()).append("` | ").append(type.title()).append(" | ")
                        .append(parameters(type)).append(" | ").append(String.join(", ", type.outputs())).append(" | ")
                        .append(IndicatorSpec.defaults(type).warmUp()).append(" | ").append(type.rule()).append(" | ")
                        .append(type.reference()).append(" |\n");
            }
            md.append('\n');
        }
        md.append("Warm-up is given for the default parameters.\n\n");
        md.append("## Deliberate differences from TA-Lib and the references\n\n");
        md.append("- Outputs of a multi-output type all start at the type's warm-up (TA-Lib's lookback), e.g. ADX's "
                + "+DI/-DI are reported from bar 2·period-1 although TA-Lib's PLUS_DI starts at bar period.\n");
        md.append("- MACD follows TA-Lib's alignment: the fast EMA is seeded at bar slow-1 with the SMA of the fast "
                + "closes ending there; APO and PPO use free-running EMAs (TA-Lib with MAType EMA; TA-Lib's default "
                + "MAType for APO/PPO is SMA).\n");
        md.append("- Periods that go together are validated instead of silently swapped (fast < slow; ULTOSC "
                + "short < medium < long; tenkan <= kijun <= senkou; SAR acceleration <= maximum).\n");
        md.append("- OBV starts at the first bar's volume, as TA-Lib; its level depends on the first bar, its rule "
                + "(OBV against its own SMA) does not.\n");
        md.append("- SuperTrend and Keltner use Lean's true range on the first bar (high - low). SuperTrend starts "
                + "at the bar its ATR is ready, up when the close is at or above the bar's midpoint.\n");
        md.append("- TSI uses SMA-seeded EMAs; charting packages that seed with the first value agree once the seed "
                + "has decayed.\n");
        md.append("- VWMA falls back to the SMA of closes when the window has no volume; session VWAP to the typical "
                + "price while its session has no volume.\n");
        md.append("- FRACTAL reports the window's highest high / lowest low until the first fractal is confirmed.\n");
        md.append("- TRIMA is computed as an SMA of an SMA (two running sums); it agrees with TA-Lib's weighted sum to "
                + "about 1e-16 relative. Every other TA-Lib-backed type is bit-for-bit TA-Lib on the test data.\n\n");
        md.append("## Caveat: very low prices\n\n");
        md.append("TA-Lib treats magnitudes below 1e-8 as zero (RSI/CMO when gains plus losses are below it, STDDEV and "
                + "BBANDS when the variance is, ADX when the true-range sum is). We keep that for parity, so on "
                + "contracts priced below about 0.001 these indicators degenerate (RSI reads 0, bands collapse). "
                + "Use the contract's scaled symbol (e.g. 1000-multiplied) or keep such indicators out of those bots.\n");
        return md.toString();
    }

    private static String parameters(IndicatorType type) {
        if (type.parameters().isEmpty()) return "none";
        return type.parameters().stream()
                .map(p -> "`" + p.name() + "` " + Parameter.format(p.min()) + ".." + Parameter.format(p.max())
                        + " (" + Parameter.format(p.defaultValue()) + (p.level() ? ", rule level" : "") + "; "
                        + p.describeGrid() + ")")
                .collect(Collectors.joining("<br>"));
    }

    /** A plain-text table for {@code gpubot indicators list}. */
    public static String table() {
        StringBuilder text = new StringBuilder();
        text.append(String.format("%-16s %-16s %s%n", "NAME", "FAMILY", "DEFAULT SPEC / RULE"));
        for (IndicatorType type : IndicatorType.values()) {
            text.append(String.format("%-16s %-16s %s%n", type.name(), type.family().name().toLowerCase(java.util.Locale.ROOT),
                    IndicatorSpec.defaults(type)));
            text.append(String.format("%-16s %-16s %s%n", "", "", type.rule()));
        }
        return text.toString();
    }
}
