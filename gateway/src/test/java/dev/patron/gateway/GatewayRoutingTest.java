package dev.patron.gateway;

import org.junit.jupiter.api.Tag;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;

import static org.assertj.core.api.Assertions.assertThat;

/** The gateway in front of two real (tiny) HTTP servers standing in for the command and query services. */
@Tag("integration")
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class GatewayRoutingTest {

    private static final RecordingService COMMAND = RecordingService.start("command");
    private static final RecordingService QUERY = RecordingService.start("query");
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @LocalServerPort
    int port;

    @DynamicPropertySource
    static void upstreams(DynamicPropertyRegistry registry) {
        registry.add("patron.upstream.command", COMMAND::uri);
        registry.add("patron.upstream.query", QUERY::uri);
    }

    @AfterAll
    static void stopUpstreams() {
        COMMAND.server.stop(0);
        QUERY.server.stop(0);
    }

    @BeforeEach
    void forgetEarlierRequests() {
        COMMAND.received.clear();
        QUERY.received.clear();
    }

    @ParameterizedTest(name = "{0} {1} -> {2}")
    @CsvSource({
            "POST,   /oauth/access_token,                   command",
            "GET,    /oauth/jwks,                           command",
            "GET,    /.well-known/jwks.json,                command",
            "GET,    /openapi.json,                         command",
            "GET,    /v2/customers,                         query",
            "GET,    /v2/customers/c-1,                     query",
            "HEAD,   /v2/customers/c-1,                     query",
            "GET,    /v2/customers/c-1/addresses,           query",
            "GET,    /v2/customers/c-1/addresses/a-1,       query",
            "GET,    /v2/events,                            query",
            "POST,   /v2/customers,                         command",
            "PUT,    /v2/customers/c-1,                     command",
            "DELETE, /v2/customers/c-1,                     command",
            "POST,   /v2/customers/tokens,                  command",
            "POST,   /v2/customers/c-1/addresses,           command",
            "PUT,    /v2/customers/c-1/addresses/a-1,       command",
            "GET,    /v2/read-models,                       query",
            "POST,   /v2/read-models/customers/rebuild,     query",
            "POST,   /v2/flows,                             command",
            "GET,    /v2/flows,                             command",
            "GET,    /v2/integrations,                      command",
            "GET,    /v2/integrations/i-1,                  command",
            "GET,    /v2/integrations/i-1/logs,             command",
            "POST,   /v2/integrations,                      command",
            "GET,    /console,                              command",
            "HEAD,   /console,                              command",
            "GET,    /console/pages/customer.js,            command"})
    void eachCallReachesTheServiceThatOwnsIt(String method, String path, String owner) throws Exception {
        HttpResponse<String> response = send(HttpRequest.newBuilder(gateway(path))
                .method(method, method.equals("POST") || method.equals("PUT")
                        ? HttpRequest.BodyPublishers.ofString("{\"data\":{}}")
                        : HttpRequest.BodyPublishers.noBody()));

        assertThat(response.statusCode()).isEqualTo(200);
        RecordingService expected = owner.equals("command") ? COMMAND : QUERY;
        RecordingService other = expected == COMMAND ? QUERY : COMMAND;
        ReceivedRequest received = expected.received.poll();
        assertThat(received).isNotNull();
        assertThat(received.method()).isEqualTo(method);
        assertThat(received.path()).isEqualTo(path);
        assertThat(other.received).isEmpty();
    }

    @Test
    void tokensQueryStringBodyAndTheServicesAnswerPassThroughUnchanged() throws Exception {
        String query = "filter=eq(email,ron@swanson.com):like(name,*swan*)&page[limit]=5";
        HttpResponse<String> read = send(HttpRequest.newBuilder(URI.create(gateway("/v2/customers") + "?"
                        + query.replace("[", "%5B").replace("]", "%5D").replace("*", "%2A")))
                .header("Authorization", "Bearer access.token.value")
                .header("X-Moltin-Customer-Token", "customer.token.value"));
        ReceivedRequest readReceived = QUERY.received.poll();
        assertThat(readReceived.authorization()).isEqualTo("Bearer access.token.value");
        assertThat(readReceived.customerToken()).isEqualTo("customer.token.value");
        assertThat(readReceived.query()).isEqualTo(query);
        // Host names the service, as for any request to it; the host the client addressed is X-Forwarded-Host.
        assertThat(readReceived.host()).isEqualTo(QUERY.uri().substring("http://".length()));
        assertThat(read.body()).isEqualTo("{\"served_by\":\"query\"}");
        assertThat(read.headers().firstValue("Content-Type")).hasValue("application/json");

        String form = "grant_type=client_credentials&client_id=abc&client_secret=s%2Bcret";
        send(HttpRequest.newBuilder(gateway("/oauth/access_token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)));
        ReceivedRequest tokenRequest = COMMAND.received.poll();
        assertThat(tokenRequest.body()).isEqualTo(form);
        assertThat(tokenRequest.contentType()).isEqualTo("application/x-www-form-urlencoded");
    }

    /** The platform's SDK sends brackets and filter syntax unencoded, which java.net.http cannot even express. */
    @Test
    void anUnencodedSdkQueryStringReachesTheServiceAsSent() throws Exception {
        String query = "page[limit]=5&page[offset]=0&filter=like(name,*swan*):eq(email,ron@swanson.com)";
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
            socket.getOutputStream().write(("GET /v2/customers?" + query + " HTTP/1.1\r\nHost: localhost\r\n"
                    + "Connection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            String statusLine = new String(socket.getInputStream().readAllBytes(), StandardCharsets.US_ASCII)
                    .lines().findFirst().orElse("");
            assertThat(statusLine).startsWith("HTTP/1.1 200");
        }
        assertThat(QUERY.received.poll().query()).isEqualTo(query);
    }

    @Test
    void aServiceStatusAndErrorBodyReachTheClientAsTheServiceSentThem() throws Exception {
        HttpResponse<String> response = send(HttpRequest.newBuilder(gateway("/v2/customers/refuse-me"))
                .DELETE());
        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(response.body()).isEqualTo(RecordingService.REFUSAL);
    }

    @Test
    void pathsNoServiceOwnsAreA404InTheContractFormat() throws Exception {
        for (String path : new String[]{"/", "/v1/customers", "/oauth/other", "/v2x/customers"}) {
            HttpResponse<String> response = send(HttpRequest.newBuilder(gateway(path)));
            assertThat(response.statusCode()).as(path).isEqualTo(404);
            assertThat(response.body()).as(path).isEqualTo(
                    "{\"errors\":[{\"status\":404,\"title\":\"Not Found\",\"detail\":\"No resource found at this path\"}]}");
        }
        assertThat(COMMAND.received).isEmpty();
        assertThat(QUERY.received).isEmpty();
    }

    /** The console's page and scripts are read only: the gateway refuses other methods itself, as one process does. */
    @Test
    void theConsoleTakesGetAndHeadOnly() throws Exception {
        for (String method : new String[]{"POST", "PUT", "PATCH", "DELETE"}) {
            for (String path : new String[]{"/console", "/console/app.js"}) {
                HttpResponse<String> response = send(HttpRequest.newBuilder(gateway(path))
                        .method(method, HttpRequest.BodyPublishers.ofString("{}")));
                assertThat(response.statusCode()).as(method + " " + path).isEqualTo(405);
                assertThat(response.headers().firstValue("Allow")).as(method + " " + path).hasValue("GET");
                assertThat(response.body()).as(method + " " + path).startsWith("{\"errors\":[{\"status\":405,");
            }
        }
        assertThat(COMMAND.received).isEmpty();
        assertThat(QUERY.received).isEmpty();
    }

    private URI gateway(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

    static HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    record ReceivedRequest(String method, String path, String query, String host, String authorization,
                           String customerToken, String contentType, String body) {
    }

    /** Answers 200 {"served_by": name} to anything, except DELETE /v2/customers/refuse-me, and records requests. */
    record RecordingService(String name, HttpServer server, BlockingQueue<ReceivedRequest> received) {

        static final String REFUSAL = "{\"errors\":[{\"status\":403,\"title\":\"Forbidden\",\"detail\":\"no\"}]}";

        static RecordingService start(String name) {
            try {
                HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
                RecordingService service = new RecordingService(name, server, new LinkedBlockingQueue<>());
                server.createContext("/", service::answer);
                server.start();
                return service;
            } catch (IOException cannotListen) {
                throw new UncheckedIOException(cannotListen);
            }
        }

        String uri() {
            return "http://127.0.0.1:" + server.getAddress().getPort();
        }

        private void answer(HttpExchange exchange) throws IOException {
            var headers = exchange.getRequestHeaders();
            received.add(new ReceivedRequest(exchange.getRequestMethod(), exchange.getRequestURI().getRawPath(),
                    exchange.getRequestURI().getQuery(), headers.getFirst("Host"), headers.getFirst("Authorization"),
                    headers.getFirst("X-Moltin-Customer-Token"), headers.getFirst("Content-Type"),
                    new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8)));
            boolean refuse = exchange.getRequestURI().getPath().equals("/v2/customers/refuse-me");
            byte[] body = (refuse ? REFUSAL : "{\"served_by\":\"" + name + "\"}").getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            if (exchange.getRequestMethod().equals("HEAD")) {
                exchange.sendResponseHeaders(200, -1);
                exchange.close();
                return;
            }
            exchange.sendResponseHeaders(refuse ? 403 : 200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }
}
