package dev.patron.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import org.junit.jupiter.api.Test;

class LocalChecksTest {

    private final LocalChecks checks = new LocalChecks();

    private static SourceRecord customer(long line, String email) {
        ObjectNode customer = JsonNodeFactory.instance.objectNode();
        customer.put("type", "customer");
        customer.put("email", email);
        return SourceRecord.read(line, customer);
    }

    @Test
    void anEmailOfAnEarlierLineTrimmedAndInAnyCaseIsADuplicate() {
        assertThat(checks.check(customer(1, "Ada@Example.com")).rejectedLocally()).isFalse();
        assertThat(checks.check(customer(2, "bob@example.com")).rejectedLocally()).isFalse();

        CustomerLine again = checks.check(customer(7, "  ada@example.COM "));
        assertThat(again.rejectedLocally()).isTrue();
        assertThat(again.localErrors()).containsExactly("duplicate email: also on line 1");
        // The first line stays the one named, also for a third occurrence.
        assertThat(checks.check(customer(9, "ada@example.com")).localErrors())
                .containsExactly("duplicate email: also on line 1");
    }

    @Test
    void aPlaintextPasswordIsRefused() {
        SourceRecord withPassword = customer(3, "p@example.com");
        withPassword.customer().put("password", "hunter2");

        CustomerLine checked = checks.check(withPassword);

        assertThat(checked.item()).isNull();
        assertThat(checked.localErrors()).containsExactly(LocalChecks.PLAINTEXT_PASSWORD);
        assertThat(checked.email()).isEqualTo("p@example.com");
    }

    @Test
    void anUnreadableLineKeepsItsReason() {
        CustomerLine checked = checks.check(SourceRecord.unreadable(4, "not valid JSON (column 3)", null));

        assertThat(checked.localErrors()).isEqualTo(List.of("not valid JSON (column 3)"));
    }
}
