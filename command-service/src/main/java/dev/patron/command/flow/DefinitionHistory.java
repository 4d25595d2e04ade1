package dev.patron.command.flow;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.patron.customfields.Definitions;
import dev.patron.eventstore.MongoEventStorageEngine;
import dev.patron.eventstore.MongoEventStorageEngine.PositionedEvent;
import dev.patron.events.flow.FieldCreated;
import dev.patron.events.flow.FieldDeleted;
import dev.patron.events.flow.FieldUpdated;
import dev.patron.events.flow.FlowCreated;
import dev.patron.events.flow.FlowDeleted;
import dev.patron.events.flow.FlowUpdated;
import dev.patron.events.metadata.EventMetadata;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.springframework.stereotype.Component;

/**
 * The story of one flow and its fields, told from the definitions' stream: every change, in order, with who made it,
 * in which request, and each part before and after. An auditor reads why a customer's custom value is shown, hidden
 * or reported by the definitions that governed it over time.
 */
@Component
class DefinitionHistory {

    private final MongoEventStorageEngine eventStore;
    private final ObjectMapper mapper = new ObjectMapper();

    DefinitionHistory(EventStorageEngine eventStore) {
        this.eventStore = (MongoEventStorageEngine) eventStore;
    }

    /** One change of the flow or one of its fields. */
    record Entry(String id, String type, @JsonProperty("occurred_at") Instant occurredAt, long sequence,
                 Resource resource, EventMetadata.Actor actor, @JsonProperty("request_id") String requestId,
                 List<Change> changes) {
    }

    record Resource(String type, String id) {
    }

    record Change(String field, Object before, Object after) {
    }

    /** Every change of the flow with this id and of its fields, oldest first; empty if it never existed. */
    List<Entry> of(String flowId) {
        Map<String, Map<String, Object>> partsBefore = new HashMap<>();
        List<Entry> entries = new ArrayList<>();
        for (PositionedEvent positioned : eventStore.eventsWithPositions(Definitions.STREAM)) {
            DomainEventMessage<?> event = positioned.event();
            Described described = describe(event.getPayload());
            if (described == null || !described.flowId().equals(flowId)) {
                continue;
            }
            Map<String, Object> before = partsBefore.computeIfAbsent(described.resource().id(), id -> new HashMap<>());
            Map<String, Object> after = described.deleted() ? Map.of() : parts(event.getPayload());
            List<Change> changes = new ArrayList<>();
            after.forEach((part, value) -> {
                if (!Objects.equals(before.get(part), value)) {
                    changes.add(new Change(part, before.get(part), value));
                }
            });
            before.clear();
            before.putAll(after);
            Object requestId = event.getMetaData().get(EventMetadata.REQUEST_ID);
            entries.add(new Entry(event.getIdentifier(), described.type(), event.getTimestamp(),
                    event.getSequenceNumber(), described.resource(), EventMetadata.actorOf(event.getMetaData()),
                    requestId == null ? null : requestId.toString(), changes));
        }
        return entries;
    }

    private record Described(String type, String flowId, Resource resource, boolean deleted) {
    }

    private static Described describe(Object payload) {
        if (payload instanceof FlowCreated created) {
            return new Described("flow.created", created.flowId(), new Resource("flow", created.flowId()), false);
        } else if (payload instanceof FlowUpdated updated) {
            return new Described("flow.updated", updated.flowId(), new Resource("flow", updated.flowId()), false);
        } else if (payload instanceof FlowDeleted deleted) {
            return new Described("flow.deleted", deleted.flowId(), new Resource("flow", deleted.flowId()), true);
        } else if (payload instanceof FieldCreated created) {
            return new Described("field.created", created.flowId(), new Resource("field", created.fieldId()), false);
        } else if (payload instanceof FieldUpdated updated) {
            return new Described("field.updated", updated.flowId(), new Resource("field", updated.fieldId()), false);
        } else if (payload instanceof FieldDeleted deleted) {
            return new Described("field.deleted", deleted.flowId(), new Resource("field", deleted.fieldId()), true);
        }
        return null;
    }

    /** The event's parts by their names in the contract's spelling, ids left out (the entry names the resource). */
    @SuppressWarnings("unchecked")
    private Map<String, Object> parts(Object payload) {
        Map<String, Object> parts = new LinkedHashMap<>();
        mapper.convertValue(payload, Map.class).forEach((name, value) -> {
            String part = CONTRACT_NAMES.getOrDefault((String) name, (String) name);
            if (!part.equals("flowId") && !part.equals("fieldId")) {
                parts.put(part, value);
            }
        });
        return parts;
    }

    private static final Map<String, String> CONTRACT_NAMES = Map.of("fieldType", "field_type", "validationRules",
            "validation_rules", "defaultValue", "default", "personalData", "personal_data");
}
