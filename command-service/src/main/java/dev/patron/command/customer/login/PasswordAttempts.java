package dev.patron.command.customer.login;

import dev.patron.command.customer.CustomerPasswordEncoder;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.springframework.stereotype.Component;

/**
 * Takes a password from the request that supplied it to the Customer aggregate's sign-in handler without putting it
 * into any message: the request holds it here under a random id while the sign-in runs, the command names only that
 * id, and the handler (given this component by Axon) compares it with the stored hash here. That works because a
 * command is handled in the process that sent it (Axon's local command bus); a handler anywhere else would find no
 * password and fail, never match. An imported hash that the password matched is replaced by a new hash of it made
 * here too, so the plaintext stays in this component for that as well.
 */
@Component
public class PasswordAttempts {

    private final CustomerPasswordEncoder passwordEncoder;
    /** Compared with when there is no hash, so that checking nothing costs what checking a password costs. */
    private final String hashOfNoPassword;
    private final Map<String, String> open = new ConcurrentHashMap<>();
    /** The open attempts whose password matched the hash compared with: only theirs may be hashed anew. */
    private final Set<String> matched = ConcurrentHashMap.newKeySet();

    public PasswordAttempts(CustomerPasswordEncoder passwordEncoder) {
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
            matched.remove(attemptId);
        }
    }

    /**
     * Whether the attempt's password is the one {@code passwordHash} was made from. Without a hash ({@code null}: no
     * such customer, or one without a password) it never matches, after taking as long as a real comparison.
     */
    public boolean matches(String attemptId, String passwordHash) {
        String password = password(attemptId);
        if (passwordHash == null) {
            passwordEncoder.matches(password, hashOfNoPassword);
            return false;
        }
        if (!passwordEncoder.matches(password, passwordHash)) {
            return false;
        }
        matched.add(attemptId);
        return true;
    }

    /** Whether {@code passwordHash} is to be replaced by Patron's own once its password is known: an imported one. */
    public boolean needsUpgrade(String passwordHash) {
        return passwordEncoder.upgradeEncoding(passwordHash);
    }

    /**
     * A new Argon2id hash of the attempt's password, to replace the imported hash it has just matched. Refused for an
     * attempt that matched nothing: its hash would make whatever was typed the customer's password.
     */
    public String newHash(String attemptId) {
        String password = password(attemptId);
        if (!matched.contains(attemptId)) {
            throw new IllegalStateException("Password attempt " + attemptId + " has matched no hash");
        }
        return passwordEncoder.encode(password);
    }

    private String password(String attemptId) {
        String password = open.get(attemptId);
        if (password == null) {
            throw new IllegalStateException("No password attempt " + attemptId + " is open in this process");
        }
        return password;
    }
}
