package dev.patron.query.cart;

import com.mongodb.client.model.Filters;
import dev.patron.events.cart.CartAssociatedWithCustomer;
import dev.patron.events.cart.CartCheckedOut;
import dev.patron.events.cart.CartCreated;
import dev.patron.events.cart.CartEmptied;
import dev.patron.events.cart.CartItemAdded;
import dev.patron.events.cart.CartItemQuantityChanged;
import dev.patron.events.cart.CartItemRemoved;
import dev.patron.query.projection.BatchedCollection;
import dev.patron.query.projection.BatchedReadModel;
import dev.patron.query.projection.KeyIndex;
import dev.patron.query.projection.ReadModelCollections;
import java.util.Date;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.axonframework.eventhandling.EventMessage;
import org.bson.Document;
import org.springframework.stereotype.Component;

/**
 * The cart read model in MongoDB. Every access is an {@code eq} or {@code $in} on {@code _id}, the access path every
 * MongoDB server answers from an index (the embedded one uses no other, see the team's embedded-mongo notes):
 * <ul>
 * <li>{@code carts}: {@code {_id: reference, version, currency, customerIds: [..], items: [{id, sku, name,
 * description, quantity, unitAmount, includesTax, createdAt, updatedAt}, ..], createdAt, updatedAt}}, the items in
 * the order they were added;</li>
 * <li>{@code customer_carts}: {@code {_id: customerId, cartReferences: [..]}}, a customer's carts in the order they
 * became theirs, so listing them is one lookup and one {@code $in} of a page of references.</li>
 * </ul>
 * The projection's writes are gathered over each batch of events (see {@link BatchedCollection}); the carts, whose
 * version marks events as applied, are written last.
 */
@Component
class CartStore implements BatchedReadModel {

    static final String CARTS = "carts";
    static final String CUSTOMER_CARTS = "customer_carts";

    static final String ID = "_id";
    static final String VERSION = "version";
    static final String CURRENCY = "currency";
    static final String CUSTOMER_IDS = "customerIds";
    static final String ITEMS = "items";
    static final String CART_REFERENCES = "cartReferences";
    static final String CREATED_AT = "createdAt";
    static final String UPDATED_AT = "updatedAt";
    private static final String ITEM_ID = "id";
    private static final String SKU = "sku";
    private static final String NAME = "name";
    private static final String DESCRIPTION = "description";
    private static final String QUANTITY = "quantity";
    private static final String UNIT_AMOUNT = "unitAmount";
    private static final String INCLUDES_TAX = "includesTax";

    private final ReadModelCollections collections;
    private final BatchedCollection cartWrites;
    private final KeyIndex customerCarts;

    CartStore(ReadModelCollections collections) {
        this.collections = collections;
        this.cartWrites = new BatchedCollection(collections, CARTS);
        this.customerCarts = new KeyIndex(collections, CUSTOMER_CARTS, CART_REFERENCES);
    }

    Optional<StoredCart> find(String reference) {
        return cartWrites.find(reference).map(CartStore::fromDocument);
    }

    /** The carts of the references, in their order; one {@code $in}. */
    List<StoredCart> findAll(List<String> references) {
        if (references.isEmpty()) {
            return List.of();
        }
        Map<String, StoredCart> found = new HashMap<>();
        collections.collection(CARTS).find(Filters.in(ID, references)).forEach(document -> found.put(document.getString(ID),
                fromDocument(document)));
        return references.stream().map(found::get).filter(Objects::nonNull).toList();
    }

    /** The references of the customer's carts, in the order they became theirs. */
    List<String> referencesOf(String customerId) {
        return customerCarts.ids(customerId);
    }

    void save(StoredCart cart) {
        cartWrites.save(toDocument(cart));
    }

    /** Files the cart under the customer; done before the cart is saved, whose version marks the event applied. */
    void fileUnder(String customerId, String reference) {
        customerCarts.add(reference, customerId);
    }

    @Override
    public List<BatchedCollection> collections() {
        return List.of(customerCarts.writes(), cartWrites);
    }

    /** The carts of the batch's cart events and the lookups of the customers they become carts of: two lookups. */
    @Override
    public void prefetch(List<? extends EventMessage<?>> events) {
        Set<String> references = new LinkedHashSet<>();
        Set<String> customerIds = new LinkedHashSet<>();
        for (EventMessage<?> event : events) {
            Object payload = event.getPayload();
            if (payload instanceof CartCreated created) {
                references.add(created.cartReference());
            } else if (payload instanceof CartItemAdded added) {
                references.add(added.cartReference());
            } else if (payload instanceof CartItemQuantityChanged changed) {
                references.add(changed.cartReference());
            } else if (payload instanceof CartItemRemoved removed) {
                references.add(removed.cartReference());
            } else if (payload instanceof CartEmptied emptied) {
                references.add(emptied.cartReference());
            } else if (payload instanceof CartCheckedOut checkedOut) {
                references.add(checkedOut.cartReference());
            } else if (payload instanceof CartAssociatedWithCustomer associated) {
                references.add(associated.cartReference());
                customerIds.add(associated.customerId());
            }
        }
        cartWrites.load(references);
        customerCarts.writes().load(customerIds);
    }

    private static Document toDocument(StoredCart cart) {
        return new Document(ID, cart.reference())
                .append(VERSION, cart.version())
                .append(CURRENCY, cart.currency())
                .append(CUSTOMER_IDS, cart.customerIds())
                .append(ITEMS, cart.items().stream().map(CartStore::toDocument).toList())
                .append(CREATED_AT, Date.from(cart.createdAt()))
                .append(UPDATED_AT, Date.from(cart.updatedAt()));
    }

    private static Document toDocument(StoredCart.Item item) {
        return new Document(ITEM_ID, item.id())
                .append(SKU, item.sku())
                .append(NAME, item.name())
                .append(DESCRIPTION, item.description())
                .append(QUANTITY, item.quantity())
                .append(UNIT_AMOUNT, item.unitAmount())
                .append(INCLUDES_TAX, item.includesTax())
                .append(CREATED_AT, Date.from(item.createdAt()))
                .append(UPDATED_AT, Date.from(item.updatedAt()));
    }

    private static StoredCart fromDocument(Document document) {
        return new StoredCart(
                document.getString(ID),
                document.get(VERSION, Number.class).longValue(),
                document.getString(CURRENCY),
                document.getList(CUSTOMER_IDS, String.class, List.of()),
                document.getList(ITEMS, Document.class, List.of()).stream().map(CartStore::itemOf).toList(),
                document.getDate(CREATED_AT).toInstant(),
                document.getDate(UPDATED_AT).toInstant());
    }

    private static StoredCart.Item itemOf(Document item) {
        return new StoredCart.Item(
                item.getString(ITEM_ID),
                item.getString(SKU),
                item.getString(NAME),
                item.getString(DESCRIPTION),
                item.get(QUANTITY, Number.class).intValue(),
                item.get(UNIT_AMOUNT, Number.class).longValue(),
                item.getBoolean(INCLUDES_TAX, false),
                item.getDate(CREATED_AT).toInstant(),
                item.getDate(UPDATED_AT).toInstant());
    }
}
