package dev.patron.bench;

import java.util.Set;

/**
 * The kinds of command the crash test sends: the answer that confirms each (2xx, and for a wrong password its 401),
 * the event types it then stores exactly once, and those it may store once besides (a cart's creation on its first
 * item). Sign-ins store no event: failures are counted outside the customer's events (by address and source), so
 * that a refusal costs the same whether or not a customer holds the address.
 */
enum CrashCommandType {
    SIGN_UP(201, Set.of("CustomerCreated", "PasswordSet"), Set.of()),
    UPDATE_CUSTOMER(200, Set.of("CustomerUpdated"), Set.of()),
    SIGN_IN(200, Set.of(), Set.of()),
    WRONG_PASSWORD(401, Set.of(), Set.of()),
    CREATE_ADDRESS(201, Set.of("AddressCreated"), Set.of()),
    UPDATE_ADDRESS(200, Set.of("AddressUpdated"), Set.of()),
    DELETE_ADDRESS(204, Set.of("AddressDeleted"), Set.of()),
    ADD_CART_ITEM(201, Set.of("CartItemAdded"), Set.of("CartCreated")),
    CHECK_OUT(201, Set.of("CartCheckedOut", "OrderPlaced"), Set.of()),
    PAY_ORDER(200, Set.of("OrderPaid"), Set.of());

    private final int confirmingStatus;
    private final Set<String> events;
    private final Set<String> optionalEvents;

    CrashCommandType(int confirmingStatus, Set<String> events, Set<String> optionalEvents) {
        this.confirmingStatus = confirmingStatus;
        this.events = events;
        this.optionalEvents = optionalEvents;
    }

    int confirmingStatus() {
        return confirmingStatus;
    }

    /** The event types one such command stores exactly once when it happens. */
    Set<String> events() {
        return events;
    }

    /** Event types it may store, at most once, besides {@link #events}. */
    Set<String> optionalEvents() {
        return optionalEvents;
    }

    boolean mayStore(String eventType) {
        return events.contains(eventType) || optionalEvents.contains(eventType);
    }
}
