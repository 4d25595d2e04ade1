package dev.patron.standalone;

import static dev.patron.kit.web.ApiTestClient.json;
import static org.assertj.core.api.Assertions.assertThat;

import dev.patron.eventstore.testing.InMemoryMongo;
import dev.patron.kit.web.ApiTestClient;
import dev.patron.kit.web.RawHttp;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Forwarded headers and {@code Host} sent by a client, in Patron as one process (no proxy in front, so none is
 * trusted): the links of a page of a list and of the event feed name the host the client really addressed, never a
 * value from these headers; with a public base URL set, they start with it whatever the request says.
 */
@Tag("integration")
class HostileForwardedHeadersHttpTest {

    /** Each a header line a client could send to steer the links Patron writes. */
    static final List<String> HOSTILE_HEADERS = List.of(
            "X-Forwarded-Host: evil.example",
            "X-Forwarded-Host: evil.example:666",
            "Forwarded: host=evil.example;proto=javascript",
            "Forwarded: for=6.6.6.6;host=\"evil.example:666\";proto=https",
            "X-Forwarded-Prefix: /evil",
            "X-Forwarded-Port: 666",
            "X-Forwarded-Proto: javascript",
            "X-Forwarded-Proto: https",
            "X-Forwarded-Ssl: on",
            "X-Forwarded-For: 6.6.6.6");
    private static final String PUBLIC_BASE_URL = "https://api.example.com/shop";

    private static RunningPatron patron;
    private static RunningPatron patronWithPublicBaseUrl;

    @BeforeAll
    static void start() {
        patron = RunningPatron.start(InMemoryMongo.connectionString(), "forwarded-" + UUID.randomUUID());
        patronWithPublicBaseUrl = RunningPatron.start(InMemoryMongo.connectionString(),
                "forwarded-base-" + UUID.randomUUID(), List.of("--patron.web.public-base-url=" + PUBLIC_BASE_URL));
        createCustomers(patron.backOffice());
        createCustomers(patronWithPublicBaseUrl.backOffice());
    }

    @AfterAll
    static void stop() {
        patron.close();
        patronWithPublicBaseUrl.close();
    }

    static List<String> hostileHeaders() {
        return HOSTILE_HEADERS;
    }

    @ParameterizedTest
    @MethodSource("hostileHeaders")
    void aForwardedHeaderFromAClientDoesNotReachTheLinks(String header) {
        assertLinksStartWith(links(patron.port, List.of(header)), "http://localhost:" + patron.port);
    }

    @Test
    void allOfThemTogetherDoNotEither() {
        assertLinksStartWith(links(patron.port, HOSTILE_HEADERS), "http://localhost:" + patron.port);
    }

    @ParameterizedTest
    @MethodSource("hostileHeaders")
    void withAPublicBaseUrlLinksStartWithItWhateverTheHeaders(String header) {
        assertLinksStartWith(links(patronWithPublicBaseUrl.port, List.of(header)), PUBLIC_BASE_URL);
    }

    @Test
    void withAPublicBaseUrlAClientsHostDoesNotReachTheLinks() {
        List<String> everything = new ArrayList<>(HOSTILE_HEADERS);
        everything.add("Host: evil.example");

        assertLinksStartWith(links(patronWithPublicBaseUrl.port, List.of("Host: evil.example")), PUBLIC_BASE_URL);
        assertLinksStartWith(links(patronWithPublicBaseUrl.port, everything), PUBLIC_BASE_URL);
    }

    /**
     * The links of a middle page of the customer list (current, first, last, next and previous) and the event feed's
     * next link, each read with a back-office token and these further header lines, sent as written.
     */
    static List<String> links(int port, List<String> headerLines) {
        List<String> lines = new ArrayList<>(headerLines);
        lines.add("Authorization: Bearer " + RunningPatron.accessToken(port));
        List<String> links = new ArrayList<>();
        for (String target : List.of("/v2/customers?page%5Blimit%5D=1&page%5Boffset%5D=1", "/v2/events?limit=1")) {
            HttpResponse<String> response = RawHttp.get(port, target, lines);
            assertThat(response.statusCode()).as("%s %s: %s", target, headerLines, response.body()).isEqualTo(200);
            json(response).get("links").forEach(link -> links.add(link.asText()));
        }
        return links;
    }

    static void assertLinksStartWith(List<String> links, String base) {
        assertThat(links).hasSize(6).allSatisfy(link -> assertThat(link)
                .startsWith(base + "/v2/")
                .doesNotContainIgnoringCase("evil")
                .doesNotContainIgnoringCase("javascript"));
    }

    /** Three, so that the middle page of one has a next and a previous page. */
    static void createCustomers(ApiTestClient backOffice) {
        for (int i = 0; i < 3; i++) {
            HttpResponse<String> created = backOffice.post("/v2/customers", "{\"data\":{\"type\":\"customer\","
                    + "\"name\":\"Ron Swanson\",\"email\":\"ron-" + UUID.randomUUID() + "@swanson.com\"}}");
            assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        }
    }
}
