package dev.patron.command.customer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.mongodb.client.MongoCollection;
import dev.patron.contract.ApiException;
import dev.patron.events.customer.CustomerCreated;
import dev.patron.eventstore.testing.InMemoryMongo;
import dev.patron.kit.web.ApiTestClient;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.UUID;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * A sign-up claims its email address before the customer's events are stored; a process killed in between (found by
 * the crash test) left a claim no customer held, and the address could never sign up again (409 for good). Such a
 * claim now goes to the next sign-up with the address, under the claim's customer id.
 */
class InterruptedSignUpHttpTest extends CustomerHttpTestBase {

    @Autowired
    CustomerWrites writes;

    @Autowired
    EmailClaims emailClaims;

    @DynamicPropertySource
    static void inMemoryMongo(DynamicPropertyRegistry registry) {
        registry.add("patron.mongo.uri", InMemoryMongo::connectionString);
    }

    private MongoCollection<Document> claims() {
        return database.getCollection(EmailClaims.COLLECTION);
    }

    /** What a sign-up killed between its claim and its events leaves behind: a claim, and no customer. */
    private String interruptedSignUp(String email) {
        String customerId = UUID.randomUUID().toString();
        emailClaims.claim(email, customerId);
        return customerId;
    }

    /** The customer the address's claim names; null when nobody holds it. */
    private String holder(String email) {
        return emailClaims.holder(email).orElse(null);
    }

    @Test
    void theNextSignUpWithTheAddressTakesOverTheClaimOfOneThatWasNeverStored() {
        String email = freshEmail();
        String stranded = interruptedSignUp(email);

        HttpResponse<String> created = api.post(CUSTOMERS, customerJson("Ron Swanson", email, "bacon-and-eggs", null));

        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        assertThat(ApiTestClient.json(created).at("/data/id").asText()).isEqualTo(stranded);
        assertThat(created.headers().firstValue("Location")).hasValue(CUSTOMERS + "/" + stranded);
        assertThat(createdEvents(stranded)).isEqualTo(1);
        assertThat(holder(email)).isEqualTo(stranded);
    }

    @Test
    void anAddressHeldByAStoredCustomerIsStillRefusedAndNothingIsStored() {
        String email = freshEmail();
        String holder = ApiTestClient.json(api.post(CUSTOMERS, customerJson("Ron Swanson", email, null, null)))
                .at("/data/id").asText();
        long claimsBefore = claims().countDocuments();

        HttpResponse<String> refused = api.post(CUSTOMERS, customerJson("Tammy Swanson", email, null, null));

        assertThat(refused.statusCode()).as(refused.body()).isEqualTo(409);
        assertThat(ApiTestClient.json(refused).at("/errors/0/detail").asText()).isEqualTo(CustomerWrites.EMAIL_TAKEN);
        assertThat(holder(email)).isEqualTo(holder);
        assertThat(claims().countDocuments()).isEqualTo(claimsBefore);
    }

    @Test
    void theInterruptedSignUpArrivingAfterTheTakeOverFailsAndLeavesTheClaimToTheStoredCustomer() {
        String email = freshEmail();
        String stranded = interruptedSignUp(email);
        assertThat(api.post(CUSTOMERS, customerJson("Ron Swanson", email, null, null)).statusCode()).isEqualTo(201);

        // The first sign-up, held up rather than dead, now sends its command under the same id.
        assertThatThrownBy(() -> writes.create(new CreateCustomer(stranded, "Ron Swanson", email, null, null,
                List.of())))
                .isInstanceOfSatisfying(ApiException.class,
                        conflict -> assertThat(conflict.status().value()).isEqualTo(409));

        assertThat(holder(email)).isEqualTo(stranded);
        assertThat(createdEvents(stranded)).isEqualTo(1);
    }

    private long createdEvents(String customerId) {
        return eventStore.readEvents(customerId).asStream()
                .filter(event -> event.getPayload() instanceof CustomerCreated).count();
    }
}
