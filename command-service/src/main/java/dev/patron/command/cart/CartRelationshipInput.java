package dev.patron.command.cart;

import com.fasterxml.jackson.databind.JsonNode;
import dev.patron.contract.ApiException;
import dev.patron.contract.CustomerResource;
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
        JsonNode customer = data.get(0);
        JsonNode type = customer.get("type");
        if (type == null || !CustomerResource.TYPE.equals(type.textValue())) {
            throw new ApiException(HttpStatus.BAD_REQUEST, "type must be \"customer\"", "data[0].type");
        }
        JsonNode id = customer.get("id");
        if (id == null || !id.isTextual() || id.textValue().isBlank()) {
            throw new ApiException(HttpStatus.BAD_REQUEST, "id must be a customer id", "data[0].id");
        }
        return id.textValue();
    }
}
