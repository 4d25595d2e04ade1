package dev.patron.events.flow;

import java.util.List;
import org.axonframework.serialization.Revision;

/** A field's definition changed; the event holds all of it as it is now (see {@link FieldCreated}). */
@Revision("2")
public record FieldUpdated(String fieldId, String flowId, String slug, String name, String description,
                           String fieldType, List<FieldCreated.Rule> validationRules, boolean required,
                           String defaultValue, boolean enabled, int order, Boolean personalData)
        implements FlowDefinitionEvent {

    /** Revision 1 had no {@code personalData}: its fields are personal data. */
    public FieldUpdated {
        personalData = personalData == null || personalData;
    }
}
