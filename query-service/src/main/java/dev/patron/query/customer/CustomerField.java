package dev.patron.query.customer;

import static dev.patron.query.customer.FilterOperator.EQ;
import static dev.patron.query.customer.FilterOperator.GE;
import static dev.patron.query.customer.FilterOperator.GT;
import static dev.patron.query.customer.FilterOperator.IN;
import static dev.patron.query.customer.FilterOperator.LE;
import static dev.patron.query.customer.FilterOperator.LIKE;
import static dev.patron.query.customer.FilterOperator.LT;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The customer attributes a client may filter or sort on: the name the API uses, the read-model field behind it,
 * and what the contract allows on it.
 */
enum CustomerField {
    ID("id", CustomerStore.ID, ValueType.TEXT, true, EnumSet.of(EQ, IN, GT, GE, LT, LE)),
    // Emails are compared case-insensitively, so filters and sorting work on the lower-cased key.
    EMAIL("email", CustomerStore.EMAIL_KEY, ValueType.CASE_INSENSITIVE_TEXT, true, EnumSet.of(EQ, LIKE, IN)),
    NAME("name", CustomerStore.NAME, ValueType.TEXT, true, EnumSet.of(EQ, LIKE, IN)),
    EXTERNAL_REF("external_ref", CustomerStore.EXTERNAL_REF, ValueType.TEXT, false, EnumSet.of(EQ, IN)),
    CREATED_AT("created_at", CustomerStore.CREATED_AT, ValueType.TIMESTAMP, true, EnumSet.of(EQ, GT, GE, LT, LE)),
    UPDATED_AT("updated_at", CustomerStore.UPDATED_AT, ValueType.TIMESTAMP, true, EnumSet.of(EQ, GT, GE, LT, LE));

    enum ValueType { TEXT, CASE_INSENSITIVE_TEXT, TIMESTAMP }

    private final String apiName;
    private final String documentField;
    private final ValueType valueType;
    private final boolean sortable;
    private final Set<FilterOperator> operators;

    CustomerField(String apiName, String documentField, ValueType valueType, boolean sortable,
                  Set<FilterOperator> operators) {
        this.apiName = apiName;
        this.documentField = documentField;
        this.valueType = valueType;
        this.sortable = sortable;
        this.operators = operators;
    }

    String apiName() {
        return apiName;
    }

    String documentField() {
        return documentField;
    }

    ValueType valueType() {
        return valueType;
    }

    boolean sortable() {
        return sortable;
    }

    boolean allows(FilterOperator operator) {
        return operators.contains(operator);
    }

    String allowedOperators() {
        return operators.stream().map(FilterOperator::apiName).collect(Collectors.joining(", "));
    }

    /** The form a text value is compared in: lower-cased where the field compares case-insensitively. */
    String normalise(String text) {
        return valueType == ValueType.CASE_INSENSITIVE_TEXT ? text.toLowerCase(Locale.ROOT) : text;
    }

    static Optional<CustomerField> byApiName(String name) {
        return Arrays.stream(values()).filter(field -> field.apiName.equals(name)).findFirst();
    }

    static String filterableNames() {
        return Arrays.stream(values()).map(CustomerField::apiName).collect(Collectors.joining(", "));
    }

    static String sortableNames() {
        return Arrays.stream(values()).filter(CustomerField::sortable).map(CustomerField::apiName)
                .collect(Collectors.joining(", "));
    }
}
