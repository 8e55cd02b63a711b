package io.gpubot.evolve;

import io.gpubot.core.bot.Bot;
import io.gpubot.core.trade.ExitReason;
import io.gpubot.core.trade.Side;
import io.gpubot.core.trade.Trade;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class RobustnessTest {

    @Test
    void everyNeighbourDiffersFromTheBotInExactlyOneGene() {
        GenomeBounds bounds = new GenomeBounds(EngineTest.BTC, 2, 4, 2, 10);
        Bot bot = bounds.random(new SplittableRandom(5));
        List<Robustness.Neighbour> neighbours = Robustness.neighbours(bot, EngineTest.BTC);
        assertThat(neighbours).isNotEmpty();
        for (Robustness.Neighbour n : neighbours) {
            Bot b = n.bot();
            int changed = 0;
            for (int k = 0; k < bot.indicators().size(); k++) if (!b.indicators().get(k).equals(bot.indicators().get(k))) changed++;
            if (b.leverage() != bot.leverage()) changed++;
            if (!b.exits().equals(bot.exits())) changed++;
            assertThat(changed).as(n.change()).isEqualTo(1);
            assertThat(b.sizing()).isEqualTo(bot.sizing());
        }
    }

    static Trade trade(double net) {
        return new Trade(Side.LONG, 0, 100, 1, 101, 1, 0, 0, 0, 0, net, net, ExitReason.SIGNAL);
    }

    @Test
    void resamplingEqualTradesAlwaysGivesTheirCompoundedReturn() {
        // +10 on 1000, then +11 on 1010 ... each trade earns 1% of the equity it opened with.
        List<Trade> trades = List.of(trade(10), trade(10.1), trade(10.201));
        Robustness.MonteCarlo mc = Robustness.monteCarlo(trades, 1000, 200, 3);
        double compounded = 100 * (Math.pow(1.01, 3) - 1);
        assertThat(mc.returnPct()[0]).isCloseTo(compounded, within(1e-9));
        assertThat(mc.returnPct()[2]).isCloseTo(compounded, within(1e-9));
        assertThat(mc.maxDrawdownPct()[1]).isZero();
        assertThat(mc.lossProbability()).isZero();
    }

    @Test
    void aWinAndALossResampledLoseInAboutAQuarterOfTwoTradeOrders() {
        // +50% then -50%: orders WW (+125%), WL/LW (-25%), LL (-75%): 3 in 4 end below the start.
        List<Trade> trades = List.of(trade(500), trade(-750));
        Robustness.MonteCarlo mc = Robustness.monteCarlo(trades, 1000, 4000, 9);
        assertThat(mc.lossProbability()).isCloseTo(0.75, within(0.03));
        assertThat(mc.returnPct()[2]).isCloseTo(125, within(1e-9));
    }
}
