package dev.patron.command.cart;

import dev.patron.contract.ApiException;
import dev.patron.kit.security.Caller;
import java.util.Currency;
import java.util.Locale;
import java.util.regex.Pattern;
import org.springframework.http.HttpStatus;

/**
 * The parts of a cart request besides its body, checked the same way for every cart call: the reference in the path,
 * the currency header, and who is calling.
 */
public final class CartRequests {

    public static final String CURRENCY_HEADER = "X-Moltin-Currency";
    /** Letters, digits and {@code - _ .}: safe in a path and a log line, and long enough for any generated id. */
    private static final Pattern REFERENCE = Pattern.compile("[A-Za-z0-9_.-]{1,128}");
    private static final Pattern CURRENCY_CODE = Pattern.compile("[A-Za-z]{3}");

    private CartRequests() {
    }

    public static String reference(String reference) {
        if (!REFERENCE.matcher(reference).matches()) {
            throw new ApiException(HttpStatus.BAD_REQUEST,
                    "A cart reference is 1 to 128 letters, digits, '-', '_' or '.'", "reference");
        }
        return reference;
    }

    /** @param header the {@code X-Moltin-Currency} value, or {@code null} when the request has none */
    public static CartCurrency currency(String header, String storeDefault) {
        if (header == null) {
            return new CartCurrency(null, storeDefault);
        }
        String code = header.strip().toUpperCase(Locale.ROOT);
        if (!CURRENCY_CODE.matcher(code).matches() || !isKnown(code)) {
            throw new ApiException(HttpStatus.BAD_REQUEST,
                    CURRENCY_HEADER + " must be an ISO 4217 currency code, such as USD", CURRENCY_HEADER);
        }
        return new CartCurrency(code, storeDefault);
    }

    public static CartAccess access(Caller caller) {
        return new CartAccess(caller.isBackOffice(), caller.customerId().orElse(null));
    }

    private static boolean isKnown(String code) {
        try {
            Currency.getInstance(code);
            return true;
        } catch (IllegalArgumentException unknown) {
            return false;
        }
    }
}
