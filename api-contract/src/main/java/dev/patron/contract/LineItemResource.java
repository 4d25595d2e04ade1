package dev.patron.contract;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;

/**
 * A line of a cart ({@code cart_item}) or of an order ({@code order_item}), as the contract shows it: the price of one
 * ({@code unit_price}), of the line ({@code value}), and both for display.
 */
public record LineItemResource(
        String type,
        String id,
        String name,
        String description,
        String sku,
        int quantity,
        @JsonProperty("unit_price") Price unitPrice,
        Price value,
        Meta meta) {

    public static final String CART_ITEM = "cart_item";
    public static final String ORDER_ITEM = "order_item";

    /** @param meta timestamps of the line; {@code null} for an order's lines, which are the order's own */
    public static LineItemResource of(String type, String id, String name, String description, String sku,
                                      int quantity, long unitAmount, boolean includesTax, String currency,
                                      ResourceMeta.Timestamps timestamps) {
        long value = Math.multiplyExact(unitAmount, (long) quantity);
        Money unit = Money.of(unitAmount, currency);
        Money line = Money.of(value, currency);
        Money noTax = Money.of(0, currency);
        return new LineItemResource(type, id, name, description, sku, quantity,
                new Price(unitAmount, currency, includesTax), new Price(value, currency, includesTax),
                new Meta(new LineDisplayPrice(new UnitAndValue(unit, line), new UnitAndValue(unit, line),
                        new UnitAndValue(noTax, noTax)), timestamps));
    }

    public static ResourceMeta.Timestamps timestamps(Instant createdAt, Instant updatedAt) {
        return new ResourceMeta.Timestamps(createdAt, updatedAt);
    }

    /** A price as the client gave it. */
    public record Price(long amount, String currency, @JsonProperty("includes_tax") boolean includesTax) {
    }

    public record Meta(@JsonProperty("display_price") LineDisplayPrice displayPrice, ResourceMeta.Timestamps timestamps) {
    }

    public record LineDisplayPrice(
            @JsonProperty("with_tax") UnitAndValue withTax,
            @JsonProperty("without_tax") UnitAndValue withoutTax,
            UnitAndValue tax) {
    }

    public record UnitAndValue(Money unit, Money value) {
    }
}
