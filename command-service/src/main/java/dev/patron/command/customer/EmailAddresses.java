package dev.patron.command.customer;

import dev.patron.contract.EmailSyntax;
import dev.patron.contract.TextRule;
import java.util.Locale;

/**
 * Email addresses as customers' unique keys: kept as entered, compared case-insensitively, of the syntax every email
 * address given to Patron has ({@link EmailSyntax}).
 */
public final class EmailAddresses {

    /** How an email address is read from a request, before its syntax is checked. */
    public static final TextRule TEXT = TextRule.line(EmailSyntax.MAX_LENGTH);

    private EmailAddresses() {
    }

    public static boolean isValid(String address) {
        return EmailSyntax.isValid(address);
    }

    /** The form two addresses share exactly when they are the same address. */
    public static String normalise(String address) {
        return address.trim().toLowerCase(Locale.ROOT);
    }

    static boolean sameAddress(String one, String other) {
        return normalise(one).equals(normalise(other));
    }
}
