package dev.patron.command.customer.login;

import static dev.patron.command.customer.ImportedHashes.bcrypt;
import static dev.patron.command.customer.ImportedHashes.storageForm;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.patron.command.customer.Argon2idPasswordEncoder;
import dev.patron.command.customer.CustomerPasswordEncoder;
import org.junit.jupiter.api.Test;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder.BCryptVersion;

/** The password of an attempt is compared and, once it matched, hashed anew, all without leaving the component. */
class PasswordAttemptsTest {

    private static final String PASSWORD = "Lagavulin-16-years";
    private static final Argon2idPasswordEncoder ARGON2ID = new Argon2idPasswordEncoder();
    private final PasswordAttempts passwords = new PasswordAttempts(new CustomerPasswordEncoder(ARGON2ID));
    private final String importedHash = storageForm(bcrypt(BCryptVersion.$2B, PASSWORD));

    @Test
    void anImportedHashNeedsAnUpgradeAndPatronsOwnDoesNot() {
        assertThat(passwords.needsUpgrade(importedHash)).isTrue();
        assertThat(passwords.needsUpgrade(ARGON2ID.encode(PASSWORD))).isFalse();
    }

    @Test
    void theNewHashOfAMatchedAttemptIsPatronsArgon2idOfItsPassword() {
        String newHash = passwords.during(PASSWORD, attemptId -> {
            assertThat(passwords.matches(attemptId, importedHash)).isTrue();
            return passwords.newHash(attemptId);
        });

        assertThat(newHash).startsWith("$argon2id$v=19$m=19456,t=2,p=1$");
        assertThat(ARGON2ID.matches(PASSWORD, newHash)).isTrue();
    }

    @Test
    void anAttemptThatMatchedNothingIsNeverHashed() {
        passwords.during("Lagavulin-15-years", attemptId -> {
            assertThatThrownBy(() -> passwords.newHash(attemptId)).isInstanceOf(IllegalStateException.class);
            assertThat(passwords.matches(attemptId, importedHash)).isFalse();
            assertThatThrownBy(() -> passwords.newHash(attemptId)).isInstanceOf(IllegalStateException.class);
            return null;
        });
    }

    @Test
    void noAttemptOutlivesItsSignIn() {
        String closed = passwords.during(PASSWORD, attemptId -> {
            passwords.matches(attemptId, importedHash);
            return attemptId;
        });

        assertThatThrownBy(() -> passwords.newHash(closed)).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> passwords.matches(closed, importedHash)).isInstanceOf(IllegalStateException.class);
    }
}
