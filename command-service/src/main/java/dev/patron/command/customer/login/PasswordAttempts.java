package dev.patron.command.customer.login;

import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Component;

/**
 * Takes a password from the request that supplied it to the Customer aggregate's sign-in handler without putting it
 * into any message: the request holds it here under a random id while the sign-in runs, the command names only that
 * id, and the handler (given this component by Axon) compares it with the stored hash here. That works because a
 * command is handled in the process that sent it (Axon's local command bus); a handler anywhere else would find no
 * password and fail, never match.
 */
@Component
public class PasswordAttempts {

    private final PasswordEncoder passwordEncoder;
    /** Compared with when there is no hash, so that checking nothing costs what checking a password costs. */
    private final String hashOfNoPassword;
    private final Map<String, String> open = new ConcurrentHashMap<>();

    public PasswordAttempts(PasswordEncoder passwordEncoder) {
        this.passwordEncoder = passwordEncoder;
        this.hashOfNoPassword = passwordEncoder.encode(UUID.randomUUID().toString());
    }

    /** Runs {@code signIn} with the id of an attempt holding {@code password}; forgets the password afterwards. */
    public <T> T during(String password, Function<String, T> signIn) {
        String attemptId = UUID.randomUUID().toString();
        open.put(attemptId, password);
        try {
            return signIn.apply(attemptId);
        } finally {
            open.remove(attemptId);
        }
    }

    /**
     * Whether the attempt's password is the one {@code passwordHash} was made from. Without a hash ({@code null}: no
     * such customer, or one without a password) it never matches, after taking as long as a real comparison.
     */
    public boolean matches(String attemptId, String passwordHash) {
        String password = open.get(attemptId);
        if (password == null) {
            throw new IllegalStateException("No password attempt " + attemptId + " is open in this process");
        }
        if (passwordHash == null) {
            passwordEncoder.matches(password, hashOfNoPassword);
            return false;
        }
        return passwordEncoder.matches(password, passwordHash);
    }
}
