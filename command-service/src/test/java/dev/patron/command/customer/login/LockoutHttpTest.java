package dev.patron.command.customer.login;

import static org.assertj.core.api.Assertions.assertThat;

import dev.patron.command.CommandServiceApplication;
import dev.patron.eventstore.testing.InMemoryMongo;
import dev.patron.kit.testing.MovableClock;
import dev.patron.kit.web.ApiTestClient;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.axonframework.eventhandling.GenericEventMessage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Brute force and lockouts: {@value #MAX_FAILURES} failed sign-ins from one source lock the address out for that
 * source (here for 3 s, then 6 s); {@value #MAX_ACCOUNT_FAILURES} from all sources together lock it out everywhere. The
 * counts live in MongoDB, so they hold at every instance; nothing of them is written into the customer's events.
 * Sources are told apart by the client's address: requests {@link ApiTestClient#fromAddress from} {@code 127.0.0.2}
 * and up come from other machines as far as the service can tell (Linux routes all of {@code 127.0.0.0/8} to
 * loopback); the base class's clients come from {@code 127.0.0.1}.
 * <p>
 * Lockouts run on Axon's event clock ({@link GenericEventMessage#clock}), which the sign-in and the
 * {@code Retry-After} header take the time from. These tests set it to a clock that stands still until they move it,
 * so a lockout passes when the test says, not after a wait; the clock it replaced is put back after each test, so that
 * no other test runs on it.
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
        List<Object> history = historyOf(customerId);

        for (int failure = 1; failure <= MAX_FAILURES; failure++) {
            assertThat(signIn(email, "guess-" + failure).statusCode()).isEqualTo(401);
        }
        HttpResponse<String> lockedOut = signIn(email, PASSWORD);

        assertLockedOut(lockedOut, 3);
        Duration retryAfter = retryAfter(lockedOut);
        eventClock.advance(retryAfter.minusSeconds(1));
        assertLockedOut(signIn(email, PASSWORD), 1);
        eventClock.advance(Duration.ofSeconds(1));
        assertThat(signIn(email, "guess-4").statusCode()).as("the lockout has passed").isEqualTo(401);
        assertLockedOut(signIn(email, PASSWORD), 6);
        assertThat(historyOf(customerId)).as("nothing of it in the customer's events").isEqualTo(history);
    }

    @Test
    void aSignInEndsTheRunOfFailures() {
        String email = freshEmail();
        signUp(email, PASSWORD);

        for (int round = 1; round <= 2; round++) {
            for (int failure = 1; failure < MAX_FAILURES; failure++) {
                assertThat(signIn(email, "guess-" + failure).statusCode()).isEqualTo(401);
            }
            assertThat(signIn(email, PASSWORD).statusCode()).as("round %d", round).isEqualTo(200);
        }
    }

    /**
     * The owner keeps signing in from their own machine while someone elsewhere guesses at their address: the guesser
     * locks out only their own source.
     */
    @Test
    void failuresFromOneSourceLockOutThatSourceOnlyAndTheOwnerSignsInFromAnother() {
        String email = freshEmail();
        signUp(email, PASSWORD);
        ApiTestClient attacker = storefront.fromAddress("127.0.0.2");

        for (int failure = 1; failure <= MAX_FAILURES; failure++) {
            assertThat(signInAt(attacker, email, "guess-" + failure).statusCode()).isEqualTo(401);
        }

        assertLockedOut(signInAt(attacker, email, PASSWORD), 3);
        assertThat(signIn(email, PASSWORD).statusCode()).as("the owner, from elsewhere").isEqualTo(200);
        assertLockedOut(signInAt(attacker, email, "guess"), 3);
    }

    /**
     * Guesses spread over many sources, each staying under its own limit, are stopped by the address's ceiling, which
     * then holds for every source, a new one and the owner's included, and alike for an address nobody holds.
     */
    @Test
    void theCeilingOfTheAddressStopsGuessesSpreadOverManySources() {
        String known = freshEmail();
        signUp(known, PASSWORD);
        String unknown = freshEmail();

        for (String email : List.of(known, unknown)) {
            int failures = 0;
            for (int source = 2; failures < MAX_ACCOUNT_FAILURES; source++) {
                ApiTestClient guesser = storefront.fromAddress("127.0.0." + source);
                for (int guess = 1; guess < MAX_FAILURES && failures < MAX_ACCOUNT_FAILURES; guess++, failures++) {
                    assertThat(signInAt(guesser, email, "guess-" + failures).statusCode()).isEqualTo(401);
                }
            }
            assertLockedOut(signInAt(storefront.fromAddress("127.0.0.200"), email, PASSWORD), 3);
            assertLockedOut(signIn(email, PASSWORD), 3);
        }

        eventClock.advance(Duration.ofSeconds(3));
        assertThat(signIn(known, PASSWORD).statusCode()).as("the lockout has passed").isEqualTo(200);
    }

    /**
     * Guesses sent all at once from one source each pass the first look before any has been compared; each is counted
     * before its password is looked at, so those beyond the limit are refused unchecked.
     */
    @Test
    void guessesSentTogetherAreCountedBeforeTheyAreChecked() throws Exception {
        String email = freshEmail();
        signUp(email, PASSWORD);
        int guesses = 8 * MAX_FAILURES;
        ExecutorService senders = Executors.newFixedThreadPool(guesses);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<Integer>> answers = new ArrayList<>();
            for (int guess = 0; guess < guesses; guess++) {
                String password = "guess-" + guess;
                answers.add(senders.submit(() -> {
                    start.await();
                    return signIn(email, password).statusCode();
                }));
            }
            start.countDown();
            List<Integer> statuses = new ArrayList<>();
            for (Future<Integer> answer : answers) {
                statuses.add(answer.get(1, TimeUnit.MINUTES));
            }

            assertThat(statuses).containsOnly(401, 429);
            assertThat(statuses.stream().filter(status -> status == 401).count()).as("guesses checked")
                    .isBetween(1L, (long) MAX_FAILURES + 1);
        } finally {
            senders.shutdownNow();
        }
        assertLockedOut(signIn(email, PASSWORD), 3);
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

    /** Two instances on one database count the failures together, and refuse at one what the other locked out. */
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
                        "--patron.customer-sign-in.max-consecutive-failures=" + MAX_FAILURES,
                        "--patron.customer-sign-in.max-account-failures=" + MAX_ACCOUNT_FAILURES,
                        "--patron.customer-sign-in.first-lockout=3s",
                        "--patron.customer-sign-in.longest-lockout=6s")) {
            int secondPort = ((WebServerApplicationContext) secondInstance).getWebServer().getPort();
            ApiTestClient second =
                    ApiTestClient.onPort(secondPort).withHeader("Authorization", "Bearer " + storefrontToken);

            assertThat(signIn(email, "guess-1").statusCode()).isEqualTo(401);
            assertThat(signInAt(second, email, "guess-2").statusCode()).isEqualTo(401);
            assertThat(signIn(email, "guess-3").statusCode()).isEqualTo(401);

            assertLockedOut(signInAt(second, email, PASSWORD), 3);
        }
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
