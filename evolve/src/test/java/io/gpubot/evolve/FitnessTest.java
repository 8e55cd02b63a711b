package io.gpubot.evolve;

import io.gpubot.core.UserException;
import io.gpubot.core.backtest.Metrics;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class FitnessTest {

    static Metrics metrics(double returnPct, double drawdownPct, double profitFactor, double sharpe, double sortino, double calmar,
                           int trades, int liquidations) {
        return new Metrics(1000, 1000 + returnPct * 10, returnPct * 10, returnPct, drawdownPct, 0, 50, profitFactor, sharpe, sortino,
                calmar, trades, 0, 50, 0, 0, 0, liquidations, 100);
    }

    @Test
    void robustRewardsReturnAndPunishesInconsistencyDrawdownLiquidationsAndFewTrades() {
        List<Metrics> steady = List.of(metrics(10, 4, 2, 1, 1, 1, 10, 0), metrics(10, 4, 2, 1, 1, 1, 10, 0));
        // mean 10, std 0, drawdown 4 -> 10 - 0 - 2
        assertThat(Fitness.ROBUST.score(steady)).isCloseTo(8.0, within(1e-12));

        List<Metrics> erratic = List.of(metrics(30, 4, 2, 1, 1, 1, 10, 0), metrics(-10, 4, 2, 1, 1, 1, 10, 0));
        // mean 10, sample std sqrt(800) = 28.28..., drawdown 4
        assertThat(Fitness.ROBUST.score(erratic)).isCloseTo(10 - 0.5 * Math.sqrt(800) - 2, within(1e-12));
        assertThat(Fitness.ROBUST.score(erratic)).isLessThan(Fitness.ROBUST.score(steady));

        List<Metrics> liquidated = List.of(metrics(10, 4, 2, 1, 1, 1, 10, 1), metrics(10, 4, 2, 1, 1, 1, 10, 0));
        assertThat(Fitness.ROBUST.score(liquidated)).isCloseTo(8.0 - 25, within(1e-12));

        List<Metrics> idle = List.of(metrics(10, 4, 2, 1, 1, 1, 1, 0), metrics(10, 4, 2, 1, 1, 1, 0, 0));
        // 2 + 3 trades missing to reach 3 per cycle
        assertThat(Fitness.ROBUST.score(idle)).isCloseTo(8.0 - 5 * 5, within(1e-12));
    }

    @Test
    void ratioFitnessesAverageTheirRatioOverCycles() {
        List<Metrics> cycles = List.of(metrics(5, 2, 1.5, 2.0, 3.0, 4.0, 10, 0), metrics(-5, 6, 0.5, -1.0, -2.0, -1.0, 10, 0));
        assertThat(Fitness.SHARPE.score(cycles)).isEqualTo(0.5);
        assertThat(Fitness.SORTINO.score(cycles)).isEqualTo(0.5);
        assertThat(Fitness.CALMAR.score(cycles)).isEqualTo(1.5);
        assertThat(Fitness.PROFIT_FACTOR.score(cycles)).isEqualTo(1.0);
        assertThat(Fitness.NET_RETURN.score(cycles)).isEqualTo(0.0);
    }

    @Test
    void anInfiniteProfitFactorIsCapped() {
        List<Metrics> cycles = List.of(metrics(5, 2, Double.POSITIVE_INFINITY, 2, 3, 4, 2, 0), metrics(5, 2, 2.0, 2, 3, 4, 10, 0));
        assertThat(Fitness.PROFIT_FACTOR.score(cycles)).isEqualTo((Fitness.PROFIT_FACTOR_CAP + 2) / 2);
    }

    @Test
    void fitnessesAreFoundByNameAndAnUnknownNameSaysWhatExists() {
        assertThat(Fitness.named("profit-factor")).isEqualTo(Fitness.PROFIT_FACTOR);
        assertThat(Fitness.named("Sharpe")).isEqualTo(Fitness.SHARPE);
        assertThat(Fitness.named("net-return")).isEqualTo(Fitness.NET_RETURN);
        assertThatThrownBy(() -> Fitness.named("luck")).isInstanceOf(UserException.class)
                .hasMessageContaining("robust, sharpe, sortino, calmar, profit-factor, net-return");
    }

    @Test
    void edgeIsTheWindowSharpeAndDoesNotChangeWhenEveryPositionDoubles() {
        List<Metrics> windows = List.of(metrics(4, 3, 2, 1, 1, 1, 2, 0), metrics(-2, 5, 2, 1, 1, 1, 1, 0), metrics(1, 2, 2, 1, 1, 1, 1, 0),
                metrics(3, 1, 2, 1, 1, 1, 2, 0));
        // mean 1.5, sample sd sqrt((6.25 + 12.25 + 0.25 + 2.25) / 3) = sqrt(7); 6 trades >= ceil(0.5 * 4)
        assertThat(Fitness.EDGE.score(windows)).isCloseTo(1.5 / Math.sqrt(7), within(1e-12));
        // Doubling every position doubles every window's return and drawdown: the score stays.
        List<Metrics> doubled = windows.stream().map(m -> metrics(2 * m.returnPct(), 2 * m.maxDrawdownPct(), m.profitFactor(), m.sharpe(),
                m.sortino(), m.calmar(), m.trades(), m.liquidations())).toList();
        assertThat(Fitness.EDGE.score(doubled)).isCloseTo(Fitness.EDGE.score(windows), within(1e-12));
        // The robust score is not invariant: it rewards betting less.
        assertThat(Fitness.ROBUST.score(doubled)).isNotCloseTo(Fitness.ROBUST.score(windows), within(1e-6));
    }

    @Test
    void edgePenalisesTooFewTradesInProportionAndLiquidationsPerWindow() {
        List<Metrics> idle = List.of(metrics(0, 0, 0, 0, 0, 0, 0, 0), metrics(0, 0, 0, 0, 0, 0, 0, 0), metrics(0, 0, 0, 0, 0, 0, 0, 0),
                metrics(0, 0, 0, 0, 0, 0, 0, 0));
        assertThat(Fitness.EDGE.score(idle)).isCloseTo(-0.5, within(1e-12));
        assertThat(Fitness.minimumTrades(90)).isEqualTo(45);
        List<Metrics> liquidated = List.of(metrics(4, 3, 2, 1, 1, 1, 2, 1), metrics(4, 3, 2, 1, 1, 1, 2, 0));
        // no variance: Sharpe 0; 4 trades >= 1; one liquidation over 2 windows
        assertThat(Fitness.EDGE.score(liquidated)).isCloseTo(-0.5, within(1e-12));
        List<Metrics> sparse = List.of(metrics(1, 0, 0, 0, 0, 0, 1, 0), metrics(3, 0, 0, 0, 0, 0, 0, 0), metrics(2, 0, 0, 0, 0, 0, 0, 0),
                metrics(2, 0, 0, 0, 0, 0, 0, 0));
        // mean 2, sd sqrt(2/3); 1 of 2 trades: half missing -> -0.25
        assertThat(Fitness.EDGE.score(sparse)).isCloseTo(2 / Math.sqrt(2.0 / 3) - 0.25, within(1e-12));
    }

    @Test
    void edgeRecentWeighsTheNewerWindowsMoreAndDoesNotChangeWhenEveryPositionDoubles() {
        List<Metrics> windows = List.of(metrics(1, 0, 0, 0, 0, 0, 1, 0), metrics(2, 0, 0, 0, 0, 0, 1, 0), metrics(4, 0, 0, 0, 0, 0, 1, 0));
        // Half-life 3 / 3 = 1 window: weights 1/4, 1/2, 1 (total 7/4). Weighted mean (1/4 + 1 + 4) / (7/4) = 3;
        // weighted variance (1/4 * 4 + 1/2 * 1 + 1 * 1) / (7/4) = 10/7; 3 trades >= ceil(1.5): no penalty.
        assertThat(Fitness.EDGE_RECENT.score(windows)).isCloseTo(3 / Math.sqrt(10.0 / 7), within(1e-12));
        List<Metrics> doubled = windows.stream().map(m -> metrics(2 * m.returnPct(), 0, 0, 0, 0, 0, m.trades(), 0)).toList();
        assertThat(Fitness.EDGE_RECENT.score(doubled)).isCloseTo(Fitness.EDGE_RECENT.score(windows), within(1e-12));

        // The same six returns, once with the gains late and once early: EDGE cannot tell them apart, EDGE_RECENT can.
        List<Metrics> late = List.of(metrics(-1, 0, 0, 0, 0, 0, 1, 0), metrics(-1, 0, 0, 0, 0, 0, 1, 0), metrics(0, 0, 0, 0, 0, 0, 1, 0),
                metrics(1, 0, 0, 0, 0, 0, 1, 0), metrics(2, 0, 0, 0, 0, 0, 1, 0), metrics(2, 0, 0, 0, 0, 0, 1, 0));
        List<Metrics> early = new java.util.ArrayList<>(late);
        java.util.Collections.reverse(early);
        assertThat(Fitness.EDGE.score(early)).isCloseTo(Fitness.EDGE.score(late), within(1e-12));
        assertThat(Fitness.EDGE_RECENT.score(late)).isGreaterThan(Fitness.EDGE.score(late));
        assertThat(Fitness.EDGE_RECENT.score(early)).isLessThan(Fitness.EDGE.score(early));
        // EDGE's penalties, unweighted: an idle bot scores -0.5, one liquidation over two windows costs 0.5.
        List<Metrics> idle = List.of(metrics(0, 0, 0, 0, 0, 0, 0, 0), metrics(0, 0, 0, 0, 0, 0, 0, 0));
        assertThat(Fitness.EDGE_RECENT.score(idle)).isCloseTo(-0.5, within(1e-12));
        List<Metrics> liquidated = List.of(metrics(4, 0, 0, 0, 0, 0, 2, 1), metrics(4, 0, 0, 0, 0, 0, 2, 0));
        assertThat(Fitness.EDGE_RECENT.score(liquidated)).isCloseTo(-0.5, within(1e-12));
        assertThat(Fitness.named("edge-recent")).isEqualTo(Fitness.EDGE_RECENT);
        assertThat(EvolveOptions.DEFAULT_FITNESS).isEqualTo(Fitness.EDGE_RECENT);
    }
}
