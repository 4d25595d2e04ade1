package dev.patron.command.customer;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Email addresses as customers' unique keys: kept as entered, compared case-insensitively. The syntax check is
 * deliberately plain (something@domain.tld, no spaces, RFC 5321 lengths): whether an address really receives
 * mail only a sent mail can tell.
 */
public final class EmailAddresses {

    private static final Pattern SYNTAX = Pattern.compile("[^\\s@]{1,64}@[^\\s@.]+(\\.[^\\s@.]+)+");
    private static final int MAX_LENGTH = 254;

    private EmailAddresses() {
    }

    public static boolean isValid(String address) {
        return address.length() <= MAX_LENGTH && SYNTAX.matcher(address).matches();
    }

    /** The form two addresses share exactly when they are the same address. */
    public static String normalise(String address) {
        return address.trim().toLowerCase(Locale.ROOT);
    }

    static boolean sameAddress(String one, String other) {
        return normalise(one).equals(normalise(other));
    }
}
