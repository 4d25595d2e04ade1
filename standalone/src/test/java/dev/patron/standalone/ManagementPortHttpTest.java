package dev.patron.standalone;

import static org.assertj.core.api.Assertions.assertThat;

import dev.patron.contract.testing.RawHttp;
import dev.patron.eventstore.testing.InMemoryMongo;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Issue 12, finding 9: health and metrics are served on the management port, on loopback, not on the API port, where
 * anyone could read them; and no request can make the metrics grow without bound.
 */
@Tag("integration")
class ManagementPortHttpTest {

    private static final String HOST = "Host: localhost";

    private static RunningPatron patron;
    private static String authorization;

    @BeforeAll
    static void start() {
        patron = RunningPatron.start(InMemoryMongo.connectionString(), "management-" + UUID.randomUUID());
        authorization = "Authorization: Bearer " + RunningPatron.accessToken(patron.port);
    }

    @AfterAll
    static void stop() {
        patron.close();
    }

    @Test
    void theApiPortServesNoManagementEndpointToAnyone() {
        for (String path : new String[] {"/actuator/prometheus", "/actuator/health", "/actuator/metrics",
                "/actuator/env", "/actuator"}) {
            RawHttp.request(patron.port, "GET", path, HOST).assertContractError(404);
            RawHttp.request(patron.port, "GET", path, HOST, authorization).assertContractError(404);
        }
    }

    @Test
    void theManagementPortServesHealthAndMetricsWithoutATokenOnLoopbackOnly() {
        assertThat(RawHttp.request(patron.managementPort, "GET", "/actuator/health", HOST).status()).isEqualTo(200);
        RawHttp.Response metrics = RawHttp.request(patron.managementPort, "GET", "/actuator/prometheus", HOST);
        assertThat(metrics.status()).isEqualTo(200);
        assertThat(metrics.body()).contains("http_server_requests_seconds_count");
        assertThat(patron.context.getEnvironment().getProperty("management.server.address")).isEqualTo("127.0.0.1");
    }

    @Test
    void inventedMethodNamesAddNoMetricSeries() {
        RawHttp.request(patron.port, "INVENTED", "/v2/customers", HOST).assertContractError(401);
        RawHttp.request(patron.port, "INVENTED", "/v2/customers", HOST, authorization).assertContractError(405);
        Set<String> before = httpServerSeries();
        for (int i = 0; i < 50; i++) {
            RawHttp.request(patron.port, "INVENTED" + i, "/v2/customers", HOST).assertContractError(401);
            RawHttp.request(patron.port, "INVENTED" + i, "/v2/customers", HOST, authorization)
                    .assertContractError(405);
        }
        Set<String> after = httpServerSeries();

        assertThat(after).isEqualTo(before);
        assertThat(after).noneMatch(series -> series.contains("INVENTED"));
    }

    /** The {@code http.server.requests} series, each by name and labels. */
    private static Set<String> httpServerSeries() {
        RawHttp.Response scrape = RawHttp.request(patron.managementPort, "GET", "/actuator/prometheus", HOST);
        assertThat(scrape.status()).isEqualTo(200);
        return scrape.body().lines()
                .filter(line -> line.startsWith("http_server_requests"))
                .map(line -> line.substring(0, line.lastIndexOf(' ')))
                .collect(Collectors.toSet());
    }
}
