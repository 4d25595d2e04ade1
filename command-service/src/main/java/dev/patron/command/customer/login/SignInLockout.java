package dev.patron.command.customer.login;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * When failed password sign-ins for one email address lock it out, and for how long ({@code patron.customer-sign-in}).
 * The same rule serves customers (in their aggregate) and addresses no customer holds
 * ({@link UnknownEmailSignIns}), so that a lockout tells nothing about whether an address exists.
 *
 * @param maxConsecutiveFailures the failures in a row that start a lockout. The official JS SDK sends a request
 *                               that got 401 up to three more times, so one mistyped password through it counts up
 *                               to four: the default lets a shopper mistype twice.
 * @param firstLockout           the lockout after the {@code maxConsecutiveFailures}th failure; every further
 *                               failure (once that lockout has passed) doubles it. Whole seconds.
 * @param longestLockout         the cap of that doubling
 * @param failureMemory          failures are forgotten once this long has passed since the last one, as is usual
 *                               for lockouts (a customer who mistyped last month starts afresh)
 */
@ConfigurationProperties("patron.customer-sign-in")
public record SignInLockout(
        @DefaultValue("10") int maxConsecutiveFailures,
        @DefaultValue("1m") Duration firstLockout,
        @DefaultValue("1h") Duration longestLockout,
        @DefaultValue("12h") Duration failureMemory) {

    /** More doublings than this overflow; the cap is reached long before. */
    private static final int MAX_DOUBLINGS = 30;

    /** The failures in a row before {@code now}, given the count and time of the last one recorded. */
    public int failuresStillCounting(int recordedFailures, Instant lastFailureAt, Instant now) {
        return lastFailureAt == null || isForgotten(lastFailureAt, now) ? 0 : recordedFailures;
    }

    /** Whether failures up to {@code lastFailureAt} no longer count at {@code now}. */
    public boolean isForgotten(Instant lastFailureAt, Instant now) {
        return !now.isBefore(lastFailureAt.plus(failureMemory));
    }

    /** The lockout that the failure bringing the count to {@code consecutiveFailures} starts, if any. */
    public Optional<Duration> lockoutAfter(int consecutiveFailures) {
        if (consecutiveFailures < maxConsecutiveFailures) {
            return Optional.empty();
        }
        int doublings = Math.min(consecutiveFailures - maxConsecutiveFailures, MAX_DOUBLINGS);
        Duration lockout = firstLockout.multipliedBy(1L << doublings);
        return Optional.of(lockout.compareTo(longestLockout) > 0 ? longestLockout : lockout);
    }
}
