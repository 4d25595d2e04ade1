package dev.patron.command.customer;

import com.fasterxml.jackson.databind.JsonNode;
import dev.patron.command.customer.CustomerInput.Purpose;
import dev.patron.contract.ApiException;
import dev.patron.contract.CustomerResource;
import dev.patron.contract.RequestDocument;
import dev.patron.contract.DataDocument;
import dev.patron.customfields.Definitions;
import dev.patron.customfields.DefinitionsInForce;
import dev.patron.customfields.FieldRecord;
import dev.patron.customfields.FieldValues;
import dev.patron.kit.security.Caller;
import jakarta.servlet.http.HttpServletRequest;
import java.net.URI;
import java.util.List;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The contract's customer writes. Bodies arrive as JSON trees, not bound objects, so that each wrong field type
 * is reported by name and nothing is coerced; the password is hashed here (Argon2id), before any command exists.
 * Custom field values are checked against the customer fields in force when the request arrives, and the answer
 * shows them as a read would.
 */
@RestController
@RequestMapping("/v2/customers")
public class CustomerController {

    static final String EXTERNAL_REF_IS_THE_STORES = "external_ref is set by the store's back office only";

    private final CustomerWrites writes;
    private final Argon2idPasswordEncoder passwordEncoder;
    private final DefinitionsInForce definitions;

    public CustomerController(CustomerWrites writes, Argon2idPasswordEncoder passwordEncoder,
                              DefinitionsInForce definitions) {
        this.writes = writes;
        this.passwordEncoder = passwordEncoder;
        this.definitions = definitions;
    }

    @PostMapping
    public ResponseEntity<DataDocument<CustomerResource>> create(@RequestBody JsonNode body,
                                                                 HttpServletRequest request) {
        refuseExternalRefFromStorefront(body, Caller.of(request));
        List<FieldRecord> customFields = definitions.inForce(Definitions.CUSTOMERS);
        CustomerInput input = CustomerInput.read(body, Purpose.CREATE, passwordEncoder::encode, customFields);
        String customerId = UUID.randomUUID().toString();
        CustomerState created = writes.create(new CreateCustomer(customerId, input.name(), input.email(),
                input.externalRef(), input.passwordHash(), input.customFields()));
        // Not always customerId: a sign-up may take over the claim of one that was never stored (see CustomerWrites).
        return ResponseEntity.created(URI.create("/v2/customers/" + created.customerId()))
                .body(DataDocument.of(resource(created, customFields)));
    }

    @PutMapping("/{customerId}")
    public DataDocument<CustomerResource> update(@PathVariable String customerId, @RequestBody JsonNode body,
                                                 HttpServletRequest request) {
        refuseExternalRefFromStorefront(body, Caller.of(request));
        List<FieldRecord> customFields = definitions.inForce(Definitions.CUSTOMERS);
        CustomerInput input = CustomerInput.read(body, Purpose.UPDATE, passwordEncoder::encode, customFields);
        CustomerState updated = writes.update(new UpdateCustomer(customerId, input.name(), input.email(),
                input.externalRef(), input.passwordHash(), input.customFields()));
        return DataDocument.of(resource(updated, customFields));
    }

    @DeleteMapping("/{customerId}")
    public ResponseEntity<Void> delete(@PathVariable String customerId) {
        writes.delete(customerId);
        return ResponseEntity.noContent().build();
    }

    /**
     * {@code external_ref} is the store's link to its own systems (a CRM id): only the back office sets it. A shopper
     * who could would claim another record of the store's, or share one with another shopper.
     */
    private static void refuseExternalRefFromStorefront(JsonNode body, Caller caller) {
        JsonNode externalRef = body == null ? null : body.path("data").get("external_ref");
        if (!caller.isBackOffice() && externalRef != null && !externalRef.isNull()) {
            throw new ApiException(HttpStatus.FORBIDDEN, EXTERNAL_REF_IS_THE_STORES,
                    RequestDocument.source("external_ref"));
        }
    }

    /** The customer as this side knows it right after the write: the aggregate's state, timestamps of its events. */
    private static CustomerResource resource(CustomerState customer, List<FieldRecord> customFields) {
        return FieldValues.showOn(CustomerResource.of(customer.customerId(), customer.name(), customer.email(), customer.hasPassword(),
                customer.externalRef(), customer.createdAt(), customer.updatedAt()),
                customer.customFields(), customFields);
    }
}
