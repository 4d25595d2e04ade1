package dev.patron.command.customer.login;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A wrong password and an unknown address must not be told apart by how long the refusal takes. Both compare one
 * Argon2id hash (the unknown address against a hash of no real password), which is nearly all of the time.
 * <p>
 * The stated bound: over {@value #TRIES} interleaved tries of each, the median time of an unknown address is within
 * a factor of {@value #FACTOR} of the median time of a wrong password, either way. Skipping the hash for an unknown
 * address answers it in a small fraction of the time (the hash costs tens of milliseconds, the rest a few), far
 * outside the bound; the factor leaves room for a busy shared machine.
 */
class SignInTimingHttpTest extends SignInHttpTestBase {

    private static final int TRIES = 9;
    private static final double FACTOR = 2.0;
    private static final String PASSWORD = "Lagavulin-16-years";

    @Test
    void unknownAddressAndWrongPasswordMediansAreWithinAFactorOfTwo() {
        String email = freshEmail();
        signUp(email, PASSWORD);
        signIn(email, PASSWORD);
        signIn(freshEmail(), PASSWORD);
        List<Long> wrongPassword = new ArrayList<>();
        List<Long> unknownAddress = new ArrayList<>();

        for (int i = 0; i < TRIES; i++) {
            wrongPassword.add(timeOfRefusal(email, "Lagavulin-15-years"));
            unknownAddress.add(timeOfRefusal(freshEmail(), PASSWORD));
            // Ends the run of failures, so that no lockout answers early.
            assertThat(signIn(email, PASSWORD).statusCode()).isEqualTo(200);
        }

        long wrongPasswordMedian = median(wrongPassword);
        long unknownAddressMedian = median(unknownAddress);
        System.out.printf("Sign-in refusal medians over %d tries: wrong password %.1f ms, unknown address %.1f ms%n",
                TRIES, wrongPasswordMedian / 1e6, unknownAddressMedian / 1e6);
        assertThat((double) unknownAddressMedian)
                .as("median ns, unknown address %d vs wrong password %d", unknownAddressMedian, wrongPasswordMedian)
                .isBetween(wrongPasswordMedian / FACTOR, wrongPasswordMedian * FACTOR);
    }

    private long timeOfRefusal(String email, String password) {
        long start = System.nanoTime();
        int status = signIn(email, password).statusCode();
        long elapsed = System.nanoTime() - start;
        assertThat(status).isEqualTo(401);
        return elapsed;
    }

    private static long median(List<Long> times) {
        List<Long> sorted = new ArrayList<>(times);
        Collections.sort(sorted);
        return sorted.get(sorted.size() / 2);
    }
}
