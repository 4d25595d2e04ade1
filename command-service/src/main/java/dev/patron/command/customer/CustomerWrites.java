package dev.patron.command.customer;

import dev.patron.eventstore.privacy.DataKeyStore;
import dev.patron.kit.web.ApiException;
import dev.patron.kit.web.RequestDocument;
import java.util.function.Consumer;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.common.ExceptionUtils;
import org.axonframework.eventsourcing.AggregateDeletedException;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.modelling.command.AggregateStreamCreationException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;

/**
 * Everything a customer write involves besides the aggregate, in the order that keeps it consistent: claim a new
 * email address before its event can be stored and give it back if the command fails; erase a deleted customer's
 * personal data once their deletion is stored; give up a replaced or deleted customer's address after the event is
 * stored; then wait for the read model, so the caller can read what they wrote.
 */
@Service
public class CustomerWrites {

    static final String CUSTOMER_NOT_FOUND = "Customer not found";
    static final String EMAIL_TAKEN = "The email address is already in use";
    public static final String WRITE_CONFLICT = "Write conflict detected";
    private static final Logger log = LoggerFactory.getLogger(CustomerWrites.class);

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
        CustomerState created = dispatch(command,
                failure -> emailClaims.release(command.email(), command.customerId()));
        readModel.awaitCustomerVersion(created.customerId(), created.version());
        return created;
    }

    public CustomerState update(UpdateCustomer command) {
        String customerId = command.customerId();
        boolean claimedNow = command.email() != null && claim(command.email(), customerId);
        CustomerChange change = dispatch(command, failure -> {
            if (claimedNow) {
                emailClaims.release(command.email(), customerId);
            }
        });
        if (!EmailAddresses.sameAddress(change.before().email(), change.after().email())) {
            releaseAfterStoredChange(change.before().email(), customerId);
        }
        readModel.awaitCustomerVersion(customerId, change.after().version());
        return change.after();
    }

    /**
     * Erasure comes first and its failure fails the request: it is the one step that must not be skipped. A client
     * that retries finds the customer deleted, and the retry finishes the erasure before answering 404.
     */
    public void delete(String customerId) {
        CustomerState deleted = dispatch(new DeleteCustomer(customerId), failure -> {
            if (ExceptionUtils.findException(failure, AggregateDeletedException.class).isPresent()) {
                dataKeys.destroy(customerId);
            }
        });
        dataKeys.destroy(customerId);
        releaseAfterStoredChange(deleted.email(), customerId);
        readModel.awaitCustomerRemoval(customerId);
    }

    private boolean claim(String email, String customerId) {
        try {
            return emailClaims.claim(email, customerId);
        } catch (EmailClaims.EmailTakenException e) {
            throw new ApiException(HttpStatus.CONFLICT, EMAIL_TAKEN, RequestDocument.source("email"));
        }
    }

    /**
     * Once the change is stored the request has succeeded; failing to free the old address only keeps it reserved,
     * which is no reason to tell the client their write failed.
     */
    private void releaseAfterStoredChange(String email, String customerId) {
        try {
            emailClaims.release(email, customerId);
        } catch (RuntimeException e) {
            log.warn("Could not release the former email claim of customer {}", customerId, e);
        }
    }

    /** Sends the command; on failure runs {@code undo} and answers the failures a client can act on. */
    private <R> R dispatch(Object command, Consumer<RuntimeException> undo) {
        try {
            return commandGateway.sendAndWait(command);
        } catch (RuntimeException failure) {
            try {
                undo.accept(failure);
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
