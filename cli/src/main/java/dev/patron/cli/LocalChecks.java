package dev.patron.cli;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The rules checked here rather than on the server: a line that cannot be read, a plaintext password, and an
 * email that an earlier line of the same file already has (the server could not tell which of the two is meant,
 * and would answer the second as {@code already_imported}). Every line goes through, in file order, also the
 * lines a resumed run skips, so that a duplicate of an earlier line is still found.
 */
final class LocalChecks {

    static final String PLAINTEXT_PASSWORD = "plaintext passwords are not imported; give password_hash, an existing"
            + " bcrypt, PBKDF2-SHA256 or Argon2 hash";

    /** Normalised email to the line it first appeared on. */
    private final Map<String, Long> firstLineOfEmail = new HashMap<>();

    CustomerLine check(SourceRecord record) {
        List<String> errors = new ArrayList<>();
        if (record.unreadable() != null) {
            errors.add(record.unreadable());
        } else if (record.customer().has(CsvColumns.PASSWORD)) {
            errors.add(PLAINTEXT_PASSWORD);
        }
        if (record.email() != null && record.unreadable() == null) {
            String key = record.email().strip().toLowerCase(Locale.ROOT);
            if (!key.isEmpty()) {
                Long earlier = firstLineOfEmail.putIfAbsent(key, record.line());
                if (earlier != null) {
                    errors.add("duplicate email: also on line " + earlier);
                }
            }
        }
        return errors.isEmpty()
                ? new CustomerLine(record.line(), record.email(), record.customer(), List.of())
                : new CustomerLine(record.line(), record.email(), null, List.copyOf(errors));
    }
}
