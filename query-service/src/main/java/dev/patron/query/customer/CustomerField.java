package dev.patron.query.customer;

import static dev.patron.query.filter.FilterOperator.EQ;
import static dev.patron.query.filter.FilterOperator.GE;
import static dev.patron.query.filter.FilterOperator.GT;
import static dev.patron.query.filter.FilterOperator.IN;
import static dev.patron.query.filter.FilterOperator.LE;
import static dev.patron.query.filter.FilterOperator.LIKE;
import static dev.patron.query.filter.FilterOperator.LT;

import dev.patron.customfields.FieldRecord;
import dev.patron.query.filter.FilterField;
import dev.patron.query.filter.FilterParser;
import dev.patron.query.filter.Sort;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;

/**
 * The customer attributes a client may filter or sort on: the name the API uses, the read-model field behind it,
 * and what the contract allows on it. The store's custom fields in force join them ({@link CustomFieldFilter}).
 */
enum CustomerField implements FilterField {
    ID(Definition.of("id", CustomerStore.ID, ValueType.TEXT, true, EnumSet.of(EQ, IN, GT, GE, LT, LE))),
    // Emails are compared case-insensitively, so filters and sorting work on the lower-cased key.
    EMAIL(Definition.of("email", CustomerStore.EMAIL_KEY, ValueType.CASE_INSENSITIVE_TEXT,
            true, EnumSet.of(EQ, LIKE, IN))),
    NAME(Definition.of("name", CustomerStore.NAME, ValueType.TEXT, true, EnumSet.of(EQ, LIKE, IN))),
    EXTERNAL_REF(Definition.of("external_ref", CustomerStore.EXTERNAL_REF, ValueType.TEXT, false,
            EnumSet.of(EQ, IN))),
    CREATED_AT(Definition.of("created_at", CustomerStore.CREATED_AT, ValueType.TIMESTAMP, true,
            EnumSet.of(EQ, GT, GE, LT, LE))),
    UPDATED_AT(Definition.of("updated_at", CustomerStore.UPDATED_AT, ValueType.TIMESTAMP, true,
            EnumSet.of(EQ, GT, GE, LT, LE)));

    static final Sort<FilterField> DEFAULT_SORT = new Sort<>(CREATED_AT, true);

    private final Definition definition;

    CustomerField(Definition definition) {
        this.definition = definition;
    }

    static FilterParser<FilterField> filter(List<FieldRecord> customFields) {
        return new FilterParser<>(withCustom(customFields));
    }

    static Sort<FilterField> sort(String sort, List<FieldRecord> customFields) {
        return Sort.parse(sort, withCustom(customFields), DEFAULT_SORT);
    }

    private static List<FilterField> withCustom(List<FieldRecord> customFields) {
        List<FilterField> fields = new ArrayList<>(List.of(values()));
        customFields.forEach(field -> fields.add(CustomFieldFilter.of(field)));
        return fields;
    }

    @Override
    public Definition definition() {
        return definition;
    }
}
