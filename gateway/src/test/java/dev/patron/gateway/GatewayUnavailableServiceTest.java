package dev.patron.gateway;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import static org.assertj.core.api.Assertions.assertThat;

/** A service that is not running: the client gets a 503 in the contract format, nothing about the gateway's insides. */
@Tag("integration")
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class GatewayUnavailableServiceTest {

    @LocalServerPort
    int port;

    @DynamicPropertySource
    static void upstreamsNobodyListensOn(DynamicPropertyRegistry registry) throws IOException {
        String closedPort = "http://127.0.0.1:" + freeLoopbackPort();
        registry.add("patron.upstream.command", () -> closedPort);
        registry.add("patron.upstream.query", () -> closedPort);
    }

    @Test
    void aServiceThatIsDownIsA503InTheContractFormat() throws Exception {
        HttpResponse<String> response = GatewayRoutingTest.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/v2/customers")));

        assertThat(response.statusCode()).isEqualTo(503);
        assertThat(response.body()).isEqualTo("{\"errors\":[{\"status\":503,\"title\":\"Service Unavailable\","
                + "\"detail\":\"The service behind this path is not available; try again shortly\"}]}");
    }

    private static int freeLoopbackPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
