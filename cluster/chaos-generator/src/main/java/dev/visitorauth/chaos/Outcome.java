package dev.visitorauth.chaos;

/**
 * How one answer counts in the report. {@code UNAVAILABLE} is the allowed failure (503 with code
 * {@code unavailable}, from a node or from the balancer; gRPC {@code UNAVAILABLE}); {@code TIMEOUT}
 * is a request that got no answer (the client gave up, or the connection closed first: its outcome is
 * unknown, like a 503's); {@code SERVER_ERROR} is
 * any other 5xx or a gRPC status that means a server fault; {@code REFUSED} is a 4xx or a gRPC
 * refusal, whose correctness the checker judges by operation.
 */
enum Outcome {
    OK, REFUSED, UNAVAILABLE, TIMEOUT, SERVER_ERROR;

    /** An HTTP answer: its status and the problem's {@code code} member (or null). */
    static Outcome ofHttp(int status, String code) {
        if (status == 0) {
            return TIMEOUT;
        }
        if (status >= 200 && status < 300) {
            return OK;
        }
        if (status == 503 && "unavailable".equals(code)) {
            return UNAVAILABLE;
        }
        if (status >= 500) {
            return SERVER_ERROR;
        }
        return REFUSED;
    }

    /** A gRPC status code's name ({@code OK}, {@code UNAVAILABLE}, ...). */
    static Outcome ofGrpc(String status) {
        return switch (status) {
            case "OK" -> OK;
            case "UNAVAILABLE" -> UNAVAILABLE;
            case "DEADLINE_EXCEEDED", "CANCELLED" -> TIMEOUT;
            case "INTERNAL", "UNKNOWN", "DATA_LOSS", "UNIMPLEMENTED" -> SERVER_ERROR;
            default -> REFUSED;
        };
    }

    boolean unknownOutcome() {
        return this == UNAVAILABLE || this == TIMEOUT;
    }
}
