package dev.patron.query.history;

import static dev.patron.query.filter.FilterOperator.EQ;
import static dev.patron.query.filter.FilterOperator.GE;
import static dev.patron.query.filter.FilterOperator.GT;
import static dev.patron.query.filter.FilterOperator.IN;
import static dev.patron.query.filter.FilterOperator.LE;
import static dev.patron.query.filter.FilterOperator.LT;

import dev.patron.contract.ObservableEvents;
import dev.patron.query.filter.Filter;
import dev.patron.query.filter.FilterField;
import dev.patron.query.filter.FilterParser;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;

/**
 * What a customer's history can be filtered on, in the grammar of every list: the observable type
 * ({@code eq(type,customer.updated)}, {@code in(type,...)}) and the time ({@code ge(occurred_at,...)}). A story is
 * read whole from the event store, so the filter is applied to its entries here, not sent to MongoDB.
 */
enum HistoryField implements FilterField {
    TYPE(Definition.keyword("type", "type", false, EnumSet.of(EQ, IN), ObservableEvents.TYPES)),
    OCCURRED_AT(Definition.of("occurred_at", "occurredAt", ValueType.TIMESTAMP, false, EnumSet.of(EQ, GT, GE, LT, LE)));

    static final FilterParser<HistoryField> FILTER = new FilterParser<>(List.of(values()));

    private final Definition definition;

    HistoryField(Definition definition) {
        this.definition = definition;
    }

    @Override
    public Definition definition() {
        return definition;
    }

    /** Whether the entry satisfies every term. */
    static boolean matchesAll(List<Filter<HistoryField>> filters, AuditTrail.Entry entry) {
        return filters.stream().allMatch(filter -> matches(filter, entry));
    }

    private static boolean matches(Filter<HistoryField> filter, AuditTrail.Entry entry) {
        Object value = filter.field() == TYPE ? entry.type() : entry.occurredAt();
        if (filter instanceof Filter.ExactMatch<HistoryField> exact) {
            return exact.values().contains(value);
        }
        if (filter instanceof Filter.Range<HistoryField> range) {
            int comparison = ((Instant) value).compareTo((Instant) range.bound());
            return switch (range.operator()) {
                case GT -> comparison > 0;
                case GE -> comparison >= 0;
                case LT -> comparison < 0;
                case LE -> comparison <= 0;
                default -> false;
            };
        }
        return false;
    }
}
