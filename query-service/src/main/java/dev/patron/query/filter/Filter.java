package dev.patron.query.filter;

import com.mongodb.client.model.Filters;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import org.bson.conversions.Bson;

/**
 * One parsed term of a {@code filter} query parameter, on a field of type {@code F}. Values are already typed (text,
 * instant or integer) and normalised, and become MongoDB queries only through the driver's {@link Filters} builders,
 * so a value is always data and never an operator or a regular expression of the client's.
 */
public sealed interface Filter<F extends FilterField> permits Filter.ExactMatch, Filter.Like, Filter.Range {

    F field();

    Bson toBson();

    /** {@code eq} and {@code in}: a set of exact values, which a key lookup can answer for some fields. */
    sealed interface ExactMatch<F extends FilterField> extends Filter<F> permits Equals, In {
        List<Object> values();
    }

    record Equals<F extends FilterField>(F field, Object value) implements ExactMatch<F> {
        @Override
        public List<Object> values() {
            return List.of(value);
        }

        @Override
        public Bson toBson() {
            return Filters.eq(field.documentField(), bsonValue(value));
        }
    }

    record In<F extends FilterField>(F field, List<Object> values) implements ExactMatch<F> {
        @Override
        public Bson toBson() {
            return Filters.in(field.documentField(), values.stream().map(Filter::bsonValue).toList());
        }
    }

    /** {@code like}: the text must appear at the start, the end, inside, or be the whole value; case-insensitive. */
    record Like<F extends FilterField>(F field, String text, boolean anythingBefore, boolean anythingAfter)
            implements Filter<F> {
        @Override
        public Bson toBson() {
            String pattern = (anythingBefore ? "" : "^") + escapeRegex(text) + (anythingAfter ? "" : "$");
            return Filters.regex(field.documentField(), pattern, "i");
        }
    }

    record Range<F extends FilterField>(F field, FilterOperator operator, Object bound) implements Filter<F> {
        @Override
        public Bson toBson() {
            String documentField = field.documentField();
            Object value = bsonValue(bound);
            return switch (operator) {
                case GT -> Filters.gt(documentField, value);
                case GE -> Filters.gte(documentField, value);
                case LT -> Filters.lt(documentField, value);
                case LE -> Filters.lte(documentField, value);
                default -> throw new IllegalStateException("not a range operator: " + operator);
            };
        }
    }

    /** The read models keep timestamps as BSON dates, which the driver writes from {@link Date}. */
    private static Object bsonValue(Object value) {
        return value instanceof Instant instant ? Date.from(instant) : value;
    }

    /**
     * Escapes every ASCII character other than a letter or digit, which leaves no regular-expression syntax in the
     * text (both Java's and MongoDB's PCRE read a backslash before punctuation as the literal character).
     */
    static String escapeRegex(String text) {
        StringBuilder escaped = new StringBuilder(text.length() * 2);
        text.codePoints().forEach(codePoint -> {
            boolean asciiLetterOrDigit = codePoint < 128 && Character.isLetterOrDigit(codePoint);
            if (codePoint < 128 && !asciiLetterOrDigit) {
                escaped.append('\\');
            }
            escaped.appendCodePoint(codePoint);
        });
        return escaped.toString();
    }
}
