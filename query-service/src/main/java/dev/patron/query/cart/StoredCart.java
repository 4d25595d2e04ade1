package dev.patron.query.cart;

import dev.patron.events.cart.CartItemAdded;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * A cart as the read model keeps it: its items in the order they were added, and the customers it belongs to.
 * {@code version} is the sequence number of the cart's last event applied, which makes redelivery harmless. A cart
 * holds no personal data: its reference is the client's, its customers are ids.
 */
record StoredCart(
        String reference,
        long version,
        String currency,
        List<String> customerIds,
        List<Item> items,
        Instant createdAt,
        Instant updatedAt) {

    StoredCart {
        customerIds = List.copyOf(customerIds);
        items = List.copyOf(items);
        // MongoDB keeps milliseconds; cutting here makes a stored and a re-read cart equal.
        createdAt = createdAt.truncatedTo(ChronoUnit.MILLIS);
        updatedAt = updatedAt.truncatedTo(ChronoUnit.MILLIS);
    }

    /** One line of the cart; amounts in the minor unit of the cart's currency. */
    record Item(String id, String sku, String name, String description, int quantity, long unitAmount,
                boolean includesTax, Instant createdAt, Instant updatedAt) {

        Item {
            createdAt = createdAt.truncatedTo(ChronoUnit.MILLIS);
            updatedAt = updatedAt.truncatedTo(ChronoUnit.MILLIS);
        }

        long value() {
            return Math.multiplyExact(unitAmount, (long) quantity);
        }
    }

    static StoredCart created(String reference, long version, String currency, Instant at) {
        return new StoredCart(reference, version, currency, List.of(), List.of(), at, at);
    }

    /**
     * What a reference nobody has used yet reads as: a cart exists from its first use, so an unused one is an empty
     * cart, made now, in the currency the client asked for.
     */
    static StoredCart unused(String reference, String currency, Instant now) {
        return created(reference, -1, currency, now);
    }

    /** The sum of the lines' values; Patron has no tax rates, so this is the total with and without tax. */
    long total() {
        return items.stream().mapToLong(Item::value).reduce(0, Math::addExact);
    }

    boolean belongsTo(String customerId) {
        return customerIds.contains(customerId);
    }

    /** A new item goes last; an item id seen already (which the command side never repeats) is replaced in place. */
    StoredCart withItem(long version, CartItemAdded added, Instant at) {
        Item item = new Item(added.itemId(), added.sku(), added.name(), added.description(), added.quantity(),
                added.unitAmount(), added.includesTax(), at, at);
        List<Item> changed = new ArrayList<>(items);
        int existing = indexOf(added.itemId());
        if (existing < 0) {
            changed.add(item);
        } else {
            changed.set(existing, item);
        }
        return new StoredCart(reference, version, currency, customerIds, changed, createdAt, at);
    }

    Optional<Item> item(String itemId) {
        int index = indexOf(itemId);
        return index < 0 ? Optional.empty() : Optional.of(items.get(index));
    }

    StoredCart withQuantity(long version, String itemId, int quantity, Instant at) {
        return withItems(version, at, all -> {
            int index = indexOf(itemId);
            Item item = all.get(index);
            all.set(index, new Item(item.id(), item.sku(), item.name(), item.description(), quantity,
                    item.unitAmount(), item.includesTax(), item.createdAt(), at));
            return all;
        });
    }

    StoredCart without(long version, String itemId, Instant at) {
        return withItems(version, at, all -> {
            all.removeIf(item -> item.id().equals(itemId));
            return all;
        });
    }

    StoredCart emptied(long version, Instant at) {
        return new StoredCart(reference, version, currency, customerIds, List.of(), createdAt, at);
    }

    StoredCart associatedWith(long version, String customerId, Instant at) {
        List<String> customers = new ArrayList<>(customerIds);
        if (!customers.contains(customerId)) {
            customers.add(customerId);
        }
        return new StoredCart(reference, version, currency, customers, items, createdAt, at);
    }

    private StoredCart withItems(long version, Instant at, UnaryOperator<List<Item>> change) {
        return new StoredCart(reference, version, currency, customerIds, change.apply(new ArrayList<>(items)),
                createdAt, at);
    }

    private int indexOf(String itemId) {
        for (int index = 0; index < items.size(); index++) {
            if (items.get(index).id().equals(itemId)) {
                return index;
            }
        }
        return -1;
    }
}
