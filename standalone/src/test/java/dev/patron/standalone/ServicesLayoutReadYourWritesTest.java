package dev.patron.standalone;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Tag;
import dev.patron.command.CommandServiceApplication;
import dev.patron.contract.testing.RawHttp;
import dev.patron.eventstore.testing.InMemoryMongo;
import dev.patron.kit.web.ApiTestClient;
import dev.patron.query.QueryServiceApplication;
import java.net.http.HttpResponse;
import java.io.IOException;
import java.net.ServerSocket;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The command and query services as separate applications (as docker-compose.yml runs them), each on its own port,
 * sharing one database: a write answered by the command service can be read at once from the query service, because
 * the command service holds its answer until the query service says (over HTTP, {@code ProjectionProgressApi}) that
 * its projection has processed the write.
 */
@Tag("integration")
class ServicesLayoutReadYourWritesTest {

    private static ConfigurableApplicationContext commandService;
    private static ConfigurableApplicationContext queryService;
    private static int commandPort;
    private static int queryPort;

    @BeforeAll
    static void start() {
        commandPort = portBelowTheEphemeralRange();
        String database = "services-" + UUID.randomUUID();
        queryService = new SpringApplicationBuilder(QueryServiceApplication.class)
                .properties("spring.config.name=query-service")
                .run("--server.port=0",
                        "--management.server.port=0",
                        "--patron.mongo.uri=" + InMemoryMongo.connectionString(),
                        "--patron.mongo.database=" + database,
                        "--patron.auth.jwks-uri=http://127.0.0.1:" + commandPort + "/oauth/jwks");
        queryPort = Integer.parseInt(queryService.getEnvironment().getRequiredProperty("local.server.port"));
        commandService = new SpringApplicationBuilder(CommandServiceApplication.class)
                .properties("spring.config.name=command-service")
                .run("--server.port=" + commandPort,
                        "--management.server.port=0",
                        "--patron.mongo.uri=" + InMemoryMongo.connectionString(),
                        "--patron.mongo.database=" + database,
                        "--patron.client.id=" + RunningPatron.CLIENT_ID,
                        "--patron.client.secret=" + RunningPatron.CLIENT_SECRET,
                        "--patron.read-your-writes.query-service=http://127.0.0.1:" + queryPort);
    }

    @AfterAll
    static void stop() {
        commandService.close();
        queryService.close();
    }

    @Test
    void aWriteToTheCommandServiceIsReadableAtOnceFromTheQueryService() {
        String authorization = "Bearer " + RunningPatron.accessToken(commandPort);
        new ReadYourWrites(ApiTestClient.onPort(commandPort).withHeader("Authorization", authorization),
                ApiTestClient.onPort(queryPort).withHeader("Authorization", authorization)).playRounds(20);
    }

    /**
     * A field defined at the command service is known at once to the query service, which folds definitions as its
     * projection reads them (it does not ask the event store on each read): a customer carrying the field is shown with
     * it and found by it right after the definition's write is answered; disabling it hides it just as soon.
     */
    @Test
    void aFieldDefinedAtTheCommandServiceIsShownAndFilteredAtOnceByTheQueryService() {
        String authorization = "Bearer " + RunningPatron.accessToken(commandPort);
        ApiTestClient commands = ApiTestClient.onPort(commandPort).withHeader("Authorization", authorization);
        ApiTestClient reads = ApiTestClient.onPort(queryPort).withHeader("Authorization", authorization);
        HttpResponse<String> flow = commands.post("/v2/flows", "{\"data\":{\"type\":\"flow\",\"slug\":\"customers\","
                + "\"name\":\"Extras\",\"enabled\":true}}");
        assertThat(flow.statusCode()).as(flow.body()).isEqualTo(201);
        HttpResponse<String> field = commands.post("/v2/fields", "{\"data\":{\"type\":\"field\",\"name\":\"Shelf\","
                + "\"slug\":\"shelf\",\"field_type\":\"integer\",\"relationships\":{\"flow\":{\"data\":{\"type\":"
                + "\"flow\",\"id\":\"" + ApiTestClient.json(flow).at("/data/id").asText() + "\"}}}}}");
        assertThat(field.statusCode()).as(field.body()).isEqualTo(201);
        HttpResponse<String> created = commands.post("/v2/customers", "{\"data\":{\"type\":\"customer\","
                + "\"name\":\"Ron\",\"email\":\"shelf-" + UUID.randomUUID() + "@example.com\",\"shelf\":7}}");
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        String id = ApiTestClient.json(created).at("/data/id").asText();

        assertThat(ApiTestClient.json(reads.get("/v2/customers/" + id)).at("/data/shelf").asInt()).isEqualTo(7);
        HttpResponse<String> found = reads.get("/v2/customers?filter=eq(shelf,7)");
        assertThat(found.statusCode()).as(found.body()).isEqualTo(200);
        assertThat(ApiTestClient.json(found).at("/data/0/id").asText()).isEqualTo(id);

        HttpResponse<String> disabled = commands.put("/v2/fields/" + ApiTestClient.json(field).at("/data/id").asText(),
                "{\"data\":{\"type\":\"field\",\"enabled\":false}}");
        assertThat(disabled.statusCode()).as(disabled.body()).isEqualTo(200);
        assertThat(ApiTestClient.json(reads.get("/v2/customers/" + id)).get("data").has("shelf")).isFalse();
    }

    /**
     * Each service serves its health and metrics on its own management port only, and answers what Tomcat refuses in
     * the contract's format, as the one-process Patron does (ManagementPortHttpTest, ErrorFormatEverywhereHttpTest).
     */
    @Test
    void eachServiceKeepsManagementOffItsApiPortAndAnswersTomcatsRefusalsInTheContractFormat() {
        for (ConfigurableApplicationContext service : new ConfigurableApplicationContext[] {commandService, queryService}) {
            int apiPort = Integer.parseInt(service.getEnvironment().getRequiredProperty("local.server.port"));
            int managementPort = Integer.parseInt(service.getEnvironment().getRequiredProperty("local.management.port"));
            assertThat(RawHttp.request(managementPort, "GET", "/actuator/prometheus", "Host: localhost").status())
                    .isEqualTo(200);
            RawHttp.request(apiPort, "GET", "/actuator/prometheus", "Host: localhost").assertContractError(404);
            RawHttp.request(apiPort, "TRACE", "/v2/customers", "Host: localhost").assertContractError(405);
            RawHttp.request(apiPort, "GET", "/v2/customers/a%2Fb", "Host: localhost").assertContractError(400);
        }
    }

    /**
     * A free port for the command service, which the query service must be told before the command service starts
     * (it fetches the signing keys from there). It lies below the range from which the kernel picks random ports and
     * the local ports of outgoing connections (32768 and up), so nothing that starts meanwhile (the query service on
     * its random port, its database connections) can take it first.
     */
    static int portBelowTheEphemeralRange() {
        for (int attempt = 0; attempt < 50; attempt++) {
            int port = ThreadLocalRandom.current().nextInt(20_000, 32_768);
            try (ServerSocket probe = new ServerSocket(port)) {
                return probe.getLocalPort();
            } catch (IOException inUse) {
                // taken: try another
            }
        }
        throw new IllegalStateException("no free port found between 20000 and 32767");
    }
}
