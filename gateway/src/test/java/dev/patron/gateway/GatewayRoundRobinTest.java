package dev.patron.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import dev.patron.gateway.GatewayRoutingTest.RecordingService;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpRequest;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Two instances of each service behind the gateway: requests go to them in turn, and an instance that refuses
 * connections (here a port bound but not listening, as a killed service's) is passed over after the one request that
 * met the refusal.
 */
@Tag("integration")
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class GatewayRoundRobinTest {

    private static final RecordingService COMMAND_1 = RecordingService.start("command-1");
    private static final RecordingService COMMAND_2 = RecordingService.start("command-2");
    private static final RecordingService QUERY = RecordingService.start("query");
    private static final Socket DOWN = new Socket();

    @LocalServerPort
    int port;

    @DynamicPropertySource
    static void upstreams(DynamicPropertyRegistry registry) throws IOException {
        DOWN.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        registry.add("patron.upstream.command", () -> COMMAND_1.uri() + "," + COMMAND_2.uri());
        registry.add("patron.upstream.query", () -> "http://127.0.0.1:" + DOWN.getLocalPort() + "," + QUERY.uri());
    }

    @AfterAll
    static void stop() throws IOException {
        COMMAND_1.server().stop(0);
        COMMAND_2.server().stop(0);
        QUERY.server().stop(0);
        DOWN.close();
    }

    @Test
    void requestsAreSpreadOverTheInstancesInTurn() throws Exception {
        for (int i = 0; i < 10; i++) {
            assertThat(GatewayRoutingTest.send(HttpRequest.newBuilder(gateway("/v2/customers"))
                    .POST(HttpRequest.BodyPublishers.ofString("{\"data\":{}}"))).statusCode()).isEqualTo(200);
        }
        assertThat(COMMAND_1.received()).hasSize(5);
        assertThat(COMMAND_2.received()).hasSize(5);
        assertThat(COMMAND_1.received().poll().body()).isEqualTo("{\"data\":{}}");
    }

    @Test
    void anInstanceThatRefusesConnectionsIsPassedOverAfterTheRequestThatMetIt() throws Exception {
        List<Integer> statuses = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            statuses.add(GatewayRoutingTest.send(HttpRequest.newBuilder(gateway("/v2/customers"))).statusCode());
        }
        // The request that reached the instance that is down reached no service: 503, which the client may repeat.
        assertThat(statuses).contains(503).containsOnly(200, 503);
        for (int i = 0; i + 1 < statuses.size(); i++) {
            if (statuses.get(i) == 503) {
                assertThat(statuses.get(i + 1)).as("the request after a refusal, in %s", statuses).isEqualTo(200);
            }
        }
        assertThat(QUERY.received()).hasSize((int) statuses.stream().filter(status -> status == 200).count());
    }

    private URI gateway(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }
}
