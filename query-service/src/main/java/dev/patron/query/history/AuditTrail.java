package dev.patron.query.history;

import dev.patron.contract.AddressResource;
import dev.patron.contract.CustomerResource;
import dev.patron.contract.ObservableEvents;
import dev.patron.customfields.CustomValues;
import dev.patron.customfields.FieldRecord;
import dev.patron.customfields.FieldValues;
import dev.patron.eventstore.MongoEventStorageEngine;
import dev.patron.eventstore.MongoEventStorageEngine.PositionedEvent;
import dev.patron.eventstore.privacy.DataKeyStore;
import dev.patron.events.address.AddressCreated;
import dev.patron.events.address.AddressDeleted;
import dev.patron.events.address.AddressUpdated;
import dev.patron.events.customer.CustomerCreated;
import dev.patron.events.customer.CustomerDeleted;
import dev.patron.events.customer.CustomerUpdated;
import dev.patron.events.customer.PasswordSet;
import dev.patron.events.metadata.EventMetadata;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.springframework.stereotype.Component;

/**
 * A customer's story told from the event store itself, not from the read models: every observable change of the
 * customer, their addresses and their orders, in the order it happened (global position), with who made it and what it
 * changed; and the customer and their addresses as they were at any instant. Personal data reads as the event store
 * gives it: in clear while the customer's data key exists, {@code null} once they were erased.
 * <p>
 * Costs one lookup of the customer's streams and one aggregate read per stream (index lookups on every server); a
 * customer's story is read whole, which is what an audit asks for.
 */
@Component
public class AuditTrail {

    private final CustomerStreams streams;
    private final MongoEventStorageEngine eventStore;
    private final DataKeyStore dataKeys;

    AuditTrail(CustomerStreams streams, EventStorageEngine eventStore, DataKeyStore dataKeys) {
        if (!(eventStore instanceof MongoEventStorageEngine patronEventStore)) {
            throw new IllegalStateException("The audit trail reads Patron's own event store, not " + eventStore);
        }
        this.streams = streams;
        this.eventStore = patronEventStore;
        this.dataKeys = dataKeys;
    }

    /** One observable change in a customer's story. */
    public record Entry(String id, String type, Instant occurredAt, long sequence, long position, String resourceType,
                        String resourceId, EventMetadata.Actor actor, String requestId, List<Change> changes) {
    }

    /** A field of a resource, before and after a change; {@code before} is {@code null} for a new resource. */
    public record Change(String field, Object before, Object after) {
    }

    /** The story, or empty for an id no customer ever had. */
    public Optional<History> history(String customerId) {
        List<PositionedEvent> events = eventsOf(customerId);
        if (events.isEmpty()) {
            return Optional.empty();
        }
        Map<String, Map<String, Object>> resources = new HashMap<>();
        List<Entry> entries = new ArrayList<>();
        for (PositionedEvent positioned : events) {
            DomainEventMessage<?> event = positioned.event();
            ObservableEvents.describe(event.getPayload()).ifPresent(observable -> {
                Map<String, Object> fields = new LinkedHashMap<>(observable.data());
                String resourceType = (String) fields.remove("type");
                fields.remove("id");
                Map<String, Object> before = resources.computeIfAbsent(observable.resourceId(), id -> new HashMap<>());
                List<Change> changes = new ArrayList<>();
                fields.forEach((field, after) -> {
                    if (!before.containsKey(field) || !Objects.equals(before.get(field), after)) {
                        changes.add(new Change(field, before.get(field), after));
                    }
                });
                before.putAll(fields);
                Object requestId = event.getMetaData().get(EventMetadata.REQUEST_ID);
                entries.add(new Entry(event.getIdentifier(), observable.type(), event.getTimestamp(),
                        event.getSequenceNumber(), positioned.position(), resourceType, observable.resourceId(),
                        EventMetadata.actorOf(event.getMetaData()), requestId == null ? null : requestId.toString(),
                        changes));
            });
        }
        return Optional.of(new History(entries, dataKeys.keyForReading(customerId).isEmpty()));
    }

    /**
     * @param personalDataErased whether the customer's data key is destroyed: every personal field then reads as
     *                           {@code null}, in every entry
     */
    public record History(List<Entry> entries, boolean personalDataErased) {
    }

    /**
     * The customer as they were at {@code at}: empty before they were created and after they were deleted. Their
     * custom field values then, shown as the fields in force now show them.
     */
    public Optional<CustomerResource> customerAt(String customerId, Instant at, List<FieldRecord> customFields) {
        CustomerState state = null;
        for (PositionedEvent positioned : streamUpTo(customerId, at)) {
            DomainEventMessage<?> event = positioned.event();
            Object payload = event.getPayload();
            Instant time = event.getTimestamp();
            if (payload instanceof CustomerCreated created) {
                state = new CustomerState(created.name(), created.email(), created.externalRef(), false, time, time,
                        new CustomValues(created.customFields(), created.customFieldsInClear()).all());
            } else if (state != null && payload instanceof CustomerUpdated updated) {
                state = new CustomerState(updated.name(), updated.email(), updated.externalRef(), state.hasPassword(),
                        state.createdAt(), time,
                        new CustomValues(updated.customFields(), updated.customFieldsInClear()).all());
            } else if (state != null && payload instanceof PasswordSet) {
                state = new CustomerState(state.name(), state.email(), state.externalRef(), true, state.createdAt(),
                        time, state.customFields());
            } else if (payload instanceof CustomerDeleted) {
                state = null;
            }
        }
        CustomerState found = state;
        return Optional.ofNullable(found).map(customer -> FieldValues.showOn(CustomerResource.of(customerId,
                customer.name(), customer.email(), customer.hasPassword(), customer.externalRef(),
                customer.createdAt(), customer.updatedAt()), customer.customFields(), customFields));
    }

    /**
     * The customer's addresses as they were at {@code at}, oldest first: empty when the customer did not exist then
     * (not yet created, or already deleted). Their custom field values then, shown as the fields in force now show
     * them.
     */
    public Optional<List<AddressResource>> addressesAt(String customerId, Instant at, List<FieldRecord> customFields) {
        if (customerAt(customerId, at, List.of()).isEmpty()) {
            return Optional.empty();
        }
        List<AddressResource> addresses = new ArrayList<>();
        for (String stream : streams.of(customerId)) {
            if (stream.equals(customerId)) {
                continue; // read just above, and no address
            }
            AddressResource address = null;
            Map<String, Object> values = Map.of();
            for (PositionedEvent positioned : streamUpTo(stream, at)) {
                Object payload = positioned.event().getPayload();
                Instant time = positioned.event().getTimestamp();
                if (payload instanceof AddressCreated created) {
                    address = AddressResource.of(created.addressId(), created.details(), time, time);
                    values = new CustomValues(created.customFields(), created.customFieldsInClear()).all();
                } else if (address != null && payload instanceof AddressUpdated updated) {
                    address = AddressResource.of(updated.addressId(), updated.details(),
                            address.meta().timestamps().createdAt(), time);
                    values = new CustomValues(updated.customFields(), updated.customFieldsInClear()).all();
                } else if (payload instanceof AddressDeleted) {
                    address = null;
                }
            }
            if (address != null) {
                addresses.add(FieldValues.showOn(address, values, customFields));
            }
        }
        return Optional.of(addresses);
    }

    private List<PositionedEvent> eventsOf(String customerId) {
        List<PositionedEvent> events = new ArrayList<>();
        streams.of(customerId).forEach(stream -> events.addAll(eventStore.eventsWithPositions(stream)));
        events.sort(Comparator.comparingLong(PositionedEvent::position));
        return events;
    }

    private List<PositionedEvent> streamUpTo(String stream, Instant at) {
        return eventStore.eventsWithPositions(stream).stream()
                .filter(positioned -> !positioned.event().getTimestamp().isAfter(at))
                .toList();
    }

    private record CustomerState(String name, String email, String externalRef, boolean hasPassword,
                                 Instant createdAt, Instant updatedAt, Map<String, Object> customFields) {
    }
}
