package dev.patron.command.order;

import dev.patron.command.cart.CartWrites;
import dev.patron.command.customer.UnknownCustomerException;
import dev.patron.command.order.OrderCommands.AnonymizeOrders;
import dev.patron.command.order.OrderCommands.PlaceOrder;
import dev.patron.command.write.Write;
import dev.patron.command.write.WritePipeline;
import dev.patron.contract.ApiException;
import dev.patron.contract.ErrorDetails;
import dev.patron.eventstore.privacy.DataKeyStore;
import dev.patron.eventstore.privacy.StorageSweep;
import dev.patron.progress.Projections;
import java.util.List;
import org.axonframework.eventsourcing.IncompatibleAggregateException;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;

/**
 * Sends checkout and order commands through the {@link WritePipeline}; answered once the order read model shows them,
 * so an order is in its customer's history when checkout answers.
 */
@Service
class OrderWrites {

    private static final Write CHECKOUT = CartWrites.answeringCartFailures(Write.awaiting(Projections.CUSTOMERS))
            .answering(UnknownCustomerException.class, () -> new ApiException(HttpStatus.UNPROCESSABLE_ENTITY,
                    ErrorDetails.CUSTOMER_NOT_FOUND, "data.customer.id"));

    /** The id of no order, or of another kind of aggregate (a customer's), is an order not found. */
    private static final Write ORDER_CHANGE = Write.awaiting(Projections.CUSTOMERS)
            .answering(AggregateNotFoundException.class, () -> ApiException.notFound(ErrorDetails.ORDER_NOT_FOUND))
            .answering(IncompatibleAggregateException.class, () -> ApiException.notFound(ErrorDetails.ORDER_NOT_FOUND));

    private static final Write ANONYMIZATION = Write.awaiting(Projections.CUSTOMERS)
            .answering(UnknownOrderException.class, unknown -> new ApiException(HttpStatus.UNPROCESSABLE_ENTITY,
                    ErrorDetails.ORDER_NOT_FOUND, "data.order_ids[" + unknown.index() + "]"));

    private final WritePipeline pipeline;
    private final DataKeyStore dataKeys;
    private final StorageSweep storageSweep;

    OrderWrites(WritePipeline pipeline, DataKeyStore dataKeys, StorageSweep storageSweep) {
        this.pipeline = pipeline;
        this.dataKeys = dataKeys;
        this.storageSweep = storageSweep;
    }

    OrderState checkOut(PlaceOrder command) {
        return pipeline.send(command, CHECKOUT);
    }

    OrderState change(Object orderCommand) {
        return pipeline.send(orderCommand, ORDER_CHANGE);
    }

    /**
     * Records each order's anonymization, all in one append, then destroys the orders' data keys, which erases their
     * personal data from every stored event, and asks the database to sweep the keys' old copies from its files.
     * Nothing is destroyed unless every order exists: an unknown id is a 422 naming it, and no order of the request is
     * touched.
     */
    List<OrderState> anonymize(List<String> orderIds) {
        List<OrderState> anonymized = pipeline.send(new AnonymizeOrders(orderIds), ANONYMIZATION);
        orderIds.forEach(dataKeys::destroy);
        storageSweep.request();
        return anonymized;
    }
}
