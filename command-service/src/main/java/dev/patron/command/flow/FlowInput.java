package dev.patron.command.flow;

import com.fasterxml.jackson.databind.JsonNode;
import dev.patron.command.flow.FlowCommands.FieldChange;
import dev.patron.command.flow.FlowCommands.FlowChange;
import dev.patron.contract.ApiException;
import dev.patron.contract.RequestDocument;
import dev.patron.contract.TextRule;
import dev.patron.contract.Validation;
import dev.patron.customfields.FieldType;
import dev.patron.customfields.FieldValues;
import dev.patron.events.flow.FieldCreated.Rule;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.springframework.http.HttpStatus;

/**
 * Flow and field requests read into commands: 400 naming every part of the wrong JSON type, 422 naming every part
 * missing or out of bounds. Rules that need the definitions as they are (unique slugs, no shadowing, a default that
 * fits) are the aggregate's. On update every part is optional.
 * <p>
 * Validation rules are spelled as the hosted platform spells them: {@code {"type":"enum","options":[..]}},
 * {@code {"type":"email"}}, {@code {"type":"slug"}}, {@code {"type":"between","options":{"from":..,"to":..}}};
 * Patron adds {@code {"type":"min_length","options":{"length":n}}} and {@code max_length} likewise for strings.
 */
final class FlowInput {

    /** The bound of {@link FieldRules#SLUG}; longer is refused before the pattern is tried. */
    static final TextRule SLUG = TextRule.line(64);
    static final TextRule NAME = TextRule.line(255);
    static final TextRule DESCRIPTION = TextRule.lines(1024);
    static final int MAX_RULES = 20;
    static final int MAX_OPTIONS = 100;

    private FlowInput() {
    }

    static FlowChange flow(JsonNode body, boolean creating) {
        RequestDocument request = RequestDocument.read(body, "flow");
        String slug = request.text("slug", SLUG);
        String name = request.text("name", NAME);
        String description = request.text("description", DESCRIPTION);
        Boolean enabled = request.bool("enabled");
        Validation validation = Validation.of(request);
        request.requireWellFormed();
        validation
                .check(!creating || slug != null, RequestDocument.source("slug"), "slug is required")
                .check(!creating || name != null, RequestDocument.source("name"), "name is required")
                .check(name == null || !name.isBlank(), RequestDocument.source("name"), "name must not be blank")
                .throwIfInvalid();
        return new FlowChange(slug, name, description, enabled);
    }

    /** The field's parts; on create also the flow it belongs to, from {@code relationships.flow.data.id}. */
    static FieldChange field(RequestDocument request, FieldType existingType, boolean creating) {
        Parts parts = new Parts(request);
        String slug = request.text("slug", SLUG);
        String name = request.text("name", NAME);
        String description = request.text("description", DESCRIPTION);
        String typeName = request.text("field_type", TextRule.CHOICE);
        Boolean required = request.bool("required");
        Boolean enabled = request.bool("enabled");
        Integer order = request.integer("order");
        Boolean personalData = request.bool("personal_data");
        Validation validation = Validation.of(request);
        parts.requireWellFormed();
        FieldType type = typeName == null ? null : FieldType.of(typeName).orElse(null);
        validation
                .check(!creating || slug != null, RequestDocument.source("slug"), "slug is required")
                .check(!creating || name != null, RequestDocument.source("name"), "name is required")
                .check(!creating || typeName != null, RequestDocument.source("field_type"), "field_type is required")
                .check(typeName == null || type != null, RequestDocument.source("field_type"),
                        "field_type must be one of string, integer, float, boolean, date")
                .check(name == null || !name.isBlank(), RequestDocument.source("name"), "name must not be blank")
                .throwIfInvalid();
        FieldType valueType = type != null ? type : existingType;
        List<Rule> rules = request.node("validation_rules") == null || request.node("validation_rules").isNull()
                ? (creating ? List.of() : null) : parts.rules(valueType);
        boolean defaultGiven = request.has("default");
        String defaultValue = defaultGiven ? parts.value(request.node("default"), valueType, "default") : null;
        parts.requireWellFormed();
        return new FieldChange(slug, name, description, type, rules, required, defaultValue, defaultGiven, enabled,
                order, personalData);
    }

    /** {@code relationships.flow.data.id}, which a new field must name. */
    static String flowId(RequestDocument request) {
        JsonNode id = request.node("relationships") == null ? null
                : request.node("relationships").at("/flow/data/id");
        if (id == null || id.isMissingNode() || id.isNull()) {
            throw new ApiException(HttpStatus.UNPROCESSABLE_ENTITY, "A field belongs to a flow: "
                    + "relationships.flow.data.id is required", RequestDocument.source("relationships.flow.data.id"));
        }
        if (!id.isTextual()) {
            throw new ApiException(HttpStatus.BAD_REQUEST, "id must be a string",
                    RequestDocument.source("relationships.flow.data.id"));
        }
        TextRule.ID.problem("id", id.textValue()).ifPresent(problem -> {
            throw new ApiException(HttpStatus.UNPROCESSABLE_ENTITY, problem,
                    RequestDocument.source("relationships.flow.data.id"));
        });
        return id.textValue();
    }

    /**
     * Reads the parts whose JSON type depends on the field being defined (a default, rule options), recording those
     * of the wrong type in the request's problems like its plain fields.
     */
    private static final class Parts {
        private final RequestDocument request;

        Parts(RequestDocument request) {
            this.request = request;
        }

        /**
         * A value in canonical text for a field of {@code type} (unknown type: its text as it is), held to the rule of
         * a custom value's text, as the values it governs are.
         */
        String value(JsonNode value, FieldType type, String path) {
            if (value == null || value.isNull()) {
                return null;
            }
            FieldType expected = type == null ? FieldType.STRING : type;
            // A date's text is checked as a date by the rules (a 422 naming it), not as a JSON type here.
            Optional<String> canonical = expected == FieldType.DATE
                    ? Optional.ofNullable(value.isTextual() ? value.textValue() : null) : expected.canonical(value);
            if (canonical.isEmpty()) {
                wrong(path, path.substring(path.lastIndexOf('.') + 1) + " must be a JSON " + expected.expectedJson());
                return null;
            }
            request.checkText(path, canonical.get(), FieldValues.TEXT);
            return canonical.get();
        }

        List<Rule> rules(FieldType type) {
            JsonNode rules = request.node("validation_rules");
            if (!rules.isArray()) {
                wrong("validation_rules", "validation_rules must be an array");
                return List.of();
            }
            if (rules.size() > MAX_RULES) {
                throw new ApiException(HttpStatus.UNPROCESSABLE_ENTITY, "At most " + MAX_RULES + " validation rules",
                        RequestDocument.source("validation_rules"));
            }
            List<Rule> read = new ArrayList<>();
            for (int i = 0; i < rules.size(); i++) {
                String path = "validation_rules[" + i + "]";
                JsonNode rule = rules.get(i);
                if (!rule.isObject() || !rule.path("type").isTextual()) {
                    wrong(path, "each validation rule must be an object with a string type");
                    continue;
                }
                request.checkText(path + ".type", rule.get("type").textValue(), TextRule.CHOICE);
                JsonNode options = rule.path("options");
                switch (rule.get("type").textValue()) {
                    case "enum" -> {
                        if (!options.isArray() || options.size() > MAX_OPTIONS) {
                            wrong(path + ".options", "options must be an array of at most " + MAX_OPTIONS + " values");
                            continue;
                        }
                        List<String> values = new ArrayList<>();
                        for (int o = 0; o < options.size(); o++) {
                            values.add(value(options.get(o), type, path + ".options[" + o + "]"));
                        }
                        read.add(new Rule("enum", values, null, null, null));
                    }
                    case "between" -> {
                        if (!options.isObject()) {
                            wrong(path + ".options", "options must be an object with from and to");
                            continue;
                        }
                        read.add(new Rule("between", null, value(options.get("from"), type, path + ".options.from"),
                                value(options.get("to"), type, path + ".options.to"), null));
                    }
                    case "min_length", "max_length" -> {
                        JsonNode length = options.path("length");
                        if (!length.isIntegralNumber() || !length.canConvertToInt()) {
                            wrong(path + ".options.length", "length must be a whole number");
                            continue;
                        }
                        read.add(new Rule(rule.get("type").textValue(), null, null, null, length.intValue()));
                    }
                    default -> read.add(new Rule(rule.get("type").textValue(), null, null, null, null));
                }
            }
            return read;
        }

        void requireWellFormed() {
            request.requireWellFormed();
        }

        private void wrong(String field, String detail) {
            request.wrongType(field, detail);
        }
    }
}
