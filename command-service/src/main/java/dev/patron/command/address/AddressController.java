package dev.patron.command.address;

import com.fasterxml.jackson.databind.JsonNode;
import dev.patron.contract.AddressResource;
import dev.patron.contract.DataDocument;
import java.util.UUID;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * The contract's address writes. Bodies arrive as JSON trees, not bound objects, so that each wrong part type is
 * reported by name and nothing is coerced. Reads are the query service's.
 */
@RestController
@RequestMapping(AddressController.ADDRESSES)
class AddressController {

    static final String ADDRESSES = "/v2/customers/{customerId}/addresses";

    private final AddressWrites writes;

    AddressController(AddressWrites writes) {
        this.writes = writes;
    }

    @PostMapping
    ResponseEntity<DataDocument<AddressResource>> create(@PathVariable String customerId,
                                                         @RequestBody JsonNode body) {
        String addressId = UUID.randomUUID().toString();
        AddressState created = writes.create(new CreateAddress(customerId, addressId, AddressInput.toCreate(body)));
        return ResponseEntity.created(UriComponentsBuilder.fromPath(ADDRESSES + "/{addressId}")
                        .buildAndExpand(customerId, addressId).encode().toUri())
                .body(DataDocument.of(resource(created)));
    }

    @PutMapping("/{addressId}")
    DataDocument<AddressResource> update(@PathVariable String customerId, @PathVariable String addressId,
                                         @RequestBody JsonNode body) {
        return DataDocument.of(resource(writes.update(
                new UpdateAddress(customerId, addressId, AddressInput.changes(body)))));
    }

    @DeleteMapping("/{addressId}")
    ResponseEntity<Void> delete(@PathVariable String customerId, @PathVariable String addressId) {
        writes.delete(new DeleteAddress(customerId, addressId));
        return ResponseEntity.noContent().build();
    }

    /** The address as this side knows it right after the write: the aggregate's state, timestamps of its events. */
    private static AddressResource resource(AddressState address) {
        return AddressResource.of(address.addressId(), address.details(), address.createdAt(), address.updatedAt());
    }
}
