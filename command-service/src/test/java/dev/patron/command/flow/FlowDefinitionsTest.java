package dev.patron.command.flow;

import dev.patron.command.flow.FlowCommands.CreateField;
import dev.patron.command.flow.FlowCommands.CreateFlow;
import dev.patron.command.flow.FlowCommands.DeleteField;
import dev.patron.command.flow.FlowCommands.DeleteFlow;
import dev.patron.command.flow.FlowCommands.FieldChange;
import dev.patron.command.flow.FlowCommands.FlowChange;
import dev.patron.command.flow.FlowCommands.UpdateField;
import dev.patron.command.flow.FlowCommands.UpdateFlow;
import dev.patron.command.write.RuleViolation;
import dev.patron.customfields.FieldType;
import dev.patron.events.flow.FieldCreated;
import dev.patron.events.flow.FieldCreated.Rule;
import dev.patron.events.flow.FieldDeleted;
import dev.patron.events.flow.FieldUpdated;
import dev.patron.events.flow.FlowCreated;
import dev.patron.events.flow.FlowDeleted;
import dev.patron.events.flow.FlowUpdated;
import java.util.List;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The rules of flow and field definitions, given earlier events, when a command arrives. */
class FlowDefinitionsTest {

    private static final String FLOW = "flow-1";
    private static final String FIELD = "field-1";
    private static final FlowCreated CUSTOMERS = new FlowCreated(FLOW, "customers", "Customers", "Extras", true);
    private static final List<Rule> TIERS = List.of(new Rule("enum", List.of("bronze", "gold"), null, null, null));
    private static final FieldCreated TIER = new FieldCreated(FIELD, FLOW, "tier", "Tier", null, "string", TIERS,
            true, "bronze", true, 1, true);

    private FixtureConfiguration<FlowDefinitions> fixture;

    @BeforeEach
    void createFixture() {
        fixture = new AggregateTestFixture<>(FlowDefinitions.class);
    }

    private static FieldChange field(String slug, FieldType type, List<Rule> rules, String defaultValue) {
        return new FieldChange(slug, "A field", null, type, rules, false, defaultValue, defaultValue != null, true, 1,
                null);
    }

    private static FieldChange change() {
        return new FieldChange(null, null, null, null, null, null, null, false, null, null, null);
    }

    @Test
    void aFlowIsCreatedUpdatedAndDeleted() {
        fixture.givenNoPriorActivity()
                .when(new CreateFlow(FLOW, new FlowChange("customers", "Customers", "Extras", null)))
                .expectEvents(CUSTOMERS);
        fixture.given(CUSTOMERS)
                .when(new UpdateFlow(FLOW, new FlowChange(null, "Customer extras", null, false)))
                .expectEvents(new FlowUpdated(FLOW, "customers", "Customer extras", "Extras", false));
        fixture.given(CUSTOMERS).when(new DeleteFlow(FLOW)).expectEvents(new FlowDeleted(FLOW));
    }

    @Test
    void flowSlugsAreUniqueAndSafe() {
        fixture.given(CUSTOMERS).when(new CreateFlow("flow-2", new FlowChange("customers", "Again", null, true)))
                .expectException(RuleViolation.class).expectNoEvents();
        fixture.givenNoPriorActivity().when(new CreateFlow("flow-2", new FlowChange("Not Safe!", "x", null, true)))
                .expectException(RuleViolation.class);
    }

    @Test
    void aFlowWithFieldsIsNotDeleted() {
        fixture.given(CUSTOMERS, TIER).when(new DeleteFlow(FLOW)).expectException(RuleViolation.class);
    }

    @Test
    void aFieldIsAddedUpdatedDisabledAndDeleted() {
        fixture.given(CUSTOMERS)
                .when(new CreateField(FIELD, FLOW, new FieldChange("tier", "Tier", null, FieldType.STRING, TIERS,
                        true, "bronze", true, null, 1, null)))
                .expectEvents(TIER);
        fixture.given(CUSTOMERS, TIER)
                .when(new UpdateField(FIELD, new FieldChange(null, null, null, null, null, null, "gold", true,
                        false, null, false)))
                .expectEvents(new FieldUpdated(FIELD, FLOW, "tier", "Tier", null, "string", TIERS, true, "gold",
                        false, 1, false));
        fixture.given(CUSTOMERS, TIER).when(new DeleteField(FIELD)).expectEvents(new FieldDeleted(FIELD, FLOW));
        fixture.given(CUSTOMERS, TIER).when(new UpdateField(FIELD, change())).expectNoEvents();
    }

    @Test
    void fieldSlugsAreUniquePerFlow() {
        fixture.given(CUSTOMERS, TIER)
                .when(new CreateField("field-2", FLOW, field("tier", FieldType.INTEGER, List.of(), null)))
                .expectException(RuleViolation.class).expectExceptionMessage(
                        org.hamcrest.Matchers.containsString("slug tier"));
        FlowCreated other = new FlowCreated("flow-2", "loyalty", "Loyalty", null, true);
        fixture.given(CUSTOMERS, TIER, other)
                .when(new CreateField("field-2", "flow-2", field("tier", FieldType.INTEGER, List.of(), null)))
                .expectSuccessfulHandlerExecution();
    }

    @Test
    void builtInFieldsAreNotShadowed() {
        fixture.given(CUSTOMERS).when(new CreateField("field-2", FLOW, field("email", FieldType.STRING, List.of(),
                null))).expectException(RuleViolation.class);
        fixture.given(new FlowCreated(FLOW, "addresses", "Addresses", null, true))
                .when(new CreateField("field-2", FLOW, field("line_1", FieldType.STRING, List.of(), null)))
                .expectException(RuleViolation.class);
        FlowCreated loyalty = new FlowCreated(FLOW, "loyalty", "Loyalty", null, true);
        fixture.given(loyalty, new FieldCreated(FIELD, FLOW, "email", "E-mail", null, "string", List.of(), false,
                        null, true, 0, true))
                .when(new UpdateFlow(FLOW, new FlowChange("customers", null, null, null)))
                .expectException(RuleViolation.class).expectNoEvents();
    }

    @Test
    void aDefaultMustFitTheTypeAndRules() {
        fixture.given(CUSTOMERS).when(new CreateField("f", FLOW, field("age", FieldType.INTEGER, List.of(), "1.5")))
                .expectException(RuleViolation.class);
        fixture.given(CUSTOMERS).when(new CreateField("f", FLOW, field("tier2", FieldType.STRING, TIERS, "silver")))
                .expectException(RuleViolation.class);
        List<Rule> adult = List.of(new Rule("between", null, "18", "130", null));
        fixture.given(CUSTOMERS).when(new CreateField("f", FLOW, field("age", FieldType.INTEGER, adult, "12")))
                .expectException(RuleViolation.class);
        fixture.given(CUSTOMERS).when(new CreateField("f", FLOW, field("age", FieldType.INTEGER, adult, "40")))
                .expectSuccessfulHandlerExecution();
        fixture.given(CUSTOMERS).when(new CreateField("f", FLOW, field("born", FieldType.DATE, List.of(),
                "31/01/2024"))).expectException(RuleViolation.class);
        fixture.given(CUSTOMERS).when(new CreateField("f", FLOW, field("code", FieldType.STRING,
                List.of(new Rule("max_length", null, null, null, 3)), "abcd"))).expectException(RuleViolation.class);
    }

    @Test
    void rulesMustSuitTheType() {
        fixture.given(CUSTOMERS).when(new CreateField("f", FLOW, field("flag", FieldType.BOOLEAN,
                List.of(new Rule("email", null, null, null, null)), null))).expectException(RuleViolation.class);
        fixture.given(CUSTOMERS).when(new CreateField("f", FLOW, field("n", FieldType.INTEGER,
                List.of(new Rule("between", null, "9", "1", null)), null))).expectException(RuleViolation.class);
    }

    @Test
    void aFieldNeedsAnExistingFlow() {
        fixture.givenNoPriorActivity()
                .when(new CreateField("f", FLOW, field("tier", FieldType.STRING, List.of(), null)))
                .expectException(RuleViolation.class);
        fixture.given(CUSTOMERS).when(new UpdateField("nope", change())).expectException(UnknownFieldException.class);
    }
}
