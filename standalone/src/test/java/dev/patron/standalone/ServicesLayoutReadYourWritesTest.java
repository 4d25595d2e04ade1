package dev.patron.standalone;

import org.junit.jupiter.api.Tag;
import dev.patron.command.CommandServiceApplication;
import dev.patron.eventstore.testing.InMemoryMongo;
import dev.patron.kit.web.ApiTestClient;
import dev.patron.query.QueryServiceApplication;
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
                        "--patron.mongo.uri=" + InMemoryMongo.connectionString(),
                        "--patron.mongo.database=" + database,
                        "--patron.auth.jwks-uri=http://127.0.0.1:" + commandPort + "/oauth/jwks");
        queryPort = Integer.parseInt(queryService.getEnvironment().getRequiredProperty("local.server.port"));
        commandService = new SpringApplicationBuilder(CommandServiceApplication.class)
                .properties("spring.config.name=command-service")
                .run("--server.port=" + commandPort,
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
     * A free port for the command service, which the query service must be told before the command service starts
     * (it fetches the signing keys from there). It lies below the range from which the kernel picks random ports and
     * the local ports of outgoing connections (32768 and up), so nothing that starts meanwhile (the query service on
     * its random port, its database connections) can take it first.
     */
    private static int portBelowTheEphemeralRange() {
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
