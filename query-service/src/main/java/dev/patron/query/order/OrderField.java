package dev.patron.query.order;

import static dev.patron.query.filter.FilterOperator.EQ;
import static dev.patron.query.filter.FilterOperator.GE;
import static dev.patron.query.filter.FilterOperator.GT;
import static dev.patron.query.filter.FilterOperator.IN;
import static dev.patron.query.filter.FilterOperator.LE;
import static dev.patron.query.filter.FilterOperator.LIKE;
import static dev.patron.query.filter.FilterOperator.LT;

import dev.patron.query.filter.FilterField;
import dev.patron.query.filter.FilterOperator;
import dev.patron.query.filter.FilterParser;
import dev.patron.query.filter.Sort;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * The order attributes the back office may filter or sort on, in the filter grammar customers have: the name the API
 * uses, the read-model field behind it, and what is allowed on it.
 */
enum OrderField implements FilterField {
    CUSTOMER_ID("customer_id", OrderStore.CUSTOMER_ID, ValueType.TEXT, false, EnumSet.of(EQ, LIKE, IN), List.of()),
    // The buyer's email compares case-insensitively, so filters work on the lower-cased key.
    EMAIL("email", OrderStore.EMAIL_KEY, ValueType.CASE_INSENSITIVE_TEXT, false, EnumSet.of(EQ, LIKE, IN), List.of()),
    NAME("name", OrderStore.NAME, ValueType.TEXT, false, EnumSet.of(EQ, LIKE), List.of()),
    STATUS("status", OrderStore.STATUS, ValueType.KEYWORD, true, EnumSet.of(EQ, IN), StoredOrder.STATUSES),
    PAYMENT("payment", OrderStore.PAYMENT, ValueType.KEYWORD, false, EnumSet.of(EQ, IN), StoredOrder.PAYMENTS),
    SHIPPING("shipping", OrderStore.SHIPPING, ValueType.KEYWORD, false, EnumSet.of(EQ, IN), StoredOrder.SHIPPINGS),
    CREATED_AT("created_at", OrderStore.CREATED_AT, ValueType.TIMESTAMP, true, EnumSet.of(EQ, GT, GE, LT, LE),
            List.of()),
    // The order's total with tax, an integer in the minor unit of its currency.
    WITH_TAX("with_tax", OrderStore.WITH_TAX, ValueType.INTEGER, true, EnumSet.of(EQ, GT, GE, LT, LE), List.of());

    static final FilterParser<OrderField> FILTER = new FilterParser<>(List.of(values()));
    /** Newest first, which is also the order of a customer's history. */
    static final Sort<OrderField> DEFAULT_SORT = new Sort<>(CREATED_AT, true);

    private final String apiName;
    private final String documentField;
    private final ValueType valueType;
    private final boolean sortable;
    private final Set<FilterOperator> operators;
    private final List<String> keywords;

    OrderField(String apiName, String documentField, ValueType valueType, boolean sortable,
               Set<FilterOperator> operators, List<String> keywords) {
        this.apiName = apiName;
        this.documentField = documentField;
        this.valueType = valueType;
        this.sortable = sortable;
        this.operators = operators;
        this.keywords = keywords;
    }

    static Sort<OrderField> sort(String sort) {
        return Sort.parse(sort, List.of(values()), DEFAULT_SORT);
    }

    @Override
    public String apiName() {
        return apiName;
    }

    @Override
    public String documentField() {
        return documentField;
    }

    @Override
    public ValueType valueType() {
        return valueType;
    }

    @Override
    public Set<FilterOperator> operators() {
        return operators;
    }

    @Override
    public boolean sortable() {
        return sortable;
    }

    @Override
    public List<String> keywords() {
        return keywords;
    }
}
