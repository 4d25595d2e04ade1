package dev.patron.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;

/** Strings read against their {@link TextRule}: reported as 422s with the caller's rules, and never left out. */
class RequestDocumentTextTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TextRule NAME = TextRule.line(16);

    private static RequestDocument thing(String data) throws Exception {
        JsonNode body = JSON.readTree("{\"data\":{\"type\":\"thing\"," + data + "}}");
        return RequestDocument.read(body, "thing");
    }

    @Test
    void unacceptableTextIsReportedWithTheRulesOneErrorPerField() throws Exception {
        RequestDocument document =
                thing("\"name\":\"Ron\\u0000\",\"nick\":\"" + "x".repeat(17) + "\",\"tags\":[\"a\",\"\\u202e\"]");
        String name = document.text("name", NAME);
        document.text("nick", NAME);
        document.texts("tags", NAME);
        Validation validation = Validation.of(document);
        document.requireWellFormed();
        validation.check(name.length() < 3, "data.name", "name is too long for this rule")
                .check(document.text("email", NAME) != null, "data.email", "email is required");

        assertThatThrownBy(validation::throwIfInvalid).isInstanceOfSatisfying(ApiException.class, failure -> {
            assertThat(failure.status()).isEqualTo(HttpStatus.UNPROCESSABLE_ENTITY);
            assertThat(failure.document().errors()).extracting(ApiError::source, ApiError::detail).containsExactly(
                    tuple("data.name", "name must not contain a control character (U+0000)"),
                    tuple("data.nick", "nick must be at most 16 characters"),
                    tuple("data.tags[1]",
                            "tags[1] must not contain a bidirectional formatting character (U+202E)"),
                    tuple("data.email", "email is required"));
        });
    }

    @Test
    void withoutAValidationTheDocumentReportsItsUnacceptableTextItself() throws Exception {
        RequestDocument document = thing("\"name\":\"\\ud800\"");
        document.text("name", NAME);

        assertThatThrownBy(document::requireWellFormed).isInstanceOfSatisfying(ApiException.class, failure -> {
            assertThat(failure.status()).isEqualTo(HttpStatus.UNPROCESSABLE_ENTITY);
            assertThat(failure.document().errors()).extracting(ApiError::source).containsExactly("data.name");
        });
    }

    /** A document read further after its validation was judged (a field definition's options) reports it itself. */
    @Test
    void textReadAfterTheValidationWasJudgedIsReportedByTheDocument() throws Exception {
        RequestDocument document = thing("\"name\":\"Ron\",\"options\":[\"\\u0000\"]");
        document.text("name", NAME);
        Validation validation = Validation.of(document);
        document.requireWellFormed();
        validation.throwIfInvalid();
        document.texts("options", NAME);

        assertThatThrownBy(document::requireWellFormed).isInstanceOfSatisfying(ApiException.class, failure ->
                assertThat(failure.document().errors()).extracting(ApiError::source).containsExactly("data.options[0]"));
    }

    @Test
    void aValueOfTheWrongTypeIsStillA400First() throws Exception {
        RequestDocument document = thing("\"name\":\"\\u0000\",\"tags\":[1]");
        document.text("name", NAME);
        document.texts("tags", NAME);
        Validation.of(document);

        assertThatThrownBy(document::requireWellFormed).isInstanceOfSatisfying(ApiException.class, failure -> {
            assertThat(failure.status()).isEqualTo(HttpStatus.BAD_REQUEST);
            assertThat(failure.document().errors()).extracting(ApiError::source).containsExactly("data.tags[0]");
        });
    }
}
