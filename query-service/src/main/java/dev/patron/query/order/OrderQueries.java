package dev.patron.query.order;

import com.mongodb.client.model.Filters;
import dev.patron.query.filter.Filter;
import dev.patron.query.filter.Sort;
import dev.patron.contract.PageRequest;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.springframework.stereotype.Component;

/**
 * Answers order reads. A customer's history, and the back office's lone {@code eq(customer_id,..)} or
 * {@code eq(email,..)} listed by {@code created_at}, are a slice of a lookup document's ids (kept in the order the
 * orders were placed, which is the order of their creation) and one {@code $in} of at most a page of ids: the cost
 * does not grow with the customer's orders nor with the store's. Other {@code eq}/{@code in} on customer_id and email
 * are resolved to order ids through the same lookups, so that MongoDB gets an {@code $in} on {@code _id}; any other
 * term is evaluated by MongoDB over the collection, which on the embedded server is a scan, as is listing all
 * orders in some order.
 */
@Component
class OrderQueries {

    private final OrderStore store;

    OrderQueries(OrderStore store) {
        this.store = store;
    }

    Optional<StoredOrder> get(String id) {
        return store.find(id);
    }

    /** The customer's orders, newest first; guests' orders belong to nobody and are in no history. */
    OrderPage history(String customerId, PageRequest page) {
        List<String> placed = store.idsOfCustomer(customerId);
        return new OrderPage(store.findAll(page.ofNewestFirst(placed)), placed.size());
    }

    OrderPage list(List<Filter<OrderField>> filters, Sort<OrderField> sort, PageRequest page) {
        Optional<List<String>> placed = inPlacementOrder(filters, sort);
        if (placed.isPresent()) {
            List<String> ids = placed.get();
            return new OrderPage(store.findAll(sort.descending() ? page.ofNewestFirst(ids) : page.of(ids)), ids.size());
        }
        Set<String> candidates = null;
        List<Bson> conditions = new ArrayList<>();
        for (Filter<OrderField> filter : filters) {
            Optional<Set<String>> ids = idsByLookup(filter);
            if (ids.isPresent()) {
                candidates = candidates == null ? ids.get() : intersection(candidates, ids.get());
            } else {
                conditions.add(filter.toBson());
            }
        }
        if (candidates != null && candidates.isEmpty()) {
            return new OrderPage(List.of(), 0);
        }
        if (candidates != null) {
            conditions.add(0, Filters.in(OrderStore.ID, candidates));
        }
        Bson query = switch (conditions.size()) {
            case 0 -> new Document();
            // A lone condition is sent as is: the embedded server's index check does not look inside $and.
            case 1 -> conditions.get(0);
            default -> Filters.and(conditions);
        };
        List<StoredOrder> orders = store.find(query, sort.toBson(), page.offset(), page.limit());
        return new OrderPage(orders, total(query, page, orders.size()));
    }

    /** The ids a lone {@code eq} on customer or email selects, when listed by creation: their lookup's order. */
    private Optional<List<String>> inPlacementOrder(List<Filter<OrderField>> filters, Sort<OrderField> sort) {
        if (filters.size() != 1 || sort.field() != OrderField.CREATED_AT
                || !(filters.get(0) instanceof Filter.Equals<OrderField> equals)) {
            return Optional.empty();
        }
        return switch (equals.field()) {
            case CUSTOMER_ID -> Optional.of(store.idsOfCustomer((String) equals.value()));
            case EMAIL -> Optional.of(store.idsByEmailKey((String) equals.value()));
            default -> Optional.empty();
        };
    }

    private Optional<Set<String>> idsByLookup(Filter<OrderField> filter) {
        if (!(filter instanceof Filter.ExactMatch<OrderField> match)) {
            return Optional.empty();
        }
        return switch (match.field()) {
            case CUSTOMER_ID -> Optional.of(store.idsOfCustomers(match.values()));
            case EMAIL -> Optional.of(store.idsByEmailKeys(match.values()));
            default -> Optional.empty();
        };
    }

    /** A short page that holds something, or the first page, tells the total without counting again. */
    private long total(Bson query, PageRequest page, int returned) {
        boolean lastPageReached = returned < page.limit() && (returned > 0 || page.offset() == 0);
        return lastPageReached ? page.offset() + returned : store.count(query);
    }

    private static Set<String> intersection(Set<String> left, Set<String> right) {
        Set<String> both = new LinkedHashSet<>(left);
        both.retainAll(right);
        return both;
    }

    record OrderPage(List<StoredOrder> orders, long total) {
    }
}
