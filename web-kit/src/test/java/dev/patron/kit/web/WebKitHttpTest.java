package dev.patron.kit.web;

import org.junit.jupiter.api.Tag;
import static dev.patron.kit.web.ApiTestClient.errors;
import static dev.patron.kit.web.ApiTestClient.json;
import static dev.patron.kit.web.ApiTestClient.sources;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/** The kit's answers as a client sees them, through a real server and a real HTTP client. */
@Tag("integration")
@SpringBootTest(classes = WebKitTestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class WebKitHttpTest {

    private static final int LIMIT = 64 * 1024;

    @LocalServerPort
    private int port;
    private ApiTestClient api;

    @BeforeEach
    void connect() {
        api = ApiTestClient.onPort(port);
    }

    @Test
    void wellFormedRequestPasses() {
        HttpResponse<String> response = api.post("/things", "{\"data\":{\"type\":\"thing\",\"name\":\"lamp\"}}");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(json(response).at("/data/name").asText()).isEqualTo("lamp");
    }

    @Test
    void malformedJsonIsABadRequestWithoutParserDetails() {
        HttpResponse<String> response = api.post("/things", "{\"data\": {\"type\": \"thing\", ");

        errors(response, 400);
        assertThat(response.body()).doesNotContain("Jackson", "Unexpected", "line:", "com.fasterxml");
    }

    @Test
    void missingBodyIsABadRequest() {
        errors(api.post("/things", ""), 400);
    }

    @Test
    void wrongOrMissingTypeNamesTheTypeField() {
        errors(api.post("/things", "{\"data\":{\"type\":\"customer\"}}"), 400, "data.type");
        errors(api.post("/things", "{\"data\":{\"name\":\"lamp\"}}"), 400, "data.type");
    }

    @Test
    void bodyWithoutDataObjectNamesData() {
        errors(api.post("/things", "[1,2]"), 400, "data");
        errors(api.post("/things", "{\"data\":\"thing\"}"), 400, "data");
    }

    @Test
    void everyFieldOfTheWrongTypeIsNamed() {
        HttpResponse<String> response =
                api.post("/things", "{\"data\":{\"type\":\"thing\",\"name\":123,\"colour\":{\"r\":1}}}");

        errors(response, 400, "data.name", "data.colour");
    }

    /** Text that breaks its field's bound comes first, then the rules checked on the values read. */
    @Test
    void ruleViolationsAreUnprocessableAndAllReported() {
        HttpResponse<String> response =
                api.post("/things", "{\"data\":{\"type\":\"thing\",\"colour\":\"ultramarine blue\"}}");

        errors(response, 422, "data.colour", "data.name");
    }

    @Test
    void wrongTypeInABoundBodyNamesThePath() {
        HttpResponse<String> response = api.post("/counts", "{\"data\":{\"type\":\"count\",\"count\":\"many\"}}");

        errors(response, 400, "data.count");
    }

    @Test
    void declaredBodyOverTheLimitIsRefusedUnread() {
        errors(api.post("/things", thingOfSize(LIMIT + 1)), 413);
    }

    @Test
    void chunkedBodyOverTheLimitIsRefusedWhileRead() {
        byte[] oversized = thingOfSize(LIMIT + 1).getBytes();

        errors(api.post("/things", BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(oversized))), 413);
    }

    @Test
    void bodyAtTheLimitIsAccepted() {
        byte[] atLimit = thingOfSize(LIMIT).getBytes();

        assertThat(api.post("/things", BodyPublishers.ofByteArray(atLimit)).statusCode()).isEqualTo(200);
        assertThat(api.post("/things", BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(atLimit)))
                .statusCode()).isEqualTo(200);
    }

    /**
     * Bytes that are not UTF-8 are a 400 before any value is read: an overlong {@code /} ({@code C0 AF}), an
     * encoded surrogate, a code point past U+10FFFF, a sequence cut short; sent whole or in chunks. The same name
     * in well-formed UTF-8 passes.
     */
    @Test
    void aBodyThatIsNotUtf8IsABadRequest() {
        for (byte[] malformed : new byte[][] {{(byte) 0xC0, (byte) 0xAF}, {(byte) 0xE0, (byte) 0x80, (byte) 0xAF},
                {(byte) 0xED, (byte) 0xA0, (byte) 0x80}, {(byte) 0xF4, (byte) 0x90, (byte) 0x80, (byte) 0x80},
                {(byte) 0xC3}}) {
            byte[] body = thingNamed(malformed);
            assertThat(errors(api.post("/things", BodyPublishers.ofByteArray(body)), 400).get(0).get("detail").asText())
                    .isEqualTo(BodyNotUtf8Exception.DETAIL);
            errors(api.post("/things", BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body))), 400);
        }
        HttpResponse<String> wellFormed =
                api.post("/things", BodyPublishers.ofByteArray(thingNamed("lämp € 😀".getBytes(StandardCharsets.UTF_8))));
        assertThat(json(wellFormed).at("/data/name").asText()).isEqualTo("lämp € 😀");
    }

    @Test
    void unknownPathIsNotFoundInTheContractFormat() {
        HttpResponse<String> response = api.get("/v2/nothing-here");

        errors(response, 404);
        assertThat(response.body()).doesNotContain("static resource", "\"timestamp\"", "\"path\"");
    }

    @Test
    void wrongMethodIsNotAllowedAndSaysWhatIs() {
        HttpResponse<String> response = api.delete("/things");

        errors(response, 405);
        assertThat(response.headers().firstValue("Allow")).hasValue("POST");
    }

    @Test
    void unsupportedContentTypeIsRefused() {
        errors(api.send(api.request("/things").header("Content-Type", "text/plain")
                .POST(BodyPublishers.ofString("name=lamp"))), 415);
    }

    @Test
    void unexpectedFailureRevealsNothing() {
        HttpResponse<String> response = api.get("/failure");

        errors(response, 500);
        assertThat(response.body()).doesNotContain("E11000", "com.mongodb", "IllegalStateException", "at ");
    }

    @Test
    void failureOutsideSpringMvcAnswersThroughTheErrorPageInTheContractFormat() {
        HttpResponse<String> response = api.get("/filter-failure");

        errors(response, 500);
        assertThat(response.body()).doesNotContain("E11000", "com.mongodb", "IllegalStateException", "trace");
    }

    @Test
    void errorPageAskedForDirectlyIsNotAResource() {
        errors(api.get("/error"), 404);
    }

    @Test
    void apiExceptionAnswersWithAllItsErrors() {
        assertThat(errors(api.get("/conflict"), 409, "data.a", "data.b")).extracting(error -> error.get("detail").asText())
                .containsExactly("first", "second");
    }

    /** A thing document whose name is {@code nameBytes} as they are. */
    private static byte[] thingNamed(byte[] nameBytes) {
        byte[] before = "{\"data\":{\"type\":\"thing\",\"name\":\"".getBytes(StandardCharsets.US_ASCII);
        byte[] after = "\"}}".getBytes(StandardCharsets.US_ASCII);
        byte[] body = new byte[before.length + nameBytes.length + after.length];
        System.arraycopy(before, 0, body, 0, before.length);
        System.arraycopy(nameBytes, 0, body, before.length, nameBytes.length);
        System.arraycopy(after, 0, body, before.length + nameBytes.length, after.length);
        return body;
    }

    /** A valid thing document of exactly {@code bytes} bytes. */
    private static String thingOfSize(int bytes) {
        String frame = "{\"data\":{\"type\":\"thing\",\"name\":\"\"}}";
        return frame.replace("\"name\":\"\"", "\"name\":\"" + "x".repeat(bytes - frame.length()) + "\"");
    }
}
