package io.gpubot.kucoin;

/** Picks the OpenAPI response example that KuCoin's documentation gives for a request. */
final class OpenApiExamples {
    private OpenApiExamples() {
    }

    static String forRequest(String method, String path) {
        String name = switch (method + " " + path) {
            case "GET /api/v1/timestamp" -> "timestamp";
            case "GET /api/v1/contracts/active" -> "contracts-active";
            case "GET /api/v1/kline/query" -> "klines";
            case "GET /api/v1/ticker" -> "ticker";
            case "GET /api/v1/contract/funding-rates" -> "funding-rates";
            case "GET /api/v1/account-overview" -> "account-overview";
            case "GET /api/v1/position" -> "position";
            case "GET /api/v1/positions" -> "positions";
            case "GET /api/v2/position/getMarginMode" -> "margin-mode";
            case "POST /api/v2/position/changeMarginMode" -> "change-margin-mode";
            case "POST /api/v1/orders", "POST /api/v1/orders/test" -> "add-order";
            case "POST /api/v1/st-orders" -> "add-st-order";
            case "GET /api/v1/orders/byClientOid" -> "order-by-client-oid";
            case "GET /api/v1/orders" -> "orders";
            case "GET /api/v1/stopOrders" -> "stop-orders";
            case "GET /api/v1/fills" -> "fills";
            case "GET /api/v1/recentFills" -> "recent-fills";
            case "DELETE /api/v3/orders" -> "cancel-all-orders";
            case "DELETE /api/v1/stopOrders" -> "cancel-all-stop-orders";
            case "POST /api/v1/bullet-public" -> "bullet-public";
            case "POST /api/v1/bullet-private" -> "bullet-private";
            default -> {
                if (method.equals("GET") && path.startsWith("/api/v1/contracts/")) yield "contract";
                if (method.equals("GET") && path.startsWith("/api/v1/funding-rate/")) yield "funding-rate-current";
                if (method.equals("GET") && path.startsWith("/api/v1/orders/")) yield "order-by-id";
                if (method.equals("DELETE") && path.startsWith("/api/v1/orders/client-order/")) yield "cancel-order-by-client-oid";
                if (method.equals("DELETE") && path.startsWith("/api/v1/orders/")) yield "cancel-order";
                throw new IllegalArgumentException("no example for " + method + " " + path);
            }
        };
        return TestFiles.openapi(name);
    }
}
