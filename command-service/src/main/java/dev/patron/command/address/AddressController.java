package dev.patron.command.address;

import com.fasterxml.jackson.databind.JsonNode;
import dev.patron.contract.AddressResource;
import dev.patron.contract.DataDocument;
import dev.patron.customfields.Definitions;
import dev.patron.customfields.DefinitionsInForce;
import dev.patron.customfields.FieldRecord;
import dev.patron.customfields.FieldValues;
import java.util.List;
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
    private final DefinitionsInForce definitions;

    AddressController(AddressWrites writes, DefinitionsInForce definitions) {
        this.writes = writes;
        this.definitions = definitions;
    }

    @PostMapping
    ResponseEntity<DataDocument<AddressResource>> create(@PathVariable String customerId,
                                                         @RequestBody JsonNode body) {
        String addressId = UUID.randomUUID().toString();
        List<FieldRecord> customFields = definitions.inForce(Definitions.ADDRESSES);
        AddressInput.Request request = AddressInput.toCreate(body, customFields);
        AddressState created = writes.create(new CreateAddress(customerId, addressId, request.details(),
                request.customFields()));
        return ResponseEntity.created(UriComponentsBuilder.fromPath(ADDRESSES + "/{addressId}")
                        .buildAndExpand(customerId, addressId).encode().toUri())
                .body(DataDocument.of(resource(created, customFields)));
    }

    @PutMapping("/{addressId}")
    DataDocument<AddressResource> update(@PathVariable String customerId, @PathVariable String addressId,
                                         @RequestBody JsonNode body) {
        List<FieldRecord> customFields = definitions.inForce(Definitions.ADDRESSES);
        AddressInput.Request request = AddressInput.changes(body, customFields);
        return DataDocument.of(resource(writes.update(new UpdateAddress(customerId, addressId, request.details(),
                request.customFields())), customFields));
    }

    @DeleteMapping("/{addressId}")
    ResponseEntity<Void> delete(@PathVariable String customerId, @PathVariable String addressId) {
        writes.delete(new DeleteAddress(customerId, addressId));
        return ResponseEntity.noContent().build();
    }

    /** The address as this side knows it right after the write: the aggregate's state, timestamps of its events. */
    private static AddressResource resource(AddressState address, List<FieldRecord> customFields) {
        return FieldValues.showOn(AddressResource.of(address.addressId(), address.details(), address.createdAt(),
                address.updatedAt()), address.customFields(), customFields);
    }
}
