package dev.patron.customfields;

import dev.patron.events.flow.FieldCreated;
import dev.patron.events.flow.FieldDeleted;
import dev.patron.events.flow.FieldUpdated;
import dev.patron.events.flow.FlowDefinitionEvent;
import dev.patron.events.flow.FlowCreated;
import dev.patron.events.flow.FlowDeleted;
import dev.patron.events.flow.FlowUpdated;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The definitions folded from the flow-definitions stream, event by event: what the {@code FlowDefinitions} aggregate
 * decides against and what both services read values by, built the same way for both.
 */
public final class DefinitionsFold {

    private final Map<String, FlowRecord> flows = new LinkedHashMap<>();
    private final Map<String, FieldRecord> fields = new LinkedHashMap<>();

    /** Applies one event of the stream, stored at {@code at}. */
    public void apply(FlowDefinitionEvent event, Instant at) {
        if (event instanceof FlowCreated created) {
            flows.put(created.flowId(), new FlowRecord(created.flowId(), created.slug(), created.name(),
                    created.description(), created.enabled(), at, at));
        } else if (event instanceof FlowUpdated updated) {
            flows.computeIfPresent(updated.flowId(), (id, flow) -> new FlowRecord(id, updated.slug(), updated.name(),
                    updated.description(), updated.enabled(), flow.createdAt(), at));
        } else if (event instanceof FlowDeleted deleted) {
            flows.remove(deleted.flowId());
        } else if (event instanceof FieldCreated created) {
            fields.put(created.fieldId(), new FieldRecord(created.fieldId(), created.flowId(), created.slug(),
                    created.name(), created.description(), type(created.fieldType()),
                    List.copyOf(created.validationRules()), created.required(), created.defaultValue(),
                    created.enabled(), created.order(), created.personalData(), at, at));
        } else if (event instanceof FieldUpdated updated) {
            fields.computeIfPresent(updated.fieldId(), (id, field) -> new FieldRecord(id, updated.flowId(),
                    updated.slug(), updated.name(), updated.description(), type(updated.fieldType()),
                    List.copyOf(updated.validationRules()), updated.required(), updated.defaultValue(),
                    updated.enabled(), updated.order(), updated.personalData(), field.createdAt(), at));
        } else if (event instanceof FieldDeleted deleted) {
            fields.remove(deleted.fieldId());
        }
    }

    public Definitions definitions() {
        return new Definitions(List.copyOf(flows.values()), List.copyOf(fields.values()));
    }

    /** The flow with this id, or {@code null}. */
    public FlowRecord flow(String flowId) {
        return flows.get(flowId);
    }

    /** The field with this id, or {@code null}. */
    public FieldRecord field(String fieldId) {
        return fields.get(fieldId);
    }

    public int flowCount() {
        return flows.size();
    }

    public List<FlowRecord> flows() {
        return List.copyOf(flows.values());
    }

    public List<FieldRecord> fieldsOf(String flowId) {
        return fields.values().stream().filter(field -> field.flowId().equals(flowId)).toList();
    }

    private static FieldType type(String spelled) {
        return FieldType.of(spelled).orElseThrow(() -> new IllegalStateException("unknown field type " + spelled));
    }
}
