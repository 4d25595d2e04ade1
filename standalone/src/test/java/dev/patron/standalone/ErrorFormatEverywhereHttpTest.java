package dev.patron.standalone;

import static dev.patron.kit.web.ApiTestClient.json;
import static org.assertj.core.api.Assertions.assertThat;

import dev.patron.contract.testing.RawHttp;
import dev.patron.eventstore.testing.InMemoryMongo;
import dev.patron.kit.web.ApiTestClient;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Requests refused below Spring MVC, by Tomcat itself (issue 12, finding 3), sent byte for byte over a socket, as no
 * HTTP client library would send them: each is answered with the right status in the contract's error format (they
 * were HTML pages or empty bodies), and a write among them stores nothing.
 */
@Tag("integration")
class ErrorFormatEverywhereHttpTest {

    private static RunningPatron patron;
    private static ApiTestClient backOffice;
    private static String authorization;

    @BeforeAll
    static void start() {
        patron = RunningPatron.start(InMemoryMongo.connectionString(), "error-format-" + UUID.randomUUID());
        backOffice = patron.backOffice();
        authorization = "Authorization: Bearer " + RunningPatron.accessToken(patron.port);
    }

    @AfterAll
    static void stop() {
        patron.close();
    }

    private static RawHttp.Response request(String method, String target, String... headers) {
        String[] all = new String[headers.length + 2];
        all[0] = "Host: localhost";
        all[1] = authorization;
        System.arraycopy(headers, 0, all, 2, headers.length);
        return RawHttp.request(patron.port, method, target, all);
    }

    private static RawHttp.Response send(String request) {
        return RawHttp.send(patron.port, request.getBytes(StandardCharsets.ISO_8859_1));
    }

    private static String email() {
        return "framing-" + UUID.randomUUID() + "@example.com";
    }

    private static String customer(String email) {
        return "{\"data\":{\"type\":\"customer\",\"name\":\"Ron Swanson\",\"email\":\"" + email + "\"}}";
    }

    private static boolean listed(String email) {
        return json(backOffice.get("/v2/customers?filter=" + URLEncoder.encode("eq(email," + email + ")",
                StandardCharsets.UTF_8))).get("data").size() > 0;
    }

    @Test
    void aPathTomcatCannotReadIsABadRequest() {
        for (String target : new String[] {"/v2/customers/a%2Fb", "/v2/customers/a%5Cb", "/v2/customers/a\\b",
                "/v2/customers/a%00b", "/v2/customers/a%C0%AFb", "/v2/customers/a%FFb", "/v2/customers/%zz",
                "/v2/customers/{id}", "/v2/customers/a|b", "/v2/customers/a^b", "*", "v2/customers"}) {
            request("GET", target).assertContractError(400);
        }
        request("DELETE", "/v2/customers/a%2Fb").assertContractError(400);
    }

    @Test
    void aRequestLineOverTheLimitIs414AndHeadersOverTheLimitAre431() {
        request("GET", "/v2/customers/" + "a".repeat(20_000)).assertContractError(414);
        request("GET", "/v2/customers", "X-Padding: " + "a".repeat(20_000)).assertContractError(431);
    }

    @Test
    void traceAndInventedMethodsAreNotAllowed() {
        RawHttp.Response trace = request("TRACE", "/v2/customers", "X-Echo-Me: secret");
        trace.assertContractError(405);
        assertThat(trace.body()).doesNotContain("secret");
        request("FOO", "/v2/customers").assertContractError(405);
        request("PROPFIND", "/v2/customers/c-1").assertContractError(405);
        request("CONNECT", "localhost:80").assertContractError(405);
    }

    @Test
    void anAnswerTheClientDoesNotAcceptIsStillWrittenInJson() {
        request("GET", "/v2/customers", "Accept: application/xml").assertContractError(406);
        request("GET", "/no-such-path", "Accept: application/xml").assertContractError(404);
    }

    @Test
    void brokenFramingIsRefusedAndNothingIsStored() {
        String[] emails = {email(), email(), email(), email()};
        String[] requests = {
                "POST /v2/customers HTTP/1.1\r\nHost: x\r\n" + authorization + "\r\nContent-Type: application/json\r\n"
                        + "Content-Length: ten\r\n\r\n" + customer(emails[0]),
                "POST /v2/customers HTTP/1.1\r\nHost: x\r\n" + authorization + "\r\nContent-Type: application/json\r\n"
                        + "Content-Length: 2\r\nContent-Length: 300\r\n\r\n" + customer(emails[1]),
                "POST /v2/customers HTTP/1.1\r\nHost: x\r\n" + authorization + "\r\nContent-Type: application/json\r\n"
                        + "Transfer-Encoding: chunked\r\n\r\nzz\r\n" + customer(emails[2]) + "\r\n0\r\n\r\n"};
        for (String request : requests) {
            send(request).assertContractError(400);
        }
        send("POST /v2/customers HTTP/1.1\r\nHost: x\r\n" + authorization + "\r\nContent-Type: application/json\r\n"
                + "Transfer-Encoding: gzip\r\n\r\n" + customer(emails[3])).assertContractError(400);
        for (String email : emails) {
            assertThat(listed(email)).as(email).isFalse();
        }
    }

    @Test
    void aRequestThatIsNotHttpOneOneIsRefused() {
        send("GET /v2/customers HTTP/1.1\r\n" + authorization + "\r\nConnection: close\r\n\r\n")
                .assertContractError(400);
        send("GET /v2/customers HTTP/1.1\r\nHost: one\r\nHost: two\r\nConnection: close\r\n\r\n")
                .assertContractError(400);
        send("GET /v2/customers HTTP/1.1\r\nHost: x\r\nBad Header: y\r\nConnection: close\r\n\r\n")
                .assertContractError(400);
        send("GET /v2/customers NOT-HTTP\r\nHost: x\r\n\r\n").assertContractError(400);
        send("GET /v2/customers HTTP/2.0\r\nHost: x\r\nConnection: close\r\n\r\n").assertContractError(400);
    }
}
