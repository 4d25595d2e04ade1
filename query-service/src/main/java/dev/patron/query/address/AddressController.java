package dev.patron.query.address;

import dev.patron.contract.ErrorDetails;
import dev.patron.contract.AddressResource;
import dev.patron.contract.ApiException;
import dev.patron.contract.DataDocument;
import dev.patron.customfields.Definitions;
import dev.patron.customfields.DefinitionsInForce;
import dev.patron.customfields.FieldRecord;
import dev.patron.customfields.FieldValues;
import dev.patron.query.history.AuditTrail;
import dev.patron.query.history.PointInTime;
import dev.patron.query.paging.ListDocument;
import dev.patron.contract.PageRequest;
import dev.patron.query.paging.Pagination;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The read half of a customer's addresses; writes go to the command service. Each request is one read of the
 * customer's document by {@code _id}.
 */
@RestController
@RequestMapping("/v2/customers/{customerId}/addresses")
class AddressController {

    private final AddressStore store;
    private final AuditTrail auditTrail;
    private final DefinitionsInForce definitions;

    AddressController(AddressStore store, AuditTrail auditTrail, DefinitionsInForce definitions) {
        this.store = store;
        this.auditTrail = auditTrail;
        this.definitions = definitions;
    }

    /**
     * All the customer's addresses, oldest first, a page at a time, in the list envelope customers have; with
     * {@code at}, the addresses they had then, from their events.
     */
    @GetMapping
    ListDocument<AddressResource> list(
            @PathVariable String customerId,
            @RequestParam(name = PageRequest.LIMIT_PARAMETER, required = false) String limit,
            @RequestParam(name = PageRequest.OFFSET_PARAMETER, required = false) String offset,
            @RequestParam(name = PointInTime.PARAMETER, required = false) String at,
            HttpServletRequest request) {
        PageRequest page = PageRequest.parse(limit, offset);
        Optional<Instant> then = PointInTime.of(at, request);
        List<FieldRecord> customFields = definitions.known().inForce(Definitions.ADDRESSES);
        List<AddressResource> addresses = then.isPresent()
                ? auditTrail.addressesAt(customerId, then.get(), customFields)
                        .orElseThrow(() -> ApiException.notFound(ErrorDetails.CUSTOMER_NOT_FOUND))
                : customer(customerId).shown().stream().map(address -> resource(address, customFields)).toList();
        List<AddressResource> onPage = addresses.stream().skip(page.offset()).limit(page.limit()).toList();
        return Pagination.document(onPage, addresses.size(), page,
                then.isPresent() ? Map.of(PointInTime.PARAMETER, at) : Map.of());
    }

    /** Another customer's address is not found here, exactly like one that does not exist. */
    @GetMapping("/{addressId}")
    DataDocument<AddressResource> get(@PathVariable String customerId, @PathVariable String addressId) {
        List<FieldRecord> customFields = definitions.known().inForce(Definitions.ADDRESSES);
        return customer(customerId).address(addressId).filter(StoredAddress::isShown)
                .map(address -> resource(address, customFields)).map(DataDocument::of)
                .orElseThrow(() -> ApiException.notFound(ErrorDetails.ADDRESS_NOT_FOUND));
    }

    private CustomerAddresses customer(String customerId) {
        return store.find(customerId).filter(customer -> !customer.customerDeleted())
                .orElseThrow(() -> ApiException.notFound(ErrorDetails.CUSTOMER_NOT_FOUND));
    }

    private static AddressResource resource(StoredAddress address, List<FieldRecord> customFields) {
        return FieldValues.showOn(AddressResource.of(address.id(), address.details(), address.createdAt(),
                address.updatedAt()), address.customFields(), customFields);
    }
}
