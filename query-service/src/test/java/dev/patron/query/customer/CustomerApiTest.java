package dev.patron.query.customer;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.patron.events.customer.CustomerCreated;
import dev.patron.events.customer.CustomerDeleted;
import dev.patron.events.customer.CustomerUpdated;
import dev.patron.events.customer.PasswordSet;
import dev.patron.query.RunningQueryService;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.test.context.TestPropertySource;

/**
 * {@code GET /v2/customers} and {@code GET /v2/customers/:id} over real HTTP: every filter field and operator, every
 * kind of rejection, injection attempts, sorting, paging and links, on a fixed set of customers.
 */
// It lists every customer of its database: a context of its own (a configuration no other
// test class has) gives it a database no other test class writes to.
@TestPropertySource(properties = "spring.application.name=customer-api-test")
class CustomerApiTest extends RunningQueryService {

    static final String RON = "c1000000-0000-4000-8000-000000000001";
    static final String LESLIE = "c1000000-0000-4000-8000-000000000002";
    static final String APRIL = "c1000000-0000-4000-8000-000000000003";
    static final String ANDY = "c1000000-0000-4000-8000-000000000004";
    static final String TOM = "c1000000-0000-4000-8000-000000000005";
    static final String DOTSTAR = "c1000000-0000-4000-8000-000000000006";
    static final String DELETED = "c1000000-0000-4000-8000-000000000007";

    static Instant day(int dayOfJune) {
        return Instant.parse(String.format("2021-06-%02dT10:00:00.617Z", dayOfJune));
    }

    @BeforeAll
    void customers() {
        publish(RON, 0, new CustomerCreated(RON, "Ron Swanson", "Ron@Swanson.com", "crm-1"), day(1));
        publish(RON, 1, new PasswordSet(RON, "$argon2id$v=19$m=65536,t=3,p=1$c2FsdA$aGFzaA"), day(1));
        publish(LESLIE, 0, new CustomerCreated(LESLIE, "Leslie Knope", "leslie@pawnee.gov", null), day(2));
        publish(APRIL, 0, new CustomerCreated(APRIL, "April Ludgate", "april@pawnee.gov", null), day(3));
        publish(ANDY, 0, new CustomerCreated(ANDY, "Andy Dwyer", "andy@pawnee.gov", "crm-4"), day(4));
        publish(TOM, 0, new CustomerCreated(TOM, "Tom (Tommy) Haverford", "tom+test@pawnee.gov", null), day(5));
        publish(DOTSTAR, 0, new CustomerCreated(DOTSTAR, ".*", "dotstar@pawnee.gov", null), day(6));
        publish(DELETED, 0, new CustomerCreated(DELETED, "Jerry Gergich", "jerry@pawnee.gov", "crm-1"), day(7));
        publish(LESLIE, 1, new CustomerUpdated(LESLIE, "Leslie Knope", "Leslie@Pawnee.gov", "crm-1"), day(10));
        publish(DELETED, 1, new CustomerDeleted(DELETED), day(11));
        awaitVersion(RON, 1);
        awaitVersion(LESLIE, 1);
        awaitVersion(DOTSTAR, 0);
        awaitGone(DELETED);
    }

    // ---- single customer

    @Test
    void oneCustomerHasExactlyTheContractsShape() {
        Response response = get("/v2/customers/" + RON);

        assertThat(response.status()).isEqualTo(200);
        JsonNode data = response.json().get("data");
        assertThat(fieldNames(response.json())).containsExactly("data");
        assertThat(fieldNames(data)).containsExactly(
                "type", "id", "name", "email", "password", "external_ref", "meta");
        assertThat(data.get("type").asText()).isEqualTo("customer");
        assertThat(data.get("id").asText()).isEqualTo(RON);
        assertThat(data.get("name").asText()).isEqualTo("Ron Swanson");
        assertThat(data.get("email").asText()).isEqualTo("Ron@Swanson.com");
        assertThat(data.get("password").isBoolean()).isTrue();
        assertThat(data.get("password").asBoolean()).isTrue();
        assertThat(data.get("external_ref").asText()).isEqualTo("crm-1");
        assertThat(data.at("/meta/timestamps/created_at").asText()).isEqualTo("2021-06-01T10:00:00.617Z");
        assertThat(data.at("/meta/timestamps/updated_at").asText()).isEqualTo("2021-06-01T10:00:00.617Z");
        assertThat(response.body()).doesNotContain("argon2id");
    }

    @Test
    void aCustomerWithoutPasswordOrExternalRefSaysSo() {
        JsonNode data = get("/v2/customers/" + APRIL).json().get("data");

        assertThat(data.get("password").asBoolean()).isFalse();
        assertThat(data.get("external_ref").isNull()).isTrue();
    }

    @Test
    void anUpdatedCustomerShowsItsNewDetailsAndBothTimestamps() {
        JsonNode data = get("/v2/customers/" + LESLIE).json().get("data");

        assertThat(data.get("email").asText()).isEqualTo("Leslie@Pawnee.gov");
        assertThat(data.at("/meta/timestamps/created_at").asText()).isEqualTo("2021-06-02T10:00:00.617Z");
        assertThat(data.at("/meta/timestamps/updated_at").asText()).isEqualTo("2021-06-10T10:00:00.617Z");
    }

    @Test
    void anUnknownOrDeletedCustomerIsA404InTheContractsErrorFormat() {
        for (String id : List.of(DELETED, "no-such-customer")) {
            Response response = get("/v2/customers/" + id);

            assertThat(response.status()).isEqualTo(404);
            JsonNode error = response.json().at("/errors/0");
            assertThat(error.get("status").asInt()).isEqualTo(404);
            assertThat(error.get("title").asText()).isEqualTo("Not Found");
        }
    }

    // ---- filters that are answered

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            // email: eq (case-insensitive), in, like at either or both ends
            "eq(email,ron@swanson.com)                    | " + RON,
            "eq(email,RON@SWANSON.COM)                    | " + RON,
            "eq(email,leslie@pawnee.gov)                  | " + LESLIE,
            "eq(email,jerry@pawnee.gov)                   | ",
            "in(email,april@pawnee.gov,ANDY@pawnee.gov)   | " + APRIL + "," + ANDY,
            "like(email,ron@*)                            | " + RON,
            "like(email,*@SWANSON.com)                    | " + RON,
            "like(email,*swan*)                           | " + RON,
            "like(email,tom+test@pawnee.gov)              | " + TOM,
            "like(email,tom+*)                            | " + TOM,
            // name: eq (exact), in, like (case-insensitive)
            "eq(name,Ron Swanson)                         | " + RON,
            "eq(name,ron swanson)                         | ",
            "in(name,Ron Swanson,Andy Dwyer)              | " + RON + "," + ANDY,
            "like(name,*swan*)                            | " + RON,
            "like(name,leslie*)                           | " + LESLIE,
            "like(name,*Ludgate)                          | " + APRIL,
            "like(name,Tom (Tommy) Haverford)             | " + TOM,
            "like(name,*(Tommy)*)                         | " + TOM,
            // external_ref: eq and in, shared by several customers
            "eq(external_ref,crm-1)                       | " + RON + "," + LESLIE,
            "in(external_ref,crm-4,crm-9)                 | " + ANDY,
            "eq(external_ref,CRM-1)                       | ",
            // id: eq, in and ranges
            "eq(id," + APRIL + ")                         | " + APRIL,
            "in(id," + RON + "," + TOM + ",nope)          | " + RON + "," + TOM,
            "gt(id," + ANDY + ")                          | " + TOM + "," + DOTSTAR,
            "ge(id," + ANDY + ")                          | " + ANDY + "," + TOM + "," + DOTSTAR,
            "lt(id," + LESLIE + ")                        | " + RON,
            "le(id," + LESLIE + ")                        | " + RON + "," + LESLIE,
            // created_at and updated_at: eq and ranges, date-times or dates
            "eq(created_at,2021-06-03T10:00:00.617Z)      | " + APRIL,
            "gt(created_at,2021-06-04T10:00:00.617Z)      | " + TOM + "," + DOTSTAR,
            "ge(created_at,2021-06-04T10:00:00.617Z)      | " + ANDY + "," + TOM + "," + DOTSTAR,
            "lt(created_at,2021-06-02T10:00:00.617Z)      | " + RON,
            "le(created_at,2021-06-02T12:00:01+02:00)     | " + RON + "," + LESLIE,
            "ge(created_at,2021-06-05)                    | " + TOM + "," + DOTSTAR,
            "eq(updated_at,2021-06-10T10:00:00.617Z)      | " + LESLIE,
            "gt(updated_at,2021-06-05T10:00:00.617Z)      | " + DOTSTAR + "," + LESLIE,
            "ge(updated_at,2021-06-06T10:00:00.617Z)      | " + DOTSTAR + "," + LESLIE,
            "lt(updated_at,2021-06-02)                    | " + RON,
            "le(updated_at,2021-06-01T10:00:00.617Z)      | " + RON,
            // several terms: all must hold
            "eq(external_ref,crm-1):like(name,Ron*)       | " + RON,
            "like(email,*@pawnee.gov):lt(created_at,2021-06-04) | " + APRIL + "," + LESLIE,
            "eq(email,ron@swanson.com):eq(id," + LESLIE + ") | ",
            "in(id," + RON + "," + LESLIE + "):eq(external_ref,crm-1):gt(created_at,2021-06-01T10:00:00.617Z) | " + LESLIE,
    })
    void filtersFindExactlyTheMatchingCustomers(String filter, String expectedIds) {
        Response response = get("/v2/customers?sort=updated_at&filter=" + encode(filter.trim()));

        assertThat(response.status()).as(response.body()).isEqualTo(200);
        List<String> expected = expectedIds == null ? List.of() : List.of(expectedIds.trim().split(","));
        assertThat(ids(response)).containsExactlyElementsOf(expected);
        assertThat(response.json().at("/meta/results/total").asLong()).isEqualTo(expected.size());
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {
            "eq(email,{\"$ne\":null})",
            "eq(email,{\"$gt\":\"\"})",
            "in(email,{\"$exists\":true})",
            "eq(name,{\"$regex\":\".*\"})",
            "eq(external_ref,{\"$ne\":\"x\"})",
            "eq(id,{\"$ne\":null})",
            "gt(id,{\"$gt\":\"\"})",
            "like(name,.*)",
            "like(name,*.*)",
            "like(email,.+@pawnee.gov)",
            "like(name,^Ron)",
            "like(name,[A-Z]*)",
            "like(name,Ron|Andy)",
            "like(name,(?i)ron swanson)",
            "like(name,\\Q.\\E)",
            "like(name,Ron\\)",
    })
    void injectionAttemptsAreTakenLiterallyAndMatchNothingElse(String filter) {
        Response response = get("/v2/customers?filter=" + encode(filter));

        assertThat(response.status()).as(response.body()).isEqualTo(200);
        List<String> ids = ids(response);
        // Only a customer whose name really is ".*" may be found by a pattern that reads ".*".
        assertThat(ids).isSubsetOf(DOTSTAR);
        if (filter.equals("like(name,.*)") || filter.equals("like(name,*.*)")) {
            assertThat(ids).containsExactly(DOTSTAR);
        }
    }

    @Test
    void tenFiltersAreAllowed() {
        String tenTerms = IntStream.range(0, 10).mapToObj(i -> "like(name,*o*)").collect(Collectors.joining(":"));

        Response response = get("/v2/customers?filter=" + encode(tenTerms));

        assertThat(response.status()).isEqualTo(200);
        assertThat(ids(response)).contains(RON, TOM);
    }

    // ---- filters that are refused

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "eq(phone,555)                      | unknown field 'phone'",
            "eq(password,true)                  | unknown field 'password'",
            "like(created_at,2021*)             | operator 'like' is not allowed on field 'created_at'",
            "gt(email,a@b.c)                    | operator 'gt' is not allowed on field 'email'",
            "like(external_ref,crm*)            | operator 'like' is not allowed on field 'external_ref'",
            "lt(name,M)                         | operator 'lt' is not allowed on field 'name'",
            "in(created_at,2021-06-01)          | operator 'in' is not allowed on field 'created_at'",
            "ne(email,ron@swanson.com)          | unknown operator 'ne'",
            "eq(email,ron@swanson.com           | each term is op(field,value), closed by ')'",
            "eq email ron@swanson.com           | cannot parse the filter at character 1",
            "EQ(email,ron@swanson.com)          | cannot parse the filter at character 1",
            "eq(email,ron@swanson.com):         | joined to the next one by ':'",
            "eq(email,ron@swanson.com):x        | joined to the next one by ':'",
            "eq(email,ron@swanson.com)x         | closed by ')'",
            ":eq(email,ron@swanson.com)         | cannot parse the filter at character 1",
            "eq(email,)                         | has no value",
            "in(id,a,,b)                        | empty value in its list",
            "like(name,R*n)                     | the wildcard * may only stand at the start or the end",
            "gt(created_at,yesterday)           | 'yesterday' in 'gt(created_at,yesterday)' is not an ISO-8601 date",
            "eq(updated_at,2021-13-45)          | is not an ISO-8601 date",
            "lt(created_at,2021-06-02T10:00:00) | is not an ISO-8601 date",
    })
    void filtersOutsideTheGrammarAreA400NamingTheProblem(String filter, String expectedDetail) {
        assertRejected("/v2/customers?filter=" + encode(filter.trim()), "filter", expectedDetail.trim());
    }

    @Test
    void moreThanTenFiltersAreA400() {
        String elevenTerms = IntStream.range(0, 11).mapToObj(i -> "eq(name,x" + i + ")")
                .collect(Collectors.joining(":"));

        assertRejected("/v2/customers?filter=" + encode(elevenTerms), "filter", "at most 10 filters");
    }

    @Test
    void anInListOfMoreThanAHundredValuesIsA400() {
        String values = IntStream.range(0, 101).mapToObj(i -> "id" + i).collect(Collectors.joining(","));

        assertRejected("/v2/customers?filter=" + encode("in(id," + values + ")"), "filter",
                "lists more than 100 values");
    }

    // ---- sorting

    @ParameterizedTest(name = "sort={0}")
    @CsvSource(delimiter = '|', value = {
            "             | " + DOTSTAR + "," + TOM + "," + ANDY + "," + APRIL + "," + LESLIE + "," + RON,
            "-created_at  | " + DOTSTAR + "," + TOM + "," + ANDY + "," + APRIL + "," + LESLIE + "," + RON,
            "created_at   | " + RON + "," + LESLIE + "," + APRIL + "," + ANDY + "," + TOM + "," + DOTSTAR,
            "name         | " + DOTSTAR + "," + ANDY + "," + APRIL + "," + LESLIE + "," + RON + "," + TOM,
            "-name        | " + TOM + "," + RON + "," + LESLIE + "," + APRIL + "," + ANDY + "," + DOTSTAR,
            "email        | " + ANDY + "," + APRIL + "," + DOTSTAR + "," + LESLIE + "," + RON + "," + TOM,
            "-email       | " + TOM + "," + RON + "," + LESLIE + "," + DOTSTAR + "," + APRIL + "," + ANDY,
            "id           | " + RON + "," + LESLIE + "," + APRIL + "," + ANDY + "," + TOM + "," + DOTSTAR,
            "-id          | " + DOTSTAR + "," + TOM + "," + ANDY + "," + APRIL + "," + LESLIE + "," + RON,
            "updated_at   | " + RON + "," + APRIL + "," + ANDY + "," + TOM + "," + DOTSTAR + "," + LESLIE,
            "-updated_at  | " + LESLIE + "," + DOTSTAR + "," + TOM + "," + ANDY + "," + APRIL + "," + RON,
    })
    void sortOrdersByTheFieldAscendingOrWithALeadingMinusDescending(String sort, String expectedIds) {
        String query = sort == null ? "" : "?sort=" + sort.trim();

        Response response = get("/v2/customers" + query);

        assertThat(response.status()).isEqualTo(200);
        assertThat(ids(response)).containsExactly(expectedIds.trim().split(","));
    }

    @ParameterizedTest(name = "sort={0}")
    @CsvSource({"external_ref", "-password", "phone", "'name,email'", "+name"})
    void sortingByAnythingElseIsA400(String sort) {
        assertRejected("/v2/customers?sort=" + encode(sort), "sort", "cannot sort by");
    }

    // ---- paging and links

    @Test
    void pagesCarryMetaAndLinksThatWalkTheWholeList() {
        List<String> walked = new ArrayList<>();
        String next = "/v2/customers?sort=name&page%5Blimit%5D=4";
        List<JsonNode> pages = new ArrayList<>();
        while (next != null) {
            Response page = get(next);
            assertThat(page.status()).isEqualTo(200);
            pages.add(page.json());
            walked.addAll(ids(page));
            JsonNode link = page.json().at("/links/next");
            next = link.isNull() ? null : link.asText().substring(("http://localhost:" + port).length());
        }

        assertThat(walked).containsExactly(DOTSTAR, ANDY, APRIL, LESLIE, RON, TOM);
        JsonNode first = pages.get(0);
        assertThat(first.at("/meta/page/limit").asInt()).isEqualTo(4);
        assertThat(first.at("/meta/page/offset").asInt()).isZero();
        assertThat(first.at("/meta/page/current").asInt()).isEqualTo(1);
        assertThat(first.at("/meta/page/total").asInt()).isEqualTo(2);
        assertThat(first.at("/meta/results/total").asInt()).isEqualTo(6);
        assertThat(first.at("/links/prev").isNull()).isTrue();
        assertThat(first.at("/links/first").asText()).endsWith("?sort=name&page%5Blimit%5D=4&page%5Boffset%5D=0");
        assertThat(first.at("/links/last").asText()).endsWith("?sort=name&page%5Blimit%5D=4&page%5Boffset%5D=4");
        assertThat(first.at("/links/current").asText()).isEqualTo(first.at("/links/first").asText());
        JsonNode second = pages.get(1);
        assertThat(second.at("/meta/page/current").asInt()).isEqualTo(2);
        assertThat(second.at("/meta/results/total").asInt()).isEqualTo(6);
        assertThat(second.at("/links/next").isNull()).isTrue();
        assertThat(second.at("/links/prev").asText()).isEqualTo(first.at("/links/current").asText());
    }

    @Test
    void linksRepeatTheFilterPercentEncoded() {
        Response response = get("/v2/customers?filter=" + encode("like(email,*@pawnee.gov)")
                + "&page%5Blimit%5D=2&page%5Boffset%5D=2");

        JsonNode links = response.json().get("links");
        assertThat(links.get("current").asText()).startsWith("http://localhost:" + port + "/v2/customers?filter=like(email,*@pawnee.gov)".replace("(", "%28").replace(",", "%2C").replace("*", "%2A").replace("@", "%40").replace(")", "%29"));
        Iterator<String> pageLinks = List.of("prev", "next", "last").iterator();
        while (pageLinks.hasNext()) {
            String link = links.get(pageLinks.next()).asText();
            Response followed = get(link.substring(("http://localhost:" + port).length()));
            assertThat(followed.status()).isEqualTo(200);
            assertThat(followed.json().at("/meta/results/total").asInt()).isEqualTo(5);
        }
        assertThat(links.get("prev").asText()).endsWith("page%5Boffset%5D=0");
        assertThat(links.get("next").asText()).endsWith("page%5Boffset%5D=4");
        assertThat(links.get("last").asText()).endsWith("page%5Boffset%5D=4");
    }

    @Test
    void defaultsAreTwentyFiveFromTheStart() {
        JsonNode page = get("/v2/customers").json();

        assertThat(page.at("/meta/page/limit").asInt()).isEqualTo(25);
        assertThat(page.at("/meta/page/offset").asInt()).isZero();
        assertThat(page.at("/meta/page/total").asInt()).isEqualTo(1);
        assertThat(page.at("/links/next").isNull()).isTrue();
        assertThat(page.at("/links/prev").isNull()).isTrue();
    }

    @Test
    void anOffsetPastTheEndGivesAnEmptyPageWithTheTrueTotal() {
        JsonNode page = get("/v2/customers?page%5Boffset%5D=100").json();

        assertThat(page.get("data")).isEmpty();
        assertThat(page.at("/meta/results/total").asInt()).isEqualTo(6);
        assertThat(page.at("/links/prev").asText()).endsWith("page%5Boffset%5D=75");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "page%5Blimit%5D=101     | page[limit]",
            "page%5Blimit%5D=0       | page[limit]",
            "page%5Blimit%5D=-1      | page[limit]",
            "page%5Blimit%5D=ten     | page[limit]",
            "page%5Boffset%5D=10001  | page[offset]",
            "page%5Boffset%5D=-5     | page[offset]",
            "page%5Boffset%5D=1.5    | page[offset]",
    })
    void pagingOutsideTheContractsBoundsIsA400(String query, String parameter) {
        assertRejected("/v2/customers?" + query.trim(), parameter.trim(), parameter.trim() + " must be a whole number");
    }

    @Test
    void theLargestOffsetIsAccepted() {
        assertThat(get("/v2/customers?page%5Boffset%5D=10000&page%5Blimit%5D=100").status()).isEqualTo(200);
    }

    /** The storefront SDK writes brackets and braces into the query string without encoding them. */
    @Test
    void unencodedBracketsFromTheSdkAreAccepted() throws Exception {
        try (Socket socket = new Socket("localhost", port)) {
            OutputStream out = socket.getOutputStream();
            out.write(("GET /v2/customers?page[limit]=2&page[offset]=1&filter=eq(email,{\"$ne\":null}) HTTP/1.1\r\n"
                    .replace("\"", "%22")
                    + "Host: localhost\r\nAuthorization: Bearer " + TOKENS.backOffice() + "\r\n"
                    + "Connection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            String statusLine = new BufferedReader(new InputStreamReader(socket.getInputStream(),
                    StandardCharsets.US_ASCII)).readLine();
            assertThat(statusLine).isEqualTo("HTTP/1.1 200 ");
        }
    }

    // ---- helpers

    private void assertRejected(String pathAndQuery, String source, String detailPart) {
        Response response = get(pathAndQuery);

        assertThat(response.status()).as(response.body()).isEqualTo(400);
        JsonNode errors = response.json().get("errors");
        assertThat(errors).hasSize(1);
        assertThat(errors.get(0).get("status").asInt()).isEqualTo(400);
        assertThat(errors.get(0).get("title").asText()).isEqualTo("Bad Request");
        assertThat(errors.get(0).get("source").asText()).isEqualTo(source);
        assertThat(errors.get(0).get("detail").asText()).contains(detailPart);
        assertThat(response.body()).doesNotContain("Exception", "dev.patron", "mongo");
    }

    private static List<String> ids(Response response) {
        List<String> ids = new ArrayList<>();
        response.json().get("data").forEach(customer -> ids.add(customer.get("id").asText()));
        return ids;
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }
}
