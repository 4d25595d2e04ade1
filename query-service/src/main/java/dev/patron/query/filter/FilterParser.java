package dev.patron.query.filter;

import dev.patron.contract.ApiException;
import dev.patron.contract.InstantRange;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.springframework.http.HttpStatus;

/**
 * Reads the {@code filter} query parameter of a list whose filterable fields are {@code F}: terms
 * {@code op(field,value)} joined by {@code :}, e.g. {@code like(name,*swan*):gt(created_at,2021-06-02T18:44:07.617Z)}.
 * Anything outside that grammar, or outside what the contract allows per field, is a 400 whose detail names the
 * problem. The grammar is the same for every list; only the fields differ.
 */
public final class FilterParser<F extends FilterField> {

    public static final String PARAMETER = "filter";
    static final int MAX_FILTERS = 10;
    static final int MAX_IN_VALUES = 100;

    /** An operator, then a field: built-in names are lower-case words, custom fields' slugs also hold digits and '-'. */
    private static final Pattern TERM_HEAD = Pattern.compile("([a-z_]+)\\(([a-z0-9_-]+),");
    /** Where a value ends: a ')' closing the whole parameter or followed by the next term's head. */
    private static final Pattern TERM_END = Pattern.compile("\\)(?=$|:[a-z_]+\\()");
    private static final char WILDCARD = '*';
    /** The years a stored timestamp can have (a BSON date holds far more, but not every ISO-8601 instant). */
    private static final int MAX_ECHOED_LENGTH = 100;

    private final List<F> fields;

    public FilterParser(List<F> fields) {
        this.fields = List.copyOf(fields);
    }

    public List<Filter<F>> parse(String filter) {
        List<Filter<F>> filters = new ArrayList<>();
        if (filter == null || filter.isEmpty()) {
            return filters;
        }
        int position = 0;
        while (true) {
            Matcher head = TERM_HEAD.matcher(filter).region(position, filter.length());
            if (!head.lookingAt()) {
                throw invalid("cannot parse the filter at character " + (position + 1)
                        + ": expected op(field,value) such as eq(email,ron@swanson.com), found '"
                        + echo(filter.substring(position)) + "'");
            }
            Matcher end = TERM_END.matcher(filter).region(head.end(), filter.length());
            if (!end.find()) {
                throw invalid("cannot parse the filter '" + echo(filter.substring(position))
                        + "': each term is op(field,value), closed by ')' and joined to the next one by ':'");
            }
            if (filters.size() == MAX_FILTERS) {
                throw invalid("at most " + MAX_FILTERS + " filters may be combined");
            }
            String term = filter.substring(position, end.end());
            filters.add(term(term, head.group(1), head.group(2), filter.substring(head.end(), end.start())));
            position = end.end();
            if (position == filter.length()) {
                return filters;
            }
            position++; // the ':' between two terms, already checked by TERM_END
        }
    }

    private Filter<F> term(String term, String operatorName, String fieldName, String value) {
        FilterOperator operator = FilterOperator.byApiName(operatorName).orElseThrow(() -> invalid(
                "unknown operator '" + operatorName + "' in '" + echo(term) + "'; operators are eq, like, in, gt, ge, lt, le"));
        F field = byApiName(fields, fieldName).orElseThrow(() -> invalid(
                "unknown field '" + fieldName + "' in '" + echo(term) + "'; filterable fields are "
                        + fields.stream().map(FilterField::apiName).collect(Collectors.joining(", "))));
        if (!field.allows(operator)) {
            throw invalid("operator '" + operatorName + "' is not allowed on field '" + fieldName + "' in '"
                    + echo(term) + "'; allowed: " + field.allowedOperators());
        }
        if (value.isEmpty()) {
            throw invalid("'" + echo(term) + "' has no value");
        }
        return switch (operator) {
            case EQ -> new Filter.Equals<>(field, typedValue(term, field, value));
            case IN -> new Filter.In<>(field, inValues(term, field, value));
            case LIKE -> like(term, field, value);
            case GT, GE, LT, LE -> new Filter.Range<>(field, operator, typedValue(term, field, value));
        };
    }

    private List<Object> inValues(String term, F field, String value) {
        List<String> values = Arrays.asList(value.split(",", -1));
        if (values.size() > MAX_IN_VALUES) {
            throw invalid("'" + echo(term) + "' lists more than " + MAX_IN_VALUES + " values");
        }
        if (values.contains("")) {
            throw invalid("'" + echo(term) + "' has an empty value in its list");
        }
        return values.stream().map(one -> typedValue(term, field, one)).toList();
    }

    private Filter<F> like(String term, F field, String value) {
        boolean anythingBefore = value.charAt(0) == WILDCARD;
        String text = anythingBefore ? value.substring(1) : value;
        boolean anythingAfter = !text.isEmpty() && text.charAt(text.length() - 1) == WILDCARD;
        text = anythingAfter ? text.substring(0, text.length() - 1) : text;
        if (text.indexOf(WILDCARD) >= 0) {
            throw invalid("'" + echo(term) + "': the wildcard * may only stand at the start or the end of the value");
        }
        return new Filter.Like<>(field, field.normalise(text), anythingBefore, anythingAfter);
    }

    private static Object typedValue(String term, FilterField field, String value) {
        return switch (field.valueType()) {
            case TEXT, CASE_INSENSITIVE_TEXT -> field.normalise(value);
            case TIMESTAMP -> {
                Instant instant;
                try {
                    instant = parseInstant(value);
                } catch (DateTimeParseException notADate) {
                    throw invalid("'" + echo(value) + "' in '" + echo(term)
                            + "' is not an ISO-8601 date or date-time such as 2021-06-02T18:44:07.617Z");
                }
                if (!InstantRange.contains(instant)) {
                    throw invalid("'" + echo(value) + "' in '" + echo(term) + "' is out of range: "
                            + InstantRange.description());
                }
                yield instant;
            }
            case INTEGER -> {
                try {
                    yield Long.parseLong(value);
                } catch (NumberFormatException notAWholeNumber) {
                    throw invalid("'" + echo(value) + "' in '" + echo(term) + "' is not a whole number; amounts are "
                            + "in the currency's minor unit, such as 1500 for $15.00");
                }
            }
            case DECIMAL -> {
                try {
                    double number = Double.parseDouble(value);
                    if (!Double.isFinite(number) || !value.matches("-?[0-9.eE+-]+")) {
                        throw new NumberFormatException(value);
                    }
                    yield number;
                } catch (NumberFormatException notANumber) {
                    throw invalid("'" + echo(value) + "' in '" + echo(term) + "' is not a number such as 1.5");
                }
            }
            case BOOLEAN -> {
                if (!value.equals("true") && !value.equals("false")) {
                    throw invalid("'" + echo(value) + "' in '" + echo(term) + "' is not true or false");
                }
                yield Boolean.valueOf(value);
            }
            case DATE -> {
                try {
                    yield LocalDate.parse(value).toString();
                } catch (DateTimeParseException notADate) {
                    throw invalid("'" + echo(value) + "' in '" + echo(term) + "' is not a date such as 2024-01-31");
                }
            }
            case KEYWORD -> {
                if (!field.keywords().contains(value)) {
                    throw invalid("'" + echo(value) + "' in '" + echo(term) + "' is not a " + field.apiName()
                            + "; it is one of " + String.join(", ", field.keywords()));
                }
                yield value;
            }
        };
    }

    /** Accepts what clients send for instants: UTC ({@code ...Z}), with an offset, or a bare date (midnight UTC). */
    private static Instant parseInstant(String value) {
        if (value.length() == "2021-06-02".length()) {
            return LocalDate.parse(value).atStartOfDay(ZoneOffset.UTC).toInstant();
        }
        return OffsetDateTime.parse(value).toInstant();
    }

    static <F extends FilterField> Optional<F> byApiName(List<F> fields, String name) {
        return fields.stream().filter(field -> field.apiName().equals(name)).findFirst();
    }

    /** Client text quoted in a detail is cut short, so an error body stays small whatever was sent. */
    private static String echo(String text) {
        return text.length() <= MAX_ECHOED_LENGTH ? text : text.substring(0, MAX_ECHOED_LENGTH) + "...";
    }

    private static ApiException invalid(String detail) {
        return new ApiException(HttpStatus.BAD_REQUEST, detail, PARAMETER);
    }
}
