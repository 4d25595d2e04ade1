package dev.patron.contract;

import java.math.BigDecimal;
import java.text.NumberFormat;
import java.util.Currency;
import java.util.Locale;

/**
 * An amount as the contract shows prices: {@code {"amount":1500,"currency":"USD","formatted":"$15.00"}}, the amount an
 * integer in the currency's minor unit.
 */
public record Money(long amount, String currency, String formatted) {

    public static Money of(long amount, String currencyCode) {
        return new Money(amount, currencyCode, format(amount, currencyCode));
    }

    /** In US English notation, with the currency's symbol where it has a well-known one ({@code $}, {@code €}). */
    private static String format(long amount, String currencyCode) {
        Currency currency = Currency.getInstance(currencyCode);
        int fractionDigits = Math.max(currency.getDefaultFractionDigits(), 0);
        NumberFormat number = NumberFormat.getNumberInstance(Locale.US);
        number.setMinimumFractionDigits(fractionDigits);
        number.setMaximumFractionDigits(fractionDigits);
        return currency.getSymbol(Locale.US) + number.format(BigDecimal.valueOf(amount, fractionDigits));
    }
}
