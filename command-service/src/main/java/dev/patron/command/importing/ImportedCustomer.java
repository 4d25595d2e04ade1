package dev.patron.command.importing;

import dev.patron.command.customer.CustomerInput;
import dev.patron.command.address.AddressInput;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;

/**
 * One customer of an import request, checked: their details and addresses, and where in the request they are.
 *
 * @param index the customer's position in the request, which its result names
 */
record ImportedCustomer(int index, CustomerInput details, List<AddressInput.Request> addresses) {

    /**
     * The id of the customer's {@code position}-th address: derived from the customer's id, so that an import run
     * again after a crash can tell which addresses it stored already and add only the missing ones.
     */
    static String addressId(String customerId, int position) {
        return UUID.nameUUIDFromBytes((customerId + "/address/" + position).getBytes(StandardCharsets.UTF_8)).toString();
    }
}
