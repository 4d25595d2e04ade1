package dev.patron.command.customer.login;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class SignInLockoutTest {

    private static final Instant LAST_FAILURE = Instant.parse("2024-01-01T09:00:00Z");
    private final SignInLockout lockout =
            new SignInLockout(5, 50, Duration.ofMinutes(1), Duration.ofHours(1), Duration.ofHours(12));

    @Test
    void locksOutFromTheLimitOnDoublingFromTheFirstLockoutToTheLongest() {
        assertThat(IntStream.rangeClosed(1, 4).mapToObj(failures -> lockout.lockoutAfter(failures, 5)))
                .allMatch(none -> none.isEmpty());
        assertThat(IntStream.rangeClosed(5, 12).mapToObj(failures -> lockout.lockoutAfter(failures, 5).orElseThrow()))
                .containsExactly(Duration.ofMinutes(1), Duration.ofMinutes(2), Duration.ofMinutes(4),
                        Duration.ofMinutes(8), Duration.ofMinutes(16), Duration.ofMinutes(32), Duration.ofHours(1),
                        Duration.ofHours(1));
        assertThat(lockout.lockoutAfter(Integer.MAX_VALUE, 5)).contains(Duration.ofHours(1));
        assertThat(lockout.lockoutAfter(49, 50)).isEmpty();
        assertThat(lockout.lockoutAfter(50, 50)).contains(Duration.ofMinutes(1));
    }

    @Test
    void failuresAreForgottenOnceTheFailureMemoryHasPassedSinceTheLast() {
        Instant forgettingTime = LAST_FAILURE.plus(Duration.ofHours(12));
        assertThat(lockout.isForgotten(LAST_FAILURE, forgettingTime.minusMillis(1))).isFalse();
        assertThat(lockout.isForgotten(LAST_FAILURE, forgettingTime)).isTrue();
    }
}
