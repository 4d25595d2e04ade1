package dev.patron.command.flow;

import com.fasterxml.jackson.databind.JsonNode;
import dev.patron.command.flow.FlowCommands.CreateField;
import dev.patron.command.flow.FlowCommands.CreateFlow;
import dev.patron.command.flow.FlowCommands.DeleteField;
import dev.patron.command.flow.FlowCommands.DeleteFlow;
import dev.patron.command.flow.FlowCommands.UpdateField;
import dev.patron.command.flow.FlowCommands.UpdateFlow;
import dev.patron.contract.ApiException;
import dev.patron.contract.ErrorDetails;
import dev.patron.contract.RequestDocument;
import dev.patron.contract.ResourceMeta;
import dev.patron.customfields.Definitions;
import dev.patron.customfields.FieldRecord;
import dev.patron.customfields.FieldType;
import dev.patron.customfields.FlowRecord;
import dev.patron.events.flow.FieldCreated.Rule;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * The contract's flows and fields ({@code /v2/flows}, {@code /v2/fields}, and {@code GET /v2/flows/:slug/fields}
 * as the SDK's {@code Flows.GetFields} asks), back office only (the access policy lists none of these paths). Reads
 * are served here, from the definitions' own stream, which is what both services check and show custom values by.
 * <p>
 * A flow with slug {@code customers} extends customers and one with slug {@code addresses} extends their addresses:
 * its enabled fields are top-level attributes of that object. Any other slug is accepted as a flow whose fields
 * extend nothing Patron serves.
 */
@RestController
class FlowController {

    private final FlowWrites writes;
    private final DefinitionHistory history;

    FlowController(FlowWrites writes, DefinitionHistory history) {
        this.writes = writes;
        this.history = history;
    }

    @PostMapping("/v2/flows")
    ResponseEntity<Map<String, Object>> createFlow(@RequestBody JsonNode body) {
        String flowId = UUID.randomUUID().toString();
        FlowRecord flow = writes.send(new CreateFlow(flowId, FlowInput.flow(body, true)), flowNotFound());
        return ResponseEntity.created(URI.create("/v2/flows/" + flowId))
                .body(Map.of("data", flowResource(flow, List.of())));
    }

    @GetMapping("/v2/flows")
    Map<String, Object> flows() {
        Definitions definitions = writes.read();
        List<Map<String, Object>> data = definitions.flows().stream()
                .map(flow -> flowResource(flow, definitions.fieldsOf(flow.id()))).toList();
        return Map.of("data", data, "meta", Map.of("results", Map.of("total", data.size())));
    }

    @GetMapping("/v2/flows/{flowId}")
    Map<String, Object> flow(@PathVariable String flowId) {
        Definitions definitions = writes.read();
        FlowRecord flow = definitions.flow(flowId).orElseThrow(FlowController::flowNotFound);
        return Map.of("data", flowResource(flow, definitions.fieldsOf(flow.id())));
    }

    /** The SDK's {@code Flows.GetFields(slug)}; an id is taken as well. */
    @GetMapping("/v2/flows/{slug}/fields")
    Map<String, Object> fieldsOfFlow(@PathVariable String slug) {
        Definitions definitions = writes.read();
        FlowRecord flow = definitions.flow(slug).orElseThrow(FlowController::flowNotFound);
        List<Map<String, Object>> data = definitions.fieldsOf(flow.id()).stream()
                .map(FlowController::fieldResource).toList();
        return Map.of("data", data, "meta", Map.of("results", Map.of("total", data.size())));
    }

    /** Every change of the flow and its fields, deleted ones included, with who made it and what changed. */
    @GetMapping("/v2/flows/{flowId}/history")
    Map<String, Object> flowHistory(@PathVariable String flowId) {
        List<DefinitionHistory.Entry> entries = history.of(flowId);
        if (entries.isEmpty()) {
            throw flowNotFound();
        }
        return Map.of("data", entries, "meta", Map.of("results", Map.of("total", entries.size())));
    }

    @PutMapping("/v2/flows/{flowId}")
    Map<String, Object> updateFlow(@PathVariable String flowId, @RequestBody JsonNode body) {
        FlowRecord flow = writes.send(new UpdateFlow(flowId, FlowInput.flow(body, false)), flowNotFound());
        return Map.of("data", flowResource(flow, writes.read().fieldsOf(flowId)));
    }

    @DeleteMapping("/v2/flows/{flowId}")
    ResponseEntity<Void> deleteFlow(@PathVariable String flowId) {
        writes.send(new DeleteFlow(flowId), flowNotFound());
        return ResponseEntity.noContent().build();
    }

    @PostMapping("/v2/fields")
    ResponseEntity<Map<String, Object>> createField(@RequestBody JsonNode body) {
        RequestDocument request = RequestDocument.read(body, "field");
        FlowCommands.FieldChange field = FlowInput.field(request, null, true);
        String flowId = FlowInput.flowId(request);
        String fieldId = UUID.randomUUID().toString();
        FieldRecord created = writes.send(new CreateField(fieldId, flowId, field), flowNotFound());
        return ResponseEntity.created(URI.create("/v2/fields/" + fieldId))
                .body(Map.of("data", fieldResource(created)));
    }

    @GetMapping("/v2/fields")
    Map<String, Object> fields() {
        List<Map<String, Object>> data = writes.read().fields().stream().map(FlowController::fieldResource).toList();
        return Map.of("data", data, "meta", Map.of("results", Map.of("total", data.size())));
    }

    @GetMapping("/v2/fields/{fieldId}")
    Map<String, Object> field(@PathVariable String fieldId) {
        return Map.of("data", fieldResource(writes.read().field(fieldId).orElseThrow(FlowController::fieldNotFound)));
    }

    /** The field's type as it is now tells how {@code default} and rule values are read when the update omits it. */
    @PutMapping("/v2/fields/{fieldId}")
    Map<String, Object> updateField(@PathVariable String fieldId, @RequestBody JsonNode body) {
        RequestDocument request = RequestDocument.read(body, "field");
        FieldType current = writes.read().field(fieldId).map(FieldRecord::type).orElseThrow(FlowController::fieldNotFound);
        FieldRecord updated = writes.send(new UpdateField(fieldId, FlowInput.field(request, current, false)),
                fieldNotFound());
        return Map.of("data", fieldResource(updated));
    }

    @DeleteMapping("/v2/fields/{fieldId}")
    ResponseEntity<Void> deleteField(@PathVariable String fieldId) {
        writes.send(new DeleteField(fieldId), fieldNotFound());
        return ResponseEntity.noContent().build();
    }

    private static ApiException flowNotFound() {
        return ApiException.notFound(ErrorDetails.FLOW_NOT_FOUND);
    }

    private static ApiException fieldNotFound() {
        return ApiException.notFound(ErrorDetails.FIELD_NOT_FOUND);
    }

    static Map<String, Object> flowResource(FlowRecord flow, List<FieldRecord> fields) {
        Map<String, Object> resource = new LinkedHashMap<>();
        resource.put("id", flow.id());
        resource.put("type", "flow");
        resource.put("slug", flow.slug());
        resource.put("name", flow.name());
        resource.put("description", flow.description());
        resource.put("enabled", flow.enabled());
        resource.put("links", Map.of("self", "/v2/flows/" + flow.id()));
        resource.put("relationships", Map.of("fields", Map.of("data", fields.stream()
                .map(field -> Map.of("type", "field", "id", field.id())).toList())));
        resource.put("meta", ResourceMeta.of(flow.createdAt(), flow.updatedAt()));
        return resource;
    }

    static Map<String, Object> fieldResource(FieldRecord field) {
        Map<String, Object> resource = new LinkedHashMap<>();
        resource.put("id", field.id());
        resource.put("type", "field");
        resource.put("field_type", field.type().spelled());
        resource.put("slug", field.slug());
        resource.put("name", field.name());
        resource.put("description", field.description());
        resource.put("required", field.required());
        resource.put("default", typed(field.type(), field.defaultValue()));
        resource.put("enabled", field.enabled());
        resource.put("order", field.order());
        resource.put("omit_null", false);
        resource.put("personal_data", field.personalData());
        resource.put("validation_rules", field.rules().stream().map(rule -> ruleResource(field.type(), rule)).toList());
        resource.put("links", Map.of("self", "/v2/fields/" + field.id()));
        resource.put("relationships", Map.of("flow", Map.of("data", Map.of("type", "flow", "id", field.flowId()))));
        resource.put("meta", ResourceMeta.of(field.createdAt(), field.updatedAt()));
        return resource;
    }

    private static Map<String, Object> ruleResource(FieldType type, Rule rule) {
        Map<String, Object> resource = new LinkedHashMap<>();
        resource.put("type", rule.type());
        switch (rule.type()) {
            case "enum" -> resource.put("options", rule.options().stream().map(value -> typed(type, value)).toList());
            case "between" -> resource.put("options", Map.of("from", typed(type, rule.from()), "to",
                    typed(type, rule.to())));
            case "min_length", "max_length" -> resource.put("options", Map.of("length", rule.length()));
            default -> { }
        }
        return resource;
    }

    private static Object typed(FieldType type, String canonical) {
        return canonical == null ? null : type.stored(canonical);
    }
}
