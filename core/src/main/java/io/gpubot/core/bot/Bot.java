package io.gpubot.core.bot;

import io.gpubot.core.indicator.IndicatorSpec;
import io.gpubot.core.market.Contract;
import io.gpubot.core.signal.Consensus;
import io.gpubot.core.trade.ExitLevels;
import io.gpubot.core.trade.Sizing;
import io.gpubot.core.trade.TradingPlan;

import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * A trading bot: its genes (the indicators and their parameters, the consensus share, leverage,
 * exit levels and sizing) and where it came from. Immutable and valid by construction: 1 to 8
 * distinct indicators, leverage from 1 to {@value #MAX_LEVERAGE}. Leverage against a contract's own
 * limit and the stop against its liquidation price are checked by {@link #plan(Contract)}.
 */
public record Bot(String name, List<IndicatorSpec> indicators, Consensus consensus, int leverage, ExitLevels exits,
                  Sizing sizing, Provenance provenance) {

    public static final int MAX_INDICATORS = 8;
    public static final int MAX_LEVERAGE = 125;

    public Bot {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(consensus, "consensus");
        Objects.requireNonNull(exits, "exits");
        Objects.requireNonNull(sizing, "sizing");
        provenance = provenance == null ? Provenance.NONE : provenance;
        indicators = List.copyOf(indicators);
        if (indicators.isEmpty() || indicators.size() > MAX_INDICATORS) {
            throw new IllegalArgumentException("a bot has 1 to " + MAX_INDICATORS + " indicators, this one has " + indicators.size());
        }
        Set<IndicatorSpec> seen = new HashSet<>();
        for (IndicatorSpec spec : indicators) {
            if (!seen.add(spec)) throw new IllegalArgumentException("indicator " + spec + " appears twice");
        }
        if (leverage < 1 || leverage > MAX_LEVERAGE) {
            throw new IllegalArgumentException("leverage must be between 1 and " + MAX_LEVERAGE + ", got " + leverage);
        }
    }

    /**
     * The bot's trading genes for {@code contract}.
     *
     * @throws IllegalArgumentException when the leverage exceeds the contract's or the stop-loss lies
     *                                  beyond the liquidation price
     */
    public TradingPlan plan(Contract contract) {
        return new TradingPlan(contract, leverage, exits, sizing);
    }

    /**
     * Bars of history after which every indicator's vote equals the one it casts after all of history,
     * on bars of {@code timeframe} (a session VWAP needs a whole session): what a live warm-up needs.
     */
    public int warmUp(io.gpubot.core.market.Timeframe timeframe) {
        int most = 0;
        for (IndicatorSpec spec : indicators) most = Math.max(most, spec.warmUp(timeframe));
        return most;
    }

    /** Bars the indicators need before every one of them can vote. */
    public int warmUp() {
        int most = 0;
        for (IndicatorSpec spec : indicators) most = Math.max(most, spec.warmUp());
        return most;
    }

    /** The bot with another name. */
    public Bot named(String newName) {
        return new Bot(newName, indicators, consensus, leverage, exits, sizing, provenance);
    }

    /** The bot with other provenance. */
    public Bot withProvenance(Provenance p) {
        return new Bot(name, indicators, consensus, leverage, exits, sizing, p);
    }

    /**
     * The genes as one canonical line, the same for two bots that trade identically whatever their
     * names, provenance or the order of their indicators: what the evolution uses to evaluate a genome once.
     */
    public String canonical() {
        return indicators.stream().map(IndicatorSpec::toString).sorted().collect(Collectors.joining(" ", "[", "]"))
                + " consensus=" + consensus.requiredShare() + " leverage=" + leverage + " exits=" + exits.mode()
                + ":" + exits.takeProfit() + "/" + exits.stopLoss() + " sizing=" + sizing.method() + ":" + sizing.parameter();
    }
}
