package dev.patron.command.address;

import dev.patron.command.customer.Customer;
import dev.patron.command.customer.LiveCustomers;
import dev.patron.command.customer.UnknownCustomerException;
import dev.patron.events.address.AddressCreated;
import dev.patron.events.address.AddressCreated.Details;
import dev.patron.events.address.AddressDeleted;
import dev.patron.events.address.AddressUpdated;
import dev.patron.events.customer.CustomerCreated;
import dev.patron.events.customer.CustomerDeleted;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.EventSourcingRepository;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.eventsourcing.eventstore.inmemory.InMemoryEventStorageEngine;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.axonframework.test.aggregate.TestExecutor;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The address aggregate and its command handler. Customers live in an event store of their own here, read through
 * a real {@link EventSourcingRepository} exactly as the handler reads them in the service.
 */
class CustomerAddressTest {

    private static final String RON = "0b6f3a0e-5d0c-4d43-9a3e-1f1f9e0c0a01";
    private static final String LESLIE = "7c1d2e3f-4a5b-4c6d-8e7f-9a0b1c2d3e4f";
    private static final String GONE = "5e4d3c2b-1a09-4f8e-9d7c-6b5a49382716";
    private static final String NEVER_CREATED = "a1b2c3d4-e5f6-4a7b-8c9d-0e1f2a3b4c5d";
    private static final String ADDRESS = "3b9d1f0e-8c2a-4e5f-9a71-0c4d2e6b8f13";
    /** An id whose events are an address's, not a customer's. */
    private static final String ADDRESS_NAMED_AS_CUSTOMER = "d8e7f6a5-b4c3-4d2e-9f1a-0b9c8d7e6f5a";
    private static final Instant CREATED = Instant.parse("2024-01-01T09:00:00Z");
    private static final Instant NOW = Instant.parse("2024-02-01T09:00:00Z");

    private static final Details HOME = new Details("home", "Ron", "Swanson", "Very Good Building Co.",
            "+1 317 555 0199", "Leave it by the woodshed", "1 Sycamore Lane", "Cabin", "Pawnee", "Wamapoke",
            "Indiana", "47998", "US");
    private static final AddressCreated HOME_CREATED = new AddressCreated(ADDRESS, RON, HOME);

    private EmbeddedEventStore customerEvents;
    private FixtureConfiguration<CustomerAddress> fixture;

    @BeforeEach
    void createFixture() {
        customerEvents = EmbeddedEventStore.builder().storageEngine(new InMemoryEventStorageEngine()).build();
        record(RON, new CustomerCreated(RON, "Ron Swanson", "ron@swanson.com", null));
        record(LESLIE, new CustomerCreated(LESLIE, "Leslie Knope", "leslie@pawnee.gov", null));
        record(GONE, new CustomerCreated(GONE, "Tammy Two", "tammy@two.com", null), new CustomerDeleted(GONE));
        record(ADDRESS_NAMED_AS_CUSTOMER, new AddressCreated(ADDRESS_NAMED_AS_CUSTOMER, RON, HOME));

        fixture = new AggregateTestFixture<>(CustomerAddress.class);
        fixture.registerAnnotatedCommandHandler(new AddressCommandHandler(fixture.getRepository(), new LiveCustomers(
                EventSourcingRepository.builder(Customer.class).eventStore(customerEvents).build())));
    }

    @AfterEach
    void closeCustomerEvents() {
        customerEvents.shutDown();
    }

    private void record(String aggregateId, Object... events) {
        for (int sequence = 0; sequence < events.length; sequence++) {
            customerEvents.publish(
                    new GenericDomainEventMessage<>("Customer", aggregateId, sequence, events[sequence]));
        }
    }

    /** Ron's home address, created at {@link #CREATED}, then {@code laterEvents}; the command runs at {@link #NOW}. */
    private TestExecutor<CustomerAddress> givenRonsHome(Object... laterEvents) {
        return fixture.givenCurrentTime(CREATED).andGiven(HOME_CREATED).andGiven(laterEvents)
                .andGivenCurrentTime(NOW);
    }

    private static Details changes(String firstName, String line1) {
        return new Details(null, firstName, null, null, null, null, line1, null, null, null, null, null, null);
    }

    @Nested
    class Create {

        @Test
        void recordsTheAddressUnderTheCustomer() {
            fixture.givenCurrentTime(CREATED)
                    .when(new CreateAddress(RON, ADDRESS, HOME, List.of()))
                    .expectEvents(HOME_CREATED)
                    .expectResultMessagePayload(new AddressState(ADDRESS, RON, HOME, CREATED, CREATED, 0, Map.of()));
        }

        @Test
        void keepsOptionalPartsAbsent() {
            Details minimal = new Details(null, "Ron", "Swanson", null, null, null, "1 Sycamore Lane", null, null,
                    null, null, "47998", "US");

            fixture.givenNoPriorActivity()
                    .when(new CreateAddress(RON, ADDRESS, minimal, List.of()))
                    .expectEvents(new AddressCreated(ADDRESS, RON, minimal));
        }

        @ParameterizedTest
        @MethodSource("dev.patron.command.address.CustomerAddressTest#incompleteAddresses")
        void refusesAnAddressMissingARequiredPart(Details incomplete) {
            fixture.givenNoPriorActivity()
                    .when(new CreateAddress(RON, ADDRESS, incomplete, List.of()))
                    .expectException(IllegalArgumentException.class)
                    .expectNoEvents();
        }

        @Test
        void refusesAnUnknownCustomer() {
            fixture.givenNoPriorActivity()
                    .when(new CreateAddress(NEVER_CREATED, ADDRESS, HOME, List.of()))
                    .expectException(UnknownCustomerException.class)
                    .expectNoEvents();
        }

        @Test
        void refusesADeletedCustomer() {
            fixture.givenNoPriorActivity()
                    .when(new CreateAddress(GONE, ADDRESS, HOME, List.of()))
                    .expectException(UnknownCustomerException.class)
                    .expectNoEvents();
        }

        @Test
        void refusesTheIdOfAnotherKindOfAggregateAsCustomer() {
            fixture.givenNoPriorActivity()
                    .when(new CreateAddress(ADDRESS_NAMED_AS_CUSTOMER, ADDRESS, HOME, List.of()))
                    .expectException(UnknownCustomerException.class)
                    .expectNoEvents();
        }
    }

    static Stream<Details> incompleteAddresses() {
        return Stream.of(
                new Details("home", null, "Swanson", null, null, null, "1 Sycamore Lane", null, null, null, null,
                        "47998", "US"),
                new Details("home", "Ron", " ", null, null, null, "1 Sycamore Lane", null, null, null, null,
                        "47998", "US"),
                new Details("home", "Ron", "Swanson", null, null, null, "", null, null, null, null, "47998", "US"),
                new Details("home", "Ron", "Swanson", null, null, null, "1 Sycamore Lane", null, null, null, null,
                        null, "US"),
                new Details("home", "Ron", "Swanson", null, null, null, "1 Sycamore Lane", null, null, null, null,
                        "47998", null),
                null);
    }

    @Nested
    class Update {

        @Test
        void changesOnlyTheGivenPartsAndRecordsTheWholeAddress() {
            Details moved = new Details("home", "Ronald", "Swanson", "Very Good Building Co.", "+1 317 555 0199",
                    "Leave it by the woodshed", "2 Sycamore Lane", "Cabin", "Pawnee", "Wamapoke", "Indiana", "47998",
                    "US");

            givenRonsHome()
                    .when(new UpdateAddress(RON, ADDRESS, changes("Ronald", "2 Sycamore Lane"), List.of()))
                    .expectEvents(new AddressUpdated(ADDRESS, RON, moved))
                    .expectResultMessagePayload(new AddressState(ADDRESS, RON, moved, CREATED, NOW, 1, Map.of()));
        }

        @Test
        void thatChangesNothingRecordsNothing() {
            givenRonsHome()
                    .when(new UpdateAddress(RON, ADDRESS, changes("Ron", "1 Sycamore Lane"), List.of()))
                    .expectNoEvents()
                    .expectResultMessagePayload(new AddressState(ADDRESS, RON, HOME, CREATED, CREATED, 0, Map.of()));
        }

        @Test
        void refusesToBlankARequiredPart() {
            givenRonsHome()
                    .when(new UpdateAddress(RON, ADDRESS, changes(" ", null), List.of()))
                    .expectException(IllegalArgumentException.class)
                    .expectNoEvents();
        }

        @Test
        void ofAnotherCustomersAddressIsRefusedAsUnknown() {
            givenRonsHome()
                    .when(new UpdateAddress(LESLIE, ADDRESS, changes("Leslie", null), List.of()))
                    .expectException(UnknownAddressException.class)
                    .expectNoEvents();
        }

        @Test
        void ofAnUnknownAddressIsRefused() {
            fixture.givenNoPriorActivity()
                    .when(new UpdateAddress(RON, ADDRESS, changes("Ronald", null), List.of()))
                    .expectException(UnknownAddressException.class);
        }

        @Test
        void ofADeletedAddressIsRefused() {
            givenRonsHome(new AddressDeleted(ADDRESS, RON))
                    .when(new UpdateAddress(RON, ADDRESS, changes("Ronald", null), List.of()))
                    .expectException(UnknownAddressException.class)
                    .expectNoEvents();
        }

        @Test
        void forADeletedCustomerIsRefused() {
            fixture.givenCurrentTime(CREATED).andGiven(new AddressCreated(ADDRESS, GONE, HOME))
                    .when(new UpdateAddress(GONE, ADDRESS, changes("Tammy", null), List.of()))
                    .expectException(UnknownCustomerException.class)
                    .expectNoEvents();
        }

        @Test
        void forAnUnknownCustomerIsRefused() {
            givenRonsHome()
                    .when(new UpdateAddress(NEVER_CREATED, ADDRESS, changes("Ronald", null), List.of()))
                    .expectException(UnknownCustomerException.class)
                    .expectNoEvents();
        }
    }

    @Nested
    class Delete {

        @Test
        void recordsTheDeletion() {
            givenRonsHome()
                    .when(new DeleteAddress(RON, ADDRESS))
                    .expectEvents(new AddressDeleted(ADDRESS, RON))
                    .expectMarkedDeleted()
                    .expectResultMessagePayload(new AddressState(ADDRESS, RON, HOME, CREATED, NOW, 1, Map.of()));
        }

        @Test
        void ofAnotherCustomersAddressIsRefusedAsUnknown() {
            givenRonsHome()
                    .when(new DeleteAddress(LESLIE, ADDRESS))
                    .expectException(UnknownAddressException.class)
                    .expectNoEvents();
        }

        @Test
        void ofADeletedAddressIsRefused() {
            givenRonsHome(new AddressDeleted(ADDRESS, RON))
                    .when(new DeleteAddress(RON, ADDRESS))
                    .expectException(UnknownAddressException.class)
                    .expectNoEvents();
        }

        @Test
        void forADeletedCustomerIsRefused() {
            fixture.givenCurrentTime(CREATED).andGiven(new AddressCreated(ADDRESS, GONE, HOME))
                    .when(new DeleteAddress(GONE, ADDRESS))
                    .expectException(UnknownCustomerException.class)
                    .expectNoEvents();
        }
    }
}
