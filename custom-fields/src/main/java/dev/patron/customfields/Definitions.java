package dev.patron.customfields;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/** All flows and fields at one moment, in the order they were created. */
public record Definitions(List<FlowRecord> flows, List<FieldRecord> fields) {

    /** The one stream all definitions are events of. */
    public static final String STREAM = "flow-definitions";
    /** The flow whose fields extend customers. */
    public static final String CUSTOMERS = "customers";
    /** The flow whose fields extend customers' addresses. */
    public static final String ADDRESSES = "addresses";
    public static final Definitions NONE = new Definitions(List.of(), List.of());

    /** The flow with this id, else the one with this slug. */
    public Optional<FlowRecord> flow(String idOrSlug) {
        Optional<FlowRecord> byId = flows.stream().filter(flow -> flow.id().equals(idOrSlug)).findFirst();
        return byId.isPresent() ? byId : flows.stream().filter(flow -> flow.slug().equals(idOrSlug)).findFirst();
    }

    public Optional<FieldRecord> field(String id) {
        return fields.stream().filter(field -> field.id().equals(id)).findFirst();
    }

    /** A flow's fields by their {@code order}, then by creation. */
    public List<FieldRecord> fieldsOf(String flowId) {
        return fields.stream().filter(field -> field.flowId().equals(flowId))
                .sorted(Comparator.comparingInt(FieldRecord::order)).toList();
    }

    /**
     * The fields that extend the resource a flow slug names ({@link #CUSTOMERS}) now: the enabled fields of that flow
     * while it is enabled, in their order. Only these are accepted in requests, shown and filtered on.
     */
    public List<FieldRecord> inForce(String flowSlug) {
        return flows.stream().filter(flow -> flow.slug().equals(flowSlug) && flow.enabled()).findFirst()
                .map(flow -> fieldsOf(flow.id()).stream().filter(FieldRecord::enabled).toList())
                .orElse(List.of());
    }
}
