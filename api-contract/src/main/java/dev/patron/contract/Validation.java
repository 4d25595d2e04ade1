package dev.patron.contract;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.springframework.http.HttpStatus;

/**
 * Collects the rule violations of a well-formed request, so that a client learns about every bad field in one
 * answer: a 422 with one error per violation. A validation {@link #of} request documents also reports the strings
 * of those documents that broke their {@link TextRule}, read before it is judged; a field whose text is not acceptable
 * gets that one error, not also those of the rules checked on it here.
 */
public final class Validation {

    private final List<RequestDocument> documents = new ArrayList<>();
    private final List<List<ApiError>> unacceptableText = new ArrayList<>();
    private final List<ApiError> violations = new ArrayList<>();

    /** A validation of rules on values that do not come from a request document. */
    public Validation() {
    }

    /** A validation of these documents' fields, reporting their unacceptable text with its own violations. */
    public static Validation of(RequestDocument... documents) {
        Validation validation = new Validation();
        for (RequestDocument document : documents) {
            validation.documents.add(document);
            validation.unacceptableText.add(document.handOverUnacceptableText());
        }
        return validation;
    }

    /** Records {@code detail} against {@code source} unless {@code satisfied}. */
    public Validation check(boolean satisfied, String source, String detail) {
        if (!satisfied) {
            violations.add(ApiError.of(HttpStatus.UNPROCESSABLE_ENTITY, detail, source));
        }
        return this;
    }

    public void throwIfInvalid() {
        List<ApiError> errors = new ArrayList<>();
        Set<String> sourcesOfUnacceptableText = new HashSet<>();
        for (List<ApiError> ofOneDocument : unacceptableText) {
            for (ApiError error : ofOneDocument) {
                errors.add(error);
                sourcesOfUnacceptableText.add(error.source());
            }
        }
        violations.stream().filter(violation -> !sourcesOfUnacceptableText.contains(violation.source()))
                .forEach(errors::add);
        documents.forEach(RequestDocument::takeBackUnacceptableText);
        if (!errors.isEmpty()) {
            throw new ApiException(HttpStatus.UNPROCESSABLE_ENTITY, errors);
        }
    }
}
