package dev.patron.command.address;

import dev.patron.command.customer.Customer;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.IncompatibleAggregateException;
import org.axonframework.modelling.command.Aggregate;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.modelling.command.Repository;
import org.springframework.stereotype.Component;

/**
 * Handles address commands outside the aggregate, because one aggregate cannot see another: every command first
 * loads the address's customer, so that an unknown or deleted customer's addresses can be neither added nor
 * changed. The customer is asked through its own event-sourced repository, never through a read model, which may
 * lag behind a deletion.
 */
@Component
class AddressCommandHandler {

    private final Repository<CustomerAddress> addresses;
    private final Repository<Customer> customers;

    AddressCommandHandler(Repository<CustomerAddress> addresses, Repository<Customer> customers) {
        this.addresses = addresses;
        this.customers = customers;
    }

    @CommandHandler
    AddressState handle(CreateAddress command) throws Exception {
        requireLiveCustomer(command.customerId());
        return addresses.newInstance(() -> new CustomerAddress(command)).invoke(CustomerAddress::state);
    }

    @CommandHandler
    AddressState handle(UpdateAddress command) {
        requireLiveCustomer(command.customerId());
        return load(command.addressId()).invoke(address -> address.update(command));
    }

    @CommandHandler
    AddressState handle(DeleteAddress command) {
        requireLiveCustomer(command.customerId());
        return load(command.addressId()).invoke(address -> address.delete(command));
    }

    /**
     * Loading is how an event-sourced aggregate is asked whether it is alive: the repository refuses an unknown
     * customer with {@link AggregateNotFoundException}, a deleted one with its subclass
     * {@code AggregateDeletedException}, and the id of another kind of aggregate (an address's, say) with
     * {@link IncompatibleAggregateException}, as its events never set a customer id.
     */
    private void requireLiveCustomer(String customerId) {
        try {
            customers.load(customerId);
        } catch (AggregateNotFoundException | IncompatibleAggregateException notACustomer) {
            throw new UnknownCustomerException(customerId);
        }
    }

    private Aggregate<CustomerAddress> load(String addressId) {
        try {
            return addresses.load(addressId);
        } catch (AggregateNotFoundException | IncompatibleAggregateException notAnAddress) {
            throw new UnknownAddressException(addressId);
        }
    }
}
