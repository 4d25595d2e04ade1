package dev.patron.kit.security;

/**
 * Who besides the back office (which may call everything) may make a call.
 */
public enum AllowedCaller {
    /** No token at all: health checks, metrics scraping, getting a token, the public keys, the API description. */
    ANYONE,
    /** Any valid access token, storefront or back office. */
    STOREFRONT,
    /**
     * Any valid access token; a customer token, when one is sent, must be valid too, and the call then acts for that
     * customer (a checkout linked to the shopper, or a guest's when none is sent).
     */
    SHOPPER,
    /** A storefront token plus the customer token of any customer: the call acts for that customer only. */
    SIGNED_IN_CUSTOMER,
    /** A storefront token plus the customer token of the customer whose id is the {@code customerId} path part. */
    THAT_CUSTOMER,
    /** Only a back-office token. */
    BACK_OFFICE_ONLY
}
