package dev.patron.command.customer;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;
import org.bouncycastle.crypto.generators.Argon2BytesGenerator;
import org.bouncycastle.crypto.params.Argon2Parameters;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder.BCryptVersion;

/**
 * Hashes as other platforms write them, made here from a password, and their storage forms as the import gets them
 * from {@link ImportedPasswordHash}. Costs are low, to keep tests quick; the formats are the real ones.
 */
public final class ImportedHashes {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Base64.Encoder PHC_BASE64 = Base64.getEncoder().withoutPadding();

    private ImportedHashes() {
    }

    /** {@code $2a$}, {@code $2b$} or {@code $2y$} by Spring's encoder, at the lowest cost (4). */
    public static String bcrypt(BCryptVersion version, String password) {
        return new BCryptPasswordEncoder(version, 4).encode(password);
    }

    /** {@code $argon2i$}, {@code $argon2d$} or {@code $argon2id$} in PHC form, 1 MiB, 1 pass. */
    public static String argon2(int type, String password) {
        byte[] salt = randomBytes(16);
        Argon2BytesGenerator argon2 = new Argon2BytesGenerator();
        argon2.init(new Argon2Parameters.Builder(type).withVersion(Argon2Parameters.ARGON2_VERSION_13)
                .withMemoryAsKB(1024).withIterations(1).withParallelism(1).withSalt(salt).build());
        byte[] hash = new byte[32];
        argon2.generateBytes(password.getBytes(StandardCharsets.UTF_8), hash);
        String name = switch (type) {
            case Argon2Parameters.ARGON2_i -> "argon2i";
            case Argon2Parameters.ARGON2_d -> "argon2d";
            default -> "argon2id";
        };
        return "$" + name + "$v=19$m=1024,t=1,p=1$" + PHC_BASE64.encodeToString(salt) + "$"
                + PHC_BASE64.encodeToString(hash);
    }

    /** passlib's {@code $pbkdf2-sha256$<rounds>$<salt>$<hash>}: adapted base64, a 16-byte salt as passlib makes. */
    public static String passlibPbkdf2(String password, int rounds) {
        byte[] salt = randomBytes(16);
        return "$pbkdf2-sha256$" + rounds + "$" + adaptedBase64(salt) + "$"
                + adaptedBase64(pbkdf2Sha256(password, salt, rounds));
    }

    /** Django's {@code pbkdf2_sha256$<iterations>$<salt>$<hash>}, the salt 22 letters and digits as Django makes. */
    public static String djangoPbkdf2(String password, int iterations) {
        String salt = PHC_BASE64.encodeToString(randomBytes(22)).replaceAll("[+/]", "x").substring(0, 22);
        return "pbkdf2_sha256$" + iterations + "$" + salt + "$" + Base64.getEncoder().encodeToString(
                pbkdf2Sha256(password, salt.getBytes(StandardCharsets.UTF_8), iterations));
    }

    /** What the import gets from {@link ImportedPasswordHash#check} for a hash it accepts. */
    public static String storageForm(String hash) {
        ImportedPasswordHash.Outcome outcome = ImportedPasswordHash.check(hash);
        if (outcome instanceof ImportedPasswordHash.Accepted accepted) {
            return accepted.storageForm();
        }
        throw new AssertionError("Refused: " + outcome);
    }

    static byte[] pbkdf2Sha256(String password, byte[] salt, int rounds) {
        try {
            return SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256")
                    .generateSecret(new PBEKeySpec(password.toCharArray(), salt, rounds, 256)).getEncoded();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String adaptedBase64(byte[] bytes) {
        return PHC_BASE64.encodeToString(bytes).replace('+', '.');
    }

    private static byte[] randomBytes(int count) {
        byte[] bytes = new byte[count];
        RANDOM.nextBytes(bytes);
        return bytes;
    }
}
