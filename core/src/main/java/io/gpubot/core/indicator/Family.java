package io.gpubot.core.indicator;

/** The groups the catalogue sorts indicator types into. */
public enum Family {
    MOVING_AVERAGE("Moving averages"),
    OSCILLATOR("Oscillators with levels"),
    MOMENTUM("Momentum"),
    TREND("Trend"),
    VOLATILITY("Volatility and bands"),
    VOLUME("Volume"),
    PRICE_STRUCTURE("Price structure");

    private final String title;

    Family(String title) {
        this.title = title;
    }

    public String title() {
        return title;
    }
}
