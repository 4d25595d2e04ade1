package dev.patron.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The forwarded headers a service receives are the gateway's alone: whatever a client sends under those names is
 * dropped, and the gateway's own say how the request reached it. One stand-in service records the headers it gets.
 */
@Tag("integration")
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class GatewayForwardedHeadersTest {

    private static final BlockingQueue<Headers> RECEIVED = new LinkedBlockingQueue<>();
    private static final HttpServer SERVICE = service();

    @LocalServerPort
    int port;

    @DynamicPropertySource
    static void upstreams(DynamicPropertyRegistry registry) {
        String uri = "http://127.0.0.1:" + SERVICE.getAddress().getPort();
        registry.add("patron.upstream.command", () -> uri);
        registry.add("patron.upstream.query", () -> uri);
    }

    @AfterAll
    static void stopService() {
        SERVICE.stop(0);
    }

    @BeforeEach
    void forgetEarlierRequests() {
        RECEIVED.clear();
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "",
            "X-Forwarded-Host: evil.example",
            "Forwarded: host=evil.example;proto=javascript;for=6.6.6.6",
            "X-Forwarded-Prefix: /evil",
            "X-Forwarded-Port: 666",
            "X-Forwarded-Proto: javascript",
            "X-Forwarded-Ssl: on",
            "X-Forwarded-For: 6.6.6.6",
            "x-forwarded-host: evil.example\r\nX-FORWARDED-FOR: 6.6.6.6\r\nforwarded: for=6.6.6.6"})
    void theServiceGetsTheGatewaysForwardedHeadersAndNoneOfTheClients(String clientHeaders) throws Exception {
        for (String path : List.of("/v2/customers?page%5Blimit%5D=1", "/v2/events", "/v2/customers")) {
            String method = path.equals("/v2/customers") ? "POST" : "GET";
            String status = send(method, path, clientHeaders);
            assertThat(status).startsWith("HTTP/1.1 200");
            Headers received = RECEIVED.poll(10, TimeUnit.SECONDS);

            assertThat(received).isNotNull();
            assertThat(forwarded(received)).as("%s %s", method, path).containsOnly(
                    Map.entry("X-forwarded-proto", List.of("http")),
                    Map.entry("X-forwarded-host", List.of("localhost:" + port)),
                    Map.entry("X-forwarded-for", List.of("127.0.0.1")));
        }
    }

    private static Map<String, List<String>> forwarded(Headers headers) {
        return headers.entrySet().stream()
                .filter(header -> header.getKey().toLowerCase().startsWith("x-forwarded")
                        || header.getKey().equalsIgnoreCase("forwarded"))
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
    }

    /** Over a socket, so that the header lines go exactly as written. Returns the status line. */
    private String send(String method, String path, String headerLines) throws IOException {
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
            String body = method.equals("POST") ? "{\"data\":{}}" : "";
            socket.getOutputStream().write((method + " " + path + " HTTP/1.1\r\nHost: localhost:" + port + "\r\n"
                    + (headerLines.isEmpty() ? "" : headerLines + "\r\n")
                    + (body.isEmpty() ? "" : "Content-Type: application/json\r\nContent-Length: " + body.length()
                    + "\r\n") + "Connection: close\r\n\r\n" + body).getBytes(StandardCharsets.US_ASCII));
            return new String(socket.getInputStream().readAllBytes(), StandardCharsets.US_ASCII)
                    .lines().findFirst().orElse("");
        }
    }

    private static HttpServer service() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            server.createContext("/", exchange -> {
                RECEIVED.add(exchange.getRequestHeaders());
                exchange.getRequestBody().readAllBytes();
                byte[] answer = "{}".getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().add("Content-Type", "application/json");
                exchange.sendResponseHeaders(200, answer.length);
                exchange.getResponseBody().write(answer);
                exchange.close();
            });
            server.start();
            return server;
        } catch (IOException cannotListen) {
            throw new UncheckedIOException(cannotListen);
        }
    }
}
