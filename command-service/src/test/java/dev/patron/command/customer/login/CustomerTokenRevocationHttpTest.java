package dev.patron.command.customer.login;

import static dev.patron.kit.web.ApiTestClient.errors;
import static dev.patron.kit.web.ApiTestClient.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.model.Filters;
import dev.patron.events.customer.PasswordSet;
import java.net.http.HttpResponse;
import org.axonframework.eventhandling.DomainEventMessage;
import org.bson.Document;
import org.junit.jupiter.api.Test;

/**
 * A password change (by the customer or the back office) or a deletion makes the customer's earlier tokens stop
 * working at once; other changes leave them alone, and other customers' tokens are never touched. The revocation
 * lands in the collection every service checks (see the query service's test of the same).
 */
class CustomerTokenRevocationHttpTest extends SignInHttpTestBase {

    private static final String PASSWORD = "Lagavulin-16-years";
    private static final String NEW_PASSWORD = "Lapsang-souchong";

    @Test
    void changingThePasswordWithTheCustomerTokenRevokesEveryEarlierToken() {
        String email = freshEmail();
        String customerId = signUp(email, PASSWORD);
        String first = customerToken(email, PASSWORD);
        String second = customerToken(email, PASSWORD);

        HttpResponse<String> changed = asCustomer(first).put(CUSTOMERS + "/" + customerId, newPassword(NEW_PASSWORD));

        assertThat(changed.statusCode()).as(changed.body()).isEqualTo(200);
        assertRevoked(asCustomer(first).put(CUSTOMERS + "/" + customerId, rename("Duke Silver")));
        assertRevoked(asCustomer(second).put(CUSTOMERS + "/" + customerId, rename("Duke Silver")));
        assertThat(signIn(email, PASSWORD).statusCode()).isEqualTo(401);
        String afterChange = customerToken(email, NEW_PASSWORD);
        assertThat(asCustomer(afterChange).put(CUSTOMERS + "/" + customerId, rename("Duke Silver")).statusCode())
                .isEqualTo(200);
        Document revocation =
                database.getCollection("customer_token_validity").find(Filters.eq("_id", customerId)).first();
        assertThat(revocation.get("min_credential_version", Number.class).longValue())
                .as("the shared revocation entry").isEqualTo(lastPasswordSequence(customerId));
    }

    @Test
    void aPasswordSetByTheBackOfficeRevokesTheCustomersTokens() {
        String email = freshEmail();
        String customerId = signUp(email, PASSWORD);
        String token = customerToken(email, PASSWORD);

        assertThat(backOffice.put(CUSTOMERS + "/" + customerId, newPassword(NEW_PASSWORD)).statusCode()).isEqualTo(200);

        assertRevoked(asCustomer(token).put(CUSTOMERS + "/" + customerId, rename("Duke Silver")));
    }

    @Test
    void deletingWithTheCustomerTokenWorksAndRevokesEveryTokenOfTheCustomer() {
        String email = freshEmail();
        String customerId = signUp(email, PASSWORD);
        String deleting = customerToken(email, PASSWORD);
        String other = customerToken(email, PASSWORD);

        assertThat(asCustomer(deleting).delete(CUSTOMERS + "/" + customerId).statusCode()).isEqualTo(204);

        assertRevoked(asCustomer(deleting).delete(CUSTOMERS + "/" + customerId));
        assertRevoked(asCustomer(other).put(CUSTOMERS + "/" + customerId, rename("Duke Silver")));
        assertThat(signIn(email, PASSWORD).statusCode()).isEqualTo(401);
    }

    @Test
    void otherChangesAndOtherCustomersLeaveTokensValid() {
        String email = freshEmail();
        String customerId = signUp(email, PASSWORD);
        String token = customerToken(email, PASSWORD);
        String neighbourEmail = freshEmail();
        String neighbourId = signUp(neighbourEmail, PASSWORD);
        String neighbourToken = customerToken(neighbourEmail, PASSWORD);

        assertThat(asCustomer(token).put(CUSTOMERS + "/" + customerId, rename("Duke Silver")).statusCode())
                .isEqualTo(200);
        assertThat(backOffice.put(CUSTOMERS + "/" + neighbourId, newPassword(NEW_PASSWORD)).statusCode())
                .isEqualTo(200);
        assertThat(backOffice.delete(CUSTOMERS + "/" + neighbourId).statusCode()).isEqualTo(204);

        assertThat(asCustomer(token).put(CUSTOMERS + "/" + customerId, rename("Ron Swanson")).statusCode())
                .isEqualTo(200);
        assertRevoked(asCustomer(neighbourToken).put(CUSTOMERS + "/" + neighbourId, rename("Tammy")));
    }

    private long lastPasswordSequence(String customerId) {
        return eventStore.readEvents(customerId, 0).asStream()
                .filter(event -> event.getPayload() instanceof PasswordSet)
                .mapToLong(DomainEventMessage::getSequenceNumber).max().orElseThrow();
    }

    private static void assertRevoked(HttpResponse<String> response) {
        assertThat(errors(response, 401).get(0).get("detail").asText())
                .isEqualTo("The customer token is invalid or has expired");
        assertThat(json(response).toString()).doesNotContain("Ron", "Duke");
    }
}
