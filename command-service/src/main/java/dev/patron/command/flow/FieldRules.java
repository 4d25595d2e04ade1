package dev.patron.command.flow;

import dev.patron.command.write.RuleViolation;
import dev.patron.customfields.FieldType;
import dev.patron.customfields.FieldValues;
import dev.patron.events.flow.FieldCreated.Rule;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The rules a field definition must keep: a safe slug that shadows no built-in field of the resource its flow
 * extends, validation rules that suit its type, and a default of its type that keeps those rules.
 */
final class FieldRules {

    static final Pattern SLUG = Pattern.compile("[a-z0-9][a-z0-9_-]{0,63}");

    /**
     * The built-in fields of the resources a flow can extend, by the flow's slug. Addresses' are the contract parts
     * of {@code AddressInput.Part}, plus the envelope's.
     */
    static final Map<String, Set<String>> BUILT_IN = Map.of(
            "customers", Set.of("id", "type", "name", "email", "password", "external_ref", "meta", "relationships",
                    "links"),
            "addresses", Set.of("id", "type", "meta", "relationships", "links", "name", "first_name", "last_name",
                    "company_name", "phone_number", "instructions", "line_1", "line_2", "city", "county", "region",
                    "postcode", "country"));

    private FieldRules() {
    }

    static void requireSafeSlug(String slug) {
        if (slug == null || !SLUG.matcher(slug).matches()) {
            throw new RuleViolation("data.slug", "slug must be 1 to 64 lower-case letters, digits, '-' or '_', "
                    + "starting with a letter or digit");
        }
    }

    static void requireNotShadowing(String flowSlug, String fieldSlug) {
        if (BUILT_IN.getOrDefault(flowSlug, Set.of()).contains(fieldSlug)) {
            throw new RuleViolation("data.slug", "slug " + fieldSlug + " is a built-in field of " + flowSlug);
        }
    }

    /** Rules that suit the type, then a default that fits both. */
    static void requireConsistent(FieldType type, List<Rule> rules, String defaultValue) {
        for (int i = 0; i < rules.size(); i++) {
            requireSuited(type, rules.get(i), "data.validation_rules[" + i + "]");
        }
        if (defaultValue != null) {
            Optional<String> broken = FieldValues.problem(type, rules, defaultValue);
            if (broken.isPresent()) {
                throw new RuleViolation("data.default", "default " + broken.get());
            }
        }
    }

    private static void requireSuited(FieldType type, Rule rule, String source) {
        switch (rule.type()) {
            case "enum" -> {
                require(type == FieldType.STRING || type == FieldType.INTEGER || type == FieldType.FLOAT, source,
                        "enum applies to string, integer and float fields");
                require(rule.options() != null && !rule.options().isEmpty(), source + ".options",
                        "enum needs at least one option");
                for (int i = 0; i < rule.options().size(); i++) {
                    require(type.parse(rule.options().get(i)).isPresent(), source + ".options[" + i + "]",
                            "each option must be a " + type.spelled());
                }
            }
            case "email", "slug" -> require(type == FieldType.STRING, source,
                    rule.type() + " applies to string fields");
            case "min_length", "max_length" -> {
                require(type == FieldType.STRING, source, rule.type() + " applies to string fields");
                require(rule.length() != null && rule.length() >= 0, source + ".options.length",
                        "length must be a whole number, 0 or more");
            }
            case "between" -> {
                require(type.ordered(), source, "between applies to integer, float and date fields");
                require(type.parse(rule.from()).isPresent(), source + ".options.from",
                        "from must be a " + type.spelled());
                require(type.parse(rule.to()).isPresent(), source + ".options.to", "to must be a " + type.spelled());
                require(type.compare(rule.from(), rule.to()) <= 0, source + ".options", "from must not exceed to");
            }
            default -> throw new RuleViolation(source + ".type", "unknown validation rule " + rule.type()
                    + "; known: enum, email, slug, between, min_length, max_length");
        }
    }

    private static void require(boolean satisfied, String source, String detail) {
        if (!satisfied) {
            throw new RuleViolation(source, detail);
        }
    }
}
