package dev.patron.standalone;

import static dev.patron.standalone.HostileForwardedHeadersHttpTest.HOSTILE_HEADERS;
import static dev.patron.standalone.HostileForwardedHeadersHttpTest.assertLinksStartWith;
import static dev.patron.standalone.HostileForwardedHeadersHttpTest.createCustomers;
import static dev.patron.standalone.HostileForwardedHeadersHttpTest.links;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.patron.command.CommandServiceApplication;
import dev.patron.eventstore.testing.InMemoryMongo;
import dev.patron.kit.web.ApiTestClient;
import dev.patron.query.QueryServiceApplication;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The services layout as docker-compose.yml runs it: command and query services that trust forwarded headers from the
 * gateway's address only (loopback here), and the real gateway in front, in a JVM of its own. Through the gateway,
 * links name the gateway's host and port, which the services learn from the forwarded headers the gateway writes;
 * the forwarded headers a client sends reach no link.
 */
@Tag("integration")
class ForwardedHeadersBehindGatewayHttpTest {

    private static final String GATEWAY_JAR = "patron.gateway.jar";
    private static final String LOOPBACK = "--patron.web.trusted-proxies=127.0.0.1,::1";

    private static ConfigurableApplicationContext commandService;
    private static ConfigurableApplicationContext queryService;
    private static Process gateway;
    private static int gatewayPort;

    @BeforeAll
    static void start() throws IOException {
        int commandPort = ServicesLayoutReadYourWritesTest.portBelowTheEphemeralRange();
        String database = "forwarded-services-" + UUID.randomUUID();
        queryService = new SpringApplicationBuilder(QueryServiceApplication.class)
                .properties("spring.config.name=query-service")
                .run("--server.port=0", "--management.server.port=0", LOOPBACK,
                        "--patron.mongo.uri=" + InMemoryMongo.connectionString(),
                        "--patron.mongo.database=" + database,
                        "--patron.auth.jwks-uri=http://127.0.0.1:" + commandPort + "/oauth/jwks");
        int queryPort = Integer.parseInt(queryService.getEnvironment().getRequiredProperty("local.server.port"));
        commandService = new SpringApplicationBuilder(CommandServiceApplication.class)
                .properties("spring.config.name=command-service")
                .run("--server.port=" + commandPort, "--management.server.port=0", LOOPBACK,
                        "--patron.mongo.uri=" + InMemoryMongo.connectionString(),
                        "--patron.mongo.database=" + database,
                        "--patron.client.id=" + RunningPatron.CLIENT_ID,
                        "--patron.client.secret=" + RunningPatron.CLIENT_SECRET,
                        "--patron.read-your-writes.query-service=http://127.0.0.1:" + queryPort);
        gatewayPort = ServicesLayoutReadYourWritesTest.portBelowTheEphemeralRange();
        gateway = startGateway(commandPort, queryPort);
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(200)).until(() -> {
            assertThat(gateway.isAlive()).as("the gateway is running (see target/gateway-forwarded.log)").isTrue();
            return gatewayAnswers();
        });
        createCustomers(ApiTestClient.onPort(gatewayPort)
                .withHeader("Authorization", "Bearer " + RunningPatron.accessToken(gatewayPort)));
    }

    @AfterAll
    static void stop() throws InterruptedException {
        if (gateway != null) {
            gateway.destroy();
            gateway.waitFor();
        }
        commandService.close();
        queryService.close();
    }

    static List<String> hostileHeaders() {
        return HOSTILE_HEADERS;
    }

    @Test
    void throughTheGatewayLinksNameTheGatewaysHostAndPort() {
        assertLinksStartWith(links(gatewayPort, List.of()), "http://localhost:" + gatewayPort);
        assertLinksStartWith(links(gatewayPort, List.of("Host: 127.0.0.1:" + gatewayPort)),
                "http://127.0.0.1:" + gatewayPort);
    }

    @ParameterizedTest
    @MethodSource("hostileHeaders")
    void aForwardedHeaderFromAClientOfTheGatewayDoesNotReachTheLinks(String header) {
        assertLinksStartWith(links(gatewayPort, List.of(header)), "http://localhost:" + gatewayPort);
    }

    @Test
    void allOfThemTogetherDoNotEither() {
        assertLinksStartWith(links(gatewayPort, HOSTILE_HEADERS), "http://localhost:" + gatewayPort);
    }

    private static Process startGateway(int commandPort, int queryPort) throws IOException {
        Path jar = Path.of(System.getProperty(GATEWAY_JAR, "(" + GATEWAY_JAR + " not set)"));
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException("No gateway jar at " + jar + ": build with the reactor (-am), which "
                    + "packages the gateway before these tests");
        }
        return new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx128m", "-XX:+UseSerialGC", "-jar", jar.toString(),
                "--server.port=" + gatewayPort, "--management.server.port=0",
                "--patron.upstream.command=http://127.0.0.1:" + commandPort,
                "--patron.upstream.query=http://127.0.0.1:" + queryPort)
                .redirectErrorStream(true)
                .redirectOutput(new File("target/gateway-forwarded.log"))
                .start();
    }

    private static boolean gatewayAnswers() {
        try {
            // The keys are served by the command service: once they come through, the gateway routes.
            return ApiTestClient.onPort(gatewayPort).get("/oauth/jwks").statusCode() == 200;
        } catch (RuntimeException notListeningYet) {
            return false;
        }
    }
}
