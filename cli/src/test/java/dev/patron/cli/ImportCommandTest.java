package dev.patron.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The whole command against a real HTTP server that follows the bulk import contract. */
class ImportCommandTest {

    /** Short pauses and budget, so that "retry, then give up" takes a fraction of a second. */
    private static final RetryPolicy FAST = new RetryPolicy(Duration.ofMillis(10), Duration.ofMillis(40),
            Duration.ofMillis(400));
    private static final ObjectMapper JSON = new ObjectMapper();

    record Result(int exitCode, String out, String err) {
    }

    @TempDir
    Path dir;
    private Path stateDir;
    private FakePatronServer server;

    @BeforeEach
    void startServer() throws IOException {
        server = new FakePatronServer();
        stateDir = dir.resolve("state");
    }

    @AfterEach
    void stopServer() {
        server.close();
    }

    // --- helpers ---

    private Map<String, String> env() {
        return env(server.url(), FakePatronServer.CLIENT_SECRET);
    }

    private static Map<String, String> env(String url, String secret) {
        return Map.of("PATRON_URL", url, "PATRON_CLIENT_ID", FakePatronServer.CLIENT_ID,
                "PATRON_CLIENT_SECRET", secret);
    }

    private Result run(Map<String, String> env, StopSignal stop, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exitCode = new PatronCli(env, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), false, FAST, stop).run(args);
        return new Result(exitCode, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private Result importFile(Path file, String... options) {
        return importFile(new StopSignal(), file, options);
    }

    private Result importFile(StopSignal stop, Path file, String... options) {
        String[] args = Stream.concat(Stream.of("import", file.toString(), "--state-dir", stateDir.toString()),
                Stream.of(options)).toArray(String[]::new);
        return run(env(), stop, args);
    }

    private static String email(int i) {
        return "customer" + i + "@example.com";
    }

    private Path customers(int count) throws IOException {
        String lines = IntStream.rangeClosed(1, count)
                .mapToObj(i -> "{\"name\":\"Customer " + i + "\",\"email\":\"" + email(i) + "\"}")
                .collect(Collectors.joining("\n", "", "\n"));
        return Files.writeString(dir.resolve("customers.jsonl"), lines);
    }

    private Optional<ImportState> keptState(Path file) throws IOException {
        return new ImportStateStore(stateDir, FileFingerprint.of(file)).load();
    }

    private List<JsonNode> report(Path file) throws IOException {
        List<JsonNode> entries = new ArrayList<>();
        for (String line : Files.readAllLines(RejectionReport.pathFor(stateDir, file.toRealPath()))) {
            entries.add(JSON.readTree(line));
        }
        return entries;
    }

    private void assertEachCreatedExactlyOnce(int count) {
        Map<String, Integer> creations = server.creationsByEmail();
        assertThat(creations).hasSize(count);
        assertThat(creations.values()).containsOnly(1);
    }

    // --- importing ---

    @Test
    void importsEveryCustomerInBatchesAndForgetsTheStateWhenDone() throws IOException {
        Path file = customers(95);

        Result result = importFile(file, "--batch-size", "10");

        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(server.answeredBatchSizes()).hasSize(10).containsOnly(10, 5);
        assertEachCreatedExactlyOnce(95);
        assertThat(result.out()).contains("imported customers.jsonl: 95 customers in ")
                .contains("created 95, already imported 0, rejected 0")
                .contains("rejection report: " + RejectionReport.pathFor(stateDir, file.toRealPath()));
        assertThat(result.err()).contains("importing 95 customers from " + file);
        assertThat(keptState(file)).isEmpty();
        assertThat(report(file)).isEmpty();
        assertThat(server.mostInFlight()).isLessThanOrEqualTo(ImportCommand.IN_FLIGHT);
    }

    @Test
    void keepsItsBatchesInFlightAndNoMore() throws Exception {
        Path file = customers(80);
        server.hold();

        CompletableFuture<Result> run = CompletableFuture.supplyAsync(() -> importFile(file, "--batch-size", "10"));
        await().atMost(Duration.ofSeconds(10)).until(() -> server.inFlight() == ImportCommand.IN_FLIGHT);

        assertThat(server.bulkRequests()).isEqualTo(ImportCommand.IN_FLIGHT);
        server.release();
        Result result = run.get();
        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(server.mostInFlight()).isEqualTo(ImportCommand.IN_FLIGHT);
        assertEachCreatedExactlyOnce(80);
    }

    @Test
    void importsCsvWithQuotedFieldsAddressGroupsAByteOrderMarkAndBlankLines() throws IOException {
        Path file = dir.resolve("Customers.CSV");
        Files.writeString(file, "\uFEFFname,email,external_ref,password_hash,address_1_line_1,address_1_city,"
                + "address_2_line_1,address_2_city\r\n"
                + "\"Smith, Jo\",jo@example.com,ERP-7,\"$2a$10$hash\",\"1 \"\"The\"\" Street\",Leeds,,\r\n"
                + "\r\n"
                + "Ann,ann@example.com,,,\"Flat 2\nMill House\",York,Box 9,Hull\r\n"
                + "Short,short@example.com,,\r\n", StandardCharsets.UTF_8);

        Result result = importFile(file);

        assertThat(result.exitCode()).as(result.err()).isZero();
        Map<String, JsonNode> received = server.receivedItems().stream()
                .collect(Collectors.toMap(item -> item.path("email").asText(), item -> item));
        assertThat(received).containsOnlyKeys("jo@example.com", "ann@example.com");
        assertThat(received.get("jo@example.com").toString()).isEqualTo("{\"type\":\"customer\",\"name\":\"Smith, Jo\","
                + "\"email\":\"jo@example.com\",\"external_ref\":\"ERP-7\",\"password_hash\":\"$2a$10$hash\","
                + "\"addresses\":[{\"type\":\"address\",\"line_1\":\"1 \\\"The\\\" Street\",\"city\":\"Leeds\"}]}");
        assertThat(received.get("ann@example.com").path("addresses")).hasSize(2);
        assertThat(received.get("ann@example.com").path("addresses").get(0).path("line_1").asText())
                .isEqualTo("Flat 2\nMill House");
        // The short row starts on physical line 6: the blank line 3 and the quoted line break both count.
        assertThat(report(file)).singleElement().satisfies(entry -> {
            assertThat(entry.path("line").asLong()).isEqualTo(6);
            assertThat(entry.path("email").asText()).isEqualTo("short@example.com");
            assertThat(entry.path("errors").get(0).asText()).isEqualTo("the row has 4 cells, the header has 8");
        });
        assertThat(result.out()).contains("3 customers").contains("created 2, already imported 0, rejected 1");
    }

    @Test
    void rejectsLocallyWhatMustNotBeSentAndReportsEveryRejectionByLine() throws IOException {
        String hash = "$2a$12$R9h/cIPz0gi.URNNX3kh2OPST9/PgBkqquzi.Ss7KIUgO2t0jWMUW";
        Path file = Files.writeString(dir.resolve("mixed.ndjson"), String.join("\n",
                "{\"name\":\"Ada\",\"email\":\"ada@example.com\",\"password_hash\":\"" + hash + "\"}",
                "",
                "{\"name\":\"Broken\", \"email\": ",
                "{\"name\":\"Plain\",\"email\":\"plain@example.com\",\"password\":\"hunter2\"}",
                "{\"name\":\"Typo\",\"email\":\"not-an-email\",\"password_hash\":\"" + hash + "\"}",
                "{\"name\":\"Ada again\",\"email\":\" ADA@Example.com \"}",
                "{\"name\":\"Bob\",\"email\":\"bob@example.com\"}",
                "") );
        server.alreadyHas("bob@example.com");

        Result result = importFile(file, "--batch-size", "3");

        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(server.receivedItems()).extracting(item -> item.path("email").asText())
                .containsExactlyInAnyOrder("ada@example.com", "not-an-email", "bob@example.com");
        assertThat(server.receivedItems()).noneMatch(item -> item.has("password"));
        List<JsonNode> report = report(file);
        assertThat(report).extracting(entry -> entry.path("line").asLong()).containsExactly(3L, 4L, 5L, 6L);
        assertThat(report.get(0).path("email").isNull()).isTrue();
        assertThat(report.get(0).path("errors").get(0).asText()).startsWith("not valid JSON (column ");
        assertThat(report.get(1).path("errors").get(0).asText()).isEqualTo(LocalChecks.PLAINTEXT_PASSWORD);
        assertThat(report.get(2).path("email").asText()).isEqualTo("not-an-email");
        assertThat(report.get(2).path("errors").get(0).asText())
                .isEqualTo("email must be a valid email address (email)");
        assertThat(report.get(3).path("errors").get(0).asText()).isEqualTo("duplicate email: also on line 1");
        assertThat(Files.readString(RejectionReport.pathFor(stateDir, file.toRealPath())))
                .doesNotContain(hash).doesNotContain("hunter2");
        assertThat(result.out()).contains("6 customers").contains("created 1, already imported 1, rejected 4");
    }

    // --- resuming ---

    @Test
    void resumesAfterTheServerFailedAndCreatesNothingTwice() throws IOException {
        Path file = customers(100);
        // Five batches are answered, then every request is refused. Which five depends on the order in which the
        // requests in flight reach the server, which a busy machine may change.
        server.becomeUnavailableAfter(ImportCommand.IN_FLIGHT + 1);

        Result failed = importFile(file, "--batch-size", "10");

        assertThat(failed.exitCode()).isEqualTo(ImportCommand.STOPPED);
        assertThat(failed.err()).contains("stopped: sending the customers of lines")
                .contains("the server answered 503").contains("to resume, run the same command again");
        ImportState kept = keptState(file).orElseThrow();
        // With several in flight, the kept position is at most the end of the unbroken run of created customers from
        // the start, which answered batches after a gap do not extend.
        long unbrokenFromTheStart = IntStream.rangeClosed(1, 100)
                .takeWhile(line -> server.creationsByEmail().containsKey(email(line))).count();
        assertThat(kept.done()).isLessThanOrEqualTo(unbrokenFromTheStart).isLessThanOrEqualTo(50L);
        assertThat(kept.done() % 10).isZero();
        assertThat(kept.created()).isEqualTo(kept.done());
        assertThat(kept.lastLine()).isEqualTo(kept.done());
        int receivedBefore = server.receivedItems().size();

        server.recover();
        Result resumed = importFile(file, "--batch-size", "10");

        assertThat(resumed.exitCode()).as(resumed.err()).isZero();
        if (kept.done() > 0) {
            assertThat(resumed.err()).contains("resuming at line " + (kept.done() + 1) + " (" + kept.done()
                    + " of 100 customers done)");
        } else {
            // The first batches reached the server after the refusals began (a busy machine): nothing to skip.
            assertThat(resumed.err()).doesNotContain("resuming");
        }
        assertEachCreatedExactlyOnce(100);
        List<String> sentAgain = server.receivedItems().subList(receivedBefore, server.receivedItems().size())
                .stream().map(item -> item.path("email").asText()).toList();
        assertThat(sentAgain).hasSize(100 - (int) kept.done())
                .doesNotContainAnyElementsOf(IntStream.rangeClosed(1, (int) kept.done())
                        .mapToObj(ImportCommandTest::email).toList());
        assertThat(resumed.out()).contains("100 customers");
        assertThat(keptState(file)).isEmpty();
    }

    @Test
    void aResumedRunStillFindsDuplicatesOfTheLinesItSkipsAndAppendsToTheReport() throws IOException {
        List<String> lines = new ArrayList<>();
        lines.add("{\"name\":\"Dup\",\"email\":\"not-valid\"}");
        IntStream.rangeClosed(2, 40).forEach(i -> lines.add("{\"email\":\"" + email(i) + "\"}"));
        lines.add("{\"email\":\"" + email(2) + "\"}");
        Path file = Files.writeString(dir.resolve("dups.jsonl"), String.join("\n", lines) + "\n");
        // The first batch (lines 1 to 10, line 1 rejected here, so it begins with line 2) gets through, no other.
        server.answerOnlyBatchesStartingWith(Set.of(email(2)));

        assertThat(importFile(file, "--batch-size", "10").exitCode()).isEqualTo(ImportCommand.STOPPED);
        server.recover();
        Result resumed = importFile(file, "--batch-size", "10");

        assertThat(resumed.exitCode()).as(resumed.err()).isZero();
        assertThat(report(file)).extracting(entry -> entry.path("line").asLong() + " " + entry.path("errors").get(0).asText())
                .containsExactly("1 email must be a valid email address (email)", "41 duplicate email: also on line 2");
        assertThat(resumed.out()).contains("rejected 2");
    }

    @Test
    void restartStartsOverWithAFreshReport() throws IOException {
        Path file = Files.writeString(dir.resolve("customers.jsonl"), "not json\n"
                + IntStream.rangeClosed(1, 60).mapToObj(i -> "{\"email\":\"" + email(i) + "\"}")
                .collect(Collectors.joining("\n")));
        server.becomeUnavailableAfter(2);
        assertThat(importFile(file, "--batch-size", "10").exitCode()).isEqualTo(ImportCommand.STOPPED);
        int createdBefore = server.creationsByEmail().size();
        server.recover();

        Result restarted = importFile(file, "--batch-size", "10", "--restart");

        assertThat(restarted.exitCode()).as(restarted.err()).isZero();
        assertThat(restarted.err()).contains("--restart: starting over").doesNotContain("resuming");
        assertThat(restarted.out()).contains("created " + (60 - createdBefore) + ", already imported "
                + createdBefore + ", rejected 1");
        assertThat(report(file)).hasSize(1);
        assertEachCreatedExactlyOnce(60);
    }

    @Test
    void aChangedFileStartsOver() throws IOException {
        Path file = customers(30);
        server.becomeUnavailableAfter(1);
        assertThat(importFile(file, "--batch-size", "10").exitCode()).isEqualTo(ImportCommand.STOPPED);
        Files.writeString(file, "{\"email\":\"late@example.com\"}\n", java.nio.file.StandardOpenOption.APPEND);
        server.recover();

        Result result = importFile(file, "--batch-size", "10");

        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(result.err()).contains("customers.jsonl changed since the last, unfinished import: starting over");
        assertThat(result.out()).contains("31 customers");
        assertEachCreatedExactlyOnce(31);
    }

    @Test
    void ctrlCWaitsForTheBatchesInFlightKeepsTheStateAndTheNextRunResumes() throws Exception {
        Path file = customers(80);
        long sentBeforeCtrlC = ImportCommand.IN_FLIGHT * 10L;
        server.hold();
        StopSignal ctrlC = new StopSignal();

        CompletableFuture<Result> run = CompletableFuture.supplyAsync(
                () -> importFile(ctrlC, file, "--batch-size", "10"));
        await().atMost(Duration.ofSeconds(10)).until(() -> server.inFlight() == ImportCommand.IN_FLIGHT);
        ctrlC.raise();
        server.release();
        Result interrupted = run.get();

        assertThat(interrupted.exitCode()).isEqualTo(ImportCommand.INTERRUPTED);
        assertThat(interrupted.err()).contains("interrupted").contains(sentBeforeCtrlC + " of 80 customers done")
                .contains("to resume, run the same command again");
        assertThat(server.bulkRequests()).isEqualTo(ImportCommand.IN_FLIGHT);
        assertThat(keptState(file)).get().extracting(ImportState::done).isEqualTo(sentBeforeCtrlC);

        Result resumed = importFile(file, "--batch-size", "10");
        assertThat(resumed.exitCode()).as(resumed.err()).isZero();
        assertThat(resumed.err()).contains("resuming at line " + (sentBeforeCtrlC + 1) + " (" + sentBeforeCtrlC
                + " of 80 customers done)");
        assertEachCreatedExactlyOnce(80);
    }

    // --- tokens and server failures ---

    @Test
    void getsAFreshTokenOnceWhenTheServerRefusesOne() throws IOException {
        Path file = customers(5);
        server.refuseTokens(1);

        Result result = importFile(file);

        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(server.tokensIssued()).isEqualTo(2);
        assertEachCreatedExactlyOnce(5);
    }

    @Test
    void stopsWhenEvenAFreshTokenIsRefused() throws IOException {
        Path file = customers(5);
        server.answerEveryBulkRequestWith(401);

        Result result = importFile(file);

        assertThat(result.exitCode()).isEqualTo(ImportCommand.STOPPED);
        assertThat(result.err()).contains("authentication refused: the server refused a fresh access token too");
        assertThat(server.tokensIssued()).isEqualTo(2);
        assertThat(keptState(file)).get().extracting(ImportState::done).isEqualTo(0L);
    }

    @Test
    void renewsTheTokenBeforeItExpires() throws IOException {
        Path file = customers(30);
        server.tokenLifetime(0);

        Result result = importFile(file, "--batch-size", "10");

        assertThat(result.exitCode()).as(result.err()).isZero();
        // One to start with, one for each of the three batches: none was sent with an expired token.
        assertThat(server.tokensIssued()).isEqualTo(4);
    }

    @Test
    void wrongCredentialsStopBeforeAnythingIsSent() throws IOException {
        Path file = customers(5);

        Result result = run(env(server.url(), "wrong"), new StopSignal(), "import", file.toString(),
                "--state-dir", stateDir.toString());

        assertThat(result.exitCode()).isEqualTo(ImportCommand.STOPPED);
        assertThat(result.err()).contains("authentication refused: the server does not accept PATRON_CLIENT_ID"
                + " importer with this PATRON_CLIENT_SECRET (401)").doesNotContain("wrong");
        assertThat(server.bulkRequests()).isZero();
    }

    @Test
    void aStorefrontTokenIsNotEnough() throws IOException {
        server.answerEveryBulkRequestWith(403);

        Result result = importFile(customers(5));

        assertThat(result.exitCode()).isEqualTo(ImportCommand.STOPPED);
        assertThat(result.err()).contains("not allowed (403): the import needs a back-office client");
    }

    @Test
    void aBatchTheServerRefusesAsAWholeStopsTheRun() throws IOException {
        server.answerEveryBulkRequestWith(413);

        Result result = importFile(customers(5));

        assertThat(result.exitCode()).isEqualTo(ImportCommand.STOPPED);
        assertThat(result.err()).contains("the server refused the whole batch of lines 1-5 (413): switched on by"
                + " the test; try a smaller --batch-size");
    }

    @Test
    void triesAgainWhileTheServerIsUnavailableThenGoesOn() throws IOException {
        Path file = customers(20);
        server.answerUnavailable(3);

        Result result = importFile(file, "--batch-size", "10");

        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(result.err()).contains("the server answered 503; trying again in");
        assertThat(server.bulkRequests()).isEqualTo(5);
        assertEachCreatedExactlyOnce(20);
    }

    @Test
    void aServerThatCannotBeReachedStopsTheRunAfterRetrying() throws IOException {
        // A port held by a socket that is bound but not listening: connections to it are refused for as long as the
        // test runs, and no server can take it meanwhile (a port merely closed again could be handed out anew).
        try (Socket refusing = new Socket()) {
            refusing.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            int closedPort = refusing.getLocalPort();
            Path file = customers(5);

            Result result = run(env("http://127.0.0.1:" + closedPort, FakePatronServer.CLIENT_SECRET),
                    new StopSignal(), "import", file.toString(), "--state-dir", stateDir.toString());

            assertThat(result.exitCode()).isEqualTo(ImportCommand.STOPPED);
            assertThat(result.err()).contains("getting an access token failed")
                    .contains("giving up: cannot connect to http://127.0.0.1:" + closedPort + " (server unreachable)")
                    .contains("progress kept: 0 of 5 customers done");
        }
    }

    // --- usage ---

    @Test
    void tellsWhatIsWrongWithTheUsageAndExitsWith2() throws IOException {
        Path file = customers(1);
        Path text = Files.writeString(dir.resolve("customers.txt"), "x");

        assertThat(run(Map.of(), new StopSignal(), "import", file.toString()))
                .satisfies(result -> {
                    assertThat(result.exitCode()).isEqualTo(PatronCli.USAGE);
                    assertThat(result.err()).contains("PATRON_URL, PATRON_CLIENT_ID, PATRON_CLIENT_SECRET are not set");
                });
        assertThat(importFile(text)).satisfies(result -> {
            assertThat(result.exitCode()).isEqualTo(PatronCli.USAGE);
            assertThat(result.err()).contains("cannot tell the format of " + text);
        });
        assertThat(importFile(dir.resolve("missing.csv")).err()).contains("missing.csv: no such file");
        assertThat(importFile(file, "--batch-size", "501").err())
                .contains("--batch-size must be a number from 1 to 500, got 501");
        assertThat(importFile(file, "--fast").exitCode()).isEqualTo(PatronCli.USAGE);
        assertThat(run(env(), new StopSignal()).exitCode()).isEqualTo(PatronCli.USAGE);
        assertThat(run(env(), new StopSignal(), "export").err()).contains("unknown command export");
        assertThat(run(env(), new StopSignal(), "import", "--help")).satisfies(result -> {
            assertThat(result.exitCode()).isZero();
            assertThat(result.out()).contains("usage: patron import FILE");
        });
        assertThat(server.tokensIssued()).isZero();
    }
}
