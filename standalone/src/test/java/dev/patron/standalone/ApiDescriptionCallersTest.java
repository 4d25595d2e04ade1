package dev.patron.standalone;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.patron.kit.security.AccessPolicy;
import dev.patron.kit.security.AllowedCaller;
import dev.patron.kit.web.DescribedApi;
import java.util.Map;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Test;
import org.springframework.http.server.PathContainer;

/**
 * The API description says of every operation who may call it ({@code x-patron-caller}) and what it takes
 * ({@code security}), which is what a client, or a generator of hostile requests, reads: both must be what the access
 * policy that every service applies decides for that operation.
 */
class ApiDescriptionCallersTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String BACK_OFFICE_OR_A_CUSTOMER =
            "[{\"accessToken\":[\"back_office\"]},{\"accessToken\":[\"storefront\"],\"customerToken\":[]}]";
    /** The description's name of each caller, and the security requirement that goes with it. */
    private static final Map<AllowedCaller, Map.Entry<String, String>> DESCRIBED = Map.of(
            AllowedCaller.ANYONE, Map.entry("anyone", "[]"),
            AllowedCaller.STOREFRONT, Map.entry("storefront", "[{\"accessToken\":[]}]"),
            AllowedCaller.SHOPPER, Map.entry("shopper",
                    "[{\"accessToken\":[]},{\"accessToken\":[\"storefront\"],\"customerToken\":[]}]"),
            AllowedCaller.SIGNED_IN_CUSTOMER, Map.entry("signed_in_customer", BACK_OFFICE_OR_A_CUSTOMER),
            AllowedCaller.THAT_CUSTOMER, Map.entry("that_customer", BACK_OFFICE_OR_A_CUSTOMER),
            AllowedCaller.BACK_OFFICE_ONLY, Map.entry("back_office", "[{\"accessToken\":[\"back_office\"]}]"));

    @Test
    void everyOperationNamesTheCallersTheAccessPolicyLetsInAndTheTokensTheyNeed() throws Exception {
        AccessPolicy policy = AccessPolicy.patronApi();
        SoftAssertions softly = new SoftAssertions();
        for (DescribedApi.Operation operation : DescribedApi.get().operations()) {
            String path = operation.template().replaceAll("\\{[^/}]+}", "some-id");
            AllowedCaller caller = policy.requirementFor(operation.method(), PathContainer.parsePath(path))
                    .allowedCaller();
            String name = operation.method() + " " + operation.template();
            softly.assertThat(operation.node().path("x-patron-caller").asText()).as(name)
                    .isEqualTo(DESCRIBED.get(caller).getKey());
            softly.assertThat(operation.node().path("security")).as(name + " security")
                    .isEqualTo(JSON.readTree(DESCRIBED.get(caller).getValue()));
        }
        softly.assertAll();
        assertThat(DescribedApi.get().operations()).extracting(operation -> operation.node().path("x-patron-caller")
                .asText()).containsAll(DESCRIBED.values().stream().map(Map.Entry::getKey).toList());
    }
}
