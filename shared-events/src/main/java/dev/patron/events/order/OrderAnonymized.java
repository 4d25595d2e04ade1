package dev.patron.events.order;

import org.axonframework.serialization.Revision;

/**
 * The personal data of the order (buyer, addresses) was erased on the back office's request: its data key is
 * destroyed, so every earlier event of the order reads without them. Items, amounts and statuses stay.
 */
@Revision("1")
public record OrderAnonymized(String orderId) {
}
