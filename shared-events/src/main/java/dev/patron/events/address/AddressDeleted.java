package dev.patron.events.address;

import dev.patron.events.privacy.DataSubjectId;
import org.axonframework.serialization.Revision;

/** An address was deleted. It names its customer so that a consumer can find the address without a lookup. */
@Revision("1")
public record AddressDeleted(String addressId, @DataSubjectId String customerId) {
}
