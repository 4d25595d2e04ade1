package dev.patron.customfields;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * The types a custom field's value may have, as the contract spells them in {@code field_type}. A value has three
 * forms: its JSON form in a request, its canonical text (how definitions keep defaults and rule bounds: {@code 42},
 * {@code 1.5}, {@code true}, {@code 2024-01-31}), and its stored form in events and read models ({@link #stored}).
 */
public enum FieldType {
    STRING, INTEGER, FLOAT, BOOLEAN, DATE;

    public String spelled() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<FieldType> of(String spelled) {
        return Arrays.stream(values()).filter(type -> type.spelled().equals(spelled)).findFirst();
    }

    /** Whether values of this type are ordered, so that a {@code between} rule and range filters apply. */
    public boolean ordered() {
        return this == INTEGER || this == FLOAT || this == DATE;
    }

    /** What a client must send, for an error that says so. */
    public String expectedJson() {
        return switch (this) {
            case STRING -> "string";
            case DATE -> "string (YYYY-MM-DD)";
            case INTEGER -> "whole number";
            case FLOAT -> "number";
            case BOOLEAN -> "boolean";
        };
    }

    /**
     * A value's canonical text read as a comparable value of this type; empty when it is not one (an integer with a
     * fraction, a date not of the form {@code 2024-01-31}).
     */
    public Optional<Comparable<?>> parse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(switch (this) {
                case STRING -> text;
                case INTEGER -> Long.parseLong(text);
                case FLOAT -> finite(new BigDecimal(text));
                case BOOLEAN -> {
                    if (!text.equals("true") && !text.equals("false")) {
                        throw new IllegalArgumentException(text);
                    }
                    yield Boolean.valueOf(text);
                }
                case DATE -> LocalDate.parse(text);
            });
        } catch (IllegalArgumentException | DateTimeParseException | ArithmeticException notOfThisType) {
            return Optional.empty();
        }
    }

    /** Compares two canonical texts of this type; both must {@link #parse}. */
    @SuppressWarnings({"unchecked", "rawtypes"})
    public int compare(String left, String right) {
        Comparable a = parse(left).orElseThrow();
        Comparable b = parse(right).orElseThrow();
        return a.compareTo(b);
    }

    /** The canonical text of a request's JSON value, or empty when it is not of this type. */
    public Optional<String> canonical(JsonNode value) {
        boolean fits = switch (this) {
            case STRING -> value.isTextual();
            case DATE -> value.isTextual() && parse(value.textValue()).isPresent();
            case INTEGER -> value.isIntegralNumber() && value.canConvertToLong();
            case FLOAT -> value.isNumber() && parse(value.decimalValue().toPlainString()).isPresent();
            case BOOLEAN -> value.isBoolean();
        };
        if (!fits) {
            return Optional.empty();
        }
        return Optional.of(this == FLOAT ? value.decimalValue().stripTrailingZeros().toPlainString() : value.asText());
    }

    /**
     * A canonical text in its stored form, which is also its JSON form in answers: text for strings and dates (ISO
     * dates order as text does), a {@code Long}, a {@code Double} or a {@code Boolean}.
     */
    public Object stored(String canonical) {
        return switch (this) {
            case STRING, DATE -> canonical;
            case INTEGER -> Long.parseLong(canonical);
            case FLOAT -> Double.parseDouble(canonical);
            case BOOLEAN -> Boolean.parseBoolean(canonical);
        };
    }

    /**
     * A stored value's canonical text as this type; empty when it is not of this type, which a value stored under an
     * earlier definition of the field may not be.
     */
    public Optional<String> canonicalOfStored(Object stored) {
        String text = switch (this) {
            case STRING -> stored instanceof String string ? string : null;
            case DATE -> stored instanceof String string && parse(string).isPresent() ? string : null;
            case INTEGER -> stored instanceof Long || stored instanceof Integer ? stored.toString() : null;
            case FLOAT -> stored instanceof Number number && !(stored instanceof Double d && !Double.isFinite(d))
                    ? new BigDecimal(number.toString()).stripTrailingZeros().toPlainString() : null;
            case BOOLEAN -> stored instanceof Boolean ? stored.toString() : null;
        };
        return Optional.ofNullable(text);
    }

    private static BigDecimal finite(BigDecimal value) {
        if (Double.isInfinite(value.doubleValue())) {
            throw new ArithmeticException("beyond a double");
        }
        return value;
    }
}
