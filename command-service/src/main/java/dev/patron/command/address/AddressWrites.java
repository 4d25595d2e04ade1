package dev.patron.command.address;

import dev.patron.command.write.Write;
import dev.patron.command.write.WritePipeline;
import dev.patron.kit.web.ApiException;
import dev.patron.progress.Projections;
import org.springframework.stereotype.Service;

/** Sends address commands through the {@link WritePipeline}; answered once the address read model shows them. */
@Service
class AddressWrites {

    static final String CUSTOMER_NOT_FOUND = "Customer not found";
    static final String ADDRESS_NOT_FOUND = "Address not found";
    /** Addresses are read with their customer's; one projection builds both. */
    private static final Write ADDRESS_WRITE = Write.awaiting(Projections.CUSTOMERS)
            .answering(UnknownCustomerException.class, () -> ApiException.notFound(CUSTOMER_NOT_FOUND))
            .answering(UnknownAddressException.class, () -> ApiException.notFound(ADDRESS_NOT_FOUND));

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
