package dev.patron.contract;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.patron.events.address.AddressCreated;
import dev.patron.events.cart.CartCreated;
import dev.patron.events.customer.CustomerCreated;
import dev.patron.events.customer.CustomerLockedOut;
import dev.patron.events.customer.CustomerUpdated;
import dev.patron.events.customer.CustomerSignedIn;
import dev.patron.events.customer.PasswordHashUpgraded;
import dev.patron.events.customer.PasswordSet;
import dev.patron.events.order.OrderAnonymized;
import dev.patron.events.order.OrderPaid;
import dev.patron.events.order.OrderPlaced;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Which internal events consumers see, under which names, and that no password material ever goes out. */
class ObservableEventsTest {

    private static final String RON = "7d3c0a52-1f7e-4a4b-8d62-5b1e0c9f2a41";
    private static final String HASH = "$argon2id$v=19$m=19456,t=2,p=1$c2FsdHNhbHRzYWx0$aGFzaGhhc2hoYXNoaGFzaA";

    @Test
    void resourceChangesAreObservableUnderTheContractsNames() {
        assertThat(ObservableEvents.describe(new CustomerCreated(RON, "Ron", "ron@swanson.com", null)))
                .hasValueSatisfying(event -> {
                    assertThat(event.type()).isEqualTo("customer.created");
                    assertThat(event.customerId()).isEqualTo(RON);
                    assertThat(event.data()).containsEntry("email", "ron@swanson.com").containsEntry("type", "customer");
                });
        assertThat(ObservableEvents.describe(new AddressCreated("a-1", RON, null)))
                .as("an erased address reads with every part null").hasValueSatisfying(event -> {
                    assertThat(event.type()).isEqualTo("address.created");
                    assertThat(event.data()).containsEntry("customer_id", RON).containsEntry("line_1", null);
                });
        OrderPlaced guestOrder = new OrderPlaced("o-1", "cart", null, new OrderPlaced.Buyer("Tom", "tom@example.com"),
                null, null, "USD", List.of(new OrderPlaced.Item("i", "SKU", "Thing", null, 2, 500, true, 1000)),
                new OrderPlaced.Totals(1000, 0, 1000));
        assertThat(ObservableEvents.describe(guestOrder)).hasValueSatisfying(event -> {
            assertThat(event.type()).isEqualTo("order.created");
            assertThat(event.customerId()).isNull();
            assertThat(json(event.data())).contains("\"with_tax\":{\"amount\":1000");
        });
        assertThat(ObservableEvents.describe(new OrderPaid("o-1", "tx", "manual", "purchase")))
                .hasValueSatisfying(event -> assertThat(event.data()).containsEntry("payment", "paid"));
        assertThat(ObservableEvents.describe(new OrderAnonymized("o-1")))
                .hasValueSatisfying(event -> assertThat(event.data()).containsEntry("billing_address", null));
    }

    @Test
    void customFieldValuesAreTopLevelAttributesOfTheCustomerAndNeverOverrideBuiltInOnes() {
        CustomerCreated created = new CustomerCreated(RON, "Ron", "ron@swanson.com", null,
                Map.of("birthday", "1971-05-06", "name", "not the name"), Map.of("tier", "gold"));
        assertThat(ObservableEvents.describe(created)).hasValueSatisfying(event -> assertThat(event.data())
                .containsEntry("birthday", "1971-05-06").containsEntry("tier", "gold").containsEntry("name", "Ron"));
        CustomerUpdated erased = new CustomerUpdated(RON, null, null, null, null, Map.of("tier", "gold"));
        assertThat(ObservableEvents.describe(erased)).as("personal values erased, the others kept")
                .hasValueSatisfying(event -> assertThat(event.data()).containsEntry("tier", "gold")
                        .doesNotContainKey("birthday"));
    }

    @Test
    void aPasswordSetSaysThatThereIsOneAndNothingOfIt() {
        assertThat(ObservableEvents.describe(new PasswordSet(RON, HASH))).hasValueSatisfying(event -> {
            assertThat(event.type()).isEqualTo("customer.updated");
            assertThat(event.data()).containsEntry("password", true);
            assertThat(json(event)).doesNotContain("argon2");
        });
    }

    @Test
    void securityRecordsAndCartsAreNotObservable() {
        for (Object internal : List.of(new PasswordHashUpgraded(RON, HASH), new CustomerSignedIn(RON, "password"),
                new CustomerLockedOut(RON, 60), new CartCreated("cart", "USD"))) {
            assertThat(ObservableEvents.describe(internal)).as(internal.getClass().getSimpleName()).isEmpty();
        }
    }

    private static String json(Object value) {
        try {
            return new ObjectMapper().writeValueAsString(value);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
