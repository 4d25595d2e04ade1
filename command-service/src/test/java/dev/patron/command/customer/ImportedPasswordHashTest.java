package dev.patron.command.customer;

import static dev.patron.command.customer.ImportedHashes.argon2;
import static dev.patron.command.customer.ImportedHashes.bcrypt;
import static dev.patron.command.customer.ImportedHashes.djangoPbkdf2;
import static dev.patron.command.customer.ImportedHashes.passlibPbkdf2;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.patron.command.customer.ImportedPasswordHash.Accepted;
import dev.patron.command.customer.ImportedPasswordHash.Refused;
import java.time.Duration;
import org.bouncycastle.crypto.params.Argon2Parameters;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder.BCryptVersion;

/**
 * What the import may bring: real hashes of each accepted encoding, made here or published with a known password,
 * become a storage form that {@link CustomerPasswordEncoder} checks against that password; anything else is refused
 * with a reason.
 */
class ImportedPasswordHashTest {

    private static final String PASSWORD = "Lagavulin-16-years";
    private static final CustomerPasswordEncoder ENCODER = new CustomerPasswordEncoder(new Argon2idPasswordEncoder());

    /** Accepted as {@code {id}} and the hash unchanged, and that storage form checks the password and only it. */
    private static void assertImported(String hash, String id, String password) {
        assertThat(ImportedPasswordHash.check(hash)).isEqualTo(new Accepted("{" + id + "}" + hash));
        String storageForm = "{" + id + "}" + hash;
        assertThat(ImportedPasswordHash.isStorageForm(storageForm)).isTrue();
        assertThat(ENCODER.matches(password, storageForm)).as("the right password").isTrue();
        assertThat(ENCODER.matches(password + "!", storageForm)).as("another password").isFalse();
        assertThat(ENCODER.upgradeEncoding(storageForm)).as("due for an upgrade").isTrue();
    }

    private static void assertRefused(String hash, String reason) {
        assertThat(ImportedPasswordHash.check(hash)).isEqualTo(new Refused(reason));
    }

    @Nested
    class Bcrypt {

        @ParameterizedTest
        @EnumSource(value = BCryptVersion.class, names = {"$2A", "$2B", "$2Y"})
        void ofEachVersionIsImported(BCryptVersion version) {
            String hash = bcrypt(version, PASSWORD);
            assertThat(hash).startsWith(version.getVersion() + "$04$");

            assertImported(hash, "bcrypt", PASSWORD);
        }

        @Test
        void truncatedOrAlteredIsRefusedAsMalformed() {
            String hash = bcrypt(BCryptVersion.$2B, PASSWORD);

            assertRefused(hash.substring(0, hash.length() - 1), ImportedPasswordHash.MALFORMED_BCRYPT);
            assertRefused(hash + "A", ImportedPasswordHash.MALFORMED_BCRYPT);
            assertRefused(hash.replace("$04$", "$03$"), ImportedPasswordHash.MALFORMED_BCRYPT);
            assertRefused(hash.replace("$04$", "$32$"), ImportedPasswordHash.MALFORMED_BCRYPT);
            assertRefused(hash.substring(0, 20) + "!" + hash.substring(21), ImportedPasswordHash.MALFORMED_BCRYPT);
            assertRefused("$2a$bogus", ImportedPasswordHash.MALFORMED_BCRYPT);
        }

        @Test
        void aCostAboveTheBoundIsRefusedSayingSo() {
            String hash = bcrypt(BCryptVersion.$2A, PASSWORD).replace("$04$", "$17$");

            assertRefused(hash, "password_hash is a bcrypt hash of cost 17; at most 16 is imported,"
                    + " so that checking it at sign-in stays affordable");
        }

        @Test
        void otherVersionsAreNotAmongTheEncodings() {
            assertRefused(bcrypt(BCryptVersion.$2A, PASSWORD).replace("$2a$", "$2x$"), ImportedPasswordHash.NOT_A_HASH);
            assertRefused(bcrypt(BCryptVersion.$2A, PASSWORD).replace("$2a$", "$2$"), ImportedPasswordHash.NOT_A_HASH);
        }
    }

    @Nested
    class Argon2 {

        @ParameterizedTest
        @ValueSource(ints = {Argon2Parameters.ARGON2_id, Argon2Parameters.ARGON2_i, Argon2Parameters.ARGON2_d})
        void ofEachTypeIsImported(int type) {
            assertImported(argon2(type, PASSWORD), "argon2", PASSWORD);
        }

        /** The reference implementation's own vectors (phc-winner-argon2, src/test.c): "password", "somesalt". */
        @Test
        void theReferenceVectorsAreImported() {
            assertImported("$argon2id$v=19$m=65536,t=2,p=1$c29tZXNhbHQ$CTFhFdXPJO1aFaMaO6Mm5c8y7cJHAph8ArZWb2GRPPc",
                    "argon2", "password");
            assertImported("$argon2i$v=19$m=65536,t=2,p=1$c29tZXNhbHQ$wWKIMhR9lyDFvRz9YTZweHKfbftvj+qf+YFY4NeBbtA",
                    "argon2", "password");
        }

        @Test
        void truncatedOrOffStandardIsRefusedAsMalformed() {
            String hash = argon2(Argon2Parameters.ARGON2_id, PASSWORD);

            assertRefused(hash.substring(0, hash.length() - 22), ImportedPasswordHash.MALFORMED_ARGON2);
            assertRefused(hash.substring(0, hash.length() - 23), ImportedPasswordHash.MALFORMED_ARGON2);
            assertRefused(hash.substring(0, hash.lastIndexOf('$')), ImportedPasswordHash.MALFORMED_ARGON2);
            assertRefused(hash.replace("v=19", "v=16"), ImportedPasswordHash.MALFORMED_ARGON2);
            assertRefused(hash.replace("v=19$", ""), ImportedPasswordHash.MALFORMED_ARGON2);
            assertRefused(hash.replace("m=1024", "m=7"), ImportedPasswordHash.MALFORMED_ARGON2);
            assertRefused(hash.replace("p=1", "p=0"), ImportedPasswordHash.MALFORMED_ARGON2);
            assertRefused(hash + "=", ImportedPasswordHash.MALFORMED_ARGON2);
            assertRefused("$argon2id$hunter2", ImportedPasswordHash.MALFORMED_ARGON2);
        }

        @Test
        void costsAboveTheBoundAreRefusedSayingSo() {
            String hash = argon2(Argon2Parameters.ARGON2_id, PASSWORD);
            String tooMuch = "; at most 262144 KiB and 10 iterations are imported,"
                    + " so that checking it at sign-in stays affordable";

            assertRefused(hash.replace("m=1024", "m=1048576"),
                    "password_hash is an Argon2 hash of 1048576 KiB and 1 iterations" + tooMuch);
            assertRefused(hash.replace("t=1", "t=4000000000"),
                    "password_hash is an Argon2 hash of 1024 KiB and 4000000000 iterations" + tooMuch);
            assertThat(ImportedPasswordHash.check(hash.replace("m=1024", "m=262144"))).isInstanceOf(Accepted.class);
            assertThat(ImportedPasswordHash.check(hash.replace("t=1", "t=10"))).isInstanceOf(Accepted.class);
        }
    }

    @Nested
    class Pbkdf2Sha256 {

        @Test
        void inPasslibsFormatIsImported() {
            assertImported(passlibPbkdf2(PASSWORD, 1000), "pbkdf2-sha256", PASSWORD);
        }

        @Test
        void inDjangosFormatIsImported() {
            assertImported(djangoPbkdf2(PASSWORD, 1000), "pbkdf2-sha256", PASSWORD);
        }

        /** passlib's own test vectors (passlib/tests/test_handlers.py), one of them a non-ASCII password. */
        @Test
        void passlibsPublishedVectorsAreImported() {
            assertImported("$pbkdf2-sha256$1212$4vjV83LKPjQzk31VI4E0Vw$hsYF68OiOUPdDZ1Fg.fJPeq1h/gXXY7acBp9/6c.tmQ",
                    "pbkdf2-sha256", "password");
            assertImported("$pbkdf2-sha256$1212$3SABFJGDtyhrQMVt1uABPw$WyaUoqCLgvz97s523nF4iuOqZNbp5Nt8do/cuaa7AiI",
                    "pbkdf2-sha256", "\u0399\u03c9\u03b1\u03bd\u03bd\u03b7\u03c2");
        }

        /** Django's own test vectors (tests/auth_tests/test_hashers.py, Django 1.9): salt "seasalt", "seasalt2". */
        @Test
        void djangosPublishedVectorsAreImported() {
            assertImported("pbkdf2_sha256$20000$seasalt$oBSd886ysm3AqYun62DOdin8YcfbU1z9cksZSuLP9r0=",
                    "pbkdf2-sha256", "lètmein");
            assertImported("pbkdf2_sha256$20000$seasalt2$Flpve/uAcyo6+IFI6YAhjeABGPVbRQjzHDxRhqxewgw=",
                    "pbkdf2-sha256", "lètmein");
        }

        @Test
        void truncatedOrOffStandardIsRefusedAsMalformed() {
            String passlib = passlibPbkdf2(PASSWORD, 1000);
            String django = djangoPbkdf2(PASSWORD, 1000);

            assertRefused(passlib.substring(0, passlib.length() - 1), ImportedPasswordHash.MALFORMED_PBKDF2);
            assertRefused(passlib.replace("$1000$", "$0$"), ImportedPasswordHash.MALFORMED_PBKDF2);
            assertRefused(passlib.replace("$1000$", "$01000$"), ImportedPasswordHash.MALFORMED_PBKDF2);
            assertRefused("$pbkdf2-sha256$1212$4vjV83LKPjQzk31VI4E0Vw$hsYF68OiOUPdDZ1Fg+fJPeq1h/gXXY7acBp9/6c+tmQ",
                    ImportedPasswordHash.MALFORMED_PBKDF2);
            assertRefused("$pbkdf2-sha256$1000$$" + passlib.substring(passlib.lastIndexOf('$') + 1),
                    ImportedPasswordHash.MALFORMED_PBKDF2);
            assertRefused(django.substring(0, django.length() - 1), ImportedPasswordHash.MALFORMED_PBKDF2);
            assertRefused(django.substring(0, django.length() - 2) + "==", ImportedPasswordHash.MALFORMED_PBKDF2);
            assertRefused(django.replace("pbkdf2_sha256$1000$", "pbkdf2_sha256$1000$a b"),
                    ImportedPasswordHash.MALFORMED_PBKDF2);
            assertRefused("pbkdf2_sha256$1000$$" + django.substring(django.lastIndexOf('$') + 1),
                    ImportedPasswordHash.MALFORMED_PBKDF2);
            assertRefused("pbkdf2_sha256$hunter2", ImportedPasswordHash.MALFORMED_PBKDF2);
        }

        @Test
        void aHashBeyondTheBoundIsNeverWorkedOnAtSignIn() {
            String twoBillionRounds =
                    "{pbkdf2-sha256}" + passlibPbkdf2(PASSWORD, 1000).replace("$1000$", "$2000000000$");

            assertThat(assertTimeoutPreemptively(Duration.ofSeconds(10),
                    () -> ENCODER.matches(PASSWORD, twoBillionRounds))).isFalse();
        }

        @Test
        void roundsAboveTheBoundAreRefusedSayingSo() {
            String tooMany = " rounds; at most 10000000 are imported, so that checking it at sign-in stays affordable";

            assertRefused(passlibPbkdf2(PASSWORD, 1000).replace("$1000$", "$10000001$"),
                    "password_hash is a PBKDF2-SHA256 hash of 10000001" + tooMany);
            assertRefused(djangoPbkdf2(PASSWORD, 1000).replace("$1000$", "$9999999999$"),
                    "password_hash is a PBKDF2-SHA256 hash of 9999999999" + tooMany);
        }
    }

    @Nested
    class Refusal {

        @ParameterizedTest
        @ValueSource(strings = {"hunter2", "correct horse battery staple", "", " ", "{bcrypt}hunter2",
                "{noop}hunter2", "5f4dcc3b5aa765d61d8327deb882cf99", "$1$saltsalt$qjXMvbEw8oaL.CzflDugX/",
                "$5$rounds=5000$saltsalt$Gq7D3yvhwXi8VjvR1zAE0nQkfuOlLKw9ntPNW/6zkpC",
                "pbkdf2_sha1$20000$seasalt2$pJt86NmjAweBY1StBvxCu7l1o9o=", "$argon2$v=19$m=1024,t=1,p=1$c2FsdA$aGFzaA"})
        void ofAnythingButTheAcceptedEncodingsSaysPlaintextIsNotImported(String notAHash) {
            assertRefused(notAHash, ImportedPasswordHash.NOT_A_HASH);
        }

        @Test
        void ofNothingSaysTheSame() {
            assertRefused(null, ImportedPasswordHash.NOT_A_HASH);
        }

        @Test
        void ofAHashWithSurroundingSpaceIsRefused() {
            String hash = bcrypt(BCryptVersion.$2A, PASSWORD);

            assertThat(ImportedPasswordHash.check(" " + hash)).isEqualTo(new Refused(ImportedPasswordHash.NOT_A_HASH));
            assertThat(ImportedPasswordHash.check(hash + "\n"))
                    .isEqualTo(new Refused(ImportedPasswordHash.MALFORMED_BCRYPT));
        }

        @Test
        void neverRepeatsTheValueWhichMayBeAPassword() {
            for (String value : new String[]{"hunter2-hunter2", "$2a$hunter2-hunter2", "$argon2id$hunter2-hunter2",
                    "$pbkdf2-sha256$hunter2-hunter2", "pbkdf2_sha256$hunter2-hunter2"}) {
                assertThat(ImportedPasswordHash.check(value)).isInstanceOfSatisfying(Refused.class,
                        refused -> assertThat(refused.reason()).doesNotContain("hunter2"));
            }
        }
    }

    @Nested
    class StorageForm {

        @Test
        void isTheHashUnderTheIdOfItsFormatOnly() {
            String bcrypt = bcrypt(BCryptVersion.$2A, PASSWORD);
            String passlib = passlibPbkdf2(PASSWORD, 1000);

            assertThat(ImportedPasswordHash.isStorageForm("{bcrypt}" + bcrypt)).isTrue();
            assertThat(ImportedPasswordHash.isStorageForm("{argon2}" + bcrypt)).isFalse();
            assertThat(ImportedPasswordHash.isStorageForm("{pbkdf2-sha256}" + bcrypt)).isFalse();
            assertThat(ImportedPasswordHash.isStorageForm("{bcrypt}" + passlib)).isFalse();
            assertThat(ImportedPasswordHash.isStorageForm(bcrypt)).isFalse();
            assertThat(ImportedPasswordHash.isStorageForm("{bcrypt}{bcrypt}" + bcrypt)).isFalse();
            assertThat(ImportedPasswordHash.isStorageForm("{bcrypt}hunter2")).isFalse();
            assertThat(ImportedPasswordHash.isStorageForm("{noop}hunter2")).isFalse();
            assertThat(ImportedPasswordHash.isStorageForm("}{bcrypt}" + bcrypt)).isFalse();
        }

        @Test
        void ofPatronsOwnArgon2idIsNotAnImportedOne() {
            String patrons = ENCODER.encode(PASSWORD);

            assertThat(patrons).as("new passwords are hashed as ever").startsWith("$argon2id$v=19$m=19456,t=2,p=1$");
            assertThat(ImportedPasswordHash.isStorageForm(patrons)).isFalse();
            assertThat(ENCODER.upgradeEncoding(patrons)).isFalse();
            assertThat(ENCODER.matches(PASSWORD, patrons)).isTrue();
        }
    }
}
