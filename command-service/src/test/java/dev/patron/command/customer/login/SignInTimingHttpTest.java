package dev.patron.command.customer.login;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.clearInvocations;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;

import dev.patron.command.customer.Argon2idPasswordEncoder;
import dev.patron.kit.testing.MovableClock;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import org.axonframework.eventhandling.GenericEventMessage;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;
import org.springframework.test.context.bean.override.mockito.MockitoSpyBean;

/**
 * A customer's address and an unknown one must not be told apart by how long a refusal takes. Where a refusal compares
 * a password, the time is nearly all that comparison: both must compare exactly one Argon2id hash of the same cost (an
 * unknown address against a hash of no real password), checked on the work itself, with the real encoder watched,
 * since the clock varies more from one such call to the next than the gap this guards against. A refusal during a
 * lockout compares nothing and takes a few milliseconds of lookups; that one is compared on the clock.
 */
class SignInTimingHttpTest extends SignInHttpTestBase {

    private static final String PASSWORD = "Lagavulin-16-years";
    /**
     * What two refusals doing the same work may differ by in the median on a busy machine; a fifth of the refusal's
     * own time where that is more.
     */
    private static final Duration TIMING_TOLERANCE = Duration.ofMillis(2);

    @MockitoSpyBean
    Argon2idPasswordEncoder argon2id;

    /**
     * While an address is locked out, a refusal must not take longer for a customer's address than for one nobody
     * holds (it once did: 30 ms against 18, the customer's events being loaded to find the lockout). Here the work is a
     * few milliseconds of lookups, so it is compared on the clock: many refusals of each, interleaved in alternating
     * order so that the machine's other load falls on both alike, compared by the median of the pairs' differences.
     * Axon's event clock stands still meanwhile, so that the lockout outlasts the measurement.
     */
    @Test
    void whileLockedOutAKnownAddressIsRefusedAsFastAsAnUnknownOne() {
        Clock eventClock = GenericEventMessage.clock;
        GenericEventMessage.clock = new MovableClock(Instant.now());
        try {
            String known = freshEmail();
            signUp(known, PASSWORD);
            String unknown = freshEmail();
            for (String email : List.of(known, unknown)) {
                for (int failure = 1; failure <= MAX_FAILURES; failure++) {
                    assertThat(signIn(email, "guess-" + failure).statusCode()).isEqualTo(401);
                }
            }
            clearInvocations(argon2id);
            for (int warmUp = 0; warmUp < 50; warmUp++) {
                refusalTime(known);
                refusalTime(unknown);
            }

            int pairs = 300;
            long[] knownTimes = new long[pairs];
            long[] unknownTimes = new long[pairs];
            long[] differences = new long[pairs];
            for (int pair = 0; pair < pairs; pair++) {
                if (pair % 2 == 0) {
                    knownTimes[pair] = refusalTime(known);
                    unknownTimes[pair] = refusalTime(unknown);
                } else {
                    unknownTimes[pair] = refusalTime(unknown);
                    knownTimes[pair] = refusalTime(known);
                }
                differences[pair] = knownTimes[pair] - unknownTimes[pair];
            }

            long knownMedian = median(knownTimes);
            long unknownMedian = median(unknownTimes);
            long difference = median(differences);
            String figures = String.format("locked-out refusals, median of %d: known %.2f ms, unknown %.2f ms, "
                    + "paired difference %.2f ms", pairs, knownMedian / 1e6, unknownMedian / 1e6, difference / 1e6);
            System.out.println(figures);
            assertThat(Math.abs(difference)).as(figures)
                    .isLessThanOrEqualTo(Math.max(TIMING_TOLERANCE.toNanos(), unknownMedian / 5));
            verify(argon2id, never()).matches(any(), any());
        } finally {
            GenericEventMessage.clock = eventClock;
        }
    }

    /** The time a sign-in takes that must be refused as locked out, in nanoseconds. */
    private long refusalTime(String email) {
        long start = System.nanoTime();
        HttpResponse<String> refused = signIn(email, PASSWORD);
        long took = System.nanoTime() - start;
        assertThat(refused.statusCode()).as(refused.body()).isEqualTo(429);
        return took;
    }

    private static long median(long[] values) {
        long[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }

    @Test
    void anUnknownAddressAndAWrongPasswordEachCostOneArgon2idComparisonOfTheSameCost() {
        String email = freshEmail();
        signUp(email, PASSWORD);

        String wrongPasswordHash = hashComparedByARefusal(email, "Lagavulin-15-years");
        String unknownAddressHash = hashComparedByARefusal(freshEmail(), PASSWORD);

        assertThat(costOf(unknownAddressHash)).isEqualTo(costOf(wrongPasswordHash)).startsWith("$argon2id$");
    }

    /** Signs in and expects a refusal; the hash that refusal compared the password with, exactly once. */
    private String hashComparedByARefusal(String email, String password) {
        clearInvocations(argon2id);
        assertThat(signIn(email, password).statusCode()).isEqualTo(401);
        ArgumentCaptor<String> hash = ArgumentCaptor.forClass(String.class);
        verify(argon2id).matches(any(), hash.capture());
        return hash.getValue();
    }

    /** The algorithm and its parameters, {@code $argon2id$v=19$m=..,t=..,p=..}: everything but salt and hash. */
    private static String costOf(String phcHash) {
        return phcHash.substring(0, phcHash.indexOf('$', phcHash.indexOf("$m=") + 1));
    }
}
