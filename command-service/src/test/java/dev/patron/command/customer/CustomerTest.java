package dev.patron.command.customer;

import static dev.patron.command.customer.ImportedHashes.bcrypt;
import static dev.patron.command.customer.ImportedHashes.djangoPbkdf2;
import static dev.patron.command.customer.ImportedHashes.storageForm;

import dev.patron.events.customer.CustomerCreated;
import dev.patron.events.customer.CustomerDeleted;
import dev.patron.events.customer.CustomerUpdated;
import dev.patron.events.customer.PasswordHashUpgraded;
import dev.patron.events.customer.PasswordSet;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.axonframework.eventsourcing.AggregateDeletedException;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.axonframework.test.aggregate.TestExecutor;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder.BCryptVersion;

class CustomerTest {

    private static final String ID = "0b6f3a0e-5d0c-4d43-9a3e-1f1f9e0c0a01";
    private static final String HASH = "$argon2id$v=19$m=19456,t=2,p=1$c2FsdHNhbHRzYWx0$aGFzaGhhc2hoYXNoaGFzaA";
    private static final String OTHER_HASH = "$argon2id$v=19$m=19456,t=2,p=1$b3RoZXJzYWx0$b3RoZXJoYXNob3RoZXJoYQ";
    /** A hash made by a store's previous platform, as the import passes it on. */
    private static final String IMPORTED_HASH = storageForm(bcrypt(BCryptVersion.$2B, "Lagavulin-16-years"));
    private static final Instant CREATED = Instant.parse("2024-01-01T09:00:00Z");
    private static final Instant NOW = Instant.parse("2024-02-01T09:00:00Z");
    private static final CustomerCreated RON = new CustomerCreated(ID, "Ron Swanson", "ron@swanson.com", "crm-1");
    private static final CustomerState RON_STATE =
            new CustomerState(ID, "Ron Swanson", "ron@swanson.com", "crm-1", false, CREATED, CREATED, 0, Map.of());

    private FixtureConfiguration<Customer> fixture;

    @BeforeEach
    void createFixture() {
        fixture = new AggregateTestFixture<>(Customer.class);
    }

    /** Ron registered at {@link #CREATED}, then {@code laterEvents} at the same time; the command runs at {@link #NOW}. */
    private TestExecutor<Customer> givenRon(Object... laterEvents) {
        return fixture.givenCurrentTime(CREATED).andGiven(RON).andGiven(laterEvents).andGivenCurrentTime(NOW);
    }

    @Nested
    class Create {

        @Test
        void withoutPasswordRecordsOnlyTheCustomer() {
            fixture.givenCurrentTime(CREATED)
                    .when(new CreateCustomer(ID, "Ron Swanson", "ron@swanson.com", "crm-1", null, List.of()))
                    .expectEvents(RON)
                    .expectResultMessagePayload(RON_STATE);
        }

        @Test
        void withPasswordRecordsThePasswordHashAfterTheCustomer() {
            fixture.givenCurrentTime(CREATED)
                    .when(new CreateCustomer(ID, "Ron Swanson", "ron@swanson.com", "crm-1", HASH, List.of()))
                    .expectEvents(RON, new PasswordSet(ID, HASH))
                    .expectResultMessagePayload(
                            new CustomerState(ID, "Ron Swanson", "ron@swanson.com", "crm-1", true, CREATED, CREATED, 1, Map.of()));
        }

        @Test
        void withoutExternalRef() {
            fixture.givenNoPriorActivity()
                    .when(new CreateCustomer(ID, "Ron Swanson", "ron@swanson.com", null, null, List.of()))
                    .expectEvents(new CustomerCreated(ID, "Ron Swanson", "ron@swanson.com", null));
        }

        @Test
        void refusesAPasswordThatIsNotAnArgon2idHash() {
            fixture.givenNoPriorActivity()
                    .when(new CreateCustomer(ID, "Ron Swanson", "ron@swanson.com", null, "correct horse battery", List.of()))
                    .expectException(IllegalArgumentException.class)
                    .expectNoEvents();
        }

        @Test
        void withAnImportedHashRecordsItAsItsStorageForm() {
            fixture.givenCurrentTime(CREATED)
                    .when(new CreateCustomer(ID, "Ron Swanson", "ron@swanson.com", "crm-1", IMPORTED_HASH, List.of()))
                    .expectEvents(RON, new PasswordSet(ID, IMPORTED_HASH));
        }

        @ParameterizedTest
        @ValueSource(strings = {"{noop}correct horse battery", "{bcrypt}correct horse battery", "{bcrypt}",
                "{sha256}5e884898da28047151d0e56f8dc6297773603d0d6aabbdd62a11ef721d1542d8"})
        void refusesAPlaintextPasswordDressedAsAnImportedHash(String notAHash) {
            fixture.givenNoPriorActivity()
                    .when(new CreateCustomer(ID, "Ron Swanson", "ron@swanson.com", null, notAHash, List.of()))
                    .expectException(IllegalArgumentException.class)
                    .expectNoEvents();
        }

        @Test
        void refusesAnImportedHashOutsideItsStorageForm() {
            String bcrypt = bcrypt(BCryptVersion.$2A, "Lagavulin-16-years");
            String django = djangoPbkdf2("Lagavulin-16-years", 1000);
            for (String notAStorageForm : new String[]{bcrypt, "{argon2}" + bcrypt, "{BCRYPT}" + bcrypt,
                    "{pbkdf2-sha256}" + django.substring(0, django.length() - 1)}) {
                fixture.givenNoPriorActivity()
                        .when(new CreateCustomer(ID, "Ron Swanson", "ron@swanson.com", null, notAStorageForm, List.of()))
                        .expectException(IllegalArgumentException.class)
                        .expectNoEvents();
            }
        }

        @Test
        void refusesABlankName() {
            fixture.givenNoPriorActivity()
                    .when(new CreateCustomer(ID, " ", "ron@swanson.com", null, null, List.of()))
                    .expectException(IllegalArgumentException.class)
                    .expectNoEvents();
        }

        @Test
        void refusesAMissingEmail() {
            fixture.givenNoPriorActivity()
                    .when(new CreateCustomer(ID, "Ron Swanson", null, null, null, List.of()))
                    .expectException(IllegalArgumentException.class)
                    .expectNoEvents();
        }
    }

    @Nested
    class Update {

        @Test
        void nameKeepsTheOtherDetails() {
            givenRon()
                    .when(new UpdateCustomer(ID, "Ronald Swanson", null, null, null, List.of()))
                    .expectEvents(new CustomerUpdated(ID, "Ronald Swanson", "ron@swanson.com", "crm-1"))
                    .expectResultMessagePayload(new CustomerChange(RON_STATE, new CustomerState(
                            ID, "Ronald Swanson", "ron@swanson.com", "crm-1", false, CREATED, NOW, 1, Map.of())));
        }

        @Test
        void emailAnswersWithThePreviousOne() {
            givenRon()
                    .when(new UpdateCustomer(ID, null, "ron@pawnee.gov", null, null, List.of()))
                    .expectEvents(new CustomerUpdated(ID, "Ron Swanson", "ron@pawnee.gov", "crm-1"))
                    .expectResultMessagePayload(new CustomerChange(RON_STATE, new CustomerState(
                            ID, "Ron Swanson", "ron@pawnee.gov", "crm-1", false, CREATED, NOW, 1, Map.of())));
        }

        @Test
        void emailKeepsTheCaseAsEntered() {
            givenRon()
                    .when(new UpdateCustomer(ID, null, "Ron@Swanson.com", null, null, List.of()))
                    .expectEvents(new CustomerUpdated(ID, "Ron Swanson", "Ron@Swanson.com", "crm-1"));
        }

        @Test
        void externalRef() {
            givenRon()
                    .when(new UpdateCustomer(ID, null, null, "crm-2", null, List.of()))
                    .expectEvents(new CustomerUpdated(ID, "Ron Swanson", "ron@swanson.com", "crm-2"));
        }

        @Test
        void firstPasswordIsSetWithoutTouchingTheDetails() {
            givenRon()
                    .when(new UpdateCustomer(ID, null, null, null, HASH, List.of()))
                    .expectEvents(new PasswordSet(ID, HASH))
                    .expectResultMessagePayload(new CustomerChange(RON_STATE, new CustomerState(
                            ID, "Ron Swanson", "ron@swanson.com", "crm-1", true, CREATED, NOW, 1, Map.of())));
        }

        @Test
        void passwordChangeReplacesTheHash() {
            givenRon(new PasswordSet(ID, HASH))
                    .when(new UpdateCustomer(ID, null, null, null, OTHER_HASH, List.of()))
                    .expectEvents(new PasswordSet(ID, OTHER_HASH));
        }

        @Test
        void anImportedHashReplacesThePassword() {
            givenRon(new PasswordSet(ID, HASH))
                    .when(new UpdateCustomer(ID, null, null, null, IMPORTED_HASH, List.of()))
                    .expectEvents(new PasswordSet(ID, IMPORTED_HASH));
        }

        /** The upgrade of an imported hash is no change of the customer: version and time stay the password's. */
        @Test
        void answersWithAVersionThatTheUpgradeOfAnImportedHashLeftAlone() {
            CustomerState withImportedPassword =
                    new CustomerState(ID, "Ron Swanson", "ron@swanson.com", "crm-1", true, CREATED, CREATED, 1, Map.of());
            fixture.givenCurrentTime(CREATED).andGiven(RON, new PasswordSet(ID, IMPORTED_HASH))
                    .andGivenCurrentTime(CREATED.plusSeconds(60)).andGiven(new PasswordHashUpgraded(ID, HASH))
                    .andGivenCurrentTime(NOW)
                    .when(new UpdateCustomer(ID, "Ronald Swanson", null, null, null, List.of()))
                    .expectEvents(new CustomerUpdated(ID, "Ronald Swanson", "ron@swanson.com", "crm-1"))
                    .expectResultMessagePayload(new CustomerChange(withImportedPassword, new CustomerState(
                            ID, "Ronald Swanson", "ron@swanson.com", "crm-1", true, CREATED, NOW, 3, Map.of())));
        }

        @Test
        void detailsAndPasswordTogether() {
            givenRon()
                    .when(new UpdateCustomer(ID, "Ronald Swanson", null, null, HASH, List.of()))
                    .expectEvents(new CustomerUpdated(ID, "Ronald Swanson", "ron@swanson.com", "crm-1"),
                            new PasswordSet(ID, HASH))
                    .expectResultMessagePayload(new CustomerChange(RON_STATE, new CustomerState(
                            ID, "Ronald Swanson", "ron@swanson.com", "crm-1", true, CREATED, NOW, 2, Map.of())));
        }

        @Test
        void thatChangesNothingRecordsNothing() {
            CustomerState withPassword =
                    new CustomerState(ID, "Ron Swanson", "ron@swanson.com", "crm-1", true, CREATED, CREATED, 1, Map.of());
            givenRon(new PasswordSet(ID, HASH))
                    .when(new UpdateCustomer(ID, "Ron Swanson", "ron@swanson.com", "crm-1", HASH, List.of()))
                    .expectNoEvents()
                    .expectResultMessagePayload(new CustomerChange(withPassword, withPassword));
        }

        @Test
        void refusesABlankName() {
            givenRon()
                    .when(new UpdateCustomer(ID, "", null, null, null, List.of()))
                    .expectException(IllegalArgumentException.class)
                    .expectNoEvents();
        }

        @Test
        void refusesAPasswordThatIsNotAnArgon2idHash() {
            givenRon()
                    .when(new UpdateCustomer(ID, null, null, null, "hunter2hunter2", List.of()))
                    .expectException(IllegalArgumentException.class)
                    .expectNoEvents();
        }

        @Test
        void ofAnUnknownCustomerIsNotFound() {
            fixture.givenNoPriorActivity()
                    .when(new UpdateCustomer(ID, "Ronald Swanson", null, null, null, List.of()))
                    .expectException(AggregateNotFoundException.class);
        }

        @Test
        void ofADeletedCustomerIsRefused() {
            givenRon(new CustomerDeleted(ID))
                    .when(new UpdateCustomer(ID, "Ronald Swanson", null, null, null, List.of()))
                    .expectException(AggregateDeletedException.class);
        }
    }

    @Nested
    class Delete {

        @Test
        void recordsTheDeletionAndAnswersWithTheLastDetails() {
            givenRon(new PasswordSet(ID, HASH))
                    .when(new DeleteCustomer(ID))
                    .expectEvents(new CustomerDeleted(ID))
                    .expectResultMessagePayload(
                            new CustomerState(ID, "Ron Swanson", "ron@swanson.com", "crm-1", true, CREATED, NOW, 2, Map.of()))
                    .expectMarkedDeleted();
        }

        @Test
        void ofAnUnknownCustomerIsNotFound() {
            fixture.givenNoPriorActivity()
                    .when(new DeleteCustomer(ID))
                    .expectException(AggregateNotFoundException.class);
        }

        @Test
        void twiceIsRefused() {
            givenRon(new CustomerDeleted(ID))
                    .when(new DeleteCustomer(ID))
                    .expectException(AggregateDeletedException.class);
        }
    }
}
