package dev.patron.command.address;

import com.fasterxml.jackson.databind.JsonNode;
import dev.patron.events.address.AddressCreated.Details;
import dev.patron.contract.AddressResource;
import dev.patron.contract.RequestDocument;
import dev.patron.contract.TextRule;
import dev.patron.contract.Validation;
import dev.patron.customfields.FieldRecord;
import dev.patron.customfields.FieldValues;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The address parts of a create or update request, checked: 400 for a body of the wrong shape or a part of the
 * wrong JSON type, 422 naming every part that breaks a rule (one problem per part, the first it breaks).
 * On update every part is optional and {@code null} means "leave as is".
 */
public final class AddressInput {

    private static final Set<String> COUNTRY_CODES = Set.of(Locale.getISOCountries());

    /**
     * The contract's address parts. The limits leave room for any real address while keeping one customer's
     * addresses, all held in one read-model document, far from MongoDB's document size limit. Only delivery
     * instructions may run over several lines.
     */
    enum Part {
        NAME("name", false, TextRule.line(255)),
        FIRST_NAME("first_name", true, TextRule.line(255)),
        LAST_NAME("last_name", true, TextRule.line(255)),
        COMPANY_NAME("company_name", false, TextRule.line(255)),
        PHONE_NUMBER("phone_number", false, TextRule.line(64)),
        INSTRUCTIONS("instructions", false, TextRule.lines(1024)),
        LINE_1("line_1", true, TextRule.line(255)),
        LINE_2("line_2", false, TextRule.line(255)),
        CITY("city", false, TextRule.line(255)),
        COUNTY("county", false, TextRule.line(255)),
        REGION("region", false, TextRule.line(255)),
        POSTCODE("postcode", true, TextRule.line(32)),
        COUNTRY("country", true, TextRule.CHOICE);

        final String field;
        final boolean required;
        final TextRule text;

        Part(String field, boolean required, TextRule text) {
            this.field = field;
            this.required = required;
            this.text = text;
        }
    }

    private AddressInput() {
    }

    private static final Set<Part> BILLING_PARTS = EnumSet.of(Part.FIRST_NAME, Part.LAST_NAME, Part.COMPANY_NAME,
            Part.LINE_1, Part.LINE_2, Part.CITY, Part.POSTCODE, Part.COUNTY, Part.COUNTRY);
    private static final Set<Part> SHIPPING_PARTS = union(BILLING_PARTS, EnumSet.of(Part.PHONE_NUMBER, Part.INSTRUCTIONS));

    /**
     * An address request read: its parts, and the values of the store's address fields (an {@code addresses} flow)
     * it sets, checked against the fields in force ({@link FieldValues#read}).
     */
    public record Request(Details details, List<FieldValues.Change> customFields) {
    }

    /** A complete new address. */
    static Request toCreate(JsonNode body, List<FieldRecord> customFields) {
        return read(RequestDocument.read(body, AddressResource.TYPE), true, EnumSet.allOf(Part.class), customFields);
    }

    /** A complete new address, one of several in a request (a customer's addresses in a bulk import). */
    public static Request toCreate(RequestDocument address, List<FieldRecord> customFields) {
        return read(address, true, EnumSet.allOf(Part.class), customFields);
    }

    /**
     * The billing or shipping address of an order, checked by the rules of a customer's address. It has no label nor
     * region; only a shipping address has a phone number and instructions. Parts it does not have are {@code null}.
     */
    public static Details toOrderAddress(RequestDocument address, boolean shipping) {
        return read(address, true, shipping ? SHIPPING_PARTS : BILLING_PARTS, List.of()).details();
    }

    /** The parts an update changes (the others are {@code null}), and the custom values it sets. */
    static Request changes(JsonNode body, List<FieldRecord> customFields) {
        return read(RequestDocument.read(body, AddressResource.TYPE), false, EnumSet.allOf(Part.class), customFields);
    }

    private static Request read(RequestDocument document, boolean creating, Set<Part> parts,
                                List<FieldRecord> customFields) {
        Validation validation = Validation.of(document);
        Map<Part, String> values = new EnumMap<>(Part.class);
        for (Part part : parts) {
            values.put(part, document.text(part.field, part.text));
        }
        List<FieldValues.Change> custom = FieldValues.read(document, customFields, creating, validation);
        document.requireWellFormed();

        for (Part part : parts) {
            Optional<String> problem = problem(part, values.get(part), creating);
            validation.check(problem.isEmpty(), document.sourceOf(part.field), problem.orElse(null));
        }
        validation.throwIfInvalid();

        String country = values.get(Part.COUNTRY);
        return new Request(new Details(values.get(Part.NAME), values.get(Part.FIRST_NAME), values.get(Part.LAST_NAME),
                values.get(Part.COMPANY_NAME), values.get(Part.PHONE_NUMBER), values.get(Part.INSTRUCTIONS),
                values.get(Part.LINE_1), values.get(Part.LINE_2), values.get(Part.CITY), values.get(Part.COUNTY),
                values.get(Part.REGION), values.get(Part.POSTCODE),
                country == null ? null : country.toUpperCase(Locale.ROOT)), custom);
    }

    private static Set<Part> union(Set<Part> some, Set<Part> more) {
        Set<Part> both = EnumSet.copyOf(some);
        both.addAll(more);
        return both;
    }

    private static Optional<String> problem(Part part, String value, boolean creating) {
        if (value == null) {
            return creating && part.required ? Optional.of(part.field + " is required") : Optional.empty();
        }
        if (part.required && value.isBlank()) {
            return Optional.of(part.field + " must not be blank");
        }
        if (part == Part.COUNTRY && !COUNTRY_CODES.contains(value.toUpperCase(Locale.ROOT))) {
            return Optional.of("country must be an ISO 3166-1 alpha-2 country code, such as GB");
        }
        return Optional.empty();
    }
}
