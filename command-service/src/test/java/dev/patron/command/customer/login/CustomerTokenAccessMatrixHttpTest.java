package dev.patron.command.customer.login;

import static dev.patron.kit.web.ApiTestClient.json;
import static org.assertj.core.api.Assertions.assertThat;

import dev.patron.command.auth.CommandServiceTokens;
import dev.patron.kit.security.AuthMatrix;
import dev.patron.kit.security.AuthMatrix.Caller;
import java.net.URI;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;

/**
 * The command side's calls on one customer's data, by every kind of caller, with customer tokens from the real
 * sign-in: the back office; a storefront alone; a storefront with the customer's own token, with another
 * customer's; and every refused token (no token, expired or tampered access or customer tokens, and the other
 * forgeries of {@link AuthMatrix}). Refused calls change nothing, which the final, allowed delete shows.
 */
class CustomerTokenAccessMatrixHttpTest extends SignInHttpTestBase {

    private static final String PASSWORD = "Lagavulin-16-years";
    private static final String ADDRESS = "{\"data\":{\"type\":\"address\","
            + "\"first_name\":\"Ron\",\"last_name\":\"Swanson\","
            + "\"line_1\":\"1 Sycamore Lane\",\"postcode\":\"47998\",\"country\":\"US\"}}";

    @Autowired
    ApplicationContext context;

    /** A call on the data of the customer {@code customerId}, and what it answers when allowed. */
    private record Call(String method, String path, String body, int allowedStatus) {
    }

    @Test
    void onlyTheBackOfficeAndTheCustomerThemselvesReachTheCustomersData() {
        String email = freshEmail();
        String customerId = signUp(email, PASSWORD);
        String otherEmail = freshEmail();
        signUp(otherEmail, PASSWORD);
        String ownToken = customerToken(email, PASSWORD);
        String othersToken = customerToken(otherEmail, PASSWORD);
        String addressId = createdAddress(customerId);
        List<Call> calls = List.of(
                new Call("PUT", CUSTOMERS + "/" + customerId, rename("Duke Silver"), 200),
                new Call("POST", CUSTOMERS + "/" + customerId + "/addresses", ADDRESS, 201),
                new Call("PUT", CUSTOMERS + "/" + customerId + "/addresses/" + addressId, ADDRESS, 200));
        Caller storefrontAlone = Caller.withAccessToken("storefront alone", storefrontToken);
        Caller ownCustomer = storefrontAlone.withCustomerToken("own customer token", ownToken);
        Caller otherCustomer = storefrontAlone.withCustomerToken("another customer's token", othersToken);
        Caller backOffice = Caller.withAccessToken("back office", backOfficeToken());

        for (Call call : calls) {
            assertStatus(call, backOffice, call.allowedStatus());
            assertStatus(call, ownCustomer, call.allowedStatus());
            assertForbiddenRevealingNothing(call, storefrontAlone);
            assertForbiddenRevealingNothing(call, otherCustomer);
            refusedCallers(customerId, othersToken).forEach(refused -> assertStatus(call, refused, 401));
        }
        Call delete = new Call("DELETE", CUSTOMERS + "/" + customerId, null, 204);
        assertForbiddenRevealingNothing(delete, storefrontAlone);
        assertForbiddenRevealingNothing(delete, otherCustomer);
        refusedCallers(customerId, othersToken).forEach(refused -> assertStatus(delete, refused, 401));
        assertStatus(delete, ownCustomer, 204);
    }

    @Test
    void anotherCustomersIdGetsTheSameAnswerWhetherOrNotThatCustomerExists() {
        String email = freshEmail();
        signUp(email, PASSWORD);
        String otherId = signUp(freshEmail(), PASSWORD);
        Caller signedIn = Caller.withAccessToken("storefront", storefrontToken)
                .withCustomerToken("own customer token", customerToken(email, PASSWORD));

        HttpResponse<String> existing = call(new Call("PUT", CUSTOMERS + "/" + otherId, rename("Tammy"), 0), signedIn);
        HttpResponse<String> unknown =
                call(new Call("PUT", CUSTOMERS + "/" + UUID.randomUUID(), rename("Tammy"), 0), signedIn);

        assertThat(existing.statusCode()).isEqualTo(403);
        assertThat(existing.body()).isEqualTo(unknown.body()).doesNotContain(otherId);
    }

    private List<Caller> refusedCallers(String customerId, String othersToken) {
        CommandServiceTokens tokens = new CommandServiceTokens(context);
        List<Caller> refused = new ArrayList<>(AuthMatrix.refusedCallers(storefrontToken, tokens.expiredBackOffice(),
                tokens.customer(customerId), tokens.signingKey()));
        refused.addAll(AuthMatrix.refusedCustomerTokens(storefrontToken, customerId, tokens.expiredCustomer(customerId),
                othersToken, tokens.signingKey()));
        return refused;
    }

    private String backOfficeToken() {
        return new CommandServiceTokens(context).backOffice();
    }

    private String createdAddress(String customerId) {
        HttpResponse<String> created = backOffice.post(CUSTOMERS + "/" + customerId + "/addresses", ADDRESS);
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        return json(created).at("/data/id").asText();
    }

    private void assertStatus(Call call, Caller caller, int expected) {
        HttpResponse<String> response = call(call, caller);
        assertThat(response.statusCode()).as("%s %s by %s: %s", call.method(), call.path(), caller, response.body())
                .isEqualTo(expected);
    }

    private void assertForbiddenRevealingNothing(Call call, Caller caller) {
        HttpResponse<String> response = call(call, caller);
        assertThat(response.statusCode()).as("%s %s by %s", call.method(), call.path(), caller).isEqualTo(403);
        assertThat(response.body()).startsWith("{\"errors\":[{\"status\":403,\"title\":\"Forbidden\"")
                .doesNotContain("Swanson", "Duke", "@");
    }

    private HttpResponse<String> call(Call call, Caller caller) {
        return AuthMatrix.call(URI.create("http://127.0.0.1:" + port), call.method(), call.path(), caller, call.body());
    }
}
