package dev.patron.command.order;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import dev.patron.command.cart.Cart;
import dev.patron.command.cart.CartAccess;
import dev.patron.command.customer.Customer;
import dev.patron.command.customer.LiveCustomers;
import dev.patron.command.customer.UnknownCustomerException;
import dev.patron.command.order.OrderCommands.CancelOrder;
import dev.patron.command.order.OrderCommands.FulfilOrder;
import dev.patron.command.order.OrderCommands.PayForOrder;
import dev.patron.command.order.OrderCommands.PlaceOrder;
import dev.patron.command.write.RuleViolation;
import dev.patron.eventstore.privacy.DataKeyStore;
import dev.patron.eventstore.testing.InMemoryMongo;
import dev.patron.eventstore.testing.TestKeys;
import dev.patron.events.cart.CartAssociatedWithCustomer;
import dev.patron.events.cart.CartCheckedOut;
import dev.patron.events.cart.CartCreated;
import dev.patron.events.cart.CartItemAdded;
import dev.patron.events.customer.CustomerCreated;
import dev.patron.events.customer.CustomerDeleted;
import dev.patron.events.order.OrderCancelled;
import dev.patron.events.order.OrderFulfilled;
import dev.patron.events.order.OrderPaid;
import dev.patron.events.order.OrderPaymentAuthorized;
import dev.patron.events.order.OrderPlaced;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.EventSourcingRepository;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.eventsourcing.eventstore.inmemory.InMemoryEventStorageEngine;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * An order's placement from a cart (totals computed, customer or guest, nothing from an empty cart) and every
 * transition of its life, given its earlier events.
 */
class OrderTest {

    private static final String ORDER = "0b6f6a9e-3c1d-4f2a-9e8b-7a5c4d3e2f10";
    private static final String RON = "7d3c0a52-1f7e-4a4b-8d62-5b1e0c9f2a41";
    private static final String GONE = "9e8d7c6b-1f7e-4a4b-8d62-5b1e0c9f2a43";
    private static final String CART = "ron-cart";
    private static final String EMPTY_CART = "empty-cart";
    private static final String RONS_CART = "rons-own-cart";
    private static final CartAccess ANY_SHOPPER = new CartAccess(false, null);
    private static final OrderPlaced.Address HOME = new OrderPlaced.Address("Ron", "Swanson", null, "1 Sycamore Lane",
            null, "Pawnee", "47998", null, "US", null, null);
    private static final OrderPlaced.Buyer RON_AS_BUYER = new OrderPlaced.Buyer("Ron Swanson", "ron@swanson.com");
    private static final OrderPlaced.Buyer GUEST = new OrderPlaced.Buyer("Tom Haverford", "tom@entertainment720.com");
    private static final List<OrderPlaced.Item> WAX_AND_STEAK = List.of(
            new OrderPlaced.Item("item-wax", "MUSTACHE-WAX", "Mustache wax", null, 2, 1500, true, 3000),
            new OrderPlaced.Item("item-steak", "STEAK", "Steak", "Medium rare", 3, 2999, false, 8997));
    private static final OrderPlaced PLACED = new OrderPlaced(ORDER, CART, RON, RON_AS_BUYER, HOME, HOME, "USD",
            WAX_AND_STEAK, new OrderPlaced.Totals(11997, 0, 11997));

    private FixtureConfiguration<Order> fixture;

    @BeforeEach
    void createFixture() {
        fixture = new AggregateTestFixture<>(Order.class);
    }

    @Nested
    class Placing {

        private EmbeddedEventStore otherAggregates;
        private MongoClient mongo;
        private DataKeyStore dataKeys;
        private String keysDatabase;

        @BeforeEach
        void withCustomersCartsAndKeys() {
            otherAggregates = EmbeddedEventStore.builder().storageEngine(new InMemoryEventStorageEngine()).build();
            record("Customer", RON, new CustomerCreated(RON, "Ron Swanson", "ron@swanson.com", null));
            record("Customer", GONE, new CustomerCreated(GONE, "Tammy Two", "tammy@two.com", null),
                    new CustomerDeleted(GONE));
            record("Cart", Cart.streamOf(CART), new CartCreated(CART, "USD"),
                    new CartItemAdded(CART, "item-wax", "MUSTACHE-WAX", "Mustache wax", null, 2, 1500, true),
                    new CartItemAdded(CART, "item-steak", "STEAK", "Steak", "Medium rare", 3, 2999, false));
            record("Cart", Cart.streamOf(EMPTY_CART), new CartCreated(EMPTY_CART, "USD"),
                    new CartItemAdded(EMPTY_CART, "item-wax", "MUSTACHE-WAX", "Mustache wax", null, 2, 1500, true),
                    new CartCheckedOut(EMPTY_CART, "an-earlier-order"));
            record("Cart", Cart.streamOf(RONS_CART), new CartCreated(RONS_CART, "USD"),
                    new CartItemAdded(RONS_CART, "item-wax", "MUSTACHE-WAX", "Mustache wax", null, 2, 1500, true),
                    new CartAssociatedWithCustomer(RONS_CART, RON));
            mongo = MongoClients.create(InMemoryMongo.connectionString());
            keysDatabase = "order-test-" + UUID.randomUUID();
            dataKeys = new DataKeyStore(mongo.getDatabase(keysDatabase), TestKeys.masterKeys(), Duration.ofMinutes(5), Clock.systemUTC());
            dataKeys.createKeys(List.of(RON));
            fixture.registerAnnotatedCommandHandler(new CheckoutHandler(
                    EventSourcingRepository.builder(Cart.class).eventStore(otherAggregates).build(),
                    fixture.getRepository(),
                    new LiveCustomers(EventSourcingRepository.builder(Customer.class).eventStore(otherAggregates).build()),
                    dataKeys));
        }

        @AfterEach
        void close() {
            otherAggregates.shutDown();
            mongo.close();
        }

        private void record(String type, String aggregateId, Object... events) {
            for (int sequence = 0; sequence < events.length; sequence++) {
                otherAggregates.publish(new GenericDomainEventMessage<>(type, aggregateId, sequence, events[sequence]));
            }
        }

        @Test
        void aCustomersOrderKeepsTheirNameAndEmailAndTotalsComputedFromTheLines() {
            fixture.givenNoPriorActivity()
                    .when(new PlaceOrder(ORDER, CART, ANY_SHOPPER, RON, null, HOME, HOME))
                    .expectEvents(PLACED);
            assertThat(dataKeys.keyForReading(ORDER)).as("the order's data key, kept under Ron's").isPresent();
            dataKeys.destroy(RON);
            assertThat(new DataKeyStore(mongo.getDatabase(keysDatabase), TestKeys.masterKeys(), Duration.ofMinutes(5), Clock.systemUTC())
                    .keyForReading(ORDER)).as("gone with Ron's, in another process too").isEmpty();
        }

        @Test
        void aGuestsOrderKeepsWhatTheGuestGaveAndBelongsToNoOne() {
            fixture.givenNoPriorActivity()
                    .when(new PlaceOrder(ORDER, CART, ANY_SHOPPER, null, GUEST, HOME, HOME))
                    .expectEvents(new OrderPlaced(ORDER, CART, null, GUEST, HOME, HOME, "USD", WAX_AND_STEAK,
                            new OrderPlaced.Totals(11997, 0, 11997)));
        }

        @Test
        void anEmptyOrNeverUsedCartMakesNoOrder() {
            for (String cart : List.of(EMPTY_CART, "never-used")) {
                fixture.givenNoPriorActivity()
                        .when(new PlaceOrder(ORDER, cart, ANY_SHOPPER, null, GUEST, HOME, HOME))
                        .expectException(RuleViolation.class)
                        .expectNoEvents();
            }
        }

        @Test
        void anUnknownOrErasedCustomerMakesNoOrder() {
            for (String customer : List.of(GONE, "no-such-customer")) {
                fixture.givenNoPriorActivity()
                        .when(new PlaceOrder(ORDER, CART, new CartAccess(true, null), customer, null, HOME, HOME))
                        .expectException(UnknownCustomerException.class)
                        .expectNoEvents();
            }
        }

        @Test
        void anotherCustomersCartIsNotCheckedOutByAStranger() {
            fixture.givenNoPriorActivity()
                    .when(new PlaceOrder(ORDER, RONS_CART, ANY_SHOPPER, null, GUEST, HOME, HOME))
                    .expectException(dev.patron.command.cart.UnknownCartException.class)
                    .expectNoEvents();
        }
    }

    @Nested
    class Paying {

        @Test
        void aPurchasePaysAndCompletesTheOrder() {
            fixture.given(PLACED)
                    .when(new PayForOrder(ORDER, "tx-1", "manual", Order.PURCHASE))
                    .expectEvents(new OrderPaid(ORDER, "tx-1", "manual", Order.PURCHASE))
                    .expectResultMessagePayloadMatching(payload(state -> state.status() == OrderState.Status.COMPLETE
                            && state.payment() == OrderState.Payment.PAID));
        }

        @Test
        void anAuthorizationIsCapturedLater() {
            fixture.given(PLACED)
                    .when(new PayForOrder(ORDER, "tx-1", "manual", Order.AUTHORIZE))
                    .expectEvents(new OrderPaymentAuthorized(ORDER, "tx-1", "manual"));
            fixture.given(PLACED, new OrderPaymentAuthorized(ORDER, "tx-1", "manual"))
                    .when(new PayForOrder(ORDER, "tx-2", "manual", Order.CAPTURE))
                    .expectEvents(new OrderPaid(ORDER, "tx-2", "manual", Order.CAPTURE));
        }

        @Test
        void nothingIsCapturedWithoutAnAuthorization() {
            fixture.given(PLACED)
                    .when(new PayForOrder(ORDER, "tx-1", "manual", Order.CAPTURE))
                    .expectException(RuleViolation.class)
                    .expectNoEvents();
        }

        @ParameterizedTest
        @ValueSource(strings = {Order.PURCHASE, Order.AUTHORIZE, Order.CAPTURE})
        void aPaidOrderIsNotPaidAgain(String method) {
            fixture.given(PLACED, new OrderPaid(ORDER, "tx-1", "manual", Order.PURCHASE))
                    .when(new PayForOrder(ORDER, "tx-2", "manual", method))
                    .expectException(RuleViolation.class)
                    .expectNoEvents();
        }

        @Test
        void aCancelledOrderIsNotPaid() {
            fixture.given(PLACED, new OrderCancelled(ORDER))
                    .when(new PayForOrder(ORDER, "tx-1", "manual", Order.PURCHASE))
                    .expectException(RuleViolation.class)
                    .expectNoEvents();
        }
    }

    @Nested
    class FulfillingAndCancelling {

        @Test
        void aPaidOrderIsFulfilledOnce() {
            OrderPaid paid = new OrderPaid(ORDER, "tx-1", "manual", Order.PURCHASE);
            fixture.given(PLACED, paid)
                    .when(new FulfilOrder(ORDER))
                    .expectEvents(new OrderFulfilled(ORDER));
            fixture.given(PLACED, paid, new OrderFulfilled(ORDER))
                    .when(new FulfilOrder(ORDER))
                    .expectNoEvents();
        }

        @Test
        void anUnpaidOrCancelledOrderIsNotFulfilled() {
            fixture.given(PLACED)
                    .when(new FulfilOrder(ORDER))
                    .expectException(RuleViolation.class);
            fixture.given(PLACED, new OrderCancelled(ORDER))
                    .when(new FulfilOrder(ORDER))
                    .expectException(RuleViolation.class)
                    .expectNoEvents();
        }

        @Test
        void anUnpaidOrAuthorizedOrderIsCancelledOnce() {
            fixture.given(PLACED)
                    .when(new CancelOrder(ORDER))
                    .expectEvents(new OrderCancelled(ORDER));
            fixture.given(PLACED, new OrderPaymentAuthorized(ORDER, "tx-1", "manual"))
                    .when(new CancelOrder(ORDER))
                    .expectEvents(new OrderCancelled(ORDER));
            fixture.given(PLACED, new OrderCancelled(ORDER))
                    .when(new CancelOrder(ORDER))
                    .expectNoEvents();
        }

        @Test
        void aPaidOrderIsNotCancelled() {
            fixture.given(PLACED, new OrderPaid(ORDER, "tx-1", "manual", Order.PURCHASE))
                    .when(new CancelOrder(ORDER))
                    .expectException(RuleViolation.class)
                    .expectNoEvents();
        }
    }

    private static org.hamcrest.Matcher<OrderState> payload(java.util.function.Predicate<OrderState> condition) {
        return new org.hamcrest.TypeSafeMatcher<>() {
            @Override
            protected boolean matchesSafely(OrderState state) {
                return condition.test(state);
            }

            @Override
            public void describeTo(org.hamcrest.Description description) {
                description.appendText("an order state as expected");
            }
        };
    }
}
