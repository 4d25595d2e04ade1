package dev.patron.query.customer;

import dev.patron.contract.ApiException;
import dev.patron.contract.CustomerResource;
import dev.patron.contract.DataDocument;
import dev.patron.customfields.Definitions;
import dev.patron.customfields.DefinitionsInForce;
import dev.patron.customfields.FieldRecord;
import dev.patron.customfields.FieldValues;
import dev.patron.query.filter.FilterParser;
import dev.patron.query.history.AuditTrail;
import dev.patron.query.history.PointInTime;
import dev.patron.query.filter.Sort;
import dev.patron.query.paging.ListDocument;
import dev.patron.contract.PageRequest;
import dev.patron.query.paging.Pagination;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The read half of {@code /v2/customers}; writes go to the command service. Custom fields are shown, filtered and
 * sorted by the definitions in force when the request arrives.
 */
@RestController
@RequestMapping("/v2/customers")
class CustomerController {

    private final CustomerQueries queries;
    private final AuditTrail auditTrail;
    private final DefinitionsInForce definitions;

    CustomerController(CustomerQueries queries, AuditTrail auditTrail, DefinitionsInForce definitions) {
        this.queries = queries;
        this.auditTrail = auditTrail;
        this.definitions = definitions;
    }

    /** The customer now, from the read model; or, with {@code at}, as they were then, from their events. */
    @GetMapping("/{id}")
    DataDocument<CustomerResource> get(@PathVariable String id,
                                       @RequestParam(name = PointInTime.PARAMETER, required = false) String at,
                                       HttpServletRequest request) {
        Optional<Instant> then = PointInTime.of(at, request);
        List<FieldRecord> customFields = definitions.known().inForce(Definitions.CUSTOMERS);
        Optional<CustomerResource> customer = then.isPresent()
                ? auditTrail.customerAt(id, then.get(), customFields)
                : queries.get(id).map(found -> resource(found, customFields));
        return customer.map(DataDocument::of).orElseThrow(() -> ApiException.notFound("No customer with this id"));
    }

    @GetMapping
    ListDocument<CustomerResource> list(
            @RequestParam(name = FilterParser.PARAMETER, required = false) String filter,
            @RequestParam(name = Sort.PARAMETER, required = false) String sort,
            @RequestParam(name = PageRequest.LIMIT_PARAMETER, required = false) String limit,
            @RequestParam(name = PageRequest.OFFSET_PARAMETER, required = false) String offset) {
        PageRequest page = PageRequest.parse(limit, offset);
        List<FieldRecord> customFields = definitions.known().inForce(Definitions.CUSTOMERS);
        CustomerQueries.CustomerPage result = queries.list(CustomerField.filter(customFields).parse(filter),
                CustomerField.sort(sort, customFields), page);
        Map<String, String> query = new LinkedHashMap<>();
        query.put(FilterParser.PARAMETER, filter);
        query.put(Sort.PARAMETER, sort);
        return Pagination.document(result.customers().stream().map(found -> resource(found, customFields)).toList(),
                result.total(), page, query);
    }

    private static CustomerResource resource(StoredCustomer customer, List<FieldRecord> customFields) {
        return FieldValues.showOn(CustomerResource.of(customer.id(), customer.name(), customer.email(), customer.hasPassword(),
                customer.externalRef(), customer.createdAt(), customer.updatedAt()),
                customer.customFields(), customFields);
    }
}
