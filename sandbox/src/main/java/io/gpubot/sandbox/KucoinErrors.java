package io.gpubot.sandbox;

/**
 * KuCoin's refusals, each with the code and message KuCoin sends and where that comes from. Sources:
 * KuCoin's futures error-code table (docs: basic-info/errors-code/futures-errors-code), its gateway
 * table (docs-new: error-code), and ccxt 4.5.84's kucoin error map (js/src/kucoin.js 'exceptions'),
 * which quotes messages KuCoin sent. Where none of them names a code for a case, the comment says so
 * and the nearest documented code is used.
 */
final class KucoinErrors {

    private KucoinErrors() {
    }

    /** Gateway table: 404000 "Url Not Found" (HTTP 404), answered before any authentication. */
    static ApiError urlNotFound() {
        return new ApiError(404, "404000", "Url Not Found -- The requested resource could not be found");
    }

    /** Gateway table (docs-new): 400004 "Invalid KC-API-PASSPHRASE." */
    static ApiError badPassphrase() {
        return new ApiError(401, "400004", "Invalid KC-API-PASSPHRASE.");
    }

    /** Gateway table (docs-new): 400005 "Invalid KC-API-SIGN." */
    static ApiError badSignature() {
        return new ApiError(401, "400005", "Invalid KC-API-SIGN.");
    }

    /** Gateway table (docs-new): 400009 "Invalid KC-API-KEY-VERSION." */
    static ApiError badKeyVersion() {
        return new ApiError(401, "400009", "Invalid KC-API-KEY-VERSION.");
    }

    /** Spot/gateway table: 400100 "Parameter Error"; KuCoin names the parameter in the message. */
    static ApiError parameter(String message) {
        return new ApiError(400, "400100", message);
    }

    /**
     * Futures table: 300000 "request parameter illegal" (ccxt: InvalidOrder). KuCoin's tables name no
     * separate code for a price off the tick, a size off the lot, over maxOrderQty or outside
     * buyLimit/sellLimit; the message says which.
     */
    static ApiError orderParameter(String message) {
        return new ApiError(400, "300000", message);
    }

    /** Futures table: 300005 "xxx risk limit exceeded" (the order would exceed the maximum risk limit). */
    static ApiError riskLimitExceeded(long limit) {
        return new ApiError(400, "300005", limit + " risk limit exceeded");
    }

    /** ccxt's map quotes KuCoin: 330005 for an order whose margin mode is not the symbol's. */
    static ApiError marginModeMismatch() {
        return new ApiError(400, "330005", "The order's margin mode does not match the selected one. Please switch and try again.");
    }

    /** ccxt's map quotes KuCoin: 330012 for a one-way order (no positionSide) on a Hedge Mode account. */
    static ApiError oneWayOrderInHedgeMode() {
        return new ApiError(400, "330012",
                "Your order is in One-Way Mode, while your account is set to Hedge Mode. Update your settings so they match and try again.");
    }

    /** 330011: the mirror case (positionSide LONG/SHORT on a One-Way account); the message mirrors 330012's. */
    static ApiError hedgeOrderInOneWayMode() {
        return new ApiError(400, "330011",
                "Your order is in Hedge Mode, while your account is set to One-Way Mode. Update your settings so they match and try again.");
    }

    /**
     * Switching the margin or position mode with a position or open orders: KuCoin's documentation of
     * both endpoints says it is not allowed; its tables name no code, so 400100 (parameter error) is used.
     */
    static ApiError modeSwitchWithExposure(String what) {
        return new ApiError(400, "400100", "The " + what + " cannot be switched while there are positions or open orders");
    }

    /**
     * ccxt's map: 126044 "clientOid duplicate" (InvalidOrder), the only code KuCoin documents for a
     * clientOid already in use; the sandbox sends it for a clientOid of an order still active.
     */
    static ApiError duplicateClientOid() {
        return new ApiError(400, "126044", "clientOid duplicate");
    }
}
