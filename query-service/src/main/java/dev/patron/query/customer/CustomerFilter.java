package dev.patron.query.customer;

import com.mongodb.client.model.Filters;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import org.bson.conversions.Bson;

/**
 * One parsed term of a {@code filter} query parameter. Values are already typed (text or instant) and normalised,
 * and become MongoDB queries only through the driver's {@link Filters} builders, so a value is always data and never
 * an operator or a regular expression of the client's.
 */
sealed interface CustomerFilter permits CustomerFilter.ExactMatch, CustomerFilter.Like, CustomerFilter.Range {

    CustomerField field();

    Bson toBson();

    /** {@code eq} and {@code in}: a set of exact values, which a key lookup can answer for id, email and external_ref. */
    sealed interface ExactMatch extends CustomerFilter permits Equals, In {
        List<Object> values();
    }

    record Equals(CustomerField field, Object value) implements ExactMatch {
        @Override
        public List<Object> values() {
            return List.of(value);
        }

        @Override
        public Bson toBson() {
            return Filters.eq(field.documentField(), bsonValue(value));
        }
    }

    record In(CustomerField field, List<Object> values) implements ExactMatch {
        @Override
        public Bson toBson() {
            return Filters.in(field.documentField(), values.stream().map(CustomerFilter::bsonValue).toList());
        }
    }

    /** {@code like}: the text must appear at the start, the end, inside, or be the whole value; case-insensitive. */
    record Like(CustomerField field, String text, boolean anythingBefore, boolean anythingAfter)
            implements CustomerFilter {
        @Override
        public Bson toBson() {
            String pattern = (anythingBefore ? "" : "^") + escapeRegex(text) + (anythingAfter ? "" : "$");
            return Filters.regex(field.documentField(), pattern, "i");
        }
    }

    record Range(CustomerField field, FilterOperator operator, Object bound) implements CustomerFilter {
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

    /** The read model keeps timestamps as BSON dates, which the driver writes from {@link Date}. */
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
