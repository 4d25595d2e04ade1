package dev.patron.contract;

import java.util.regex.Pattern;

/**
 * What Patron takes as an email address, wherever one is given (a customer's, a guest's at checkout, a custom field's
 * with the {@code email} rule): {@code local@domain.tld}, at most 254 characters and 64 before the {@code @} (RFC
 * 5321). Deliberately plain: whether an address receives mail only a sent mail can tell. Any letter of any script
 * is taken (internationalised addresses, RFC 6531), but nothing a real address does not hold: no space of any kind
 * (the no-break spaces included), no control, format or unassigned character, no unpaired surrogate, none of the
 * characters RFC 5322 reserves outside quotes ({@code " ( ) , : ; < > [ \ ]}); quoted local parts are not taken.
 */
public final class EmailSyntax {

    public static final int MAX_LENGTH = 254;
    private static final String ADDRESS_CHARACTER = "[^\\p{Z}\\p{C}\"(),:;<>@\\[\\\\\\]]";
    private static final String LABEL_CHARACTER = "[^\\p{Z}\\p{C}\"(),:;<>@\\[\\\\\\].]";
    private static final Pattern ADDRESS = Pattern.compile(
            ADDRESS_CHARACTER + "{1,64}@" + LABEL_CHARACTER + "+(\\." + LABEL_CHARACTER + "+)+");

    private EmailSyntax() {
    }

    public static boolean isValid(String address) {
        return address.length() <= MAX_LENGTH && ADDRESS.matcher(address).matches();
    }
}
