package dev.patron.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@code patron rebuild} against a real HTTP server that follows the read models' contract. */
class RebuildCommandTest {

    record Result(int exitCode, String out, String err) {
    }

    private FakePatronServer server;

    @BeforeEach
    void startServer() throws IOException {
        server = new FakePatronServer();
    }

    @AfterEach
    void stopServer() {
        server.close();
    }

    private Result run(String url, boolean terminal, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        Map<String, String> env = Map.of("PATRON_URL", url, "PATRON_CLIENT_ID", FakePatronServer.CLIENT_ID,
                "PATRON_CLIENT_SECRET", FakePatronServer.CLIENT_SECRET);
        int exitCode = new PatronCli(env, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), terminal, RetryPolicy.DEFAULT, new StopSignal())
                .pollingEvery(Duration.ofMillis(150)).run(args);
        return new Result(exitCode, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void startsTheRebuildAndShowsItsProgressUntilTheNewGenerationIsLive() {
        Result result = run(server.url(), true, "rebuild");

        assertThat(result.exitCode()).as(result.err()).isEqualTo(RebuildCommand.SWITCHED);
        assertThat(server.rebuildsStarted()).isEqualTo(1);
        assertThat(result.err()).contains("rebuilding read model customers into generation 2")
                .contains("]  100,000/400,000  25%  50,000/s  6s left  generation 1 -> 2")
                .contains("[####################]  400,000/400,000  100%  50,000/s  0s left  generation 1 -> 2");
        assertThat(result.out()).contains("rebuilt read model customers: generation 2 is live (400,000 events, 50,000/s)");
    }

    @Test
    void followsARebuildThatIsRunningAlready() {
        server.rebuildRunning();

        Result result = run(server.url(), false, "rebuild", "customers");

        assertThat(result.exitCode()).as(result.err()).isEqualTo(RebuildCommand.SWITCHED);
        assertThat(server.rebuildsStarted()).isZero();
        assertThat(result.err()).contains("A rebuild of customers is running (generation 2); following it");
        assertThat(result.out()).contains("generation 2 is live");
    }

    @Test
    void aFailedRebuildSaysWhyAndThatTheOldGenerationStays() {
        server.rebuildFails();

        Result result = run(server.url(), false, "rebuild");

        assertThat(result.exitCode()).isEqualTo(RebuildCommand.FAILED);
        assertThat(result.err()).contains("the rebuild of customers failed: handler failed; generation 1 stays live");
    }

    @Test
    void anUnknownReadModelIsNamed() {
        Result result = run(server.url(), false, "rebuild", "products");

        assertThat(result.exitCode()).isEqualTo(RebuildCommand.FAILED);
        assertThat(result.err()).contains("Patron has no read model products (No read model products)");
    }

    @Test
    void saysSoWhenNoPatronIsRunning() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }

        Result result = run("http://127.0.0.1:" + closedPort, false, "rebuild");

        assertThat(result.exitCode()).isEqualTo(RebuildCommand.FAILED);
        assertThat(result.err()).contains("no Patron answers at http://127.0.0.1:" + closedPort)
                .contains("start it with ./patron up");
    }

    @Test
    void takesOneReadModelAtMost() {
        assertThat(run(server.url(), false, "rebuild", "customers", "orders").exitCode()).isEqualTo(PatronCli.USAGE);
    }
}
