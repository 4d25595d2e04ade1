package dev.patron.contract;

import org.springframework.http.HttpStatusCode;

/**
 * Fixed wording for errors whose cause must not, or need not, be described to the client: the same words for the same
 * status wherever the API host answers, in a service or at the gateway in front of them.
 */
public final class ErrorDetails {

    public static final String NO_RESOURCE = "No resource found at this path";
    /** Said alike by the command and the query side. */
    public static final String CUSTOMER_NOT_FOUND = "Customer not found";
    public static final String ADDRESS_NOT_FOUND = "Address not found";
    /** Also the answer for another customer's cart or order: nothing about it is revealed. */
    public static final String CART_NOT_FOUND = "Cart not found";
    public static final String CART_ITEM_NOT_FOUND = "Cart item not found";
    public static final String ORDER_NOT_FOUND = "Order not found";
    public static final String FLOW_NOT_FOUND = "Flow not found";
    public static final String FIELD_NOT_FOUND = "Field not found";
    /** A write that lost a race with a concurrent write of the same resource, as the contract words it. */
    public static final String WRITE_CONFLICT = "Write conflict detected";
    /**
     * Requests refused by the HTTP server itself, before any of Patron's code could read them (Tomcat in a service,
     * Netty at the gateway): which part was wrong is the server's knowledge, and what it would say names its insides.
     */
    static final String MALFORMED_REQUEST = "The request is not valid HTTP, or its path cannot be read";
    static final String URL_TOO_LONG = "The request line is longer than this server accepts";
    static final String HEADERS_TOO_LARGE = "The request headers are larger than this server accepts";
    static final String METHOD_NOT_ALLOWED = "This method is not allowed here";
    static final String NOT_IMPLEMENTED = "This server does not implement what the request asks for";
    static final String SERVICE_UNAVAILABLE = "The service behind this path is not available; try again shortly";
    static final String SERVICE_TOO_SLOW = "The service behind this path did not answer in time";
    static final String SERVER_FAILED = "The server could not process this request";

    private ErrorDetails() {
    }

    public static ApiError generic(HttpStatusCode status) {
        return ApiError.of(status, switch (status.value()) {
            case 400 -> MALFORMED_REQUEST;
            case 404 -> NO_RESOURCE;
            case 405 -> METHOD_NOT_ALLOWED;
            case 414 -> URL_TOO_LONG;
            case 431 -> HEADERS_TOO_LARGE;
            case 501 -> NOT_IMPLEMENTED;
            case 503 -> SERVICE_UNAVAILABLE;
            case 504 -> SERVICE_TOO_SLOW;
            default -> status.is5xxServerError() ? SERVER_FAILED : ApiError.titleOf(status);
        });
    }
}
