package dev.patron.command.cart;

import com.fasterxml.jackson.databind.JsonNode;
import dev.patron.contract.ApiError;
import dev.patron.contract.ApiException;
import dev.patron.contract.LineItemResource;
import dev.patron.contract.RequestDocument;
import dev.patron.contract.TextRule;
import dev.patron.contract.Validation;
import java.util.Optional;
import org.springframework.http.HttpStatus;

/**
 * The bodies of cart item requests, checked: 400 for a body of the wrong shape or a part of the wrong JSON type (a
 * quantity of {@code 1.5} or {@code "2"}, an amount that is not a whole number), 422 naming every part that breaks a
 * rule. Amounts are whole minor units; nothing is rounded or coerced.
 */
final class CartItemInput {

    static final String CUSTOM_ITEM = "custom_item";
    private static final TextRule NAME = TextRule.line(255);
    private static final TextRule SKU = TextRule.line(255);
    private static final TextRule DESCRIPTION = TextRule.lines(1024);

    private CartItemInput() {
    }

    /** {@code {"data":{"type":"custom_item","name","sku","description","quantity","price":{"amount","includes_tax"}}}} */
    static CartItem customItem(JsonNode body) {
        RequestDocument document = RequestDocument.read(body, CUSTOM_ITEM);
        String name = document.text("name", NAME);
        String sku = document.text("sku", SKU);
        String description = document.text("description", DESCRIPTION);
        Optional<Long> quantity = wholeNumber(document, document.node("quantity"), "quantity");
        JsonNode price = document.node("price");
        if (price != null && !price.isObject()) {
            throw new ApiException(HttpStatus.BAD_REQUEST, "price must be an object", document.sourceOf("price"));
        }
        Optional<Long> amount = price == null ? Optional.empty()
                : wholeNumber(document, price.get("amount"), "price.amount");
        JsonNode includesTax = price == null ? null : price.get("includes_tax");
        if (includesTax != null && !includesTax.isBoolean() && !includesTax.isNull()) {
            throw new ApiException(HttpStatus.BAD_REQUEST, "price.includes_tax must be true or false",
                    document.sourceOf("price.includes_tax"));
        }
        Validation validation = Validation.of(document);
        document.requireWellFormed();

        requireText(validation, document, "name", name);
        requireText(validation, document, "sku", sku);
        checkQuantity(validation, document, quantity, 1);
        validation.check(price != null, document.sourceOf("price"), "price is required");
        if (price != null) {
            validation.check(amount.isPresent(), document.sourceOf("price.amount"), "price.amount is required");
            amount.ifPresent(value -> validation.check(value >= 0 && value <= Cart.MAX_UNIT_AMOUNT,
                    document.sourceOf("price.amount"),
                    "price.amount must be between 0 and " + Cart.MAX_UNIT_AMOUNT + " (minor units, e.g. cents)"));
        }
        validation.throwIfInvalid();
        return new CartItem(sku, name, description, quantity.get().intValue(), amount.get(),
                includesTax == null || includesTax.isNull() || includesTax.booleanValue());
    }

    /** {@code {"data":{"type":"cart_item","quantity":3}}}: 0 takes the item out. */
    static int quantity(JsonNode body) {
        RequestDocument document = RequestDocument.read(body, LineItemResource.CART_ITEM);
        Optional<Long> quantity = wholeNumber(document, document.node("quantity"), "quantity");
        document.requireWellFormed();
        Validation validation = new Validation();
        checkQuantity(validation, document, quantity, 0);
        validation.throwIfInvalid();
        return quantity.get().intValue();
    }

    private static void checkQuantity(Validation validation, RequestDocument document, Optional<Long> quantity,
                                      int least) {
        validation.check(quantity.isPresent(), document.sourceOf("quantity"), "quantity is required");
        quantity.ifPresent(value -> validation.check(value >= least && value <= Cart.MAX_QUANTITY,
                document.sourceOf("quantity"), "quantity must be between " + least + " and " + Cart.MAX_QUANTITY));
    }

    private static void requireText(Validation validation, RequestDocument document, String field, String value) {
        validation.check(value != null && !value.isBlank(), document.sourceOf(field), field + " is required");
    }

    /**
     * A JSON integer, empty when absent or null. One too large for a {@code long} reads as {@link Long#MAX_VALUE}, so
     * that the range check reports it (422) rather than overflowing.
     */
    private static Optional<Long> wholeNumber(RequestDocument document, JsonNode value, String field) {
        if (value == null || value.isNull()) {
            return Optional.empty();
        }
        if (!value.isIntegralNumber()) {
            throw new ApiException(HttpStatus.BAD_REQUEST,
                    java.util.List.of(ApiError.of(HttpStatus.BAD_REQUEST, field + " must be a whole number",
                            document.sourceOf(field))));
        }
        return Optional.of(value.canConvertToLong() ? value.longValue()
                : value.bigIntegerValue().signum() < 0 ? Long.MIN_VALUE : Long.MAX_VALUE);
    }
}
