package io.gpubot.sandbox;

/** A request the exchange refuses: KuCoin's error code, its message and the HTTP status it comes with. */
final class ApiError extends RuntimeException {

    final String code;
    final int httpStatus;

    ApiError(int httpStatus, String code, String message) {
        super(message);
        this.code = code;
        this.httpStatus = httpStatus;
    }

    static ApiError badParameter(String message) {
        return new ApiError(400, "400100", message);
    }

    static ApiError unknownSymbol(String symbol) {
        return new ApiError(400, "100001", "Contract " + symbol + " does not exist");
    }

    static ApiError insufficientBalance() {
        return new ApiError(400, "300003", "Balance insufficient!");
    }

    static ApiError notFound(String message) {
        return new ApiError(404, "100004", message);
    }
}
