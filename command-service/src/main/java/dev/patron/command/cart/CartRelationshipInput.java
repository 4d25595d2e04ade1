package dev.patron.command.cart;

import com.fasterxml.jackson.databind.JsonNode;
import dev.patron.contract.ApiException;
import dev.patron.contract.CustomerResource;
import dev.patron.contract.RequestDocument;
import dev.patron.contract.TextRule;
import org.springframework.http.HttpStatus;

/** The body of a cart-to-customer association: {@code {"data":[{"type":"customer","id":..}]}}, one customer. */
final class CartRelationshipInput {

    private CartRelationshipInput() {
    }

    static String customerId(JsonNode body) {
        JsonNode data = body == null ? null : body.get("data");
        if (data == null || !data.isArray() || data.size() != 1) {
            throw new ApiException(HttpStatus.BAD_REQUEST,
                    "The body must be {\"data\":[{\"type\":\"customer\",\"id\":..}]} naming one customer", "data");
        }
        RequestDocument customer = RequestDocument.item(data.get(0), "data[0]", CustomerResource.TYPE);
        String id = customer.text("id", TextRule.ID);
        if (id == null || id.isBlank()) {
            throw new ApiException(HttpStatus.BAD_REQUEST, "id must be a customer id", "data[0].id");
        }
        customer.requireWellFormed();
        return id;
    }
}
