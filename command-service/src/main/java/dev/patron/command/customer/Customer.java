package dev.patron.command.customer;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;
import static org.axonframework.modelling.command.AggregateLifecycle.markDeleted;

import dev.patron.events.customer.CustomerCreated;
import dev.patron.events.customer.CustomerDeleted;
import dev.patron.events.customer.CustomerUpdated;
import dev.patron.events.customer.OidcIdentityLinked;
import dev.patron.events.customer.PasswordSet;
import dev.patron.events.privacy.DataSubjectId;
import dev.patron.events.privacy.PersonalData;
import dev.patron.customfields.CustomValues;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.axonframework.eventhandling.Timestamp;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.AggregateMember;
import org.axonframework.modelling.command.CreationPolicy;
import org.axonframework.serialization.Revision;
import org.axonframework.spring.stereotype.Aggregate;

/**
 * A customer as a stream of events. Handlers answer with the resulting {@link CustomerState}, whose
 * {@code version} is the sequence number of the latest event, so the caller can wait for the read model to
 * reach it. Commands for an unknown or deleted customer never reach a handler: the repository refuses to load
 * such an aggregate ({@code AggregateNotFoundException}, {@code AggregateDeletedException}).
 * <p>
 * The root keeps the customer's details and lifecycle; the password, sign-ins and single sign-on links are its
 * {@link Credentials} entity's, which handles those commands itself. Of the credentials' events only
 * {@link PasswordSet} changes the customer resource (its {@code password} attribute), so the root follows it too.
 * Hash upgrades and {@link OidcIdentityLinked} move neither {@code version}, which the read model must reach, nor
 * {@code updatedAt}.
 * <p>
 * Snapshots are serialized field by field by the event store's encrypting serializer, hence the personal-data
 * markers on the fields: a snapshot must not keep what erasing the customer's data key destroys. The credentials are
 * one such field, encrypted as one value. The revision is the snapshot's shape: a change of fields raises it, and
 * older snapshots are then ignored, not misread.
 * <p>
 * Custom field values are kept in two maps by slug, as the events carry them: those of fields that are personal
 * data (encrypted) and those of fields defined as not personal. Whether a value is personal is decided when it is
 * set, by its field's definition then.
 */
@Aggregate(snapshotTriggerDefinition = "patronSnapshotTrigger")
@Revision("4")
public class Customer {

    @AggregateIdentifier
    @DataSubjectId
    private String customerId;
    @PersonalData
    private String name;
    @PersonalData
    private String email;
    @PersonalData
    private String externalRef;
    @PersonalData
    private Map<String, Object> customFields = Map.of();
    private Map<String, Object> customFieldsInClear = Map.of();
    /** Read back from a snapshot as {@code null} once erased, which only a deleted customer's snapshot can be. */
    @AggregateMember
    @PersonalData
    private Credentials credentials = new Credentials();
    private Instant createdAt;
    private Instant updatedAt;
    private long version;

    /** For Axon: the creation handler below and event sourcing start from an empty customer. */
    protected Customer() {
    }

    /**
     * A creation handler in method form rather than a constructor: Axon answers a constructor handler with the
     * aggregate id only, while the caller needs the state and version the new stream ended at.
     */
    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.ALWAYS)
    public CustomerState handle(CreateCustomer command) {
        requireText(command.customerId(), "customer id");
        requireText(command.name(), "name");
        requireText(command.email(), "email");
        Credentials.requireHashOrNull(command.passwordHash());
        CustomValues values = CustomValues.NONE.changedBy(command.customFields());
        apply(new CustomerCreated(command.customerId(), command.name(), command.email(), command.externalRef(),
                values.personal(), values.inClear()));
        credentials.setPassword(command.passwordHash());
        return state();
    }

    /** Records only what really changes, so a repeated update adds no events. */
    @CommandHandler
    public CustomerChange handle(UpdateCustomer command) {
        requireTextOrNull(command.name(), "name");
        requireTextOrNull(command.email(), "email");
        Credentials.requireHashOrNull(command.passwordHash());
        CustomerState before = state();
        String newName = requestedOrCurrent(command.name(), name);
        String newEmail = requestedOrCurrent(command.email(), email);
        String newExternalRef = requestedOrCurrent(command.externalRef(), externalRef);
        CustomValues current = new CustomValues(customFields, customFieldsInClear);
        CustomValues newValues = current.changedBy(command.customFields());
        if (!newName.equals(name) || !newEmail.equals(email) || !Objects.equals(newExternalRef, externalRef)
                || !newValues.equals(current)) {
            apply(new CustomerUpdated(customerId, newName, newEmail, newExternalRef, newValues.personal(),
                    newValues.inClear()));
        }
        credentials.setPassword(command.passwordHash());
        return new CustomerChange(before, state());
    }

    /** Answers with the customer as it was when deleted, so the caller can release what it held (its email). */
    @CommandHandler
    public CustomerState handle(DeleteCustomer command) {
        apply(new CustomerDeleted(customerId));
        return state();
    }

    @EventSourcingHandler
    void on(CustomerCreated event, @SequenceNumber long sequence, @Timestamp Instant at) {
        customerId = event.customerId();
        createdAt = at;
        applyDetails(event.name(), event.email(), event.externalRef());
        applyCustomFields(event.customFields(), event.customFieldsInClear());
        recordVersion(sequence, at);
    }

    @EventSourcingHandler
    void on(CustomerUpdated event, @SequenceNumber long sequence, @Timestamp Instant at) {
        applyDetails(event.name(), event.email(), event.externalRef());
        applyCustomFields(event.customFields(), event.customFieldsInClear());
        recordVersion(sequence, at);
    }

    /** The customer now has a password, or another one; the hash itself is the credentials' to keep. */
    @EventSourcingHandler
    void on(PasswordSet event, @SequenceNumber long sequence, @Timestamp Instant at) {
        recordVersion(sequence, at);
    }

    @EventSourcingHandler
    void on(CustomerDeleted event, @SequenceNumber long sequence, @Timestamp Instant at) {
        recordVersion(sequence, at);
        markDeleted();
    }

    private void applyDetails(String newName, String newEmail, String newExternalRef) {
        name = newName;
        email = newEmail;
        externalRef = newExternalRef;
    }

    private void applyCustomFields(Map<String, Object> personal, Map<String, Object> inClear) {
        CustomValues values = new CustomValues(personal, inClear);
        customFields = values.personal();
        customFieldsInClear = values.inClear();
    }

    private void recordVersion(long sequence, Instant at) {
        version = sequence;
        updatedAt = at;
    }

    /** The customer as they are now, for a command of another aggregate that depends on them. */
    CustomerState state() {
        return new CustomerState(customerId, name, email, externalRef, credentials.hasPassword(), createdAt, updatedAt,
                version, new CustomValues(customFields, customFieldsInClear).all());
    }

    private static String requestedOrCurrent(String requested, String current) {
        return requested != null ? requested : current;
    }

    private static void requireText(String value, String field) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("A customer's " + field + " must not be blank");
        }
    }

    private static void requireTextOrNull(String value, String field) {
        if (value != null) {
            requireText(value, field);
        }
    }
}
