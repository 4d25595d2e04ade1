package dev.patron.query.filter;

import static dev.patron.query.filter.FilterOperator.EQ;
import static dev.patron.query.filter.FilterOperator.GT;
import static dev.patron.query.filter.FilterOperator.IN;
import static dev.patron.query.filter.FilterOperator.LIKE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.mongodb.client.model.Sorts;
import dev.patron.contract.ApiException;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Where one term ends and the next begins, and what typed values the terms carry, on fields of every value type.
 * The lists' own tests (customers, orders) go through the whole grammar over HTTP.
 */
class FilterParserTest {

    /** Fields of a made-up list, one of each value type. */
    enum Field implements FilterField {
        // NAME lives in another document field than its API name, as customers' email does.
        NAME(Definition.of("name", "_id", ValueType.TEXT, true, EnumSet.of(EQ, LIKE, IN))),
        EMAIL(Definition.of("email", "email", ValueType.CASE_INSENSITIVE_TEXT, false, EnumSet.of(EQ, LIKE, IN))),
        CREATED_AT(Definition.of("created_at", "created_at", ValueType.TIMESTAMP, true, EnumSet.of(EQ, GT))),
        REF(Definition.of("ref", "ref", ValueType.TEXT, false, EnumSet.of(EQ))),
        AMOUNT(Definition.of("amount", "amount", ValueType.INTEGER, true, EnumSet.of(EQ, GT))),
        STATE(Definition.keyword("state", "state", false, EnumSet.of(EQ, IN), List.of("open", "closed")));

        private final Definition definition;

        Field(Definition definition) {
            this.definition = definition;
        }

        @Override
        public Definition definition() {
            return definition;
        }
    }

    private static final FilterParser<Field> PARSER = new FilterParser<>(List.of(Field.values()));

    @Test
    void aValueMayHoldParenthesesCommasAndColons() {
        List<Filter<Field>> filters = PARSER.parse(
                "eq(name,Smith (Jr.), Esq.):gt(created_at,2021-06-02T18:44:07.617Z):eq(ref,a:b(c))");

        assertThat(filters).containsExactly(
                new Filter.Equals<>(Field.NAME, "Smith (Jr.), Esq."),
                new Filter.Range<>(Field.CREATED_AT, GT, Instant.parse("2021-06-02T18:44:07.617Z")),
                new Filter.Equals<>(Field.REF, "a:b(c)"));
    }

    @Test
    void caseInsensitiveValuesAreLowerCasedAndOthersKeptAsSent() {
        assertThat(PARSER.parse("in(email,Ron@Swanson.com,LESLIE@pawnee.gov):like(name,*Swan*)"))
                .containsExactly(
                        new Filter.In<>(Field.EMAIL, List.of("ron@swanson.com", "leslie@pawnee.gov")),
                        new Filter.Like<>(Field.NAME, "Swan", true, true));
    }

    @Test
    void likeWildcardsAtEitherEndOrBoth() {
        assertThat(PARSER.parse("like(name,Ron*):like(name,*son):like(name,Ron Swanson):like(name,*)"))
                .containsExactly(
                        new Filter.Like<>(Field.NAME, "Ron", false, true),
                        new Filter.Like<>(Field.NAME, "son", true, false),
                        new Filter.Like<>(Field.NAME, "Ron Swanson", false, false),
                        new Filter.Like<>(Field.NAME, "", true, false));
    }

    @Test
    void integersAreWholeNumbers() {
        assertThat(PARSER.parse("gt(amount,1500):eq(amount,-3)")).containsExactly(
                new Filter.Range<>(Field.AMOUNT, GT, 1500L),
                new Filter.Equals<>(Field.AMOUNT, -3L));
        assertRejected("gt(amount,15.00)", "'15.00' in 'gt(amount,15.00)' is not a whole number");
        assertRejected("eq(amount,$15)", "is not a whole number");
    }

    @Test
    void keywordsAreOneOfTheirWordsExactly() {
        assertThat(PARSER.parse("in(state,open,closed)"))
                .containsExactly(new Filter.In<>(Field.STATE, List.of("open", "closed")));
        assertRejected("eq(state,Open)", "'Open' in 'eq(state,Open)' is not a state; it is one of open, closed");
        assertRejected("in(state,open,ajar)", "'ajar' in 'in(state,open,ajar)' is not a state");
    }

    @Test
    void unknownFieldsNameTheFieldsOfThisList() {
        assertRejected("eq(phone,1)", "unknown field 'phone' in 'eq(phone,1)'; filterable fields are name, email, "
                + "created_at, ref, amount, state");
    }

    @Test
    void sortTakesTheListsSortableFieldsAndBreaksTiesById() {
        Sort<Field> absent = new Sort<>(Field.CREATED_AT, true);

        assertThat(Sort.parse(null, List.of(Field.values()), absent)).isSameAs(absent);
        assertThat(Sort.parse("-amount", List.of(Field.values()), absent)).isEqualTo(new Sort<>(Field.AMOUNT, true));
        assertThat(Sort.parse("amount", List.of(Field.values()), absent).toBson().toBsonDocument())
                .isEqualTo(Sorts.orderBy(Sorts.ascending("amount"), Sorts.ascending("_id")).toBsonDocument());
        assertThat(Sort.parse("-name", List.of(Field.values()), absent).toBson().toBsonDocument())
                .as("a field that is the id needs no tie-breaker").isEqualTo(Sorts.descending("_id").toBsonDocument());
        assertThatThrownBy(() -> Sort.parse("state", List.of(Field.values()), absent))
                .isInstanceOf(ApiException.class)
                .hasMessage("cannot sort by 'state'; sortable fields are name, created_at, amount, with a leading - "
                        + "for descending order");
    }

    @Test
    void regexSyntaxIsEscapedAndLettersDigitsAndNonAsciiAreNot() {
        assertThat(Filter.escapeRegex("a.b*c(d)[e]{f}|^$+?\\g h-é9"))
                .isEqualTo("a\\.b\\*c\\(d\\)\\[e\\]\\{f\\}\\|\\^\\$\\+\\?\\\\g\\ h\\-é9");
    }

    @Test
    void noFilterMeansNoTerms() {
        assertThat(PARSER.parse(null)).isEmpty();
        assertThat(PARSER.parse("")).isEmpty();
    }

    private static void assertRejected(String filter, String detailPart) {
        assertThatThrownBy(() -> PARSER.parse(filter)).isInstanceOf(ApiException.class)
                .hasMessageContaining(detailPart)
                .satisfies(failure -> assertThat(((ApiException) failure).status().value()).isEqualTo(400));
    }
}
