package dev.patron.contract;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.patron.events.address.AddressCreated;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The contract's address object, as both the command side (answering a write) and the query side (answering a
 * read) show it, so the two cannot drift apart. Parts the customer did not give are {@code null}. The store's custom
 * fields (an {@code addresses} flow) are further top-level attributes ({@link ExtensibleResource}).
 */
public record AddressResource(
        String type,
        String id,
        String name,
        @JsonProperty("first_name") String firstName,
        @JsonProperty("last_name") String lastName,
        @JsonProperty("company_name") String companyName,
        @JsonProperty("phone_number") String phoneNumber,
        String instructions,
        @JsonProperty("line_1") String line1,
        @JsonProperty("line_2") String line2,
        String city,
        String county,
        String region,
        String postcode,
        String country,
        ResourceMeta meta,
        @JsonIgnore Map<String, Object> customFields) implements ExtensibleResource<AddressResource> {

    public static final String TYPE = "address";

    public static AddressResource of(String id, AddressCreated.Details address, Instant createdAt, Instant updatedAt) {
        return new AddressResource(TYPE, id, address.name(), address.firstName(), address.lastName(),
                address.companyName(), address.phoneNumber(), address.instructions(), address.line1(),
                address.line2(), address.city(), address.county(), address.region(), address.postcode(),
                address.country(), ResourceMeta.of(createdAt, updatedAt), Map.of());
    }

    @Override
    public AddressResource withCustomFields(Map<String, Object> values, List<CustomFieldProblem> problems) {
        return new AddressResource(type, id, name, firstName, lastName, companyName, phoneNumber, instructions, line1,
                line2, city, county, region, postcode, country, meta.withCustomFieldProblems(problems), values);
    }

    @JsonAnyGetter
    Map<String, Object> customFieldAttributes() {
        return customFields;
    }
}
