package dev.patron.command.address;

import com.mongodb.client.model.Projections;
import dev.patron.command.customer.ReadModelCatchUp;
import dev.patron.kit.web.ApiException;
import java.util.List;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.common.ExceptionUtils;
import org.axonframework.modelling.command.ConcurrencyException;
import org.bson.Document;
import org.springframework.stereotype.Service;

/**
 * Sends address commands and answers once the address read model shows their outcome, so that a client can read
 * what it wrote.
 * <p>
 * The read model is a contract with the query service: collection {@value #READ_MODEL}, one document per customer
 * ({@code _id} = customer id) holding {@code addresses.<addressId>.version}, the sequence number of the last event
 * applied to that address (deleted addresses keep theirs), and {@code customerDeleted: true} once the customer and
 * so all their addresses are gone.
 */
@Service
class AddressWrites {

    static final String CUSTOMER_NOT_FOUND = "Customer not found";
    static final String ADDRESS_NOT_FOUND = "Address not found";
    static final String WRITE_CONFLICT = "Write conflict detected";

    static final String READ_MODEL = "customer_addresses";
    private static final String ADDRESSES = "addresses";
    private static final String VERSION = "version";
    private static final String CUSTOMER_DELETED = "customerDeleted";

    private final CommandGateway commandGateway;
    private final ReadModelCatchUp readModel;

    AddressWrites(CommandGateway commandGateway, ReadModelCatchUp readModel) {
        this.commandGateway = commandGateway;
        this.readModel = readModel;
    }

    AddressState create(CreateAddress command) {
        return awaitReadModel(dispatch(command));
    }

    AddressState update(UpdateAddress command) {
        return awaitReadModel(dispatch(command));
    }

    void delete(DeleteAddress command) {
        awaitReadModel(dispatch(command));
    }

    private AddressState awaitReadModel(AddressState address) {
        String version = ADDRESSES + "." + address.addressId() + "." + VERSION;
        readModel.await(READ_MODEL, address.customerId(), Projections.include(version, CUSTOMER_DELETED),
                "version " + address.version() + " of address " + address.addressId(),
                addresses -> shows(addresses, address));
        return address;
    }

    /** A customer deleted meanwhile ends the wait too: their addresses will never show. */
    private static boolean shows(Document addresses, AddressState address) {
        if (addresses == null) {
            return false;
        }
        Number applied = addresses.getEmbedded(List.of(ADDRESSES, address.addressId(), VERSION), Number.class);
        return addresses.getBoolean(CUSTOMER_DELETED, false)
                || applied != null && applied.longValue() >= address.version();
    }

    private AddressState dispatch(Object command) {
        try {
            return commandGateway.sendAndWait(command);
        } catch (RuntimeException failure) {
            throw clientFacing(failure);
        }
    }

    private static RuntimeException clientFacing(RuntimeException failure) {
        if (ExceptionUtils.findException(failure, UnknownCustomerException.class).isPresent()) {
            return ApiException.notFound(CUSTOMER_NOT_FOUND);
        }
        if (ExceptionUtils.findException(failure, UnknownAddressException.class).isPresent()) {
            return ApiException.notFound(ADDRESS_NOT_FOUND);
        }
        if (ExceptionUtils.findException(failure, ConcurrencyException.class).isPresent()) {
            return ApiException.conflict(WRITE_CONFLICT);
        }
        return failure;
    }
}
