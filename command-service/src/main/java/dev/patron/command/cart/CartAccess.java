package dev.patron.command.cart;

/**
 * Who asks for a cart, as far as the cart's rules care: the back office reaches every cart, a storefront reaches a
 * customer's cart only for that customer, and any other cart by its reference.
 *
 * @param customerId the signed-in customer the storefront acts for, or {@code null}
 */
public record CartAccess(boolean backOffice, String customerId) {

    boolean reaches(String cartCustomerId) {
        return backOffice || cartCustomerId == null || cartCustomerId.equals(customerId);
    }
}
