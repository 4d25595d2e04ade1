package dev.patron.events.metadata;

import java.util.Map;

/**
 * What every stored event carries besides its payload, as Axon message metadata: who acted, and which request and
 * message caused it. Set on each command once, where requests enter, and copied onto every event the command applies,
 * so no handler records it by hand. A consumer reads it with {@link #actorOf} and the key constants.
 */
public final class EventMetadata {

    /** {@code client}, {@code customer}, {@code oidc} or {@code system}: see {@link Actor}. */
    public static final String ACTOR_TYPE = "actorType";
    /** The client id, the customer id or the identity provider's issuer; absent for {@code system}. */
    public static final String ACTOR_ID = "actorId";
    /** The id of the HTTP request, also answered in its {@code X-Request-Id} header. */
    public static final String REQUEST_ID = "requestId";
    /** Shared by every message that one request caused: today the request id. */
    public static final String CORRELATION_ID = "correlationId";
    /** The id of the command whose handling applied the event. */
    public static final String CAUSATION_ID = "causationId";

    private EventMetadata() {
    }

    /**
     * Who made a change: an API {@code client} (the back office or a storefront acting for nobody), a signed-in
     * {@code customer} (a storefront with their token), an {@code oidc} identity provider (a customer created or
     * linked by single sign-on), or Patron itself ({@code system}, for changes no request made).
     */
    public record Actor(String type, String id) {

        public static final String CLIENT = "client";
        public static final String CUSTOMER = "customer";
        public static final String OIDC = "oidc";
        public static final String SYSTEM = "system";

        public static Actor client(String clientId) {
            return new Actor(CLIENT, clientId);
        }

        public static Actor customer(String customerId) {
            return new Actor(CUSTOMER, customerId);
        }

        public static Actor oidc(String issuer) {
            return new Actor(OIDC, issuer);
        }

        public static Actor system() {
            return new Actor(SYSTEM, null);
        }
    }

    /** The actor an event's metadata names; {@code system} for events stored before actors were recorded. */
    public static Actor actorOf(Map<String, ?> metadata) {
        Object type = metadata.get(ACTOR_TYPE);
        Object id = metadata.get(ACTOR_ID);
        return type == null ? Actor.system() : new Actor(type.toString(), id == null ? null : id.toString());
    }
}
