package dev.patron.command.customer.login;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * When failed password sign-ins for one email address lock it out, and for how long ({@code patron.customer-sign-in}).
 * Failures are counted twice ({@link SignInFailures}): per address and source (the client address), which locks out
 * that source only, so that someone guessing from one place cannot keep the owner out everywhere; and per address from
 * all sources together, a looser ceiling that still stops guessing spread over many sources. Both follow one schedule:
 * the failure that reaches the limit locks out for {@code firstLockout}, each further one (once that lockout has
 * passed) for twice as long, up to {@code longestLockout}. Addresses no customer holds are counted alike, so a lockout
 * tells nothing about whether an address exists.
 *
 * @param maxConsecutiveFailures the failures from one source that lock that source out. The official JS SDK sends a
 *                               request that got 401 up to three more times, so one mistyped password through it
 *                               counts up to four: the default lets a shopper mistype twice.
 * @param maxAccountFailures     the failures from all sources together that lock the address out everywhere
 * @param firstLockout           the lockout after the failure that reaches a limit; every further failure (once that
 *                               lockout has passed) doubles it. Whole seconds.
 * @param longestLockout         the cap of that doubling
 * @param failureMemory          failures are forgotten once this long has passed since the last one, as is usual
 *                               for lockouts (a customer who mistyped last month starts afresh)
 */
@ConfigurationProperties("patron.customer-sign-in")
public record SignInLockout(
        @DefaultValue("10") int maxConsecutiveFailures,
        @DefaultValue("100") int maxAccountFailures,
        @DefaultValue("1m") Duration firstLockout,
        @DefaultValue("1h") Duration longestLockout,
        @DefaultValue("12h") Duration failureMemory) {

    /** More doublings than this overflow; the cap is reached long before. */
    private static final int MAX_DOUBLINGS = 30;

    /** Whether failures up to {@code lastFailureAt} no longer count at {@code now}. */
    public boolean isForgotten(Instant lastFailureAt, Instant now) {
        return !now.isBefore(lastFailureAt.plus(failureMemory));
    }

    /** The lockout that the failure bringing the count to {@code failures} starts, given the limit, if any. */
    public Optional<Duration> lockoutAfter(int failures, int limit) {
        if (failures < limit) {
            return Optional.empty();
        }
        int doublings = Math.min(failures - limit, MAX_DOUBLINGS);
        Duration lockout = firstLockout.multipliedBy(1L << doublings);
        return Optional.of(lockout.compareTo(longestLockout) > 0 ? longestLockout : lockout);
    }
}
