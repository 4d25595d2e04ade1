package dev.patron.query.order;

import static dev.patron.query.filter.FilterOperator.EQ;
import static dev.patron.query.filter.FilterOperator.GE;
import static dev.patron.query.filter.FilterOperator.GT;
import static dev.patron.query.filter.FilterOperator.IN;
import static dev.patron.query.filter.FilterOperator.LE;
import static dev.patron.query.filter.FilterOperator.LIKE;
import static dev.patron.query.filter.FilterOperator.LT;

import dev.patron.query.filter.FilterField;
import dev.patron.query.filter.FilterParser;
import dev.patron.query.filter.Sort;
import java.util.EnumSet;
import java.util.List;

/**
 * The order attributes the back office may filter or sort on, in the filter grammar customers have: the name the API
 * uses, the read-model field behind it, and what is allowed on it.
 */
enum OrderField implements FilterField {
    CUSTOMER_ID(Definition.of("customer_id", OrderStore.CUSTOMER_ID, ValueType.TEXT, false,
            EnumSet.of(EQ, LIKE, IN))),
    // The buyer's email compares case-insensitively, so filters work on the lower-cased key.
    EMAIL(Definition.of("email", OrderStore.EMAIL_KEY, ValueType.CASE_INSENSITIVE_TEXT,
            false, EnumSet.of(EQ, LIKE, IN))),
    NAME(Definition.of("name", OrderStore.NAME, ValueType.TEXT, false, EnumSet.of(EQ, LIKE))),
    STATUS(Definition.keyword("status", OrderStore.STATUS, true, EnumSet.of(EQ, IN), StoredOrder.STATUSES)),
    PAYMENT(Definition.keyword("payment", OrderStore.PAYMENT, false, EnumSet.of(EQ, IN), StoredOrder.PAYMENTS)),
    SHIPPING(Definition.keyword("shipping", OrderStore.SHIPPING, false, EnumSet.of(EQ, IN), StoredOrder.SHIPPINGS)),
    CREATED_AT(Definition.of("created_at", OrderStore.CREATED_AT, ValueType.TIMESTAMP, true,
            EnumSet.of(EQ, GT, GE, LT, LE))),
    // The order's total with tax, an integer in the minor unit of its currency.
    WITH_TAX(Definition.of("with_tax", OrderStore.WITH_TAX, ValueType.INTEGER, true,
            EnumSet.of(EQ, GT, GE, LT, LE)));

    static final FilterParser<OrderField> FILTER = new FilterParser<>(List.of(values()));
    /** Newest first, which is also the order of a customer's history. */
    static final Sort<OrderField> DEFAULT_SORT = new Sort<>(CREATED_AT, true);

    private final Definition definition;

    OrderField(Definition definition) {
        this.definition = definition;
    }

    static Sort<OrderField> sort(String sort) {
        return Sort.parse(sort, List.of(values()), DEFAULT_SORT);
    }

    @Override
    public Definition definition() {
        return definition;
    }
}
