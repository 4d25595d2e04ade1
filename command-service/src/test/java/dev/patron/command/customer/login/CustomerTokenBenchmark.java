package dev.patron.command.customer.login;

import static org.assertj.core.api.Assertions.assertThat;

import dev.patron.command.Throughput;
import dev.patron.command.customer.Argon2idPasswordEncoder;
import dev.patron.events.customer.PasswordSet;
import dev.patron.kit.web.ApiTestClient;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.IntConsumer;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalManagementPort;

/**
 * Password sign-ins per second through the HTTP API against raw Argon2id verifications per second of the same
 * hashes with the service's own encoder, on the same cores, in one run: with one thread each (latency, nothing
 * competing) and then with as many threads as cores (throughput, where the client, the server's other work and the
 * in-process MongoDB server compete with the hashing for the cores). A sign-in is one hash plus the email lookup,
 * the aggregate's load, the token's signature and HTTP, so the ratio says how much of a sign-in is the hash. For the
 * share of HTTP itself, the same threads also call {@code GET /actuator/health} on the management port (no token, no
 * database). Prints a table; asserts only that every sign-in succeeded. Run on purpose (docs/benchmarks.md), never as
 * part of the tests.
 */
@Tag("benchmark")
class CustomerTokenBenchmark extends SignInHttpTestBase {

    private static final int CORES = Runtime.getRuntime().availableProcessors();
    private static final int CUSTOMERS = 20;
    private static final int OPERATIONS = 200;
    private static final int WARM_UP = 40;
    private static final String PASSWORD = "Lagavulin-16-years";

    @Autowired
    Argon2idPasswordEncoder passwordEncoder;
    @LocalManagementPort
    int managementPort;

    @Test
    void signInsPerSecondAgainstRawArgon2idVerifications() throws Exception {
        List<String> emails = new ArrayList<>();
        List<String> hashes = new ArrayList<>();
        for (int i = 0; i < CUSTOMERS; i++) {
            String email = freshEmail();
            emails.add(email);
            hashes.add(passwordHashOf(signUp(email, PASSWORD)));
        }
        Queue<String> failures = new ConcurrentLinkedQueue<>();
        IntConsumer signIn = i -> {
            int status = signIn(emails.get(i % CUSTOMERS), PASSWORD).statusCode();
            if (status != 200) {
                failures.add(Integer.toString(status));
            }
        };
        IntConsumer verify = i -> {
            if (!passwordEncoder.matches(PASSWORD, hashes.get(i % CUSTOMERS))) {
                failures.add("hash mismatch");
            }
        };
        Throughput.perSecond(CORES, WARM_UP, signIn);
        Throughput.perSecond(CORES, WARM_UP, verify);

        System.out.printf(Locale.ROOT, "%d cores, %d operations per measurement, %d customers%n",
                CORES, OPERATIONS, CUSTOMERS);
        System.out.println("| threads | HTTP sign-ins/s | raw Argon2id verifications/s | ratio "
                + "| ms per sign-in | ms per verification | ms per health call |");
        System.out.println("|---|---|---|---|---|---|---|");
        for (int threads : new int[]{1, CORES}) {
            double raw = Throughput.perSecond(threads, OPERATIONS, verify);
            double viaApi = Throughput.perSecond(threads, OPERATIONS, signIn);
            ApiTestClient management = ApiTestClient.onPort(managementPort);
            double health = Throughput.perSecond(threads, OPERATIONS, i -> management.get("/actuator/health"));
            System.out.printf(Locale.ROOT, "| %d | %.1f | %.1f | %.2f | %.1f | %.1f | %.1f |%n", threads, viaApi, raw,
                    viaApi / raw, 1000 * threads / viaApi, 1000 * threads / raw, 1000 * threads / health);
        }
        assertThat(failures).isEmpty();
    }

    private String passwordHashOf(String customerId) {
        return historyOf(customerId).stream().filter(PasswordSet.class::isInstance).map(PasswordSet.class::cast)
                .findFirst().orElseThrow().passwordHash();
    }
}
