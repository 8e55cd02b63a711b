package io.gpubot.core.trade;

import java.util.Objects;

/** A sizing method with its parameter, e.g. {@code RISK 0.02} (2% of equity at risk per trade). */
public record Sizing(SizingMethod method, double parameter) {

    public static final Sizing DEFAULT = new Sizing(SizingMethod.RISK, 0.02);

    public Sizing {
        Objects.requireNonNull(method, "method");
        if (!(parameter >= method.min() && parameter <= method.max())) {
            throw new IllegalArgumentException(method + " " + method.parameterName() + " must be in ["
                    + method.min() + ", " + method.max() + "], got " + parameter);
        }
    }
}
