package dev.patron.command.cart;

import dev.patron.command.cart.CartCommands.AssociateCartWithCustomer;
import dev.patron.command.customer.LiveCustomers;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.modelling.command.Repository;
import org.springframework.stereotype.Component;

/**
 * Associates carts with customers outside the cart, because one aggregate cannot see another: the customer must
 * exist when their cart is recorded as theirs.
 */
@Component
class CartAssociationHandler {

    private final Repository<Cart> carts;
    private final LiveCustomers liveCustomers;

    CartAssociationHandler(Repository<Cart> carts, LiveCustomers liveCustomers) {
        this.carts = carts;
        this.liveCustomers = liveCustomers;
    }

    /** Like every cart command that may come first, it creates the cart on the first use of its reference. */
    @CommandHandler
    CartContents handle(AssociateCartWithCustomer command) throws Exception {
        liveCustomers.require(command.customerId());
        return carts.loadOrCreate(command.stream(), Cart::new).invoke(cart -> cart.associate(command));
    }
}
