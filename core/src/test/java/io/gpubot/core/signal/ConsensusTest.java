package io.gpubot.core.signal;

import io.gpubot.core.indicator.IndicatorSpec;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ConsensusTest {

    private static IndicatorReading reading(String spec, double value, int vote) {
        IndicatorSpec s = IndicatorSpec.parse(spec);
        double[] values = new double[s.type().outputs().size()];
        java.util.Arrays.fill(values, value);
        return new IndicatorReading(s, values, vote);
    }

    private final IndicatorReading rsiBull = reading("RSI(14)", 25, 1);
    private final IndicatorReading macdBull = reading("MACD(12,26,9)", 3, 1);
    private final IndicatorReading emaBull = reading("EMA(20)", 100, 1);
    private final IndicatorReading rsiBear = reading("RSI(14)", 75, -1);
    private final IndicatorReading macdBear = reading("MACD(12,26,9)", -3, -1);
    private final IndicatorReading emaNeutral = reading("EMA(20)", 100, 0);
    private final IndicatorReading emaWarming = reading("EMA(20)", Double.NaN, 0);

    @Test
    void allBullishIsBuy() {
        ConsensusResult result = Consensus.UNANIMOUS.decide(List.of(rsiBull, macdBull, emaBull));
        assertThat(result.signal()).isEqualTo(Signal.BUY);
        assertThat(result.bullish()).isEqualTo(3);
        assertThat(result.breakdown()).containsExactly(rsiBull, macdBull, emaBull);
    }

    @Test
    void allBearishIsSell() {
        assertThat(Consensus.UNANIMOUS.decide(List.of(rsiBear, macdBear)).signal()).isEqualTo(Signal.SELL);
    }

    @Test
    void oneNeutralOrWarmingUpIndicatorBlocks() {
        assertThat(Consensus.UNANIMOUS.decide(List.of(rsiBull, macdBull, emaNeutral)).signal()).isEqualTo(Signal.NONE);
        assertThat(Consensus.UNANIMOUS.decide(List.of(rsiBull, macdBull, emaWarming)).signal()).isEqualTo(Signal.NONE);
    }

    @Test
    void mixedVotesAreNone() {
        assertThat(Consensus.UNANIMOUS.decide(List.of(rsiBull, macdBear)).signal()).isEqualTo(Signal.NONE);
    }

    @Test
    void aLowerShareNeedsThatManyOnOneSideAndMoreThanTheOtherSide() {
        Consensus twoThirds = new Consensus(2.0 / 3.0);
        assertThat(twoThirds.decide(List.of(rsiBull, macdBull, emaNeutral)).signal()).isEqualTo(Signal.BUY);
        assertThat(twoThirds.decide(List.of(rsiBull, macdBear, emaNeutral)).signal()).isEqualTo(Signal.NONE);
        assertThat(twoThirds.decide(List.of(rsiBear, macdBear, emaBull)).signal()).isEqualTo(Signal.SELL);
        Consensus half = new Consensus(0.5);
        assertThat(half.decide(List.of(rsiBull, macdBear)).signal()).isEqualTo(Signal.NONE);
        assertThat(half.decide(List.of(rsiBull, emaNeutral)).signal()).isEqualTo(Signal.BUY);
    }

    @Test
    void noIndicatorsIsNone() {
        assertThat(Consensus.UNANIMOUS.decide(List.of()).signal()).isEqualTo(Signal.NONE);
    }

    @Test
    void theBreakdownCarriesNameParametersValuesAndVote() {
        ConsensusResult result = Consensus.UNANIMOUS.decide(List.of(rsiBull, emaNeutral));
        IndicatorReading first = result.breakdown().get(0);
        assertThat(first.name()).isEqualTo("RSI");
        assertThat(first.parameters()).containsEntry("period", 14.0).containsEntry("oversold", 30.0);
        assertThat(first.outputs()).containsEntry("rsi", 25.0);
        assertThat(first.vote()).isEqualTo(1);
        assertThat(result.neutral()).isEqualTo(1);
    }

    @Test
    void shareMustBeAFraction() {
        assertThatThrownBy(() -> new Consensus(0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Consensus(1.5)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void signalsPerBarFollowTheSameRule() {
        byte[] rsi = {1, 1, -1, 0, 1};
        byte[] macd = {1, -1, -1, 1, 1};
        byte[] ema = {1, 1, -1, 1, 0};
        assertThat(Consensus.UNANIMOUS.signals(List.of(rsi, macd, ema))).containsExactly(1, 0, -1, 0, 0);
        assertThat(new Consensus(2.0 / 3.0).signals(List.of(rsi, macd, ema))).containsExactly(1, 1, -1, 1, 1);
        assertThatThrownBy(() -> Consensus.UNANIMOUS.signals(List.of(rsi, new byte[2]))).isInstanceOf(IllegalArgumentException.class);
    }
}
