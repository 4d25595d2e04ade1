package dev.patron.command.customer;

import java.util.Base64;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A customer's password hash as a store's previous platform made it, for the import: Patron has never seen the
 * password, so the hash is kept as it is, checked at the customer's first sign-in and then replaced by Patron's own
 * Argon2id hash ({@code PasswordHashUpgraded}). Exactly these standard encodings are accepted:
 * <ul>
 *   <li>bcrypt: {@code $2a$}, {@code $2b$} or {@code $2y$}, a two-digit cost, 53 characters of bcrypt's base64;
 *   <li>Argon2id, Argon2i or Argon2d in PHC form, version 19:
 *       {@code $argon2id$v=19$m=<KiB>,t=<iterations>,p=<lanes>$<salt>$<hash>};
 *   <li>PBKDF2-HMAC-SHA256 as passlib writes it ({@code $pbkdf2-sha256$<rounds>$<salt>$<hash>}) or as Django does
 *       ({@code pbkdf2_sha256$<iterations>$<salt>$<hash>}), see {@link Pbkdf2Sha256PasswordEncoder}.
 * </ul>
 * Anything else is refused, above all a plaintext password: taken for a hash it would be stored as the customer's
 * credential, readable as it is. The cost a hash asks for is bounded too: it is paid at every sign-in until the
 * upgrade, so an import must not be able to make one take minutes or gigabytes. An accepted hash is stored as
 * {@code {id}} followed by the hash as given, the id naming the encoder that checks it
 * ({@link CustomerPasswordEncoder}): {@code bcrypt}, {@code argon2} or {@code pbkdf2-sha256}. Refusals never repeat
 * the value, which may be a password.
 */
public final class ImportedPasswordHash {

    static final String BCRYPT = "bcrypt";
    static final String ARGON2 = "argon2";
    static final String PBKDF2_SHA256 = "pbkdf2-sha256";

    public static final String NOT_A_HASH = "password_hash must be an existing bcrypt, PBKDF2-SHA256 or Argon2 hash;"
            + " plaintext passwords are not imported";
    static final String MALFORMED_BCRYPT = "password_hash is not a well-formed bcrypt hash: $2a$, $2b$ or $2y$,"
            + " a cost from 04 to 31, $, then 53 characters of bcrypt's base64";
    static final String MALFORMED_ARGON2 = "password_hash is not a well-formed Argon2 hash: $argon2id$, $argon2i$"
            + " or $argon2d$, then v=19$m=<KiB>,t=<iterations>,p=<lanes>$<salt>$<hash>, salt (8 to 64 bytes) and"
            + " hash (16 to 64 bytes) in base64 without padding";
    static final String MALFORMED_PBKDF2 = "password_hash is not a well-formed PBKDF2-SHA256 hash:"
            + " $pbkdf2-sha256$<rounds>$<salt>$<hash> (passlib) or pbkdf2_sha256$<iterations>$<salt>$<hash> (Django),"
            + " with a 32-byte hash";
    private static final String AFFORDABLE = ", so that checking it at sign-in stays affordable";

    /** Each step up doubles the work: 16 is a few seconds of one core, 31 would be days. */
    static final int MAX_BCRYPT_COST = 16;
    /** Covers the defaults of PHP, Django, argon2-cffi and libsodium's moderate limit (256 MiB, 3 passes). */
    static final long MAX_ARGON2_MEMORY_KIB = 256 * 1024;
    static final long MAX_ARGON2_ITERATIONS = 10;
    private static final int MIN_ARGON2_SALT_BYTES = 8;
    private static final int MIN_ARGON2_HASH_BYTES = 16;
    private static final int MAX_ARGON2_SALT_OR_HASH_BYTES = 64;

    private static final Pattern BCRYPT_SCHEME = Pattern.compile("\\$2[aby]\\$");
    private static final Pattern BCRYPT_HASH =
            Pattern.compile("\\$2[aby]\\$(0[4-9]|[12][0-9]|3[01])\\$[./A-Za-z0-9]{53}");
    private static final Pattern ARGON2_SCHEME = Pattern.compile("\\$argon2(?:id|i|d)\\$");
    private static final Pattern ARGON2_HASH = Pattern.compile("\\$argon2(?:id|i|d)\\$v=19"
            + "\\$m=([1-9][0-9]{0,9}),t=([1-9][0-9]{0,9}),p=([1-9][0-9]{0,2})\\$([+/A-Za-z0-9]+)\\$([+/A-Za-z0-9]+)");
    private static final Pattern PBKDF2_SCHEME = Pattern.compile("\\$pbkdf2-sha256\\$|pbkdf2_sha256\\$");

    /** What the import makes of a customer's existing hash: {@link Accepted} or {@link Refused}. */
    public sealed interface Outcome permits Accepted, Refused {
    }

    /** @param storageForm the customer's {@code passwordHash} for {@link CreateCustomer} or {@link UpdateCustomer} */
    public record Accepted(String storageForm) implements Outcome {
    }

    /** @param reason what is wrong, for the import to show against the customer's row; never the value itself */
    public record Refused(String reason) implements Outcome {
    }

    private ImportedPasswordHash() {
    }

    /** Whether {@code hash} is one of the accepted encodings and in what form Patron stores it, or why not. */
    public static Outcome check(String hash) {
        if (hash == null) {
            return new Refused(NOT_A_HASH);
        }
        if (BCRYPT_SCHEME.matcher(hash).lookingAt()) {
            return bcrypt(hash);
        }
        if (ARGON2_SCHEME.matcher(hash).lookingAt()) {
            return argon2(hash);
        }
        if (PBKDF2_SCHEME.matcher(hash).lookingAt()) {
            return pbkdf2Sha256(hash);
        }
        return new Refused(NOT_A_HASH);
    }

    /** Whether {@code passwordHash} is what {@link #check} makes of an accepted hash, prefix and all. */
    static boolean isStorageForm(String passwordHash) {
        int idEnd = passwordHash.indexOf('}');
        return passwordHash.startsWith("{") && idEnd > 0
                && check(passwordHash.substring(idEnd + 1)) instanceof Accepted accepted
                && accepted.storageForm().equals(passwordHash);
    }

    private static Outcome bcrypt(String hash) {
        Matcher bcrypt = BCRYPT_HASH.matcher(hash);
        if (!bcrypt.matches()) {
            return new Refused(MALFORMED_BCRYPT);
        }
        int cost = Integer.parseInt(bcrypt.group(1));
        if (cost > MAX_BCRYPT_COST) {
            return new Refused("password_hash is a bcrypt hash of cost " + cost + "; at most " + MAX_BCRYPT_COST
                    + " is imported" + AFFORDABLE);
        }
        return accepted(BCRYPT, hash);
    }

    private static Outcome argon2(String hash) {
        Matcher argon2 = ARGON2_HASH.matcher(hash);
        if (!argon2.matches()) {
            return new Refused(MALFORMED_ARGON2);
        }
        long memoryKib = Long.parseLong(argon2.group(1));
        long iterations = Long.parseLong(argon2.group(2));
        int lanes = Integer.parseInt(argon2.group(3));
        // Argon2 itself needs 8 KiB per lane, and at most 255 lanes fit its PHC form.
        if (lanes > 255 || memoryKib < 8L * lanes || !hasUsualSaltAndHash(argon2.group(4), argon2.group(5))) {
            return new Refused(MALFORMED_ARGON2);
        }
        if (memoryKib > MAX_ARGON2_MEMORY_KIB || iterations > MAX_ARGON2_ITERATIONS) {
            return new Refused("password_hash is an Argon2 hash of " + memoryKib + " KiB and " + iterations
                    + " iterations; at most " + MAX_ARGON2_MEMORY_KIB + " KiB and " + MAX_ARGON2_ITERATIONS
                    + " iterations are imported" + AFFORDABLE);
        }
        return accepted(ARGON2, hash);
    }

    private static Outcome pbkdf2Sha256(String hash) {
        Optional<Pbkdf2Sha256PasswordEncoder.Pbkdf2Hash> pbkdf2 = Pbkdf2Sha256PasswordEncoder.read(hash);
        if (pbkdf2.isEmpty()) {
            return new Refused(MALFORMED_PBKDF2);
        }
        long rounds = pbkdf2.get().rounds();
        if (rounds > Pbkdf2Sha256PasswordEncoder.MAX_ROUNDS) {
            return new Refused("password_hash is a PBKDF2-SHA256 hash of " + rounds + " rounds; at most "
                    + Pbkdf2Sha256PasswordEncoder.MAX_ROUNDS + " are imported" + AFFORDABLE);
        }
        return accepted(PBKDF2_SHA256, hash);
    }

    private static Accepted accepted(String id, String hash) {
        return new Accepted("{" + id + "}" + hash);
    }

    /** Lengths that Argon2's implementations write and read; a shorter hash is a truncated one. */
    private static boolean hasUsualSaltAndHash(String salt, String hash) {
        try {
            return within(Base64.getDecoder().decode(salt), MIN_ARGON2_SALT_BYTES)
                    && within(Base64.getDecoder().decode(hash), MIN_ARGON2_HASH_BYTES);
        } catch (IllegalArgumentException notBase64) {
            return false;
        }
    }

    private static boolean within(byte[] bytes, int min) {
        return bytes.length >= min && bytes.length <= MAX_ARGON2_SALT_OR_HASH_BYTES;
    }
}
