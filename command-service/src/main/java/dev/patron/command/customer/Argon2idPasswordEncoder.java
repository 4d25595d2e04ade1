package dev.patron.command.customer;

import java.util.concurrent.Semaphore;
import java.util.function.Supplier;
import org.springframework.security.crypto.argon2.Argon2PasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Component;

/**
 * Customers' password hashing: Argon2id at OWASP's recommended minimum (19 MiB of memory, 2 iterations,
 * parallelism 1), PHC string output. Each hash holds 19 MiB for its whole run, so at most one hash per core runs
 * at a time; a burst of sign-ups or logins queues here instead of exhausting the heap. Verifications of imported
 * hashes ({@link CustomerPasswordEncoder}) take the same permits: bcrypt and PBKDF2 keep a core as busy, and an
 * imported Argon2 hash may hold more memory still.
 */
@Component
public class Argon2idPasswordEncoder implements PasswordEncoder {

    static final int MEMORY_KIB = 19 * 1024;
    static final int ITERATIONS = 2;
    static final int PARALLELISM = 1;
    private static final int SALT_BYTES = 16;
    private static final int HASH_BYTES = 32;

    private final Argon2PasswordEncoder argon2 =
            new Argon2PasswordEncoder(SALT_BYTES, HASH_BYTES, PARALLELISM, MEMORY_KIB, ITERATIONS);
    private final Semaphore running = new Semaphore(Runtime.getRuntime().availableProcessors(), true);

    @Override
    public String encode(CharSequence rawPassword) {
        return withPermit(() -> argon2.encode(rawPassword));
    }

    @Override
    public boolean matches(CharSequence rawPassword, String encodedPassword) {
        return withPermit(() -> argon2.matches(rawPassword, encodedPassword));
    }

    /** Runs {@code hashing} once a permit is free; every password hash of this service runs this way. */
    <T> T withPermit(Supplier<T> hashing) {
        try {
            running.acquire();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while waiting to hash a password", e);
        }
        try {
            return hashing.get();
        } finally {
            running.release();
        }
    }
}
