package dev.patron.events.flow;

import java.util.List;
import org.axonframework.serialization.Revision;

/**
 * A custom field was defined in flow {@code flowId}. {@code fieldType} is one of {@code string}, {@code integer},
 * {@code float}, {@code boolean}, {@code date}; {@code defaultValue} is the default in canonical text (a string as it
 * is, {@code 42}, {@code 1.5}, {@code true}, {@code 2024-01-31}), {@code null} when the field has none.
 * {@code personalData} (revision 2) tells whether the values are the customer's personal data, encrypted under
 * their key and erased with them; revision-1 fields read as personal data.
 */
@Revision("2")
public record FieldCreated(String fieldId, String flowId, String slug, String name, String description,
                           String fieldType, List<Rule> validationRules, boolean required, String defaultValue,
                           boolean enabled, int order, Boolean personalData) implements FlowDefinitionEvent {

    public FieldCreated {
        personalData = personalData == null || personalData;
    }

    /**
     * One validation rule as the contract spells it: {@code enum} with {@code options} (canonical text of each
     * value), {@code email}, {@code slug}, {@code between} with {@code from} and {@code to} (canonical text), or
     * {@code min_length}/{@code max_length} with {@code length}. Parts a rule does not use are {@code null}.
     */
    public record Rule(String type, List<String> options, String from, String to, Integer length) {
    }
}
