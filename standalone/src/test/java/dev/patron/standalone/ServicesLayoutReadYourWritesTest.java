package dev.patron.standalone;

import org.junit.jupiter.api.Tag;
import dev.patron.command.CommandServiceApplication;
import dev.patron.eventstore.testing.InMemoryMongo;
import dev.patron.kit.web.ApiTestClient;
import dev.patron.query.QueryServiceApplication;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.util.UUID;
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
        commandPort = freePort();
        queryPort = freePort();
        String database = "services-" + UUID.randomUUID();
        queryService = new SpringApplicationBuilder(QueryServiceApplication.class)
                .properties("spring.config.name=query-service")
                .run("--server.port=" + queryPort,
                        "--patron.mongo.uri=" + InMemoryMongo.connectionString(),
                        "--patron.mongo.database=" + database,
                        "--patron.auth.jwks-uri=http://127.0.0.1:" + commandPort + "/oauth/jwks");
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

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
