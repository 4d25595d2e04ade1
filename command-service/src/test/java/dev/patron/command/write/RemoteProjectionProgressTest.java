package dev.patron.command.write;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.patron.command.auth.AccessTokenIssuer;
import dev.patron.kit.security.IssuedToken;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * With two query service instances, only the one holding the projection's segment sees it progress; the command
 * service asks both and takes the first "processed".
 */
class RemoteProjectionProgressTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(5);

    private final List<HttpServer> servers = new ArrayList<>();
    private final List<Socket> downPorts = new ArrayList<>();
    private final CountDownLatch release = new CountDownLatch(1);

    @AfterEach
    void stopServers() throws IOException {
        release.countDown();
        servers.forEach(server -> server.stop(0));
        for (Socket bound : downPorts) {
            bound.close();
        }
    }

    @Test
    void theInstanceThatProcessedTheWriteAnswersWhileTheOtherStillHoldsTheQuestion() throws Exception {
        URI holding = queryService(Behaviour.HOLD_UNTIL_RELEASED);
        URI processing = queryService(Behaviour.PROCESSED);

        assertThat(progress(holding, processing).whenProcessed("customer-projection", 7, TIMEOUT)
                .get(10, TimeUnit.SECONDS)).isTrue();
    }

    @Test
    void whenNoInstanceHasProcessedItTheAnswerIsNo() throws Exception {
        assertThat(progress(queryService(Behaviour.NOT_PROCESSED), queryService(Behaviour.NOT_PROCESSED))
                .whenProcessed("customer-projection", 7, TIMEOUT).get(10, TimeUnit.SECONDS)).isFalse();
    }

    @Test
    void anInstanceThatIsDownDoesNotHideTheOneThatProcessedIt() throws Exception {
        assertThat(progress(down(), queryService(Behaviour.PROCESSED))
                .whenProcessed("customer-projection", 7, TIMEOUT).get(10, TimeUnit.SECONDS)).isTrue();
    }

    @Test
    void anInstanceThatIsDownMakesANoUnknown() {
        assertThatThrownBy(() -> progress(down(), queryService(Behaviour.NOT_PROCESSED))
                .whenProcessed("customer-projection", 7, TIMEOUT).get(10, TimeUnit.SECONDS))
                .isInstanceOf(ExecutionException.class);
    }

    private static RemoteProjectionProgress progress(URI... queryServices) {
        AccessTokenIssuer tokens = mock(AccessTokenIssuer.class);
        when(tokens.serviceToken()).thenReturn(new IssuedToken("id", "service-token", Instant.now().plusSeconds(3600)));
        return new RemoteProjectionProgress(List.of(queryServices), tokens, new ObjectMapper(), Clock.systemUTC());
    }

    private enum Behaviour { PROCESSED, NOT_PROCESSED, HOLD_UNTIL_RELEASED }

    /** A query service's progress endpoint that answers as told. */
    private URI queryService(Behaviour behaviour) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(Executors.newCachedThreadPool());
        server.createContext("/internal/projections/", exchange -> answer(exchange, behaviour));
        server.start();
        servers.add(server);
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    private void answer(HttpExchange exchange, Behaviour behaviour) throws IOException {
        assertThat(exchange.getRequestHeaders().getFirst("Authorization")).isEqualTo("Bearer service-token");
        if (behaviour == Behaviour.HOLD_UNTIL_RELEASED) {
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        byte[] body = ("{\"projection\":\"customer-projection\",\"position\":7,\"processed\":"
                + (behaviour == Behaviour.PROCESSED) + "}").getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(200, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    /** A port bound but not listening, as a killed instance's: connections are refused, and nobody else gets it. */
    private URI down() throws IOException {
        Socket bound = new Socket();
        bound.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        downPorts.add(bound);
        return URI.create("http://127.0.0.1:" + bound.getLocalPort());
    }
}
