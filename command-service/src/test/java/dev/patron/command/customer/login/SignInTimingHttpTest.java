package dev.patron.command.customer.login;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.clearInvocations;
import static org.mockito.Mockito.verify;

import dev.patron.command.customer.Argon2idPasswordEncoder;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;
import org.springframework.test.context.bean.override.mockito.MockitoSpyBean;

/**
 * A wrong password and an unknown address must not be told apart by how long the refusal takes. What decides the time
 * is the work: both must compare exactly one Argon2id hash of the same cost (an unknown address against a hash of no
 * real password), which is nearly all of a refusal's time. That is checked here on the work itself, with the real
 * encoder watched, rather than on wall-clock medians, which on a busy shared machine vary more from one call to the
 * next than the gap this guards against (a refusal that skipped the hash would do no Argon2id work at all).
 */
class SignInTimingHttpTest extends SignInHttpTestBase {

    private static final String PASSWORD = "Lagavulin-16-years";

    @MockitoSpyBean
    Argon2idPasswordEncoder argon2id;

    @Test
    void anUnknownAddressAndAWrongPasswordEachCostOneArgon2idComparisonOfTheSameCost() {
        String email = freshEmail();
        signUp(email, PASSWORD);

        String wrongPasswordHash = hashComparedByARefusal(email, "Lagavulin-15-years");
        String unknownAddressHash = hashComparedByARefusal(freshEmail(), PASSWORD);

        assertThat(costOf(unknownAddressHash)).isEqualTo(costOf(wrongPasswordHash)).startsWith("$argon2id$");
    }

    /** Signs in and expects a refusal; the hash that refusal compared the password with, exactly once. */
    private String hashComparedByARefusal(String email, String password) {
        clearInvocations(argon2id);
        assertThat(signIn(email, password).statusCode()).isEqualTo(401);
        ArgumentCaptor<String> hash = ArgumentCaptor.forClass(String.class);
        verify(argon2id).matches(any(), hash.capture());
        return hash.getValue();
    }

    /** The algorithm and its parameters, {@code $argon2id$v=19$m=..,t=..,p=..}: everything but salt and hash. */
    private static String costOf(String phcHash) {
        return phcHash.substring(0, phcHash.indexOf('$', phcHash.indexOf("$m=") + 1));
    }
}
