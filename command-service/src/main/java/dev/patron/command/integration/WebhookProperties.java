package dev.patron.command.integration;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code patron.webhooks.*}: how deliveries are sent and retried (docs/operations.md).
 *
 * @param allowPrivateTargets send to loopback, private and link-local addresses too (tests, a receiver on the same host)
 * @param timeout             one attempt's limit, connecting included, so a receiver that hangs holds nothing long
 * @param firstRetry          the wait after a first failed attempt; it doubles with each further one
 * @param longestRetry        the longest wait between two attempts
 * @param maxAttempts         after this many failed attempts the event is given up (logged, and the next one sent)
 * @param maxInFlight         deliveries sent at once, over all integrations (one per integration at a time)
 * @param poll                how often pending deliveries are looked at when nothing wakes the sender
 * @param batchSize           events the webhook processor reads per unit of work, sharing one update of its token
 */
@ConfigurationProperties("patron.webhooks")
record WebhookProperties(boolean allowPrivateTargets, Duration timeout, Duration firstRetry, Duration longestRetry,
                         int maxAttempts, int maxInFlight, Duration poll, int batchSize) {
}
