package dev.patron.bench;

/**
 * One command the crash test sent and how it was answered. The ids name what it acted on (or, for a creation, what
 * the answer said it created); {@code name}, {@code email} and {@code line1} are what it set, each carrying the
 * command's number, so that a read model's content tells which command it came from. {@code status} is -1 when no
 * answer came (the connection dropped or timed out); {@code requestId} is Patron's {@code X-Request-Id}, absent when
 * no service answered.
 */
record CrashCommand(
        int number,
        CrashCommandType type,
        String customerId,
        String addressId,
        String cartReference,
        String orderId,
        String name,
        String email,
        String line1,
        int status,
        String requestId,
        String failure) {

    enum Outcome {
        /** Answered as intended: 2xx, or the 401 of a wrong password. */
        CONFIRMED,
        /** Another 4xx: the command was refused and must have stored nothing. */
        REFUSED,
        /** No answer, or a 5xx: it may have been stored, or not, but never twice. */
        UNKNOWN
    }

    Outcome outcome() {
        if (status == type.confirmingStatus()) {
            return Outcome.CONFIRMED;
        }
        return status >= 400 && status < 500 ? Outcome.REFUSED : Outcome.UNKNOWN;
    }

    /**
     * What the command acted on, by which its stored events are matched when its request id is not known: the
     * customer, the address, the cart or the order (nothing for a sign-up, which names no existing resource).
     */
    String target() {
        return switch (type) {
            case SIGN_UP -> "";
            case UPDATE_CUSTOMER, SIGN_IN, WRONG_PASSWORD, CREATE_ADDRESS -> customerId;
            case UPDATE_ADDRESS, DELETE_ADDRESS -> addressId;
            case ADD_CART_ITEM, CHECK_OUT -> cartReference;
            case PAY_ORDER -> orderId;
        };
    }
}
