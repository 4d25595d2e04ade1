package dev.patron.command.flow;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import dev.patron.command.flow.FlowCommands.CreateField;
import dev.patron.command.flow.FlowCommands.CreateFlow;
import dev.patron.command.flow.FlowCommands.DeleteField;
import dev.patron.command.flow.FlowCommands.DeleteFlow;
import dev.patron.command.flow.FlowCommands.FieldChange;
import dev.patron.command.flow.FlowCommands.FlowChange;
import dev.patron.command.flow.FlowCommands.UpdateField;
import dev.patron.command.flow.FlowCommands.UpdateFlow;
import dev.patron.command.write.RuleViolation;
import dev.patron.customfields.Definitions;
import dev.patron.customfields.DefinitionsFold;
import dev.patron.customfields.FieldRecord;
import dev.patron.customfields.FieldType;
import dev.patron.customfields.FlowRecord;
import dev.patron.events.flow.FieldCreated;
import dev.patron.events.flow.FieldDeleted;
import dev.patron.events.flow.FieldUpdated;
import dev.patron.events.flow.FlowDefinitionEvent;
import dev.patron.events.flow.FlowCreated;
import dev.patron.events.flow.FlowDeleted;
import dev.patron.events.flow.FlowUpdated;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventhandling.Timestamp;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;
import org.axonframework.spring.stereotype.Aggregate;

/**
 * Every flow and custom field definition of the store, as one stream of events. One aggregate for all of them,
 * rather than one per flow or per field, because its rules span flows: a flow's slug is unique among flows (it names
 * the resource the flow extends), a field's slug is unique in its flow and may not shadow a built-in field of that
 * resource (which depends on the flow's slug, so renaming a flow checks its fields), and a field is addressed by its
 * own id alone ({@code /v2/fields/:id}). In one aggregate each of these is a check against state it holds, decided
 * at one sequence number, so two concurrent writes cannot both pass it; no lookup table or reservation is needed.
 * Definitions are configuration, few and rarely changed: at most {@value #MAX_FLOWS} flows of at most
 * {@value #MAX_FIELDS_PER_FLOW} fields keep the stream short enough to load on every write.
 * <p>
 * A flow with fields cannot be deleted: its fields are deleted first, so no field is ever orphaned.
 */
@Aggregate
public class FlowDefinitions {

    public static final String STREAM = Definitions.STREAM;
    public static final int MAX_FLOWS = 100;
    public static final int MAX_FIELDS_PER_FLOW = 100;

    @AggregateIdentifier
    private String stream = STREAM;
    private final DefinitionsFold definitions = new DefinitionsFold();

    /** For Axon: event sourcing starts from no definitions. */
    protected FlowDefinitions() {
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    FlowRecord handle(CreateFlow command) {
        if (definitions.flowCount() >= MAX_FLOWS) {
            throw new RuleViolation("data", "A store has at most " + MAX_FLOWS + " flows");
        }
        FlowChange flow = command.flow();
        requireFlowSlugFree(flow.slug(), null);
        apply(new FlowCreated(command.flowId(), flow.slug(), flow.name(), flow.description(),
                flow.enabled() == null || flow.enabled()));
        return definitions.flow(command.flowId());
    }

    @CommandHandler
    FlowRecord handle(UpdateFlow command) {
        FlowRecord now = flow(command.flowId());
        FlowChange change = command.change();
        String slug = Objects.requireNonNullElse(change.slug(), now.slug());
        if (!slug.equals(now.slug())) {
            requireFlowSlugFree(slug, now.id());
            fieldsOf(now.id()).forEach(field -> FieldRules.requireNotShadowing(slug, field.slug()));
        }
        FlowUpdated updated = new FlowUpdated(now.id(), slug, Objects.requireNonNullElse(change.name(), now.name()),
                change.description() != null ? change.description() : now.description(),
                Objects.requireNonNullElse(change.enabled(), now.enabled()));
        if (!updated.equals(new FlowUpdated(now.id(), now.slug(), now.name(), now.description(), now.enabled()))) {
            apply(updated);
        }
        return definitions.flow(now.id());
    }

    @CommandHandler
    void handle(DeleteFlow command) {
        FlowRecord flow = flow(command.flowId());
        if (!fieldsOf(flow.id()).isEmpty()) {
            throw new RuleViolation(null, "The flow still has fields; delete them first");
        }
        apply(new FlowDeleted(flow.id()));
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    FieldRecord handle(CreateField command) {
        FlowRecord flow = definitions.flow(command.flowId());
        if (flow == null) {
            throw new RuleViolation("data.relationships.flow.data.id", "No flow has this id");
        }
        if (fieldsOf(flow.id()).size() >= MAX_FIELDS_PER_FLOW) {
            throw new RuleViolation("data", "A flow has at most " + MAX_FIELDS_PER_FLOW + " fields");
        }
        FieldChange field = command.field();
        List<FieldCreated.Rule> rules = field.rules() == null ? List.of() : List.copyOf(field.rules());
        requireFieldFits(flow, null, field.slug(), field.type(), rules, field.defaultValue());
        apply(new FieldCreated(command.fieldId(), flow.id(), field.slug(), field.name(), field.description(),
                field.type().spelled(), rules, Boolean.TRUE.equals(field.required()), field.defaultValue(),
                field.enabled() == null || field.enabled(), field.order() == null ? 0 : field.order(),
                field.personalData() == null || field.personalData()));
        return definitions.field(command.fieldId());
    }

    @CommandHandler
    FieldRecord handle(UpdateField command) {
        FieldRecord now = field(command.fieldId());
        FieldChange change = command.change();
        FlowRecord flow = definitions.flow(now.flowId());
        String slug = Objects.requireNonNullElse(change.slug(), now.slug());
        FieldType type = Objects.requireNonNullElse(change.type(), now.type());
        List<FieldCreated.Rule> rules = change.rules() != null ? List.copyOf(change.rules()) : now.rules();
        String defaultValue = change.defaultGiven() ? change.defaultValue() : now.defaultValue();
        requireFieldFits(flow, now.id(), slug, type, rules, defaultValue);
        FieldUpdated updated = new FieldUpdated(now.id(), now.flowId(), slug,
                Objects.requireNonNullElse(change.name(), now.name()),
                change.description() != null ? change.description() : now.description(), type.spelled(), rules,
                Objects.requireNonNullElse(change.required(), now.required()), defaultValue,
                Objects.requireNonNullElse(change.enabled(), now.enabled()),
                Objects.requireNonNullElse(change.order(), now.order()),
                Objects.requireNonNullElse(change.personalData(), now.personalData()));
        if (!updated.equals(new FieldUpdated(now.id(), now.flowId(), now.slug(), now.name(), now.description(),
                now.type().spelled(), now.rules(), now.required(), now.defaultValue(), now.enabled(), now.order(),
                now.personalData()))) {
            apply(updated);
        }
        return definitions.field(now.id());
    }

    @CommandHandler
    void handle(DeleteField command) {
        FieldRecord field = field(command.fieldId());
        apply(new FieldDeleted(field.id(), field.flowId()));
    }

    /** Every event of the stream, in one place: the fold the services read definitions by. */
    @EventSourcingHandler
    void on(FlowDefinitionEvent event, @Timestamp Instant at) {
        definitions.apply(event, at);
    }

    private void requireFlowSlugFree(String slug, String exceptFlowId) {
        FieldRules.requireSafeSlug(slug);
        boolean taken = definitions.flows().stream()
                .anyMatch(flow -> flow.slug().equals(slug) && !flow.id().equals(exceptFlowId));
        if (taken) {
            throw new RuleViolation("data.slug", "Another flow has the slug " + slug);
        }
    }

    private void requireFieldFits(FlowRecord flow, String exceptFieldId, String slug, FieldType type,
                                  List<FieldCreated.Rule> rules, String defaultValue) {
        FieldRules.requireSafeSlug(slug);
        FieldRules.requireNotShadowing(flow.slug(), slug);
        boolean taken = fieldsOf(flow.id()).stream()
                .anyMatch(field -> field.slug().equals(slug) && !field.id().equals(exceptFieldId));
        if (taken) {
            throw new RuleViolation("data.slug", "Another field of flow " + flow.slug() + " has the slug " + slug);
        }
        FieldRules.requireConsistent(type, rules, defaultValue);
    }

    private List<FieldRecord> fieldsOf(String flowId) {
        return definitions.fieldsOf(flowId);
    }

    private FlowRecord flow(String flowId) {
        FlowRecord flow = definitions.flow(flowId);
        if (flow == null) {
            throw new UnknownFlowException(flowId);
        }
        return flow;
    }

    private FieldRecord field(String fieldId) {
        FieldRecord field = definitions.field(fieldId);
        if (field == null) {
            throw new UnknownFieldException(fieldId);
        }
        return field;
    }
}
