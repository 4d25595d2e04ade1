package dev.patron.command.customer;

import org.axonframework.eventsourcing.IncompatibleAggregateException;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.modelling.command.Repository;
import org.springframework.stereotype.Component;

/**
 * Asks whether a customer exists, for commands of other aggregates that must not outlive their customer (an address,
 * an order). Asked of the customer's own event-sourced repository, never of a read model, which may lag behind a
 * deletion; so it runs inside the command's handling, where the repository can load.
 */
@Component
public class LiveCustomers {

    private final Repository<Customer> customers;

    public LiveCustomers(Repository<Customer> customers) {
        this.customers = customers;
    }

    /**
     * The customer as they are now. Loading is how an event-sourced aggregate is asked whether it is alive: the
     * repository refuses an unknown customer with {@link AggregateNotFoundException}, a deleted one with its subclass
     * {@code AggregateDeletedException}, and the id of another kind of aggregate (an address's, say) with
     * {@link IncompatibleAggregateException}, as its events never set a customer id.
     *
     * @throws UnknownCustomerException for all of these
     */
    public CustomerState require(String customerId) {
        try {
            return customers.load(customerId).invoke(Customer::state);
        } catch (AggregateNotFoundException | IncompatibleAggregateException notACustomer) {
            throw new UnknownCustomerException(customerId);
        }
    }
}
