package dev.patron.command.address;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;
import static org.axonframework.modelling.command.AggregateLifecycle.markDeleted;

import dev.patron.events.address.AddressCreated;
import dev.patron.events.address.AddressCreated.Details;
import dev.patron.events.address.AddressDeleted;
import dev.patron.events.address.AddressUpdated;
import dev.patron.events.privacy.DataSubjectId;
import dev.patron.events.privacy.PersonalData;
import dev.patron.customfields.CustomValues;
import java.time.Instant;
import java.util.Map;
import org.axonframework.eventhandling.SequenceNumber;
import org.axonframework.eventhandling.Timestamp;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.serialization.Revision;
import org.axonframework.spring.stereotype.Aggregate;

/**
 * One address of one customer, as a stream of events. Commands reach it through {@link AddressCommandHandler},
 * which first makes sure the customer exists; the address itself makes sure it is that customer's.
 * <p>
 * Snapshots are serialized field by field by the event store's encrypting serializer, hence the personal-data
 * marker on the details and the customer id as data subject: erasing the customer erases snapshots too. Custom field
 * values are kept in two maps as a customer's are. The revision is the snapshot's shape: older snapshots are ignored.
 */
@Aggregate(snapshotTriggerDefinition = "patronSnapshotTrigger")
@Revision("2")
public class CustomerAddress {

    @AggregateIdentifier
    private String addressId;
    @DataSubjectId
    private String customerId;
    @PersonalData
    private Details details;
    @PersonalData
    private Map<String, Object> customFields = Map.of();
    private Map<String, Object> customFieldsInClear = Map.of();
    private Instant createdAt;
    private Instant updatedAt;
    private long version;

    /** For Axon: event sourcing starts from an empty address. */
    protected CustomerAddress() {
    }

    CustomerAddress(CreateAddress command) {
        requireText(command.addressId(), "id");
        requireText(command.customerId(), "customer id");
        requireComplete(command.details());
        CustomValues values = CustomValues.NONE.changedBy(command.customFields());
        apply(new AddressCreated(command.addressId(), command.customerId(), command.details(), values.personal(),
                values.inClear()));
    }

    /** Records only a real change, so a repeated update adds no events. */
    AddressState update(UpdateAddress command) {
        requireOwnedBy(command.customerId());
        Details changed = merge(details, command.changes());
        requireComplete(changed);
        CustomValues current = new CustomValues(customFields, customFieldsInClear);
        CustomValues changedValues = current.changedBy(command.customFields());
        if (!changed.equals(details) || !changedValues.equals(current)) {
            apply(new AddressUpdated(addressId, customerId, changed, changedValues.personal(),
                    changedValues.inClear()));
        }
        return state();
    }

    AddressState delete(DeleteAddress command) {
        requireOwnedBy(command.customerId());
        apply(new AddressDeleted(addressId, customerId));
        return state();
    }

    AddressState state() {
        return new AddressState(addressId, customerId, details, createdAt, updatedAt, version,
                new CustomValues(customFields, customFieldsInClear).all());
    }

    @EventSourcingHandler
    void on(AddressCreated event, @SequenceNumber long sequence, @Timestamp Instant at) {
        addressId = event.addressId();
        customerId = event.customerId();
        details = event.details();
        applyCustomFields(event.customFields(), event.customFieldsInClear());
        createdAt = at;
        recordVersion(sequence, at);
    }

    @EventSourcingHandler
    void on(AddressUpdated event, @SequenceNumber long sequence, @Timestamp Instant at) {
        details = event.details();
        applyCustomFields(event.customFields(), event.customFieldsInClear());
        recordVersion(sequence, at);
    }

    @EventSourcingHandler
    void on(AddressDeleted event, @SequenceNumber long sequence, @Timestamp Instant at) {
        recordVersion(sequence, at);
        markDeleted();
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

    /** Another customer's address is answered like one that does not exist: nothing about it is revealed. */
    private void requireOwnedBy(String requestingCustomerId) {
        if (!customerId.equals(requestingCustomerId)) {
            throw new UnknownAddressException(addressId);
        }
    }

    private static Details merge(Details current, Details changes) {
        return new Details(
                changedOrCurrent(changes.name(), current.name()),
                changedOrCurrent(changes.firstName(), current.firstName()),
                changedOrCurrent(changes.lastName(), current.lastName()),
                changedOrCurrent(changes.companyName(), current.companyName()),
                changedOrCurrent(changes.phoneNumber(), current.phoneNumber()),
                changedOrCurrent(changes.instructions(), current.instructions()),
                changedOrCurrent(changes.line1(), current.line1()),
                changedOrCurrent(changes.line2(), current.line2()),
                changedOrCurrent(changes.city(), current.city()),
                changedOrCurrent(changes.county(), current.county()),
                changedOrCurrent(changes.region(), current.region()),
                changedOrCurrent(changes.postcode(), current.postcode()),
                changedOrCurrent(changes.country(), current.country()));
    }

    private static String changedOrCurrent(String change, String current) {
        return change != null ? change : current;
    }

    /** The parts without which a parcel cannot be addressed. */
    private static void requireComplete(Details address) {
        if (address == null) {
            throw new IllegalArgumentException("An address must have details");
        }
        requireText(address.firstName(), "first name");
        requireText(address.lastName(), "last name");
        requireText(address.line1(), "first line");
        requireText(address.postcode(), "postcode");
        requireText(address.country(), "country");
    }

    private static void requireText(String value, String part) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("An address's " + part + " must not be blank");
        }
    }
}
