package dev.patron.query.filter;

import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * An attribute of a listed resource that a client may filter or sort on: the name the API uses, the read-model field
 * behind it, the type its values are read as, and what the contract allows on it. Each listed resource has an enum of
 * them, which a {@link FilterParser} and {@link Sort#parse} are given.
 */
public interface FilterField {

    enum ValueType {
        TEXT,
        /** Compared lower-cased: the read-model field holds the lower-cased value. */
        CASE_INSENSITIVE_TEXT,
        /** ISO-8601, kept as a BSON date. */
        TIMESTAMP,
        /** A whole number (an amount in a currency's minor unit, a custom integer field). */
        INTEGER,
        /** A number with a fraction, kept as a BSON double. */
        DECIMAL,
        /** {@code true} or {@code false}. */
        BOOLEAN,
        /** A calendar date, {@code 2024-01-31}, kept as that text (which orders as the dates do). */
        DATE,
        /** One of a fixed set of words ({@link #keywords()}), such as a status. */
        KEYWORD
    }

    /**
     * What a field is, as its enum constant declares it.
     *
     * @param keywords the values a {@link ValueType#KEYWORD} field can take; nothing for other types
     */
    record Definition(String apiName, String documentField, ValueType valueType, boolean sortable,
                      Set<FilterOperator> operators, List<String> keywords) {

        public static Definition of(String apiName, String documentField, ValueType valueType, boolean sortable,
                                    Set<FilterOperator> operators) {
            return new Definition(apiName, documentField, valueType, sortable, operators, List.of());
        }

        /** A field whose values are one of {@code keywords}, such as a status. */
        public static Definition keyword(String apiName, String documentField, boolean sortable,
                                         Set<FilterOperator> operators, List<String> keywords) {
            return new Definition(apiName, documentField, ValueType.KEYWORD, sortable, operators, keywords);
        }
    }

    Definition definition();

    default String apiName() {
        return definition().apiName();
    }

    default String documentField() {
        return definition().documentField();
    }

    default ValueType valueType() {
        return definition().valueType();
    }

    default Set<FilterOperator> operators() {
        return definition().operators();
    }

    default boolean sortable() {
        return definition().sortable();
    }

    default List<String> keywords() {
        return definition().keywords();
    }

    default boolean allows(FilterOperator operator) {
        return operators().contains(operator);
    }

    default String allowedOperators() {
        return operators().stream().map(FilterOperator::apiName).collect(Collectors.joining(", "));
    }

    /** The form a text value is compared in: lower-cased where the field compares case-insensitively. */
    default String normalise(String text) {
        return valueType() == ValueType.CASE_INSENSITIVE_TEXT ? text.toLowerCase(Locale.ROOT) : text;
    }
}
