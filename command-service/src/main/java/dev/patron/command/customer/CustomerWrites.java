package dev.patron.command.customer;

import dev.patron.eventstore.privacy.DataKeyStore;
import dev.patron.kit.web.ApiException;
import dev.patron.kit.web.RequestDocument;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.common.ExceptionUtils;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.modelling.command.AggregateStreamCreationException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;

/**
 * Everything a customer write involves besides the aggregate, in the order that keeps it consistent: claim a new
 * email address before its event can be stored and give it back if the command fails; give up a replaced or
 * deleted customer's address after the event is stored; erase a deleted customer's personal data once their
 * deletion is stored; then wait for the read model, so the caller can read what they wrote.
 */
@Service
public class CustomerWrites {

    static final String CUSTOMER_NOT_FOUND = "Customer not found";
    static final String EMAIL_TAKEN = "The email address is already in use";
    static final String WRITE_CONFLICT = "Write conflict detected";

    private final CommandGateway commandGateway;
    private final EmailClaims emailClaims;
    private final DataKeyStore dataKeys;
    private final ReadModelCatchUp readModel;

    public CustomerWrites(CommandGateway commandGateway, EmailClaims emailClaims, DataKeyStore dataKeys,
                          ReadModelCatchUp readModel) {
        this.commandGateway = commandGateway;
        this.emailClaims = emailClaims;
        this.dataKeys = dataKeys;
        this.readModel = readModel;
    }

    public CustomerState create(CreateCustomer command) {
        claim(command.email(), command.customerId());
        CustomerState created = dispatch(command, () -> emailClaims.release(command.email(), command.customerId()));
        readModel.awaitCustomerVersion(created.customerId(), created.version());
        return created;
    }

    public CustomerState update(UpdateCustomer command) {
        String customerId = command.customerId();
        boolean claimedNow = command.email() != null && claim(command.email(), customerId);
        CustomerChange change = dispatch(command, () -> {
            if (claimedNow) {
                emailClaims.release(command.email(), customerId);
            }
        });
        if (!EmailAddresses.sameAddress(change.before().email(), change.after().email())) {
            emailClaims.release(change.before().email(), customerId);
        }
        readModel.awaitCustomerVersion(customerId, change.after().version());
        return change.after();
    }

    public void delete(String customerId) {
        CustomerState deleted = dispatch(new DeleteCustomer(customerId), () -> { });
        emailClaims.release(deleted.email(), customerId);
        dataKeys.destroy(customerId);
        readModel.awaitCustomerRemoval(customerId);
    }

    private boolean claim(String email, String customerId) {
        try {
            return emailClaims.claim(email, customerId);
        } catch (EmailClaims.EmailTakenException e) {
            throw new ApiException(HttpStatus.CONFLICT, EMAIL_TAKEN, RequestDocument.source("email"));
        }
    }

    /** Sends the command; on failure runs {@code undo} and answers the failures a client can act on. */
    private <R> R dispatch(Object command, Runnable undo) {
        try {
            return commandGateway.sendAndWait(command);
        } catch (RuntimeException failure) {
            try {
                undo.run();
            } catch (RuntimeException undoFailure) {
                failure.addSuppressed(undoFailure);
            }
            throw clientFacing(failure);
        }
    }

    private static RuntimeException clientFacing(RuntimeException failure) {
        if (ExceptionUtils.findException(failure, AggregateNotFoundException.class).isPresent()) {
            return ApiException.notFound(CUSTOMER_NOT_FOUND);
        }
        if (ExceptionUtils.findException(failure, cause -> cause instanceof ConcurrencyException
                || cause instanceof AggregateStreamCreationException).isPresent()) {
            return ApiException.conflict(WRITE_CONFLICT);
        }
        return failure;
    }
}
