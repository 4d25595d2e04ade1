package dev.patron.command.customer;

import java.util.Map;
import org.springframework.security.crypto.argon2.Argon2PasswordEncoder;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.password.DelegatingPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Component;

/**
 * Customers' password hashes as sign-in compares them: Patron's own Argon2id hash, a bare PHC string as every hash
 * Patron makes, or a hash imported from a store's previous platform, stored as {@code {id}} followed by the hash (see
 * {@link ImportedPasswordHash}), whose id picks the encoder that checks it. An imported hash is due for an upgrade
 * ({@link #upgradeEncoding}): once a sign-in has proved its password, that password is hashed anew with Argon2id
 * ({@link #encode}, as every new password). Every comparison, whatever the algorithm, takes one of the permits of
 * {@link Argon2idPasswordEncoder}.
 */
@Component
public class CustomerPasswordEncoder implements PasswordEncoder {

    private final Argon2idPasswordEncoder argon2id;
    private final DelegatingPasswordEncoder byPrefix;

    public CustomerPasswordEncoder(Argon2idPasswordEncoder argon2id) {
        this.argon2id = argon2id;
        // Spring's bcrypt and Argon2 encoders read the cost from the hash; the settings given here are for encoding,
        // which never happens in these formats.
        Map<String, PasswordEncoder> importedFormats = Map.of(
                ImportedPasswordHash.BCRYPT, underPermit(new BCryptPasswordEncoder()),
                ImportedPasswordHash.ARGON2, underPermit(Argon2PasswordEncoder.defaultsForSpringSecurity_v5_8()),
                ImportedPasswordHash.PBKDF2_SHA256, underPermit(new Pbkdf2Sha256PasswordEncoder()));
        // The delegating encoder must be told an id to encode with; it is never asked to encode.
        this.byPrefix = new DelegatingPasswordEncoder(ImportedPasswordHash.ARGON2, importedFormats);
        this.byPrefix.setDefaultPasswordEncoderForMatches(argon2id);
    }

    /** Argon2id, unprefixed, as every hash Patron has made. */
    @Override
    public String encode(CharSequence rawPassword) {
        return argon2id.encode(rawPassword);
    }

    @Override
    public boolean matches(CharSequence rawPassword, String passwordHash) {
        return byPrefix.matches(rawPassword, passwordHash);
    }

    /**
     * Exactly the imported hashes, the only ones with an {@code {id}} prefix. Not the delegating encoder's answer,
     * which is yes for every hash without the prefix it encodes with: here that is Patron's own.
     */
    @Override
    public boolean upgradeEncoding(String passwordHash) {
        return passwordHash != null && passwordHash.startsWith("{");
    }

    /** {@code verifier}, its comparisons bounded with Argon2id's. */
    private PasswordEncoder underPermit(PasswordEncoder verifier) {
        return new PasswordEncoder() {
            @Override
            public String encode(CharSequence rawPassword) {
                throw new UnsupportedOperationException("Imported hash formats are only checked, never made");
            }

            @Override
            public boolean matches(CharSequence rawPassword, String encodedPassword) {
                return argon2id.withPermit(() -> verifier.matches(rawPassword, encodedPassword));
            }
        };
    }
}
