package dev.patron.query.customer;

import static dev.patron.query.filter.FilterOperator.EQ;
import static dev.patron.query.filter.FilterOperator.GE;
import static dev.patron.query.filter.FilterOperator.GT;
import static dev.patron.query.filter.FilterOperator.IN;
import static dev.patron.query.filter.FilterOperator.LE;
import static dev.patron.query.filter.FilterOperator.LIKE;
import static dev.patron.query.filter.FilterOperator.LT;

import com.mongodb.client.model.Filters;
import dev.patron.customfields.FieldRecord;
import dev.patron.query.filter.Filter;
import dev.patron.query.filter.FilterField;
import dev.patron.query.filter.FilterOperator;
import java.util.EnumSet;
import java.util.Set;
import java.util.regex.Pattern;
import org.bson.conversions.Bson;

/**
 * A custom customer field in force, as a field to filter and sort on with the grammar of the built-in ones: its slug
 * is its name, and its type says what applies ({@code like} on strings, ranges on numbers and dates, {@code eq} and
 * {@code in} on all). A customer without a value shows the field's default, so a term the default satisfies also
 * matches customers without a value.
 */
record CustomFieldFilter(FieldRecord field, Definition definition) implements FilterField {

    static CustomFieldFilter of(FieldRecord field) {
        ValueType valueType = switch (field.type()) {
            case STRING -> ValueType.TEXT;
            case INTEGER -> ValueType.INTEGER;
            case FLOAT -> ValueType.DECIMAL;
            case BOOLEAN -> ValueType.BOOLEAN;
            case DATE -> ValueType.DATE;
        };
        Set<FilterOperator> operators = switch (field.type()) {
            case STRING -> EnumSet.of(EQ, LIKE, IN);
            case INTEGER, FLOAT, DATE -> EnumSet.of(EQ, IN, GT, GE, LT, LE);
            case BOOLEAN -> EnumSet.of(EQ, IN);
        };
        return new CustomFieldFilter(field, Definition.of(field.slug(),
                CustomerStore.CUSTOM_FIELDS + "." + field.slug(), valueType, true, operators));
    }

    /** The term as a query, widened to customers without a value when the field's default satisfies it. */
    Bson toBson(Filter<FilterField> term) {
        Bson values = term.toBson();
        if (field.defaultValue() == null || !satisfiedBy(term, field.type().stored(field.defaultValue()))) {
            return values;
        }
        return Filters.or(values, Filters.eq(documentField(), null));
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static boolean satisfiedBy(Filter<FilterField> term, Object value) {
        if (term instanceof Filter.ExactMatch<FilterField> match) {
            return match.values().contains(value);
        }
        if (term instanceof Filter.Like<FilterField> like) {
            String pattern = (like.anythingBefore() ? "" : "^") + Pattern.quote(like.text())
                    + (like.anythingAfter() ? "" : "$");
            return Pattern.compile(pattern, Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE)
                    .matcher((String) value).find();
        }
        Filter.Range<FilterField> range = (Filter.Range<FilterField>) term;
        int order = ((Comparable) value).compareTo(range.bound());
        return switch (range.operator()) {
            case GT -> order > 0;
            case GE -> order >= 0;
            case LT -> order < 0;
            case LE -> order <= 0;
            default -> false;
        };
    }
}
