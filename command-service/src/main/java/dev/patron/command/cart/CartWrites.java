package dev.patron.command.cart;

import dev.patron.command.customer.UnknownCustomerException;
import dev.patron.command.write.Write;
import dev.patron.command.write.WritePipeline;
import dev.patron.contract.ApiException;
import dev.patron.contract.ErrorDetails;
import dev.patron.progress.Projections;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.springframework.stereotype.Service;

/**
 * Sends cart commands through the {@link WritePipeline}; answered once the cart read model shows them. A change that
 * lost a race with another change of the same cart is sent again on the new contents, so concurrent additions all
 * land.
 */
@Service
public class CartWrites {

    /** Enough for a burst of concurrent additions from one shopper's tabs; each retry reloads the cart. */
    private static final int TRIES_ON_CONFLICT = 8;

    /** How cart failures read to a client, for cart writes and for a checkout. */
    public static Write answeringCartFailures(Write write) {
        return write
                .answering(UnknownCartException.class, () -> ApiException.notFound(ErrorDetails.CART_NOT_FOUND))
                .answering(AggregateNotFoundException.class, () -> ApiException.notFound(ErrorDetails.CART_NOT_FOUND))
                .answering(UnknownCartItemException.class,
                        () -> ApiException.notFound(ErrorDetails.CART_ITEM_NOT_FOUND));
    }

    private static final Write CART_WRITE =
            answeringCartFailures(Write.awaiting(Projections.CUSTOMERS)).retryingConflicts(TRIES_ON_CONFLICT);

    /** An association names a customer, who must exist. */
    private static final Write ASSOCIATION_WRITE = CART_WRITE
            .answering(UnknownCustomerException.class, () -> ApiException.notFound(ErrorDetails.CUSTOMER_NOT_FOUND));

    private final WritePipeline pipeline;

    CartWrites(WritePipeline pipeline) {
        this.pipeline = pipeline;
    }

    CartContents send(Object cartCommand) {
        return pipeline.send(cartCommand, CART_WRITE);
    }

    CartContents associate(CartCommands.AssociateCartWithCustomer command) {
        return pipeline.send(command, ASSOCIATION_WRITE);
    }
}
