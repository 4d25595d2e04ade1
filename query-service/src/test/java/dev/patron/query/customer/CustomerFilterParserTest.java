package dev.patron.query.customer;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Where one term ends and the next begins, and what typed values the terms carry. */
class CustomerFilterParserTest {

    @Test
    void aValueMayHoldParenthesesCommasAndColons() {
        List<CustomerFilter> filters = CustomerFilterParser.parse(
                "eq(name,Smith (Jr.), Esq.):gt(created_at,2021-06-02T18:44:07.617Z):eq(external_ref,a:b(c))");

        assertThat(filters).containsExactly(
                new CustomerFilter.Equals(CustomerField.NAME, "Smith (Jr.), Esq."),
                new CustomerFilter.Range(CustomerField.CREATED_AT, FilterOperator.GT,
                        Instant.parse("2021-06-02T18:44:07.617Z")),
                new CustomerFilter.Equals(CustomerField.EXTERNAL_REF, "a:b(c)"));
    }

    @Test
    void emailValuesAreLowerCasedAndNamesKeptAsSent() {
        assertThat(CustomerFilterParser.parse("in(email,Ron@Swanson.com,LESLIE@pawnee.gov):like(name,*Swan*)"))
                .containsExactly(
                        new CustomerFilter.In(CustomerField.EMAIL, List.of("ron@swanson.com", "leslie@pawnee.gov")),
                        new CustomerFilter.Like(CustomerField.NAME, "Swan", true, true));
    }

    @Test
    void likeWildcardsAtEitherEndOrBoth() {
        assertThat(CustomerFilterParser.parse("like(name,Ron*):like(name,*son):like(name,Ron Swanson):like(name,*)"))
                .containsExactly(
                        new CustomerFilter.Like(CustomerField.NAME, "Ron", false, true),
                        new CustomerFilter.Like(CustomerField.NAME, "son", true, false),
                        new CustomerFilter.Like(CustomerField.NAME, "Ron Swanson", false, false),
                        new CustomerFilter.Like(CustomerField.NAME, "", true, false));
    }

    @Test
    void regexSyntaxIsEscapedAndLettersDigitsAndNonAsciiAreNot() {
        assertThat(CustomerFilter.escapeRegex("a.b*c(d)[e]{f}|^$+?\\g h-é9"))
                .isEqualTo("a\\.b\\*c\\(d\\)\\[e\\]\\{f\\}\\|\\^\\$\\+\\?\\\\g\\ h\\-é9");
    }

    @Test
    void noFilterMeansNoTerms() {
        assertThat(CustomerFilterParser.parse(null)).isEmpty();
        assertThat(CustomerFilterParser.parse("")).isEmpty();
    }
}
