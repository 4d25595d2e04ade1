package dev.patron.events.customer;

import org.axonframework.serialization.Revision;

/** A customer was deleted. Their data key is destroyed with it, which erases the personal data of every earlier event. */
@Revision("1")
public record CustomerDeleted(String customerId) {
}
