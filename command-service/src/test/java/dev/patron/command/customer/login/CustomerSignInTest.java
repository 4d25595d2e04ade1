package dev.patron.command.customer.login;

import static dev.patron.command.customer.ImportedHashes.argon2;
import static dev.patron.command.customer.ImportedHashes.bcrypt;
import static dev.patron.command.customer.ImportedHashes.djangoPbkdf2;
import static dev.patron.command.customer.ImportedHashes.passlibPbkdf2;
import static dev.patron.command.customer.ImportedHashes.storageForm;
import static org.axonframework.test.matchers.Matchers.andNoMore;
import static org.axonframework.test.matchers.Matchers.exactSequenceOf;
import static org.axonframework.test.matchers.Matchers.payloadsMatching;
import static org.axonframework.test.matchers.Matchers.predicate;

import dev.patron.command.customer.Argon2idPasswordEncoder;
import dev.patron.command.customer.Customer;
import dev.patron.command.customer.CustomerPasswordEncoder;
import dev.patron.events.customer.CustomerCreated;
import dev.patron.events.customer.CustomerDeleted;
import dev.patron.events.customer.CustomerLockedOut;
import dev.patron.events.customer.CustomerSignInFailed;
import dev.patron.events.customer.OidcIdentityLinked;
import dev.patron.events.customer.PasswordHashUpgraded;
import dev.patron.events.customer.PasswordSet;
import dev.patron.kit.security.CustomerToken;
import java.time.Instant;
import java.util.stream.Stream;
import org.axonframework.eventsourcing.AggregateDeletedException;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.axonframework.test.aggregate.ResultValidator;
import org.axonframework.test.aggregate.TestExecutor;
import org.bouncycastle.crypto.params.Argon2Parameters;
import org.hamcrest.Matcher;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder.BCryptVersion;

/** The Customer aggregate's sign-in commands, given/when/then, with real Argon2id hashes and real imported ones. */
class CustomerSignInTest {

    private static final String ID = "0b6f3a0e-5d0c-4d43-9a3e-1f1f9e0c0a01";
    private static final String PASSWORD = "Lagavulin-16-years";
    private static final String NEW_PASSWORD = "Lapsang-souchong";
    private static final Instant CREATED = Instant.parse("2024-01-01T09:00:00Z");
    private static final CustomerCreated RON = new CustomerCreated(ID, "Ron Swanson", "ron@swanson.com", null);
    private static final Argon2idPasswordEncoder ARGON2ID = new Argon2idPasswordEncoder();

    private static PasswordSet passwordSet;
    private static PasswordSet newPasswordSet;
    private static PasswordAttempts passwords;
    private FixtureConfiguration<Customer> fixture;

    @BeforeAll
    static void hashPasswords() {
        passwordSet = new PasswordSet(ID, ARGON2ID.encode(PASSWORD));
        newPasswordSet = new PasswordSet(ID, ARGON2ID.encode(NEW_PASSWORD));
        passwords = new PasswordAttempts(new CustomerPasswordEncoder(ARGON2ID));
    }

    @BeforeEach
    void createFixture() {
        fixture = new AggregateTestFixture<>(Customer.class);
        fixture.registerInjectableResource(passwords);
    }

    /** Ron with his password (sequence 1), then {@code laterEvents}, all at {@link #CREATED}; the command runs then. */
    private TestExecutor<Customer> givenRon(Object... laterEvents) {
        return fixture.givenCurrentTime(CREATED).andGiven(RON, passwordSet).andGiven(laterEvents);
    }

    private static ResultValidator<Customer> signIn(TestExecutor<Customer> given, String password) {
        return passwords.during(password, attemptId -> given.when(new SignInWithPassword(ID, attemptId)));
    }

    /** What sign-ins recorded in a customer's stream before failures were counted outside it. */
    private static CustomerSignInFailed failure(int consecutive) {
        return new CustomerSignInFailed(ID, consecutive);
    }

    @Nested
    class WithPassword {

        @Test
        void theRightPasswordSignsInWithTheVersionOfThatPasswordAndRecordsNothing() {
            signIn(givenRon(), PASSWORD)
                    .expectNoEvents()
                    .expectResultMessagePayload(new SignInOutcome.SignedIn(ID, 1));
        }

        @Test
        void aWrongPasswordIsRefusedAndRecordsNothing() {
            signIn(givenRon(), "Lagavulin-15-years")
                    .expectNoEvents()
                    .expectResultMessagePayload(new SignInOutcome.Refused());
        }

        @Test
        void aCustomerWithoutPasswordIsRefusedLikeAWrongPassword() {
            signIn(fixture.givenCurrentTime(CREATED).andGiven(RON), PASSWORD)
                    .expectNoEvents()
                    .expectResultMessagePayload(new SignInOutcome.Refused());
        }

        /** Failures and lockouts are counted before a sign-in reaches the customer; old records of them are history. */
        @Test
        void failuresAndLockoutsRecordedInTheStreamEarlierDecideNothing() {
            signIn(givenRon(failure(1), failure(2), failure(3), new CustomerLockedOut(ID, 60)), PASSWORD)
                    .expectNoEvents()
                    .expectResultMessagePayload(new SignInOutcome.SignedIn(ID, 1));
        }

        @Test
        void aNewPasswordGivesTokensItsVersion() {
            signIn(givenRon(newPasswordSet), NEW_PASSWORD)
                    .expectNoEvents()
                    .expectResultMessagePayload(new SignInOutcome.SignedIn(ID, 2));
        }

        @Test
        void aDeletedCustomerCannotSignIn() {
            signIn(givenRon(new CustomerDeleted(ID)), PASSWORD)
                    .expectException(AggregateDeletedException.class)
                    .expectNoEvents();
        }
    }

    @Nested
    class WithImportedHash {

        /** A hash of {@link #PASSWORD} in each encoding the import accepts, as the store's previous platform made it. */
        static Stream<String> hashesOfThePassword() {
            return Stream.of(bcrypt(BCryptVersion.$2A, PASSWORD), bcrypt(BCryptVersion.$2B, PASSWORD),
                    bcrypt(BCryptVersion.$2Y, PASSWORD), argon2(Argon2Parameters.ARGON2_id, PASSWORD),
                    argon2(Argon2Parameters.ARGON2_i, PASSWORD), argon2(Argon2Parameters.ARGON2_d, PASSWORD),
                    passlibPbkdf2(PASSWORD, 1000), djangoPbkdf2(PASSWORD, 1000));
        }

        /** Ron as the import brings him: the previous platform's {@code hash} in its storage form (sequence 1). */
        private TestExecutor<Customer> givenImportedRon(String hash, Object... laterEvents) {
            return fixture.givenCurrentTime(CREATED).andGiven(RON, new PasswordSet(ID, storageForm(hash)))
                    .andGiven(laterEvents);
        }

        /** Ron's hash replaced by Patron's own Argon2id hash of {@code password}. */
        private static Matcher<Object> upgradeTo(String password) {
            return predicate(event -> event instanceof PasswordHashUpgraded upgraded && upgraded.customerId().equals(ID)
                    && upgraded.passwordHash().startsWith("$argon2id$v=19$m=19456,t=2,p=1$")
                    && ARGON2ID.matches(password, upgraded.passwordHash()));
        }

        @ParameterizedTest
        @MethodSource("hashesOfThePassword")
        void theRightPasswordSignsInWithTheImportedPasswordsVersionAndUpgradesTheHash(String hash) {
            signIn(givenImportedRon(hash), PASSWORD)
                    .expectEventsMatching(payloadsMatching(exactSequenceOf(upgradeTo(PASSWORD), andNoMore())))
                    .expectResultMessagePayload(new SignInOutcome.SignedIn(ID, 1));
        }

        @Test
        void aWrongPasswordIsRefusedAsEverAndUpgradesNothing() {
            signIn(givenImportedRon(passlibPbkdf2(PASSWORD, 1000)), "Lagavulin-15-years")
                    .expectNoEvents()
                    .expectResultMessagePayload(new SignInOutcome.Refused());
        }

        @Test
        void afterTheUpgradeTheNewHashIsCheckedAndNothingMoreIsRecordedNorAnyTokenRevoked() {
            signIn(givenImportedRon(bcrypt(BCryptVersion.$2A, PASSWORD),
                    new PasswordHashUpgraded(ID, ARGON2ID.encode(PASSWORD))), PASSWORD)
                    .expectNoEvents()
                    .expectResultMessagePayload(new SignInOutcome.SignedIn(ID, 1));
        }

        @Test
        void afterTheUpgradeTheImportedHashNoLongerCounts() {
            signIn(givenImportedRon(bcrypt(BCryptVersion.$2A, PASSWORD),
                    new PasswordHashUpgraded(ID, ARGON2ID.encode(NEW_PASSWORD))), PASSWORD)
                    .expectNoEvents()
                    .expectResultMessagePayload(new SignInOutcome.Refused());
        }
    }

    @Nested
    class WithOidc {

        @Test
        void linkingRecordsTheIdentity() {
            givenRon()
                    .when(new LinkOidcIdentity(ID, "https://id.example.com", "248289761001"))
                    .expectEvents(new OidcIdentityLinked(ID, "https://id.example.com", "248289761001"));
        }

        @Test
        void signingInRecordsNothing() {
            givenRon()
                    .when(new SignInWithOidc(ID))
                    .expectNoEvents()
                    .expectResultMessagePayload(new SignInOutcome.SignedIn(ID, 1));
        }

        @Test
        void aCustomerWithoutPasswordGetsTokensOfNoPasswordAndNothingIsRecorded() {
            fixture.givenCurrentTime(CREATED).andGiven(RON)
                    .when(new SignInWithOidc(ID))
                    .expectNoEvents()
                    .expectResultMessagePayload(new SignInOutcome.SignedIn(ID, CustomerToken.NO_PASSWORD_SET));
        }
    }
}
