package dev.patron.contract;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * A cart's or an order's totals as the contract shows them in {@code meta.display_price}. Patron has no tax rates:
 * prices are taken as the client gives them, so the tax is 0 and both totals are the same sum.
 */
public record DisplayPrice(
        @JsonProperty("with_tax") Money withTax,
        @JsonProperty("without_tax") Money withoutTax,
        Money tax) {

    public static DisplayPrice of(long withoutTax, long tax, long withTax, String currency) {
        return new DisplayPrice(Money.of(withTax, currency), Money.of(withoutTax, currency), Money.of(tax, currency));
    }
}
