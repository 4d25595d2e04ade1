package dev.patron.contract;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import org.springframework.http.HttpStatus;

/**
 * A request body of the contract's shape, {@code {"data":{"type":..., ...}}}, read field by field so that a value
 * of the wrong JSON type is reported as a 400 naming that field, instead of being coerced (Jackson would turn
 * {@code 123} into {@code "123"}) or failing as a whole. Every string is read against a {@link TextRule}, its bound
 * and the characters no field may hold; a string that breaks it is a 422 naming the field, reported with the
 * caller's rules ({@link Validation#of}). Problems are collected; {@link #requireWellFormed()} reports all of them at
 * once.
 */
public final class RequestDocument {

    private static final String DATA = "data";

    private final JsonNode data;
    private final String path;
    private final List<ApiError> problems = new ArrayList<>();
    private final List<ApiError> unacceptableText = new ArrayList<>();
    private boolean judgedByValidation;

    private RequestDocument(JsonNode data, String path) {
        this.data = data;
        this.path = path;
    }

    /** Fails at once (400) when there is no {@code data} object or its {@code type} is not the expected one. */
    public static RequestDocument read(JsonNode body, String expectedType) {
        JsonNode data = body == null ? null : body.get(DATA);
        if (data == null || !data.isObject()) {
            throw new ApiException(HttpStatus.BAD_REQUEST, "The body must be a JSON object with a \"data\" object", DATA);
        }
        JsonNode type = data.get("type");
        if (type == null || !type.isTextual() || !type.textValue().equals(expectedType)) {
            throw new ApiException(HttpStatus.BAD_REQUEST, "type must be \"" + expectedType + "\"", source("type"));
        }
        return new RequestDocument(data, DATA);
    }

    /**
     * One resource of several in one body (a bulk request), at JSON path {@code path} (e.g. {@code data[3]}), read
     * and checked as {@link #read} reads a single one; problems name fields by their path under it.
     */
    public static RequestDocument item(JsonNode item, String path, String expectedType) {
        if (item == null || !item.isObject()) {
            throw new ApiException(HttpStatus.BAD_REQUEST, "Each item must be a JSON object", path);
        }
        JsonNode type = item.get("type");
        if (type == null || !type.isTextual() || !type.textValue().equals(expectedType)) {
            throw new ApiException(HttpStatus.BAD_REQUEST, "type must be \"" + expectedType + "\"", path + ".type");
        }
        return new RequestDocument(item, path);
    }

    /**
     * An object nested in a body that has no {@code type} of its own (the addresses of a checkout), at JSON path
     * {@code path}; fails at once (400) when it is not an object.
     */
    public static RequestDocument nested(JsonNode object, String path) {
        if (object == null || !object.isObject()) {
            throw new ApiException(HttpStatus.BAD_REQUEST, path.substring(path.lastIndexOf('.') + 1)
                    + " must be an object", path);
        }
        return new RequestDocument(object, path);
    }

    /** The JSON path of a field of {@code data}, as the contract's {@code source} names it. */
    public static String source(String field) {
        return DATA + "." + field;
    }

    /** The JSON path of a field of this document, as the contract's {@code source} names it. */
    public String sourceOf(String field) {
        return path + "." + field;
    }

    /** The field's value as it is, for a caller that reads a nested structure itself; {@code null} when absent. */
    public JsonNode node(String field) {
        return data.get(field);
    }

    /** Whether the field is present at all (even as JSON null). */
    public boolean has(String field) {
        return data.has(field);
    }

    /**
     * The field's text; {@code null} when it is absent or JSON null. Any other JSON type is recorded as a problem
     * (400), text that breaks {@code rule} as unacceptable (422); the text is returned all the same, so that the
     * caller's own checks can run on it.
     */
    public String text(String field, TextRule rule) {
        JsonNode value = data.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isTextual()) {
            wrongType(field, field + " must be a string");
            return null;
        }
        checkText(field, value.textValue(), rule);
        return value.textValue();
    }

    /**
     * The field's list of strings; {@code null} when it is absent or JSON null. Anything but an array, and any element
     * that is not a string, is recorded as a problem (400); an element that breaks {@code rule} as unacceptable (422),
     * each named by its index ({@code observes[2]}).
     */
    public List<String> texts(String field, TextRule rule) {
        JsonNode value = data.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isArray()) {
            wrongType(field, field + " must be a list of strings");
            return null;
        }
        List<String> texts = new ArrayList<>();
        for (int index = 0; index < value.size(); index++) {
            String element = field + "[" + index + "]";
            if (value.get(index).isTextual()) {
                checkText(element, value.get(index).textValue(), rule);
                texts.add(value.get(index).textValue());
            } else {
                wrongType(element, element + " must be a string");
            }
        }
        return texts;
    }

    /**
     * Records text that a caller read itself (a nested part, a value whose JSON type depends on a definition), at
     * {@code path} under this document, as unacceptable (422) when it breaks {@code rule}.
     */
    public void checkText(String path, String text, TextRule rule) {
        rule.problem(path.substring(path.lastIndexOf('.') + 1), text).ifPresent(detail ->
                unacceptableText.add(ApiError.of(HttpStatus.UNPROCESSABLE_ENTITY, detail, sourceOf(path))));
    }

    /** The field's boolean; {@code null} when absent or JSON null. Any other JSON type is recorded as a problem. */
    public Boolean bool(String field) {
        JsonNode value = data.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isBoolean()) {
            wrongType(field, field + " must be true or false");
            return null;
        }
        return value.booleanValue();
    }

    /** The field's whole number within {@code int}; {@code null} when absent or JSON null; else recorded as a problem. */
    public Integer integer(String field) {
        JsonNode value = data.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isIntegralNumber() || !value.canConvertToInt()) {
            wrongType(field, field + " must be a whole number");
            return null;
        }
        return value.intValue();
    }

    /**
     * Records a part of the wrong JSON type found by a caller that reads a nested structure itself, at {@code path}
     * under this document (e.g. {@code validation_rules[0].options}).
     */
    public void wrongType(String path, String detail) {
        problems.add(ApiError.of(HttpStatus.BAD_REQUEST, detail, sourceOf(path)));
    }

    /**
     * Throws a 400 listing every field of the wrong JSON type read so far. Strings that broke their {@link TextRule}
     * are reported by a {@link Validation} made {@link Validation#of of this document} that has yet to be judged, with
     * the caller's own rules in one 422; when there is none, they are the 422 thrown here, so that they are never
     * left unreported.
     */
    public void requireWellFormed() {
        if (!problems.isEmpty()) {
            throw new ApiException(HttpStatus.BAD_REQUEST, problems);
        }
        if (!unacceptableText.isEmpty() && !judgedByValidation) {
            throw new ApiException(HttpStatus.UNPROCESSABLE_ENTITY, unacceptableText);
        }
    }

    /**
     * The strings that broke their rule, read so far and until {@link #takeBackUnacceptableText}, for a validation to
     * report instead of {@link #requireWellFormed()}.
     */
    List<ApiError> handOverUnacceptableText() {
        judgedByValidation = true;
        return unacceptableText;
    }

    /** The validation has judged: strings read from now on are reported here again. */
    void takeBackUnacceptableText() {
        judgedByValidation = false;
    }
}
