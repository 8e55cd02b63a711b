package io.gpubot.kucoin;

/**
 * KuCoin answered with a code other than {@code 200000} (or an HTTP error with a KuCoin body).
 * Carries KuCoin's code and message and the HTTP status; never a credential.
 */
public class KucoinApiException extends io.gpubot.core.UserException {

    private final String code;
    private final int httpStatus;
    private final String exchangeMessage;

    public KucoinApiException(String code, String exchangeMessage, int httpStatus, String endpoint) {
        super("KuCoin rejected " + endpoint + ": code " + code + (exchangeMessage == null || exchangeMessage.isEmpty() ? "" : " (" + exchangeMessage + ")")
                + " [HTTP " + httpStatus + "]");
        this.code = code;
        this.httpStatus = httpStatus;
        this.exchangeMessage = exchangeMessage == null ? "" : exchangeMessage;
    }

    /** KuCoin's error code, e.g. {@code 400100} or {@code 429000}. */
    public String code() {
        return code;
    }

    /** KuCoin's message text. */
    public String exchangeMessage() {
        return exchangeMessage;
    }

    public int httpStatus() {
        return httpStatus;
    }

    /** HTTP 429 or KuCoin code 429000: the rate limit was exceeded. */
    public boolean isRateLimited() {
        return httpStatus == 429 || "429000".equals(code);
    }
}
