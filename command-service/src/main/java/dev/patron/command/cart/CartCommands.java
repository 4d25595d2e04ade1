package dev.patron.command.cart;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * The commands a cart handles. Each names its cart by the client's reference; the event stream of a cart is
 * {@code "cart:" + reference}, so a reference can never name another kind of aggregate's stream.
 */
public final class CartCommands {

    private CartCommands() {
    }

    static String streamOf(String reference) {
        return "cart:" + reference;
    }

    /** The item's prices are in the requested currency, which must be the cart's. */
    public record AddCartItem(String reference, CartCurrency currency, CartAccess access, String itemId, CartItem item) {
        @TargetAggregateIdentifier
        public String stream() {
            return streamOf(reference);
        }
    }

    /** A quantity of 0 takes the item out, as the contract's clients expect. */
    public record ChangeCartItemQuantity(String reference, CartAccess access, String itemId, int quantity) {
        @TargetAggregateIdentifier
        public String stream() {
            return streamOf(reference);
        }
    }

    public record RemoveCartItem(String reference, CartAccess access, String itemId) {
        @TargetAggregateIdentifier
        public String stream() {
            return streamOf(reference);
        }
    }

    public record EmptyCart(String reference, CartCurrency currency, CartAccess access) {
        @TargetAggregateIdentifier
        public String stream() {
            return streamOf(reference);
        }
    }

    public record AssociateCartWithCustomer(String reference, CartCurrency currency, CartAccess access,
                                            String customerId) {
        @TargetAggregateIdentifier
        public String stream() {
            return streamOf(reference);
        }
    }
}
