package dev.patron.command.cart;

/**
 * The currency a request asks for ({@code X-Moltin-Currency}), if any, and the store's default. A new cart takes the
 * requested one, else the default; a cart's currency never changes afterwards, since Patron converts nothing.
 *
 * @param requested an ISO 4217 code, or {@code null} when the request named none
 */
public record CartCurrency(String requested, String storeDefault) {

    String forNewCart() {
        return requested != null ? requested : storeDefault;
    }

    /** Whether prices given in this request may be taken as amounts in {@code cartCurrency}. */
    boolean agreesWith(String cartCurrency) {
        return requested == null || requested.equals(cartCurrency);
    }
}
