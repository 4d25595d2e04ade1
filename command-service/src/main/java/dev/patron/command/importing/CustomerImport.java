package dev.patron.command.importing;

import com.fasterxml.jackson.databind.JsonNode;
import dev.patron.customfields.Definitions;
import dev.patron.customfields.DefinitionsInForce;
import dev.patron.command.address.AddressInput;
import dev.patron.command.address.CreateAddress;
import dev.patron.command.customer.CreateCustomer;
import dev.patron.command.customer.CustomerInput;
import dev.patron.command.customer.EmailAddresses;
import dev.patron.command.customer.EmailClaims;
import dev.patron.command.customer.EmailClaims.Claim;
import dev.patron.command.write.Outcome;
import dev.patron.command.write.Write;
import dev.patron.command.write.WritePipeline;
import dev.patron.eventstore.MongoEventStorageEngine;
import dev.patron.eventstore.privacy.DataKeyStore;
import dev.patron.contract.AddressResource;
import dev.patron.contract.ApiError;
import dev.patron.contract.ApiException;
import dev.patron.contract.CustomerResource;
import dev.patron.contract.RequestDocument;
import dev.patron.progress.Projections;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;

/**
 * Creates the customers of one import request as sign-ups create them (same checks, same events, same email claims),
 * but all in one go: their email addresses claimed in one insert, their data keys made in another, and every
 * customer and address command sent through the {@link WritePipeline} together, so their events are stored in one
 * append and the answer waits once for the projection.
 * <p>
 * Running an import again is safe: an address claimed by an earlier import run belongs to the customer that run
 * created, who is reported as already imported (and gets any address the earlier run did not store); if that run
 * died before storing the customer, the customer is created now under the id it claimed.
 */
@Service
class CustomerImport {

    static final String EMAIL_TAKEN = "The email address is already in use";
    static final String DUPLICATE_IN_REQUEST = "The email address is also used by another customer of this request";
    static final String NOT_IMPORTED = "The customer could not be imported; try again";
    private static final Logger log = LoggerFactory.getLogger(CustomerImport.class);
    private static final Write IMPORT = Write.awaiting(Projections.CUSTOMERS);

    private final EmailClaims emailClaims;
    private final DataKeyStore dataKeys;
    private final WritePipeline pipeline;
    private final MongoEventStorageEngine eventStore;
    private final DefinitionsInForce definitions;

    CustomerImport(EmailClaims emailClaims, DataKeyStore dataKeys, WritePipeline pipeline,
                   EventStorageEngine eventStore, DefinitionsInForce definitions) {
        this.definitions = definitions;
        this.emailClaims = emailClaims;
        this.dataKeys = dataKeys;
        this.pipeline = pipeline;
        this.eventStore = (MongoEventStorageEngine) eventStore;
    }

    List<ImportResult> importCustomers(List<JsonNode> items) {
        Definitions inForce = definitions.current();
        ImportResult[] results = new ImportResult[items.size()];
        Map<String, ImportedCustomer> byAddress = new LinkedHashMap<>();
        for (int index = 0; index < items.size(); index++) {
            try {
                ImportedCustomer customer = read(items.get(index), index, inForce);
                String address = EmailAddresses.normalise(customer.details().email());
                if (byAddress.putIfAbsent(address, customer) != null) {
                    results[index] = rejected(index, HttpStatus.CONFLICT, DUPLICATE_IN_REQUEST, "email");
                }
            } catch (ApiException invalid) {
                results[index] = ImportResult.rejected(index, invalid.document().errors());
            }
        }
        Map<String, String> newIds = new LinkedHashMap<>();
        byAddress.keySet().forEach(address -> newIds.put(address, UUID.randomUUID().toString()));
        Map<String, Claim> claims = emailClaims.claimForImport(newIds);

        Plan plan = plan(byAddress, claims, results);
        dataKeys.createKeys(plan.customersToCreate().keySet());
        List<Outcome<Object>> outcomes = pipeline.sendAll(plan.commands(), IMPORT);
        for (int i = 0; i < outcomes.size(); i++) {
            Outcome<Object> outcome = outcomes.get(i);
            ImportedCustomer customer = plan.customerOfCommand().get(i);
            if (!outcome.succeeded() && results[customer.index()].status().equals(ImportResult.CREATED)) {
                results[customer.index()] = failed(customer, outcome.failure());
                if (plan.commands().get(i) instanceof CreateCustomer create && claims.get(
                        EmailAddresses.normalise(create.email())).madeNow()) {
                    emailClaims.release(create.email(), create.customerId());
                }
            }
        }
        return List.of(results);
    }

    /**
     * Decides per customer what to do, from who holds their address now: create them (the address was free, or
     * claimed by an earlier run that did not get to store them), report them as imported already (adding addresses
     * an earlier run did not store), or reject them (another customer has the address).
     */
    private Plan plan(Map<String, ImportedCustomer> byAddress, Map<String, Claim> claims, ImportResult[] results) {
        Set<String> storedEarlier = eventStore.aggregatesWithEvents(claims.values().stream()
                .filter(claim -> !claim.madeNow() && claim.imported()).map(Claim::customerId).toList());
        Map<String, ImportedCustomer> toCreate = new LinkedHashMap<>();
        Map<String, ImportedCustomer> importedEarlier = new LinkedHashMap<>();
        byAddress.forEach((address, customer) -> {
            Claim claim = claims.get(address);
            int index = customer.index();
            if (!claim.madeNow() && !claim.imported()) {
                results[index] = rejected(index, HttpStatus.CONFLICT, EMAIL_TAKEN, "email");
            } else if (storedEarlier.contains(claim.customerId())) {
                importedEarlier.put(claim.customerId(), customer);
                results[index] = ImportResult.alreadyImported(index, claim.customerId());
            } else {
                toCreate.put(claim.customerId(), customer);
                results[index] = ImportResult.created(index, claim.customerId());
            }
        });
        Set<String> addressesStoredEarlier = eventStore.aggregatesWithEvents(importedEarlier.entrySet().stream()
                .flatMap(entry -> addressIds(entry.getKey(), entry.getValue()).stream()).toList());

        List<Object> commands = new ArrayList<>();
        List<ImportedCustomer> customerOfCommand = new ArrayList<>();
        toCreate.forEach((customerId, customer) -> {
            CustomerInput details = customer.details();
            commands.add(new CreateCustomer(customerId, details.name(), details.email(), details.externalRef(),
                    details.passwordHash(), details.customFields()));
            customerOfCommand.add(customer);
        });
        Map<String, ImportedCustomer> needingAddresses = new HashMap<>(toCreate);
        needingAddresses.putAll(importedEarlier);
        needingAddresses.forEach((customerId, customer) -> {
            List<AddressInput.Request> addresses = customer.addresses();
            for (int position = 0; position < addresses.size(); position++) {
                String addressId = ImportedCustomer.addressId(customerId, position);
                if (!addressesStoredEarlier.contains(addressId)) {
                    AddressInput.Request address = addresses.get(position);
                    commands.add(new CreateAddress(customerId, addressId, address.details(), address.customFields()));
                    customerOfCommand.add(customer);
                }
            }
        });
        return new Plan(toCreate, commands, customerOfCommand);
    }

    private static ImportedCustomer read(JsonNode item, int index, Definitions inForce) {
        String path = "data[" + index + "]";
        RequestDocument document = RequestDocument.item(item, path, CustomerResource.TYPE);
        CustomerInput details = CustomerInput.readImported(document, inForce.inForce(Definitions.CUSTOMERS));
        JsonNode addresses = document.node("addresses");
        List<AddressInput.Request> read = new ArrayList<>();
        if (addresses != null && !addresses.isNull()) {
            if (!addresses.isArray()) {
                throw new ApiException(HttpStatus.BAD_REQUEST, "addresses must be an array", path + ".addresses");
            }
            List<ApiError> problems = new ArrayList<>();
            for (int position = 0; position < addresses.size(); position++) {
                try {
                    read.add(AddressInput.toCreate(RequestDocument.item(addresses.get(position),
                            path + ".addresses[" + position + "]", AddressResource.TYPE),
                            inForce.inForce(Definitions.ADDRESSES)));
                } catch (ApiException invalid) {
                    problems.addAll(invalid.document().errors());
                }
            }
            if (!problems.isEmpty()) {
                throw new ApiException(HttpStatus.UNPROCESSABLE_ENTITY, problems);
            }
        }
        return new ImportedCustomer(index, details, List.copyOf(read));
    }

    private static List<String> addressIds(String customerId, ImportedCustomer customer) {
        List<String> ids = new ArrayList<>();
        for (int position = 0; position < customer.addresses().size(); position++) {
            ids.add(ImportedCustomer.addressId(customerId, position));
        }
        return ids;
    }

    private static ImportResult rejected(int index, HttpStatus status, String detail, String field) {
        return ImportResult.rejected(index, List.of(ApiError.of(status, detail, "data[" + index + "]." + field)));
    }

    /** A failure the client can act on is passed on; anything else is logged and told in general terms. */
    private static ImportResult failed(ImportedCustomer customer, RuntimeException failure) {
        if (failure instanceof ApiException clientFacing) {
            return ImportResult.rejected(customer.index(), clientFacing.document().errors());
        }
        log.warn("Could not import customer {} of a request: {}", customer.index(), failure.toString());
        return rejected(customer.index(), HttpStatus.INTERNAL_SERVER_ERROR, NOT_IMPORTED, "email");
    }

    private record Plan(Map<String, ImportedCustomer> customersToCreate, List<Object> commands,
                        List<ImportedCustomer> customerOfCommand) {
    }
}
