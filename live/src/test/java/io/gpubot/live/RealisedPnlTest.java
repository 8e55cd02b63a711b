package io.gpubot.live;

import io.gpubot.core.trade.ExitReason;
import io.gpubot.core.trade.Side;
import io.gpubot.core.trade.Trade;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class RealisedPnlTest {

    static Journal.LivePosition closed(String bot, double net) {
        return new Journal.LivePosition(1, bot, Side.LONG, 10, 0, 40_000, 0.24, "o", 0, 0, 0, false, 1, 40_100, 0.24, net + 0.48, net, "SIGNAL");
    }

    static Trade trade(double net, double funding) {
        return new Trade(Side.LONG, 0, 40_000, 1, 40_100, 10, 0.24, 0.24, 0, funding, net + 0.48 + funding, net, ExitReason.SIGNAL);
    }

    @Test
    void theAccountsFillsAgainstTheModelBeforeFunding() {
        List<Journal.LivePosition> positions = List.of(closed("a", 0.52), closed("b", 99), closed("a", -1.48),
                new Journal.LivePosition(2, "a", Side.SHORT, 5, 2, 40_000, 0.12, "p", 0, 0, 0, true, 0, Double.NaN, 0, 0, 0, null));
        RealisedPnl same = RealisedPnl.of("a", List.of(trade(0.50, 0.02), trade(-1.50, 0.02)), positions);
        assertThat(same.account()).isCloseTo(-0.96, org.assertj.core.data.Offset.offset(1e-12));
        assertThat(same.model()).isCloseTo(-0.96, org.assertj.core.data.Offset.offset(1e-12));
        assertThat(same.closed()).isEqualTo(2);
        assertThat(same.differs()).isFalse();
        assertThat(same.describe()).isEqualTo("net on the account -0.96 USDT (from the exchange's fills, before funding)");

        RealisedPnl drifted = RealisedPnl.of("a", List.of(trade(-1_246.0, 0)), positions);
        assertThat(drifted.differs()).isTrue();
        assertThat(drifted.describe()).isEqualTo("net on the account -0.96 USDT (from the exchange's fills, before funding);"
                + " the model books -1,246.00: DIFFERS by 1,245.04");
    }
}
