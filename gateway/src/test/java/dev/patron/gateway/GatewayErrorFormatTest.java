package dev.patron.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import dev.patron.contract.testing.RawHttp;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Requests the gateway refuses itself, sent byte for byte over a socket (no HTTP client library sends them): each is
 * answered in the contract's error format with the right status, and none reaches a service. Before, Reactor Netty and
 * Spring's adapter answered most of them with an empty body, and a request without {@code Host} with a 500.
 */
@Tag("integration")
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class GatewayErrorFormatTest {

    private static final GatewayRoutingTest.RecordingService COMMAND =
            GatewayRoutingTest.RecordingService.start("command");
    private static final GatewayRoutingTest.RecordingService QUERY =
            GatewayRoutingTest.RecordingService.start("query");
    private static final String HOST = "Host: localhost";

    @LocalServerPort
    int port;

    @DynamicPropertySource
    static void upstreams(DynamicPropertyRegistry registry) {
        registry.add("patron.upstream.command", COMMAND::uri);
        registry.add("patron.upstream.query", QUERY::uri);
    }

    @AfterAll
    static void stopUpstreams() {
        COMMAND.server().stop(0);
        QUERY.server().stop(0);
    }

    @AfterEach
    void nothingReachedAService() {
        List<GatewayRoutingTest.ReceivedRequest> forwarded = new ArrayList<>();
        COMMAND.received().drainTo(forwarded);
        QUERY.received().drainTo(forwarded);
        assertThat(forwarded).isEmpty();
    }

    @Test
    void aRequestTargetThatIsNoUriIsABadRequest() {
        for (String target : new String[] {"/v2/customers/{id}", "/v2/customers/a|b", "/v2/customers/a\\b",
                "/v2/customers/%zz", "/v2/customers/%", "/v2/customers?filter={|}", "/v2/customers/a^b"}) {
            RawHttp.request(port, "GET", target, HOST).assertContractError(400);
        }
    }

    @Test
    void aRequestLineOverTheLimitIs414AndHeadersOverTheLimitAre431() {
        RawHttp.request(port, "GET", "/v2/customers/" + "a".repeat(5_000), HOST).assertContractError(414);
        RawHttp.request(port, "GET", "/v2/customers", HOST, "X-Padding: " + "a".repeat(10_000))
                .assertContractError(431);
    }

    @Test
    void traceConnectAndInventedMethodsAreNotAllowed() {
        for (String[] request : new String[][] {{"TRACE", "/v2/customers"}, {"FOO", "/v2/customers"},
                {"PROPFIND", "/v2/customers/c-1"}, {"CONNECT", "localhost:80"}, {"BREW", "/nothing"}}) {
            RawHttp.Response refused = RawHttp.request(port, request[0], request[1], HOST);
            refused.assertContractError(405);
            assertThat(refused.header("Allow")).as(request[0]).contains("GET").doesNotContain("TRACE");
        }
    }

    /**
     * Reads and writes of one path go to different services, so a method a path does not take reached a service that
     * does not serve the path and came back 404: now 405 naming the methods the API description gives it, as in one
     * process. A path the description does not have is left to routing.
     */
    @Test
    void aMethodTheDescribedPathDoesNotTakeIsNotAllowed() {
        for (String[] request : new String[][] {{"PUT", "/v2/orders", "GET"}, {"DELETE", "/v2/events", "GET"},
                {"GET", "/v2/read-models/customers/rebuild", "POST"}, {"PATCH", "/v2/customers/c-1", "PUT"},
                {"POST", "/v2/customers/c-1/history", "GET"}, {"PATCH", "/v2/customers/tokens", "POST"}}) {
            RawHttp.Response refused = RawHttp.request(port, request[0], request[1], HOST, "Content-Length: 0");
            refused.assertContractError(405);
            assertThat(refused.header("Allow")).as(request[1]).contains(request[2]).doesNotContain(request[0]);
        }
    }

    /** Issue 12, finding 2: forwarding a request without a Host failed with a 500. */
    @Test
    void aRequestWithoutExactlyOneHostIsABadRequest() {
        RawHttp.request(port, "GET", "/v2/customers").assertContractError(400);
        RawHttp.request(port, "POST", "/v2/customers", "Content-Length: 0").assertContractError(400);
        RawHttp.request(port, "GET", "/v2/customers", "Host: one", "Host: two").assertContractError(400);
        RawHttp.request(port, "GET", "/v2/customers", "Host:").assertContractError(400);
        send("GET /v2/customers HTTP/1.0\r\n\r\n").assertContractError(400);
    }

    @Test
    void brokenFramingIsABadRequest() {
        send("POST /v2/customers HTTP/1.1\r\nHost: x\r\nContent-Length: ten\r\n\r\n{}").assertContractError(400);
        send("POST /v2/customers HTTP/1.1\r\nHost: x\r\nContent-Length: 2\r\nContent-Length: 3\r\n\r\n{}")
                .assertContractError(400);
        send("GET /v2/customers HTTP/1.1\r\nHost: x\r\nBad Header: y\r\n\r\n").assertContractError(400);
        send("GET /v2/customers HTTP/2.0\r\nHost: x\r\n\r\n").assertContractError(400);
        send("GET /v2/customers NOT-HTTP\r\nHost: x\r\n\r\n").assertContractError(400);
    }

    private RawHttp.Response send(String request) {
        return RawHttp.send(port, request.getBytes(StandardCharsets.ISO_8859_1));
    }
}
