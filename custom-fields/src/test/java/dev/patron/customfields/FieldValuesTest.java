package dev.patron.customfields;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.patron.contract.ApiException;
import dev.patron.contract.CustomFieldProblem;
import dev.patron.contract.RequestDocument;
import dev.patron.contract.Validation;
import dev.patron.events.flow.FieldCreated;
import dev.patron.events.flow.FieldCreated.Rule;
import dev.patron.events.flow.FieldUpdated;
import dev.patron.events.flow.FlowCreated;
import dev.patron.events.flow.FlowUpdated;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;

/** The rules of custom field values: per type and rule, as requests set them and as stored values are shown. */
class FieldValuesTest {

    private static final Instant AT = Instant.parse("2026-01-01T00:00:00Z");
    private static final ObjectMapper mapper = new ObjectMapper();

    private static FieldRecord field(String slug, FieldType type, List<Rule> rules, boolean required,
                                     String defaultValue, boolean personalData) {
        return new FieldRecord(slug + "-id", "flow", slug, slug, null, type, rules, required, defaultValue, true, 0,
                personalData, AT, AT);
    }

    private static FieldRecord field(String slug, FieldType type, Rule... rules) {
        return field(slug, type, List.of(rules), false, null, true);
    }

    private static Rule rule(String type, List<String> options, String from, String to, Integer length) {
        return new Rule(type, options, from, to, length);
    }

    @Nested
    class Rules {

        @Test
        void eachRuleIsKeptOrNamed() {
            assertThat(FieldValues.problem(FieldType.STRING, List.of(rule("enum", List.of("gold", "silver"), null,
                    null, null)), "gold")).isEmpty();
            assertThat(FieldValues.problem(FieldType.STRING, List.of(rule("enum", List.of("gold", "silver"), null,
                    null, null)), "GOLD")).contains("does not keep the enum (gold, silver) rule");
            assertThat(FieldValues.problem(FieldType.INTEGER, List.of(rule("enum", List.of("1", "2"), null, null,
                    null)), "2")).isEmpty();
            assertThat(FieldValues.problem(FieldType.STRING, List.of(rule("email", null, null, null, null)),
                    "ron@swanson.com")).isEmpty();
            assertThat(FieldValues.problem(FieldType.STRING, List.of(rule("email", null, null, null, null)),
                    "ron at swanson")).isPresent();
            assertThat(FieldValues.problem(FieldType.STRING, List.of(rule("slug", null, null, null, null)),
                    "a-b_c")).isEmpty();
            assertThat(FieldValues.problem(FieldType.STRING, List.of(rule("slug", null, null, null, null)),
                    "a b")).isPresent();
            assertThat(FieldValues.problem(FieldType.FLOAT, List.of(rule("between", null, "0.5", "1.5", null)),
                    "1.5")).isEmpty();
            assertThat(FieldValues.problem(FieldType.FLOAT, List.of(rule("between", null, "0.5", "1.5", null)),
                    "1.51")).contains("does not keep the between (0.5 to 1.5) rule");
            assertThat(FieldValues.problem(FieldType.DATE, List.of(rule("between", null, "2000-01-01",
                    "2000-12-31", null)), "2001-01-01")).isPresent();
            assertThat(FieldValues.problem(FieldType.STRING, List.of(rule("min_length", null, null, null, 2),
                    rule("max_length", null, null, null, 3)), "😀😀😀")).as("counted in characters").isEmpty();
            assertThat(FieldValues.problem(FieldType.STRING, List.of(rule("max_length", null, null, null, 3)),
                    "abcd")).isPresent();
            assertThat(FieldValues.problem(FieldType.INTEGER, List.of(), "1.5")).contains("must be a integer");
            assertThat(FieldValues.problem(FieldType.DATE, List.of(), "2024-02-30")).isPresent();
        }
    }

    @Nested
    class Read {

        private final List<FieldRecord> inForce = List.of(
                field("tier", FieldType.STRING, List.of(rule("enum", List.of("gold", "silver"), null, null, null)),
                        false, "silver", false),
                field("age", FieldType.INTEGER, rule("between", null, "18", "130", null)),
                field("score", FieldType.FLOAT),
                field("vip", FieldType.BOOLEAN),
                field("birthday", FieldType.DATE),
                field("member_no", FieldType.INTEGER, List.of(), true, null, true));

        private List<FieldValues.Change> read(String data, boolean creating) throws Exception {
            RequestDocument document = RequestDocument.read(mapper.readTree("{\"data\":{\"type\":\"customer\","
                    + data + "}}"), "customer");
            Validation validation = Validation.of(document);
            List<FieldValues.Change> changes = FieldValues.read(document, inForce, creating, validation);
            document.requireWellFormed();
            validation.throwIfInvalid();
            return changes;
        }

        @Test
        void valuesOfEveryTypeAreReadInTheirStoredFormWithTheirFieldsPrivacy() throws Exception {
            assertThat(read("\"tier\":\"gold\",\"age\":52,\"score\":4.50,\"vip\":true,\"birthday\":\"1971-05-06\","
                    + "\"member_no\":7,\"shoe_size\":44,\"name\":\"Ron\"", true)).containsExactly(
                    new FieldValues.Change("tier", "gold", false),
                    new FieldValues.Change("age", 52L, true),
                    new FieldValues.Change("score", 4.5, true),
                    new FieldValues.Change("vip", true, true),
                    new FieldValues.Change("birthday", "1971-05-06", true),
                    new FieldValues.Change("member_no", 7L, true));
        }

        @Test
        void aValueOfTheWrongJsonTypeIsA400NamingIt() {
            assertThatThrownBy(() -> read("\"age\":\"52\",\"vip\":1,\"birthday\":\"May 6\",\"score\":\"1\","
                    + "\"member_no\":7", true))
                    .isInstanceOfSatisfying(ApiException.class, failure -> {
                        assertThat(failure.status()).isEqualTo(HttpStatus.BAD_REQUEST);
                        assertThat(failure.document().errors()).extracting(error -> error.source())
                                .containsExactly("data.age", "data.score", "data.vip", "data.birthday");
                    });
        }

        @Test
        void aValueThatBreaksARuleIsA422NamingIt() {
            assertThatThrownBy(() -> read("\"tier\":\"bronze\",\"age\":17,\"member_no\":7", true))
                    .isInstanceOfSatisfying(ApiException.class, failure -> {
                        assertThat(failure.status()).isEqualTo(HttpStatus.UNPROCESSABLE_ENTITY);
                        assertThat(failure.document().errors()).extracting(error -> error.source())
                                .containsExactly("data.tier", "data.age");
                    });
        }

        @Test
        void aTextValueIsBoundedWhateverItsFieldsRules() throws Exception {
            String longest = "x".repeat(FieldValues.MAX_TEXT_LENGTH);
            assertThat(readNote("\"" + longest + "\"")).hasSize(1);
            assertThatThrownBy(() -> readNote("\"" + longest + "x\"")).isInstanceOfSatisfying(ApiException.class,
                    failure -> assertThat(failure.document().errors()).singleElement().satisfies(error -> {
                        assertThat(error.source()).isEqualTo("data.note");
                        assertThat(error.status()).isEqualTo(422);
                    }));
        }

        /** The characters no text field may hold; a note may run over several lines. */
        @Test
        void aTextValueIsHeldToTheCharactersOfEveryTextField() throws Exception {
            for (String refused : new String[] {"\\u0000", "\\u001b[2J", "\\u0085", "\\u202e", "\\u2066", "\\u2028",
                    "\\ud800", "\\udc00x"}) {
                assertThatThrownBy(() -> readNote("\"note " + refused + "\"")).as(refused)
                        .isInstanceOfSatisfying(ApiException.class, failure -> assertThat(failure.document().errors())
                                .singleElement().satisfies(error -> {
                                    assertThat(error.source()).isEqualTo("data.note");
                                    assertThat(error.status()).isEqualTo(422);
                                    assertThat(error.detail()).startsWith("note must not contain");
                                }));
            }
            assertThat(readNote("\"first line\\nsecond line\\tand a tab, \\ud83d\\ude00\"")).singleElement()
                    .extracting(FieldValues.Change::value).isEqualTo("first line\nsecond line\tand a tab, 😀");
        }

        private List<FieldValues.Change> readNote(String json) throws Exception {
            RequestDocument document = RequestDocument.read(mapper.readTree("{\"data\":{\"type\":\"customer\","
                    + "\"note\":" + json + "}}"), "customer");
            Validation validation = Validation.of(document);
            List<FieldValues.Change> changes =
                    FieldValues.read(document, List.of(field("note", FieldType.STRING)), true, validation);
            document.requireWellFormed();
            validation.throwIfInvalid();
            return changes;
        }

        @Test
        void aRequiredFieldWithoutDefaultIsNeededOnCreateAndCannotBeClearedButMayBeLeftAlone() throws Exception {
            assertThatThrownBy(() -> read("\"age\":20", true)).isInstanceOfSatisfying(ApiException.class,
                    failure -> assertThat(failure.document().errors()).extracting(error -> error.source())
                            .containsExactly("data.member_no"));
            assertThatThrownBy(() -> read("\"member_no\":null", false)).isInstanceOf(ApiException.class);
            assertThat(read("\"age\":20", false)).containsExactly(new FieldValues.Change("age", 20L, true));
            assertThat(read("\"tier\":null", false)).as("cleared: the default shows again")
                    .containsExactly(new FieldValues.Change("tier", null, false));
        }
    }

    @Nested
    class Show {

        @Test
        void fieldsInForceShowTheirValueElseTheirDefaultAndNothingElseIsShown() {
            Map<String, Object> stored = new LinkedHashMap<>();
            stored.put("age", 52);
            stored.put("retired_field", "kept in history only");
            FieldValues.Shown shown = FieldValues.show(FieldValues.stored(stored), List.of(
                    field("tier", FieldType.STRING, List.of(), false, "silver", true),
                    field("age", FieldType.INTEGER),
                    field("vip", FieldType.BOOLEAN)));

            Map<String, Object> expected = new LinkedHashMap<>();
            expected.put("tier", "silver");
            expected.put("age", 52L);
            expected.put("vip", null);
            assertThat(shown.values()).containsExactlyEntriesOf(expected);
            assertThat(shown.problems()).isEmpty();
        }

        @Test
        void aStoredValueItsFieldNoLongerAcceptsIsShownAsItIsAndReported() {
            FieldValues.Shown shown = FieldValues.show(Map.of("code", "abc", "tier", "bronze"), List.of(
                    field("code", FieldType.INTEGER),
                    field("tier", FieldType.STRING, rule("enum", List.of("gold"), null, null, null))));

            assertThat(shown.values()).containsEntry("code", "abc").containsEntry("tier", "bronze");
            assertThat(shown.problems()).extracting(CustomFieldProblem::field).containsExactly("code", "tier");
            assertThat(shown.problems().get(0).detail()).contains("abc").contains("integer");
        }
    }

    @Nested
    class Fold {

        @Test
        void definitionsFoldFromTheirEventsAndOnlyEnabledFieldsOfAnEnabledFlowAreInForce() {
            DefinitionsFold fold = new DefinitionsFold();
            fold.apply(new FlowCreated("flow", "customers", "Extras", null, true), AT);
            fold.apply(new FieldCreated("tier-id", "flow", "tier", "Tier", null, "string", List.of(), false, null,
                    true, 2, null), AT);
            fold.apply(new FieldCreated("age-id", "flow", "age", "Age", null, "integer", List.of(), false, null,
                    true, 1, false), AT);
            fold.apply(new FieldCreated("vip-id", "flow", "vip", "VIP", null, "boolean", List.of(), false, null,
                    true, 3, true), AT);
            fold.apply(new FieldUpdated("vip-id", "flow", "vip", "VIP", null, "boolean", List.of(), false, null,
                    false, 3, true), AT);

            Definitions definitions = fold.definitions();
            assertThat(definitions.inForce(Definitions.CUSTOMERS)).extracting(FieldRecord::slug)
                    .containsExactly("age", "tier");
            assertThat(definitions.field("tier-id").orElseThrow().personalData())
                    .as("a field defined before fields could say otherwise is personal data").isTrue();
            assertThat(definitions.field("age-id").orElseThrow().personalData()).isFalse();

            fold.apply(new FlowUpdated("flow", "customers", "Extras", null, false), AT);
            assertThat(fold.definitions().inForce(Definitions.CUSTOMERS)).isEmpty();
        }
    }
}
