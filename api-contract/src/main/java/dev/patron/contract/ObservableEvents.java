package dev.patron.contract;

import dev.patron.events.address.AddressCreated;
import dev.patron.events.address.AddressDeleted;
import dev.patron.events.address.AddressUpdated;
import dev.patron.events.customer.CustomerCreated;
import dev.patron.events.customer.CustomerDeleted;
import dev.patron.events.customer.CustomerUpdated;
import dev.patron.events.customer.PasswordSet;
import dev.patron.events.order.OrderAnonymized;
import dev.patron.events.order.OrderCancelled;
import dev.patron.events.order.OrderFulfilled;
import dev.patron.events.order.OrderPaid;
import dev.patron.events.order.OrderPaymentAuthorized;
import dev.patron.events.order.OrderPlaced;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The observable events: the published, versioned contract downstream consumers see (feed, webhooks, a customer's
 * history), kept apart from the internal events they are made from. Each internal event that changes a customer, an
 * address or an order maps to one observable event named as the contract names them ({@code customer.created},
 * {@code address.updated}, {@code order.created}, ...) with the resource's fields in the contract's spelling: what the
 * resource is after the change ({@code created}, {@code updated} with every field) or, where the internal event says
 * only what changed (an order paid), just those fields. Internal events that change no resource (sign-ins, lockouts, an
 * imported password hash upgraded) are not observable.
 * <p>
 * Never password material: a password set is {@code customer.updated} with {@code password: true}. Personal data
 * arrives {@code null} once its data key is destroyed, so erasure reaches every consumer.
 * Changing what a type carries is a new {@link #VERSION}; documented in {@code docs/events.md}. The store's custom
 * fields are the one open part: customer and address events carry them as further top-level attributes, as the
 * resources do, and defining a field adds no version.
 */
public final class ObservableEvents {

    /** The version of the observable event contract. */
    public static final int VERSION = 1;
    public static final List<String> TYPES = List.of("customer.created", "customer.updated", "customer.deleted",
            "address.created", "address.updated", "address.deleted", "order.created", "order.updated");

    /** The internal events {@link #describe} gives an observable form. */
    private static final Set<Class<?>> OBSERVABLE = Set.of(CustomerCreated.class, CustomerUpdated.class,
            PasswordSet.class, CustomerDeleted.class, AddressCreated.class, AddressUpdated.class, AddressDeleted.class,
            OrderPlaced.class, OrderPaymentAuthorized.class, OrderPaid.class, OrderFulfilled.class,
            OrderCancelled.class, OrderAnonymized.class);

    private ObservableEvents() {
    }

    /**
     * Whether events of this payload type are observable, asked before a payload is read: a consumer that skips the
     * others never deserializes (nor decrypts) them.
     */
    public static boolean isObservable(Class<?> payloadType) {
        return OBSERVABLE.contains(payloadType);
    }

    /**
     * An observable event's type and payload.
     *
     * @param customerId the customer it is about, when the internal event names one (a guest's order has none, nor
     *                   does a later change of an order, whose first event names its customer)
     * @param data       the resource's fields, {@code type} and {@code id} always among them
     */
    public record Observable(String type, String resourceId, String customerId, Map<String, Object> data) {
    }

    public static Optional<Observable> describe(Object payload) {
        if (payload instanceof CustomerCreated created) {
            return Optional.of(customer("customer.created", created.customerId(), created.name(), created.email(),
                    created.externalRef(), created.customFields(), created.customFieldsInClear()));
        } else if (payload instanceof CustomerUpdated updated) {
            return Optional.of(customer("customer.updated", updated.customerId(), updated.name(), updated.email(),
                    updated.externalRef(), updated.customFields(), updated.customFieldsInClear()));
        } else if (payload instanceof PasswordSet set) {
            return Optional.of(new Observable("customer.updated", set.customerId(), set.customerId(),
                    fields(CustomerResource.TYPE, set.customerId(), "password", true)));
        } else if (payload instanceof CustomerDeleted deleted) {
            return Optional.of(new Observable("customer.deleted", deleted.customerId(), deleted.customerId(),
                    fields(CustomerResource.TYPE, deleted.customerId())));
        } else if (payload instanceof AddressCreated created) {
            return Optional.of(address("address.created", created.addressId(), created.customerId(),
                    created.details(), created.customFields(), created.customFieldsInClear()));
        } else if (payload instanceof AddressUpdated updated) {
            return Optional.of(address("address.updated", updated.addressId(), updated.customerId(),
                    updated.details(), updated.customFields(), updated.customFieldsInClear()));
        } else if (payload instanceof AddressDeleted deleted) {
            return Optional.of(new Observable("address.deleted", deleted.addressId(), deleted.customerId(),
                    fields(AddressResource.TYPE, deleted.addressId(), "customer_id", deleted.customerId())));
        } else if (payload instanceof OrderPlaced placed) {
            return Optional.of(order(placed));
        } else if (payload instanceof OrderPaymentAuthorized authorized) {
            return Optional.of(orderUpdated(authorized.orderId(), "payment", "authorized"));
        } else if (payload instanceof OrderPaid paid) {
            return Optional.of(orderUpdated(paid.orderId(), "payment", "paid", "status", "complete"));
        } else if (payload instanceof OrderFulfilled fulfilled) {
            return Optional.of(orderUpdated(fulfilled.orderId(), "shipping", "fulfilled"));
        } else if (payload instanceof OrderCancelled cancelled) {
            return Optional.of(orderUpdated(cancelled.orderId(), "status", "cancelled"));
        } else if (payload instanceof OrderAnonymized anonymized) {
            return Optional.of(orderUpdated(anonymized.orderId(), "customer", new OrderResource.Buyer(null, null),
                    "billing_address", null, "shipping_address", null));
        }
        return Optional.empty();
    }

    /**
     * The customer's fields, then every custom field value the event carries (as the resource shows them, top-level
     * by slug): a consumer learns values of fields disabled since, as history keeps them. Erased personal values are
     * absent, their fields not being known to the event. Addresses carry theirs the same way.
     */
    private static Observable customer(String type, String id, String name, String email, String externalRef,
                                       Map<String, Object> customFields, Map<String, Object> customFieldsInClear) {
        Map<String, Object> data = fields(CustomerResource.TYPE, id, "name", name, "email", email,
                "external_ref", externalRef);
        customFields.forEach(data::putIfAbsent);
        customFieldsInClear.forEach(data::putIfAbsent);
        return new Observable(type, id, id, data);
    }

    private static Observable address(String type, String id, String customerId, AddressCreated.Details details,
                                      Map<String, Object> customFields, Map<String, Object> customFieldsInClear) {
        Map<String, Object> data = fields(AddressResource.TYPE, id, "customer_id", customerId);
        // Null once the customer's data key is destroyed: every part then reads as erased.
        AddressCreated.Details parts = details != null ? details
                : new AddressCreated.Details(null, null, null, null, null, null, null, null, null, null, null, null, null);
        data.put("name", parts.name());
        data.put("first_name", parts.firstName());
        data.put("last_name", parts.lastName());
        data.put("company_name", parts.companyName());
        data.put("phone_number", parts.phoneNumber());
        data.put("instructions", parts.instructions());
        data.put("line_1", parts.line1());
        data.put("line_2", parts.line2());
        data.put("city", parts.city());
        data.put("county", parts.county());
        data.put("region", parts.region());
        data.put("postcode", parts.postcode());
        data.put("country", parts.country());
        customFields.forEach(data::putIfAbsent);
        customFieldsInClear.forEach(data::putIfAbsent);
        return new Observable(type, id, customerId, data);
    }

    private static Observable order(OrderPlaced placed) {
        OrderPlaced.Buyer buyer = placed.buyer();
        Map<String, Object> data = fields(OrderResource.TYPE, placed.orderId(), "status", "incomplete",
                "payment", "unpaid", "shipping", "unfulfilled",
                "customer", buyer == null ? new OrderResource.Buyer(null, null)
                        : new OrderResource.Buyer(buyer.name(), buyer.email()),
                "customer_id", placed.customerId(),
                "billing_address", OrderResource.Address.of(placed.billingAddress()),
                "shipping_address", OrderResource.Address.of(placed.shippingAddress()),
                "display_price", DisplayPrice.of(placed.totals().withoutTax(), placed.totals().tax(),
                        placed.totals().withTax(), placed.currency()));
        data.put("items", placed.items().stream().map(item -> LineItemResource.of(LineItemResource.ORDER_ITEM,
                item.itemId(), item.name(), item.description(), item.sku(), item.quantity(), item.unitAmount(),
                item.includesTax(), placed.currency(), null)).toList());
        return new Observable("order.created", placed.orderId(), placed.customerId(), data);
    }

    private static Observable orderUpdated(String orderId, Object... changed) {
        return new Observable("order.updated", orderId, null, fields(OrderResource.TYPE, orderId, changed));
    }

    private static Map<String, Object> fields(String type, String id, Object... namesAndValues) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("type", type);
        data.put("id", id);
        for (int i = 0; i < namesAndValues.length; i += 2) {
            data.put((String) namesAndValues[i], namesAndValues[i + 1]);
        }
        return data;
    }
}
