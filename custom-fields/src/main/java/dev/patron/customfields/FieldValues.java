package dev.patron.customfields;

import com.fasterxml.jackson.databind.JsonNode;
import dev.patron.contract.CustomFieldProblem;
import dev.patron.contract.EmailSyntax;
import dev.patron.contract.ExtensibleResource;
import dev.patron.contract.RequestDocument;
import dev.patron.contract.TextRule;
import dev.patron.contract.Validation;
import dev.patron.events.flow.FieldCreated.Rule;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The rules of custom field values: which a request may set and how they are checked ({@link #read}), and how stored
 * values are shown under the definitions in force ({@link #show}). Values are keyed by the field's slug.
 */
public final class FieldValues {

    /** Whatever a field's own rules allow: a custom value is a detail of a resource, never a document of its own. */
    public static final int MAX_TEXT_LENGTH = 4096;
    /**
     * A value in its canonical text, whatever its type, is held to the characters every text field is held to; it
     * may run over several lines (a note). Also the rule of the values a definition names (default, options).
     */
    public static final TextRule TEXT = TextRule.lines(MAX_TEXT_LENGTH);
    private static final Pattern SLUG_VALUE = Pattern.compile("[A-Za-z0-9_-]+");

    private FieldValues() {
    }

    /** What is wrong with a canonical {@code value} for a field of this type and these rules, if anything. */
    public static Optional<String> problem(FieldType type, List<Rule> rules, String value) {
        if (type.parse(value).isEmpty()) {
            return Optional.of("must be a " + type.spelled() + (type == FieldType.DATE ? " (YYYY-MM-DD)" : ""));
        }
        for (Rule rule : rules) {
            boolean kept = switch (rule.type()) {
                case "enum" -> rule.options().stream().anyMatch(option -> type.compare(option, value) == 0);
                case "email" -> EmailSyntax.isValid(value);
                case "slug" -> SLUG_VALUE.matcher(value).matches();
                case "between" -> type.compare(rule.from(), value) <= 0 && type.compare(value, rule.to()) <= 0;
                case "min_length" -> value.codePointCount(0, value.length()) >= rule.length();
                case "max_length" -> value.codePointCount(0, value.length()) <= rule.length();
                default -> true;
            };
            if (!kept) {
                return Optional.of("does not keep the " + describe(rule) + " rule");
            }
        }
        return Optional.empty();
    }

    /**
     * One value a write sets: {@code value} in stored form, or {@code null} to remove it (the field then shows its
     * default, if it has one).
     */
    public record Change(String slug, Object value, boolean personalData) {
    }

    /**
     * The custom field values a create or update request sets: top-level attributes of {@code data} named by a field
     * in force for {@code flowSlug}. Any other attribute is not a custom field and is left to the caller, never stored
     * as one. A value of the wrong JSON type is recorded in the document's problems (400), one that is not acceptable
     * text ({@link #TEXT}) as the document's unacceptable text; a value that breaks a rule, or a required field
     * without a default missing on create or set to {@code null}, in {@code validation} (422).
     */
    public static List<Change> read(RequestDocument document, List<FieldRecord> inForce, boolean creating,
                                    Validation validation) {
        List<Change> changes = new ArrayList<>();
        for (FieldRecord field : inForce) {
            JsonNode value = document.node(field.slug());
            String source = document.sourceOf(field.slug());
            if (value == null || value.isNull()) {
                boolean cleared = value != null;
                boolean mustHaveValue = field.required() && field.defaultValue() == null;
                validation.check(!(mustHaveValue && (creating || cleared)), source, field.slug() + " is required");
                if (cleared && !creating) {
                    changes.add(new Change(field.slug(), null, field.personalData()));
                }
                continue;
            }
            Optional<String> canonical = field.type().canonical(value);
            if (canonical.isEmpty()) {
                document.wrongType(field.slug(), field.slug() + " must be a " + field.type().expectedJson());
                continue;
            }
            document.checkText(field.slug(), canonical.get(), TEXT);
            Optional<String> broken = problem(field.type(), field.rules(), canonical.get());
            validation.check(broken.isEmpty(), source, field.slug() + " " + broken.orElse(""));
            changes.add(new Change(field.slug(), field.type().stored(canonical.get()), field.personalData()));
        }
        return changes;
    }

    /**
     * @param values   every field in force, in order: its stored value, else its default, else {@code null}
     * @param problems stored values that no longer fit their field (its type or rules changed since): shown as they
     *                 are, and reported here rather than dropped
     */
    public record Shown(Map<String, Object> values, List<CustomFieldProblem> problems) {
        public static final Shown NOTHING = new Shown(Map.of(), List.of());
    }

    /**
     * Stored values as the definitions in force show them: values of fields disabled or deleted since (or never
     * defined) are left out, though history keeps them; a field without a value shows its default.
     */
    public static Shown show(Map<String, Object> stored, List<FieldRecord> inForce) {
        if (inForce.isEmpty()) {
            return Shown.NOTHING;
        }
        Map<String, Object> values = new LinkedHashMap<>();
        List<CustomFieldProblem> problems = new ArrayList<>();
        for (FieldRecord field : inForce) {
            Object value = stored == null ? null : stored.get(field.slug());
            if (value == null) {
                values.put(field.slug(), field.defaultValue() == null ? null : field.type().stored(field.defaultValue()));
                continue;
            }
            values.put(field.slug(), value);
            Optional<String> canonical = field.type().canonicalOfStored(value);
            Optional<String> broken = canonical.isEmpty()
                    ? Optional.of("must be a " + field.type().spelled())
                    : problem(field.type(), field.rules(), canonical.get());
            broken.ifPresent(detail -> problems.add(new CustomFieldProblem(field.slug(),
                    "the stored value " + value + " " + detail + " since its definition changed")));
        }
        return new Shown(values, problems);
    }

    /**
     * A resource showing its stored values (in stored form: as {@link CustomValues} or {@link #stored} give them) as
     * the fields in force for it show them ({@link #show}).
     */
    public static <R extends ExtensibleResource<R>> R showOn(R resource, Map<String, Object> stored,
                                                             List<FieldRecord> inForce) {
        Shown shown = show(stored, inForce);
        return resource.withCustomFields(shown.values(), shown.problems());
    }

    /**
     * Values as events and documents give them back, in the form {@link FieldType#stored} makes: JSON reads a small
     * whole number as an {@code Integer}, which is the {@code Long} that was stored.
     */
    public static Map<String, Object> stored(Map<String, ?> values) {
        Map<String, Object> stored = new LinkedHashMap<>();
        if (values != null) {
            values.forEach((slug, value) -> stored.put(slug, value instanceof Integer || value instanceof Short
                    ? Long.valueOf(((Number) value).longValue()) : value));
        }
        return stored;
    }

    private static String describe(Rule rule) {
        return switch (rule.type()) {
            case "enum" -> "enum (" + String.join(", ", rule.options()) + ")";
            case "between" -> "between (" + rule.from() + " to " + rule.to() + ")";
            case "min_length", "max_length" -> rule.type() + " (" + rule.length() + ")";
            default -> rule.type();
        };
    }
}
