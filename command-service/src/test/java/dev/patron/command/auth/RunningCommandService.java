package dev.patron.command.auth;

import org.junit.jupiter.api.Tag;
import dev.patron.eventstore.testing.InMemoryMongo;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.net.URI;

/**
 * One command service on a random port over the in-memory MongoDB (real driver, TCP), shared by the auth tests
 * (same configuration, so Spring starts it once). No query service runs, so writes do not wait for a read model.
 */
@Tag("integration")
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "patron.mongo.database=auth-tests",
        "patron.read-your-writes.enabled=false",
        "patron.client.id=" + RunningCommandService.CLIENT_ID,
        "patron.client.secret=" + RunningCommandService.CLIENT_SECRET})
abstract class RunningCommandService {

    static final String CLIENT_ID = "store-client";
    static final String CLIENT_SECRET = "s3cret-with+and&and=";

    @LocalServerPort
    int port;
    @LocalManagementPort
    int managementPort;

    @Autowired
    ApplicationContext context;

    @DynamicPropertySource
    static void inMemoryMongo(DynamicPropertyRegistry registry) {
        registry.add("patron.mongo.uri", InMemoryMongo::connectionString);
    }

    URI baseUri() {
        return URI.create("http://127.0.0.1:" + port);
    }

    /** Health and metrics, on a port of their own. */
    URI managementUri() {
        return URI.create("http://127.0.0.1:" + managementPort);
    }

    CommandServiceTokens tokens() {
        return new CommandServiceTokens(context);
    }
}
