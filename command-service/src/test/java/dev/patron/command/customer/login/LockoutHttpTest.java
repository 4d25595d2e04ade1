package dev.patron.command.customer.login;

import static org.assertj.core.api.Assertions.assertThat;

import dev.patron.command.CommandServiceApplication;
import dev.patron.events.customer.CustomerCreated;
import dev.patron.events.customer.CustomerLockedOut;
import dev.patron.events.customer.CustomerSignInFailed;
import dev.patron.events.customer.CustomerSignedIn;
import dev.patron.events.customer.PasswordSet;
import dev.patron.eventstore.testing.InMemoryMongo;
import dev.patron.kit.testing.MovableClock;
import dev.patron.kit.web.ApiTestClient;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.axonframework.eventhandling.GenericEventMessage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Brute force: {@value #MAX_FAILURES} failed sign-ins in a row lock the address out (here for 3 s, then 6 s), the
 * failures and lockouts are in the customer's event history, and the lockout holds at every instance, because it
 * lives in those events.
 * <p>
 * Lockouts run on Axon's event clock ({@link GenericEventMessage#clock}), which the Customer aggregate, the lockout of
 * unknown addresses and the {@code Retry-After} header take the time from and which stamps the events. These tests
 * set it to a clock that stands still until they move it, so a lockout passes when the test says, not after a wait;
 * the clock it replaced is put back after each test, so that no other test runs on it.
 */
class LockoutHttpTest extends SignInHttpTestBase {

    private static final String PASSWORD = "Lagavulin-16-years";
    private static final String LOCKED_OUT_BODY = "{\"errors\":[{\"status\":429,\"title\":\"Too Many Requests\","
            + "\"detail\":\"" + CustomerTokenController.LOCKED_OUT + "\"}]}";

    private final MovableClock eventClock = new MovableClock(Instant.now());
    private Clock replacedEventClock;

    @BeforeEach
    void moveAxonsEventClockByHand() {
        replacedEventClock = GenericEventMessage.clock;
        GenericEventMessage.clock = eventClock;
    }

    @AfterEach
    void putBackAxonsEventClock() {
        GenericEventMessage.clock = replacedEventClock;
    }

    @Test
    void failuresInARowLockOutEvenTheRightPasswordUntilTheLockoutHasPassed() {
        String email = freshEmail();
        String customerId = signUp(email, PASSWORD);

        for (int failure = 1; failure <= MAX_FAILURES; failure++) {
            assertThat(signIn(email, "guess-" + failure).statusCode()).isEqualTo(401);
        }
        HttpResponse<String> lockedOut = signIn(email, PASSWORD);

        assertLockedOut(lockedOut, 3);
        assertThat(historyOf(customerId)).containsExactly(
                new CustomerCreated(customerId, "Ron Swanson", email, null),
                passwordSetOf(customerId),
                new CustomerSignInFailed(customerId, 1),
                new CustomerSignInFailed(customerId, 2),
                new CustomerSignInFailed(customerId, 3),
                new CustomerLockedOut(customerId, 3));

        Duration retryAfter = retryAfter(lockedOut);
        eventClock.advance(retryAfter.minusSeconds(1));
        assertLockedOut(signIn(email, PASSWORD), 1);
        eventClock.advance(Duration.ofSeconds(1));
        assertThat(signIn(email, "guess-4").statusCode()).as("the lockout has passed").isEqualTo(401);
        assertLockedOut(signIn(email, PASSWORD), 6);
        assertThat(historyOf(customerId)).endsWith(
                new CustomerSignInFailed(customerId, 4), new CustomerLockedOut(customerId, 6));
    }

    @Test
    void aSignInEndsTheRunOfFailures() {
        String email = freshEmail();
        String customerId = signUp(email, PASSWORD);

        for (int round = 1; round <= 2; round++) {
            for (int failure = 1; failure < MAX_FAILURES; failure++) {
                assertThat(signIn(email, "guess-" + failure).statusCode()).isEqualTo(401);
            }
            assertThat(signIn(email, PASSWORD).statusCode()).as("round %d", round).isEqualTo(200);
        }

        assertThat(historyOf(customerId)).endsWith(
                new CustomerSignInFailed(customerId, 1),
                new CustomerSignInFailed(customerId, 2),
                new CustomerSignedIn(customerId, SignInMechanism.PASSWORD));
    }

    @Test
    void anAddressNoCustomerHoldsIsLockedOutAlikeSoTheLockoutRevealsNothing() {
        String unknown = freshEmail();

        for (int failure = 1; failure <= MAX_FAILURES; failure++) {
            assertThat(signIn(unknown, "guess-" + failure).statusCode()).isEqualTo(401);
        }

        assertLockedOut(signIn(unknown, PASSWORD), 3);
    }

    @Test
    void aNewPasswordFromTheBackOfficeEndsALockout() {
        String email = freshEmail();
        String customerId = signUp(email, PASSWORD);
        for (int failure = 1; failure <= MAX_FAILURES; failure++) {
            signIn(email, "guess-" + failure);
        }
        assertThat(signIn(email, PASSWORD).statusCode()).isEqualTo(429);

        assertThat(backOffice.put(CUSTOMERS + "/" + customerId, newPassword("Lapsang-souchong")).statusCode())
                .isEqualTo(200);

        assertThat(signIn(email, "Lapsang-souchong").statusCode()).isEqualTo(200);
    }

    /**
     * Two instances on one database count the failures together, and refuse at one what the other locked out: the
     * count and the lockout live in the customer's events, not in an instance's memory.
     */
    @Test
    void failuresAndTheLockoutAreSharedByEveryInstance() {
        String email = freshEmail();
        signUp(email, PASSWORD);
        try (ConfigurableApplicationContext secondInstance =
                     new SpringApplicationBuilder(CommandServiceApplication.class).run("--server.port=0",
                        "--management.server.port=0",
                        "--patron.mongo.uri=" + InMemoryMongo.connectionString(),
                        "--patron.mongo.database=sign-in-tests",
                        "--patron.read-your-writes.enabled=false",
                        "--patron.customer-sign-in.max-consecutive-failures=" + MAX_FAILURES)) {
            int secondPort = ((WebServerApplicationContext) secondInstance).getWebServer().getPort();
            ApiTestClient second =
                    ApiTestClient.onPort(secondPort).withHeader("Authorization", "Bearer " + storefrontToken);

            assertThat(signIn(email, "guess-1").statusCode()).isEqualTo(401);
            assertThat(signInAt(second, email, "guess-2").statusCode()).isEqualTo(401);
            assertThat(signIn(email, "guess-3").statusCode()).isEqualTo(401);

            assertLockedOut(signInAt(second, email, PASSWORD), 3);
        }
    }

    private PasswordSet passwordSetOf(String customerId) {
        return historyOf(customerId).stream().filter(PasswordSet.class::isInstance).map(PasswordSet.class::cast)
                .findFirst().orElseThrow();
    }

    private static void assertLockedOut(HttpResponse<String> response, long atMostSeconds) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(429);
        assertThat(response.body()).isEqualTo(LOCKED_OUT_BODY);
        assertThat(Long.parseLong(response.headers().firstValue("Retry-After").orElseThrow()))
                .isBetween(1L, atMostSeconds);
    }

    private static Duration retryAfter(HttpResponse<String> lockedOut) {
        return Duration.ofSeconds(Long.parseLong(lockedOut.headers().firstValue("Retry-After").orElseThrow()));
    }
}
