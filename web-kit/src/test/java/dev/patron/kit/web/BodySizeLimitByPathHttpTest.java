package dev.patron.kit.web;

import org.junit.jupiter.api.Tag;
import static dev.patron.kit.web.ApiTestClient.errors;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * {@code patron.web.max-body-size-by-path}: one path (a bulk import) may take larger bodies than the rest. The larger
 * limit must apply to exactly that path, and be a limit all the same (declared and chunked bodies over it get 413),
 * while every other path, including ones that merely look like it, keeps the default. Through a real server and a
 * real HTTP client, configured the way command-service.yml does it.
 */
@Tag("integration")
@SpringBootTest(classes = WebKitTestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
                "patron.web.max-body-size=64KB",
                "patron.web.max-body-size-by-path.[/things]=160KB"
        })
class BodySizeLimitByPathHttpTest {

    private static final int DEFAULT_LIMIT = 64 * 1024;
    private static final int THINGS_LIMIT = 160 * 1024;

    @LocalServerPort
    private int port;
    private ApiTestClient api;

    @BeforeEach
    void connect() {
        api = ApiTestClient.onPort(port);
    }

    @Test
    void thePathWithItsOwnLimitAcceptsBodiesUpToItAboveTheDefault() {
        byte[] atLimit = thingOfSize(THINGS_LIMIT).getBytes();

        assertThat(api.post("/things", thingOfSize(DEFAULT_LIMIT * 2)).statusCode()).isEqualTo(200);
        assertThat(api.post("/things", BodyPublishers.ofByteArray(atLimit)).statusCode()).isEqualTo(200);
        assertThat(api.post("/things", BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(atLimit)))
                .statusCode()).isEqualTo(200);
    }

    @Test
    void thePathWithItsOwnLimitRefusesBodiesOverIt() {
        byte[] oversized = thingOfSize(THINGS_LIMIT + 1).getBytes();

        JsonAssert.detailNames(errors(api.post("/things", BodyPublishers.ofByteArray(oversized)), 413), THINGS_LIMIT);
        JsonAssert.detailNames(errors(api.post("/things",
                BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(oversized))), 413), THINGS_LIMIT);
    }

    @Test
    void otherPathsKeepTheDefaultLimit() {
        byte[] overDefault = countOfSize(DEFAULT_LIMIT + 1).getBytes();

        assertThat(api.post("/counts", countOfSize(DEFAULT_LIMIT)).statusCode()).isEqualTo(200);
        JsonAssert.detailNames(errors(api.post("/counts", BodyPublishers.ofByteArray(overDefault)), 413),
                DEFAULT_LIMIT);
        JsonAssert.detailNames(errors(api.post("/counts",
                BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(overDefault))), 413), DEFAULT_LIMIT);
    }

    @Test
    void pathsThatOnlyResembleItKeepTheDefaultLimit() {
        String overDefault = thingOfSize(DEFAULT_LIMIT + 1);

        for (String lookalike : new String[] {"/things/", "/things/bulk", "/THINGS", "/things;x=1", "//things"}) {
            HttpResponse<String> response = api.post(lookalike, overDefault);
            assertThat(response.statusCode()).as("status of %s", lookalike).isEqualTo(413);
            JsonAssert.detailNames(errors(response, 413), DEFAULT_LIMIT);
        }
    }

    /** A valid thing document of exactly {@code bytes} bytes. */
    private static String thingOfSize(int bytes) {
        String frame = "{\"data\":{\"type\":\"thing\",\"name\":\"\"}}";
        return frame.replace("\"name\":\"\"", "\"name\":\"" + "x".repeat(bytes - frame.length()) + "\"");
    }

    /** A valid count document of exactly {@code bytes} bytes (padded with whitespace, which JSON allows). */
    private static String countOfSize(int bytes) {
        String document = "{\"data\":{\"type\":\"count\",\"count\":7}}";
        return document.replace("{\"data\"", "{" + " ".repeat(bytes - document.length()) + "\"data\"");
    }

    private static final class JsonAssert {
        /** The 413 says which limit was exceeded: the path's own, or the default. */
        static void detailNames(com.fasterxml.jackson.databind.JsonNode errors, int limit) {
            assertThat(errors).singleElement().satisfies(error ->
                    assertThat(error.get("detail").asText()).contains(" " + limit + " bytes"));
        }
    }
}
