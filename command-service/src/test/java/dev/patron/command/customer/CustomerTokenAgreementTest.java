package dev.patron.command.customer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.patron.kit.security.CustomerToken;
import org.junit.jupiter.api.Test;

/**
 * What the Customer aggregate shares with customer tokens without importing them: its domain code uses nothing of the
 * security kit (see standalone's {@code ArchitectureTest}), so a meaning both need is a value each holds, held equal
 * here.
 */
class CustomerTokenAgreementTest {

    @Test
    void noPasswordSetIsTheCredentialVersionThatCustomerTokensKnowByThatName() {
        assertThat(Credentials.NO_PASSWORD_SET).isEqualTo(CustomerToken.NO_PASSWORD_SET);
    }
}
