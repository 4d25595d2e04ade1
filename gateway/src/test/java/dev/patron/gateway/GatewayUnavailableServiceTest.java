package dev.patron.gateway;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
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

    /**
     * Bound but not listening: connections to its port are refused while the class runs, and no server (the gateway
     * itself included, on its random port) can be given that port meanwhile, as it could a port merely closed again.
     */
    private static final Socket REFUSING = new Socket();

    @DynamicPropertySource
    static void upstreamsNobodyListensOn(DynamicPropertyRegistry registry) throws IOException {
        REFUSING.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        String closedPort = "http://127.0.0.1:" + REFUSING.getLocalPort();
        registry.add("patron.upstream.command", () -> closedPort);
        registry.add("patron.upstream.query", () -> closedPort);
    }

    @AfterAll
    static void releasePort() throws IOException {
        REFUSING.close();
    }

    @Test
    void aServiceThatIsDownIsA503InTheContractFormat() throws Exception {
        HttpResponse<String> response = GatewayRoutingTest.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/v2/customers")));

        assertThat(response.statusCode()).isEqualTo(503);
        assertThat(response.body()).isEqualTo("{\"errors\":[{\"status\":503,\"title\":\"Service Unavailable\","
                + "\"detail\":\"The service behind this path is not available; try again shortly\"}]}");
    }
}
