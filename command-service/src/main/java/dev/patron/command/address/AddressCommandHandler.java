package dev.patron.command.address;

import dev.patron.command.customer.LiveCustomers;
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
    private final LiveCustomers liveCustomers;

    AddressCommandHandler(Repository<CustomerAddress> addresses, LiveCustomers liveCustomers) {
        this.addresses = addresses;
        this.liveCustomers = liveCustomers;
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

    private void requireLiveCustomer(String customerId) {
        liveCustomers.require(customerId);
    }

    private Aggregate<CustomerAddress> load(String addressId) {
        try {
            return addresses.load(addressId);
        } catch (AggregateNotFoundException | IncompatibleAggregateException notAnAddress) {
            throw new UnknownAddressException(addressId);
        }
    }
}
