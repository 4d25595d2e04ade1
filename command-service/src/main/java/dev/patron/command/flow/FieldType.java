package dev.patron.command.flow;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** The types a custom field's value may have, as the contract spells them in {@code field_type}. */
public enum FieldType {
    STRING, INTEGER, FLOAT, BOOLEAN, DATE;

    public String spelled() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<FieldType> of(String spelled) {
        return Arrays.stream(values()).filter(type -> type.spelled().equals(spelled)).findFirst();
    }

    /** Whether values of this type are ordered, so that a {@code between} rule applies. */
    boolean ordered() {
        return this == INTEGER || this == FLOAT || this == DATE;
    }

    /**
     * A value's canonical text read as a comparable value of this type; empty when it is not one (an integer with a
     * fraction, a date not of the form {@code 2024-01-31}).
     */
    Optional<Comparable<?>> parse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(switch (this) {
                case STRING -> text;
                case INTEGER -> Long.parseLong(text);
                case FLOAT -> new BigDecimal(text);
                case BOOLEAN -> {
                    if (!text.equals("true") && !text.equals("false")) {
                        throw new IllegalArgumentException(text);
                    }
                    yield Boolean.valueOf(text);
                }
                case DATE -> LocalDate.parse(text);
            });
        } catch (IllegalArgumentException | DateTimeParseException notOfThisType) {
            return Optional.empty();
        }
    }
}
