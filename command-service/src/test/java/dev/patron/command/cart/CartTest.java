package dev.patron.command.cart;

import static org.assertj.core.api.Assertions.assertThat;

import dev.patron.command.cart.CartCommands.AddCartItem;
import dev.patron.command.cart.CartCommands.AssociateCartWithCustomer;
import dev.patron.command.cart.CartCommands.ChangeCartItemQuantity;
import dev.patron.command.cart.CartCommands.EmptyCart;
import dev.patron.command.cart.CartCommands.RemoveCartItem;
import dev.patron.command.write.RuleViolation;
import dev.patron.events.cart.CartAssociatedWithCustomer;
import dev.patron.events.cart.CartCheckedOut;
import dev.patron.events.cart.CartCreated;
import dev.patron.events.cart.CartEmptied;
import dev.patron.events.cart.CartItemAdded;
import dev.patron.events.cart.CartItemQuantityChanged;
import dev.patron.events.cart.CartItemRemoved;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.axonframework.test.aggregate.TestExecutor;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** The rules of a cart, given its earlier events, when a command arrives. */
class CartTest {

    private static final String CART = "ron-cart";
    private static final String RON = "7d3c0a52-1f7e-4a4b-8d62-5b1e0c9f2a41";
    private static final String LESLIE = "1a2b3c4d-1f7e-4a4b-8d62-5b1e0c9f2a42";
    private static final String WAX = "item-wax";
    private static final Instant CREATED = Instant.parse("2024-01-01T09:00:00Z");
    private static final Instant NOW = Instant.parse("2024-02-01T09:00:00Z");
    private static final CartAccess ANY_SHOPPER = new CartAccess(false, null);
    private static final CartAccess RON_SIGNED_IN = new CartAccess(false, RON);
    private static final CartAccess LESLIE_SIGNED_IN = new CartAccess(false, LESLIE);
    private static final CartAccess BACK_OFFICE = new CartAccess(true, null);
    private static final CartCurrency NONE_REQUESTED = new CartCurrency(null, "USD");
    private static final CartItem MUSTACHE_WAX = new CartItem("MUSTACHE-WAX", "Mustache wax", "For a well-kept mustache",
            2, 1500, true);
    private static final CartCreated CART_CREATED = new CartCreated(CART, "USD");
    private static final CartItemAdded WAX_ADDED = new CartItemAdded(CART, WAX, "MUSTACHE-WAX", "Mustache wax",
            "For a well-kept mustache", 2, 1500, true);

    private FixtureConfiguration<Cart> fixture;

    @BeforeEach
    void createFixture() {
        fixture = new AggregateTestFixture<>(Cart.class);
    }

    private TestExecutor<Cart> givenCart(Object... laterEvents) {
        return fixture.givenCurrentTime(CREATED).andGiven(CART_CREATED).andGiven(laterEvents).andGivenCurrentTime(NOW);
    }

    private static AddCartItem add(String itemId, CartItem item) {
        return new AddCartItem(CART, NONE_REQUESTED, ANY_SHOPPER, itemId, item);
    }

    @Nested
    class AddingItems {

        @Test
        void theFirstUseOfAReferenceCreatesTheCartInTheDefaultCurrency() {
            fixture.givenCurrentTime(NOW)
                    .when(add(WAX, MUSTACHE_WAX))
                    .expectEvents(CART_CREATED, WAX_ADDED)
                    .expectResultMessagePayload(new CartContents(CART, "USD", null, List.of(new CartLine(WAX,
                            "MUSTACHE-WAX", "Mustache wax", "For a well-kept mustache", 2, 1500, true, NOW, NOW)),
                            NOW, NOW));
        }

        @Test
        void aNewCartTakesTheRequestedCurrency() {
            fixture.givenNoPriorActivity()
                    .when(new AddCartItem(CART, new CartCurrency("EUR", "USD"), ANY_SHOPPER, WAX, MUSTACHE_WAX))
                    .expectEvents(new CartCreated(CART, "EUR"), WAX_ADDED);
        }

        @Test
        void anItemPricedInAnotherCurrencyThanTheCartsIsRefused() {
            givenCart()
                    .when(new AddCartItem(CART, new CartCurrency("EUR", "USD"), ANY_SHOPPER, WAX, MUSTACHE_WAX))
                    .expectException(RuleViolation.class)
                    .expectNoEvents();
        }

        @Test
        void theSameItemAgainAddsToItsQuantityAndTheTotalFollows() {
            givenCart(WAX_ADDED)
                    .when(add("item-other", MUSTACHE_WAX))
                    .expectEvents(new CartItemQuantityChanged(CART, WAX, 4))
                    .expectResultMessagePayload(new CartContents(CART, "USD", null, List.of(new CartLine(WAX,
                            "MUSTACHE-WAX", "Mustache wax", "For a well-kept mustache", 4, 1500, true, CREATED, NOW)),
                            CREATED, NOW));
        }

        @Test
        void theSameSkuAtAnotherPriceIsAnotherLine() {
            CartItem cheaper = new CartItem("MUSTACHE-WAX", "Mustache wax", "For a well-kept mustache", 1, 1200, true);
            givenCart(WAX_ADDED)
                    .when(add("item-cheaper", cheaper))
                    .expectEvents(new CartItemAdded(CART, "item-cheaper", "MUSTACHE-WAX", "Mustache wax",
                            "For a well-kept mustache", 1, 1200, true));
        }

        @Test
        void aQuantityAboveTheBoundIsRefusedEvenWhenReachedByAddingAgain() {
            CartItem almostAll = new CartItem("MUSTACHE-WAX", "Mustache wax", "For a well-kept mustache",
                    Cart.MAX_QUANTITY - 1, 1500, true);
            givenCart(WAX_ADDED)
                    .when(add("item-more", almostAll))
                    .expectException(RuleViolation.class)
                    .expectNoEvents();
        }

        @Test
        void aCartHoldsAtMostTheBoundOfDifferentItems() {
            List<Object> full = new ArrayList<>();
            for (int line = 0; line < Cart.MAX_LINES; line++) {
                full.add(new CartItemAdded(CART, "item-" + line, "SKU-" + line, "Thing " + line, null, 1, 100, true));
            }
            givenCart(full.toArray())
                    .when(add("item-extra", MUSTACHE_WAX))
                    .expectException(RuleViolation.class)
                    .expectNoEvents();
        }

        @Test
        void theLargestCartTotalsWithoutOverflow() {
            List<Object> full = new ArrayList<>();
            for (int line = 0; line < Cart.MAX_LINES; line++) {
                full.add(new CartItemAdded(CART, "item-" + line, "SKU-" + line, "Thing " + line, null,
                        Cart.MAX_QUANTITY, Cart.MAX_UNIT_AMOUNT, true));
            }
            givenCart(full.toArray())
                    .when(new EmptyCart(CART, NONE_REQUESTED, ANY_SHOPPER))
                    .expectEvents(new CartEmptied(CART));
            Cart largest = new Cart();
            full.forEach(event -> largest.on((CartItemAdded) event, NOW));
            assertThat(largest.contents().total())
                    .isEqualTo((long) Cart.MAX_LINES * Cart.MAX_QUANTITY * Cart.MAX_UNIT_AMOUNT);
        }
    }

    @Nested
    class ChangingItems {

        @Test
        void aNewQuantityIsRecorded() {
            givenCart(WAX_ADDED)
                    .when(new ChangeCartItemQuantity(CART, ANY_SHOPPER, WAX, 3))
                    .expectEvents(new CartItemQuantityChanged(CART, WAX, 3));
        }

        @Test
        void theSameQuantityChangesNothing() {
            givenCart(WAX_ADDED)
                    .when(new ChangeCartItemQuantity(CART, ANY_SHOPPER, WAX, 2))
                    .expectNoEvents();
        }

        @Test
        void aQuantityOfZeroTakesTheItemOut() {
            givenCart(WAX_ADDED)
                    .when(new ChangeCartItemQuantity(CART, ANY_SHOPPER, WAX, 0))
                    .expectEvents(new CartItemRemoved(CART, WAX));
        }

        @Test
        void anItemNotInTheCartIsNotFound() {
            givenCart(WAX_ADDED, new CartItemRemoved(CART, WAX))
                    .when(new RemoveCartItem(CART, ANY_SHOPPER, WAX))
                    .expectException(UnknownCartItemException.class)
                    .expectNoEvents();
        }

        @Test
        void emptyingAnEmptyCartChangesNothing() {
            givenCart(WAX_ADDED, new CartCheckedOut(CART, "order-1"))
                    .when(new EmptyCart(CART, NONE_REQUESTED, ANY_SHOPPER))
                    .expectNoEvents();
        }
    }

    @Nested
    class ACustomersCart {

        private final CartAssociatedWithCustomer ronsCart = new CartAssociatedWithCustomer(CART, RON);

        @Test
        void isReachedByItsCustomerAndTheBackOffice() {
            givenCart(WAX_ADDED, ronsCart)
                    .when(new ChangeCartItemQuantity(CART, RON_SIGNED_IN, WAX, 3))
                    .expectEvents(new CartItemQuantityChanged(CART, WAX, 3));
            givenCart(WAX_ADDED, ronsCart)
                    .when(new ChangeCartItemQuantity(CART, BACK_OFFICE, WAX, 3))
                    .expectEvents(new CartItemQuantityChanged(CART, WAX, 3));
        }

        @Test
        void isUnknownToAnotherCustomerAndToAShopperWithoutToken() {
            for (CartAccess stranger : List.of(LESLIE_SIGNED_IN, ANY_SHOPPER)) {
                givenCart(WAX_ADDED, ronsCart)
                        .when(new AddCartItem(CART, NONE_REQUESTED, stranger, "item-x", MUSTACHE_WAX))
                        .expectException(UnknownCartException.class)
                        .expectNoEvents();
            }
        }

        @Test
        void isAssociatedOnceAndNeverWithAnotherCustomer() {
            Cart cart = new Cart();
            cart.on(CART_CREATED, CREATED);
            cart.on(ronsCart, CREATED);
            assertThat(cart.contents().customerId()).isEqualTo(RON);
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> cart.associate(
                            new AssociateCartWithCustomer(CART, NONE_REQUESTED, BACK_OFFICE, LESLIE)))
                    .isInstanceOf(RuleViolation.class);
        }
    }

    @Nested
    class CheckingOut {

        @Test
        void leavesTheCartEmptyAndGivesTheLinesToTheOrder() {
            Cart cart = new Cart();
            cart.on(CART_CREATED, CREATED);
            cart.on(WAX_ADDED, CREATED);
            assertThat(cart.contents().lines()).singleElement().satisfies(line -> {
                assertThat(line.quantity()).isEqualTo(2);
                assertThat(line.value()).isEqualTo(3000);
            });
            assertThat(cart.contents().total()).isEqualTo(3000);
            cart.on(new CartCheckedOut(CART, "order-1"), NOW);
            assertThat(cart.contents().lines()).isEmpty();
        }
    }
}
