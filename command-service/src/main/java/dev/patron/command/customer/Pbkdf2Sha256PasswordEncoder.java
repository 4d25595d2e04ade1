package dev.patron.command.customer;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;
import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * Verifies PBKDF2-HMAC-SHA256 hashes in their two common standard encodings, which Spring's
 * {@code Pbkdf2PasswordEncoder} cannot read (it takes the rounds from its configuration, not from the hash):
 * <ul>
 *   <li>passlib's {@code $pbkdf2-sha256$<rounds>$<salt>$<hash>}, salt and hash in adapted base64 (standard base64
 *       with {@code .} for {@code +}, no padding);
 *   <li>Django's {@code pbkdf2_sha256$<iterations>$<salt>$<hash>}, the salt as text whose UTF-8 bytes are the salt,
 *       the hash in standard base64.
 * </ul>
 * Both write the full 32 bytes of SHA-256, so a shorter hash is a truncated one and is not read. Only verifies: such
 * hashes are imported, never made (new passwords are hashed with Argon2id).
 */
final class Pbkdf2Sha256PasswordEncoder implements PasswordEncoder {

    /** About 8 s of one core: any more and an imported hash could make each sign-in with it a denial of service. */
    static final long MAX_ROUNDS = 10_000_000;
    private static final int HASH_BYTES = 32;
    /** passlib's own limit; Django's salts are 22 characters. */
    private static final int MAX_SALT_BYTES = 1024;
    /** Up to ten digits: beyond the limit, but read, so that the import can say the rounds are the problem. */
    private static final String ROUNDS = "([1-9][0-9]{0,9})";
    private static final Pattern PASSLIB =
            Pattern.compile("\\$pbkdf2-sha256\\$" + ROUNDS + "\\$([./A-Za-z0-9]+)\\$([./A-Za-z0-9]{43})");
    /** Django's salts are letters and digits; any printable ASCII but the separator is read. */
    private static final Pattern DJANGO =
            Pattern.compile("pbkdf2_sha256\\$" + ROUNDS + "\\$([!-#%-~]{1,1024})\\$([+/A-Za-z0-9]{43}=)");

    /** A hash in either encoding, read; its rounds are not yet held to {@link #MAX_ROUNDS}. */
    record Pbkdf2Hash(long rounds, byte[] salt, byte[] hash) {
    }

    /** The hash read, or empty if it is in neither encoding. */
    static Optional<Pbkdf2Hash> read(String encoded) {
        try {
            Matcher passlib = PASSLIB.matcher(encoded);
            if (passlib.matches()) {
                return hash(passlib.group(1), adaptedBase64(passlib.group(2)), adaptedBase64(passlib.group(3)));
            }
            Matcher django = DJANGO.matcher(encoded);
            if (django.matches()) {
                return hash(django.group(1), django.group(2).getBytes(StandardCharsets.UTF_8),
                        Base64.getDecoder().decode(django.group(3)));
            }
            return Optional.empty();
        } catch (IllegalArgumentException notBase64) {
            return Optional.empty();
        }
    }

    @Override
    public String encode(CharSequence rawPassword) {
        throw new UnsupportedOperationException(
                "PBKDF2-SHA256 hashes are imported, never made: new passwords are hashed with Argon2id");
    }

    @Override
    public boolean matches(CharSequence rawPassword, String encodedPassword) {
        Optional<Pbkdf2Hash> stored = read(encodedPassword).filter(hash -> hash.rounds() <= MAX_ROUNDS);
        return stored.isPresent()
                && MessageDigest.isEqual(derive(rawPassword, stored.get()), stored.get().hash());
    }

    private static byte[] derive(CharSequence rawPassword, Pbkdf2Hash stored) {
        PBEKeySpec spec = new PBEKeySpec(rawPassword.toString().toCharArray(), stored.salt(),
                Math.toIntExact(stored.rounds()), stored.hash().length * Byte.SIZE);
        try {
            // The JDK's PBKDF2 takes the password's UTF-8 bytes, as passlib and Django do.
            return SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256").generateSecret(spec).getEncoded();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("PBKDF2WithHmacSHA256 is part of every Java runtime", e);
        } finally {
            spec.clearPassword();
        }
    }

    private static Optional<Pbkdf2Hash> hash(String rounds, byte[] salt, byte[] hash) {
        if (salt.length == 0 || salt.length > MAX_SALT_BYTES || hash.length != HASH_BYTES) {
            return Optional.empty();
        }
        return Optional.of(new Pbkdf2Hash(Long.parseLong(rounds), salt, hash));
    }

    /** Throws {@link IllegalArgumentException} for text that is not base64, such as a length no bytes encode to. */
    private static byte[] adaptedBase64(String text) {
        return Base64.getDecoder().decode(text.replace('.', '+'));
    }
}
