package dev.patron.command.address;

import dev.patron.contract.ErrorDetails;
import dev.patron.command.customer.UnknownCustomerException;
import dev.patron.command.write.Write;
import dev.patron.command.write.WritePipeline;
import dev.patron.contract.ApiException;
import dev.patron.progress.Projections;
import org.springframework.stereotype.Service;

/** Sends address commands through the {@link WritePipeline}; answered once the address read model shows them. */
@Service
class AddressWrites {

    /** Addresses are read with their customer's; one projection builds both. */
    private static final Write ADDRESS_WRITE = Write.awaiting(Projections.CUSTOMERS)
            .answering(UnknownCustomerException.class, () -> ApiException.notFound(ErrorDetails.CUSTOMER_NOT_FOUND))
            .answering(UnknownAddressException.class, () -> ApiException.notFound(ErrorDetails.ADDRESS_NOT_FOUND));

    private final WritePipeline pipeline;

    AddressWrites(WritePipeline pipeline) {
        this.pipeline = pipeline;
    }

    AddressState create(CreateAddress command) {
        return pipeline.send(command, ADDRESS_WRITE);
    }

    AddressState update(UpdateAddress command) {
        return pipeline.send(command, ADDRESS_WRITE);
    }

    void delete(DeleteAddress command) {
        pipeline.send(command, ADDRESS_WRITE);
    }
}
