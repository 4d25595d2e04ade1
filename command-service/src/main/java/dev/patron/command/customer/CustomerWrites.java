package dev.patron.command.customer;

import dev.patron.contract.ErrorDetails;
import dev.patron.command.customer.login.SignInFailures;
import dev.patron.command.write.Write;
import dev.patron.command.write.WritePipeline;
import dev.patron.eventstore.privacy.DataKeyStore;
import dev.patron.events.customer.CustomerCreated;
import dev.patron.events.customer.CustomerDeleted;
import dev.patron.events.customer.CustomerUpdated;
import dev.patron.eventstore.privacy.StorageSweep;
import dev.patron.contract.ApiException;
import dev.patron.contract.RequestDocument;
import dev.patron.progress.Projections;
import java.util.List;
import java.util.Optional;
import org.axonframework.common.ExceptionUtils;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventsourcing.AggregateDeletedException;
import org.axonframework.eventsourcing.eventstore.DomainEventStream;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;

/**
 * Everything a customer write involves besides the aggregate, in the order that keeps it consistent: claim a new
 * email address before its event can be stored and give it back if the command fails; erase a deleted customer's
 * personal data once their deletion is stored; give up a replaced or deleted customer's address after the event is
 * stored; forgive the failed sign-ins counted for the customer's address once a new password is stored. The
 * {@link WritePipeline} sends the command and answers once the customer read model shows the write.
 */
@Service
public class CustomerWrites {

    static final String EMAIL_TAKEN = "The email address is already in use";
    private static final Logger log = LoggerFactory.getLogger(CustomerWrites.class);
    private static final Write CUSTOMER_WRITE = Write.awaiting(Projections.CUSTOMERS)
            .answering(AggregateNotFoundException.class, () -> ApiException.notFound(ErrorDetails.CUSTOMER_NOT_FOUND));

    private final WritePipeline pipeline;
    private final EmailClaims emailClaims;
    private final DataKeyStore dataKeys;
    private final SignInFailures signInFailures;
    private final StorageSweep storageSweep;
    private final EventStore eventStore;

    public CustomerWrites(WritePipeline pipeline, EmailClaims emailClaims, DataKeyStore dataKeys,
                          SignInFailures signInFailures, StorageSweep storageSweep, EventStore eventStore) {
        this.pipeline = pipeline;
        this.emailClaims = emailClaims;
        this.dataKeys = dataKeys;
        this.signInFailures = signInFailures;
        this.storageSweep = storageSweep;
        this.eventStore = eventStore;
    }

    /**
     * The new customer's data key is made up front, saving its events the lookup of a key that cannot exist yet.
     * <p>
     * The address is claimed before the customer's events are stored, and no transaction joins the two: a process
     * that dies in between (the crash test kills them) leaves a claim whose customer was never stored, and the person
     * who retries would be told forever that their address is in use. So a claim whose customer was never stored
     * goes to the next sign-up with that address, which creates the customer under the claim's id: should the first
     * sign-up's events arrive after all, the two meet at that customer's first sequence number and one of them fails
     * (409), so an address never has two customers. The same holds for two sign-ups racing for one address.
     * <p>
     * A creation that fails gives its claim back unless its customer is stored with this address: the one that lost
     * such a race leaves the claim to the customer the other one stored.
     *
     * @return the customer created, whose id is the claim's when an earlier sign-up's claim was taken over
     */
    public CustomerState create(CreateCustomer command) {
        CreateCustomer creating = claimForNewCustomer(command);
        dataKeys.createKeys(List.of(creating.customerId()));
        return pipeline.send(creating, CUSTOMER_WRITE.undoingOnFailure(failure -> {
            if (!storedHoldingAddress(creating.customerId(), creating.email())) {
                emailClaims.release(creating.email(), creating.customerId());
            }
        }));
    }

    public CustomerState update(UpdateCustomer command) {
        String customerId = command.customerId();
        boolean claimedNow = command.email() != null && claim(command.email(), customerId);
        CustomerChange change = pipeline.send(command, CUSTOMER_WRITE.undoingOnFailure(failure -> {
            if (claimedNow) {
                emailClaims.release(command.email(), customerId);
            }
        }));
        if (!EmailAddresses.sameAddress(change.before().email(), change.after().email())) {
            releaseAfterStoredChange(change.before().email(), customerId);
        }
        if (command.passwordHash() != null) {
            forgiveSignInFailures(change.after().email(), customerId);
        }
        return change.after();
    }

    /**
     * Erasure comes first and its failure fails the request: it is the one step that must not be skipped. A client
     * that retries finds the customer deleted, and the retry finishes the erasure before answering 404. Then the
     * database is asked to sweep what the erasure removed from its files (the read model's copies are removed by the
     * projection, which asks too).
     */
    public void delete(String customerId) {
        CustomerState deleted = pipeline.send(new DeleteCustomer(customerId), CUSTOMER_WRITE.undoingOnFailure(failure -> {
            if (ExceptionUtils.findException(failure, AggregateDeletedException.class).isPresent()) {
                dataKeys.destroy(customerId);
                storageSweep.request();
            }
        }));
        dataKeys.destroy(customerId);
        releaseAfterStoredChange(deleted.email(), customerId);
        storageSweep.request();
    }

    /** The command with the address claimed for its customer, or for the customer of a claim never followed up. */
    private CreateCustomer claimForNewCustomer(CreateCustomer command) {
        while (true) {
            try {
                emailClaims.claim(command.email(), command.customerId());
                return command;
            } catch (EmailClaims.EmailTakenException taken) {
                Optional<String> holder = emailClaims.holder(command.email());
                if (holder.isPresent()) {
                    if (everStored(holder.get())) {
                        throw new ApiException(HttpStatus.CONFLICT, EMAIL_TAKEN, RequestDocument.source("email"));
                    }
                    log.info("Taking over the email claim of customer {}, whose sign-up was never stored",
                            holder.get());
                    return new CreateCustomer(holder.get(), command.name(), command.email(), command.externalRef(),
                            command.passwordHash(), command.customFields());
                }
                // Given back between the claim and the look: claim it again.
            }
        }
    }

    /** Whether any event of the customer was ever stored (a deleted customer's were): their last sequence number. */
    private boolean everStored(String customerId) {
        return eventStore.lastSequenceNumberFor(customerId).isPresent();
    }

    /**
     * Whether the customer's stored events leave them holding the address (a deleted customer holds none). Read from
     * their first event, not a snapshot: only on the path of a failed creation.
     */
    private boolean storedHoldingAddress(String customerId, String email) {
        String holds = null;
        DomainEventStream events = eventStore.readEvents(customerId, 0);
        while (events.hasNext()) {
            Object payload = events.next().getPayload();
            if (payload instanceof CustomerCreated created) {
                holds = created.email();
            } else if (payload instanceof CustomerUpdated updated) {
                holds = updated.email();
            } else if (payload instanceof CustomerDeleted) {
                holds = null;
            }
        }
        return holds != null && EmailAddresses.sameAddress(holds, email);
    }

    private boolean claim(String email, String customerId) {
        try {
            return emailClaims.claim(email, customerId);
        } catch (EmailClaims.EmailTakenException e) {
            throw new ApiException(HttpStatus.CONFLICT, EMAIL_TAKEN, RequestDocument.source("email"));
        }
    }

    /**
     * Failures guessed at the old password no longer count: a new password is how the back office lets a locked-out
     * customer in. The password is stored by then, so a failure here is logged, not answered; the lockout then runs
     * its course.
     */
    private void forgiveSignInFailures(String email, String customerId) {
        try {
            signInFailures.forgive(email, GenericEventMessage.clock.instant());
        } catch (RuntimeException e) {
            log.warn("Could not forgive the failed sign-ins of customer {} after a new password", customerId, e);
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
}
