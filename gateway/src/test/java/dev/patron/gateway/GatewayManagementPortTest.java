package dev.patron.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import dev.patron.contract.testing.RawHttp;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Health and metrics are the gateway's own, on a port of their own: the API port does not serve them (its metrics name
 * the services behind it), and no request can make the metrics grow without bound.
 */
@AutoConfigureObservability // Boot's tests switch metrics export off; the Prometheus endpoint is under test here
@Tag("integration")
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class GatewayManagementPortTest {

    private static final GatewayRoutingTest.RecordingService COMMAND =
            GatewayRoutingTest.RecordingService.start("command");
    private static final GatewayRoutingTest.RecordingService QUERY =
            GatewayRoutingTest.RecordingService.start("query");
    private static final String HOST = "Host: localhost";

    @LocalServerPort
    int port;
    @LocalManagementPort
    int managementPort;

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

    @Test
    void healthAndMetricsAreServedOnTheManagementPortOnly() {
        assertThat(RawHttp.request(managementPort, "GET", "/actuator/health/readiness", HOST).status()).isEqualTo(200);
        RawHttp.Response metrics = RawHttp.request(managementPort, "GET", "/actuator/prometheus", HOST);
        assertThat(metrics.status()).isEqualTo(200);
        assertThat(metrics.body()).contains("jvm_memory_used_bytes");

        for (String path : new String[] {"/actuator/prometheus", "/actuator/health", "/actuator", "/actuator/env"}) {
            RawHttp.request(port, "GET", path, HOST).assertContractError(404);
        }
    }

    @Test
    void inventedMethodNamesAddNoMetricSeries() {
        RawHttp.request(port, "INVENTED", "/v2/customers", HOST).assertContractError(405);
        Set<String> before = httpSeries();
        for (int i = 0; i < 50; i++) {
            RawHttp.request(port, "INVENTED" + i, "/v2/customers/c-" + i, HOST).assertContractError(405);
        }
        Set<String> after = httpSeries();

        assertThat(after).isEqualTo(before);
        assertThat(after).noneMatch(series -> series.contains("INVENTED"));
        assertThat(COMMAND.received()).isEmpty();
    }

    /** The HTTP series the gateway exports (server and forwarding client), each by name and labels. */
    private Set<String> httpSeries() {
        RawHttp.Response scrape = RawHttp.request(managementPort, "GET", "/actuator/prometheus", HOST);
        assertThat(scrape.status()).isEqualTo(200);
        return scrape.body().lines()
                .filter(line -> line.startsWith("http_"))
                .map(line -> line.substring(0, line.lastIndexOf(' ')))
                .collect(Collectors.toSet());
    }
}
