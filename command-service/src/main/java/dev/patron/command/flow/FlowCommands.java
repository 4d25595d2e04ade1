package dev.patron.command.flow;

import dev.patron.customfields.FieldType;
import dev.patron.events.flow.FieldCreated.Rule;
import java.util.List;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** The commands of the {@link FlowDefinitions}; all of them address its one stream. */
public final class FlowCommands {

    private FlowCommands() {
    }

    /** A flow's parts; on update {@code null} leaves a part as it is. */
    public record FlowChange(String slug, String name, String description, Boolean enabled) {
    }

    /**
     * A field's parts; on update {@code null} leaves a part as it is, except {@code defaultValue}, which is taken
     * whenever {@code defaultGiven} (so that JSON null removes the default). Values are in canonical text.
     */
    public record FieldChange(String slug, String name, String description, FieldType type, List<Rule> rules,
                              Boolean required, String defaultValue, boolean defaultGiven, Boolean enabled,
                              Integer order, Boolean personalData) {
    }

    public record CreateFlow(String flowId, FlowChange flow) implements Addressed {
    }

    public record UpdateFlow(String flowId, FlowChange change) implements Addressed {
    }

    public record DeleteFlow(String flowId) implements Addressed {
    }

    public record CreateField(String fieldId, String flowId, FieldChange field) implements Addressed {
    }

    public record UpdateField(String fieldId, FieldChange change) implements Addressed {
    }

    public record DeleteField(String fieldId) implements Addressed {
    }

    interface Addressed {
        @TargetAggregateIdentifier
        default String stream() {
            return FlowDefinitions.STREAM;
        }
    }
}
