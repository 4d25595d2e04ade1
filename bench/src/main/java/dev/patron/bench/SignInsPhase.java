package dev.patron.bench;

import dev.patron.command.customer.Argon2idPasswordEncoder;
import java.io.IOException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Password sign-ins ({@code POST /v2/customers/tokens}, one Argon2id verification on the server each) against the
 * raw verification of the same passwords by the server's own encoder class in this JVM: with one thread (latency,
 * nothing competes) and with one per core (throughput; client, Patron and hashing share the cores). Both the same
 * number of calls, round-robin over the same 20 customers.
 */
final class SignInsPhase {

    static final int CUSTOMERS = 20;
    static final int WARM_UP_CALLS = 40;
    static final int CALLS = 200;

    record Row(int threads, LoadResult signIns, LoadResult verifications, double ratio) {
    }

    private final PatronApi api;
    private final LoadRunner runner;
    private final CustomerData data;
    private final Report report;

    SignInsPhase(PatronApi api, LoadRunner runner, CustomerData data, Report report) {
        this.api = api;
        this.runner = runner;
        this.data = data;
        this.report = report;
    }

    List<Row> run() throws IOException, InterruptedException {
        report.line("Sign-ins: creating " + CUSTOMERS + " customers with passwords...");
        List<String> emails = new ArrayList<>();
        List<String> passwords = new ArrayList<>();
        SecureRandom random = new SecureRandom();
        for (int i = 0; i < CUSTOMERS; i++) {
            byte[] secret = new byte[12];
            random.nextBytes(secret);
            emails.add(data.email("signin", i));
            passwords.add("bench-" + HexFormat.of().formatHex(secret));
            api.createCustomer(CustomerData.name(i), emails.get(i), passwords.get(i));
        }
        // The same passwords hashed here with the same parameters: verifying these costs what the server's
        // verification of its stored hashes costs.
        Argon2idPasswordEncoder encoder = new Argon2idPasswordEncoder();
        List<String> hashes = passwords.stream().map(encoder::encode).toList();

        List<Row> rows = new ArrayList<>();
        for (int threads : List.of(1, Runtime.getRuntime().availableProcessors())) {
            report.line("Sign-ins with " + threads + " thread(s): raw verifications, then sign-ins...");
            LoadRunner.Plan plan = new LoadRunner.Plan(threads, WARM_UP_CALLS, CALLS, Duration.ZERO);
            AtomicLong nextVerification = new AtomicLong();
            LoadResult verifications = runner.measure(plan, () -> {
                int i = (int) (nextVerification.getAndIncrement() % CUSTOMERS);
                if (!encoder.matches(passwords.get(i), hashes.get(i))) {
                    throw new IllegalStateException("the encoder rejected its own hash");
                }
            });
            AtomicLong nextSignIn = new AtomicLong();
            LoadResult signIns = runner.measure(plan, () -> {
                int i = (int) (nextSignIn.getAndIncrement() % CUSTOMERS);
                api.signIn(emails.get(i), passwords.get(i));
            });
            rows.add(new Row(threads, signIns, verifications,
                    signIns.callsPerSecond() / verifications.callsPerSecond()));
        }
        print(rows);
        return rows;
    }

    private void print(List<Row> rows) {
        MarkdownTable table = new MarkdownTable("threads", "sign-ins/s", "Argon2id verifications/s",
                "sign-ins / verifications", "ms per sign-in", "ms per verification", "Patron CPU ms per sign-in",
                "errors");
        for (Row row : rows) {
            table.row(row.threads(), MarkdownTable.rate(row.signIns().callsPerSecond()),
                    MarkdownTable.rate(row.verifications().callsPerSecond()), MarkdownTable.ratio(row.ratio()),
                    MarkdownTable.amount(row.signIns().meanMs()), MarkdownTable.amount(row.verifications().meanMs()),
                    MarkdownTable.amount(row.signIns().cpuMsPerCallTotal()), row.signIns().errors());
        }
        report.heading("Sign-ins");
        report.table(String.format("%d warm-up and %d measured calls each, round-robin over %d customers; ms are"
                + " the mean time of one call.", WARM_UP_CALLS, CALLS, CUSTOMERS), table);
    }
}
