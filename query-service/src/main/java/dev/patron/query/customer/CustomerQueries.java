package dev.patron.query.customer;

import com.mongodb.client.model.Filters;
import dev.patron.query.filter.Filter;
import dev.patron.query.filter.FilterField;
import dev.patron.query.filter.Sort;
import dev.patron.contract.PageRequest;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.springframework.stereotype.Component;

/**
 * Answers customer reads. {@code eq}/{@code in} on id, email and external_ref are resolved to customer ids first
 * (email and external_ref through their lookup collections), so a query made of only those is an {@code $in} on
 * {@code _id}: an index lookup on every MongoDB server. Other terms ({@code like}, ranges, name) are evaluated by
 * MongoDB over the collection; on the embedded server, which uses an index only when a query names nothing but the
 * indexed key, that is a scan, as is listing all customers in some order. Terms on custom fields are of the latter
 * kind: no index serves them on the embedded server; on a real MongoDB a wildcard index on the custom field values
 * serves equality and range terms on any of them.
 */
@Component
class CustomerQueries {

    private final CustomerStore store;

    CustomerQueries(CustomerStore store) {
        this.store = store;
    }

    Optional<StoredCustomer> get(String id) {
        return store.find(id);
    }

    CustomerPage list(List<Filter<FilterField>> filters, Sort<FilterField> sort, PageRequest page) {
        Set<String> candidates = null;
        List<Bson> conditions = new ArrayList<>();
        for (Filter<FilterField> filter : filters) {
            Optional<Set<String>> ids = idsByKey(filter);
            if (ids.isPresent()) {
                candidates = candidates == null ? ids.get() : intersection(candidates, ids.get());
            } else {
                conditions.add(filter.field() instanceof CustomFieldFilter custom ? custom.toBson(filter)
                        : filter.toBson());
            }
        }
        if (candidates != null && candidates.isEmpty()) {
            return new CustomerPage(List.of(), 0);
        }
        if (candidates != null) {
            conditions.add(0, Filters.in(CustomerStore.ID, candidates));
        }
        Bson query = switch (conditions.size()) {
            case 0 -> new Document();
            // A lone condition is sent as is: the embedded server's index check does not look inside $and.
            case 1 -> conditions.get(0);
            default -> Filters.and(conditions);
        };
        List<StoredCustomer> customers = store.find(query, sort.toBson(), page.offset(), page.limit());
        return new CustomerPage(customers, total(query, page, customers.size()));
    }

    /** A short page that holds something, or the first page, tells the total without counting again. */
    private long total(Bson query, PageRequest page, int returned) {
        boolean lastPageReached = returned < page.limit() && (returned > 0 || page.offset() == 0);
        return lastPageReached ? page.offset() + returned : store.count(query);
    }

    private Optional<Set<String>> idsByKey(Filter<FilterField> filter) {
        if (!(filter instanceof Filter.ExactMatch<FilterField> match)
                || !(match.field() instanceof CustomerField field)) {
            return Optional.empty();
        }
        Collection<Object> values = match.values();
        return switch (field) {
            case ID -> Optional.of(new LinkedHashSet<>(values.stream().map(String.class::cast).toList()));
            case EMAIL -> Optional.of(store.idsByEmailKeys(values));
            case EXTERNAL_REF -> Optional.of(store.idsByExternalRefs(values));
            default -> Optional.empty();
        };
    }

    private static Set<String> intersection(Set<String> left, Set<String> right) {
        Set<String> both = new LinkedHashSet<>(left);
        both.retainAll(right);
        return both;
    }

    record CustomerPage(List<StoredCustomer> customers, long total) {
    }
}
