package dev.patron.gateway;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.patron.contract.ErrorDetails;
import dev.patron.contract.ErrorDocument;
import java.io.UncheckedIOException;
import org.springframework.http.HttpStatusCode;
import org.springframework.stereotype.Component;

/**
 * The contract's error body for a status, in the services' wording (module api-contract), as bytes: what the
 * gateway answers for its own failures and writes into the empty error answers of the HTTP server beneath it.
 */
@Component
class ContractErrorBody {

    private final ObjectMapper objectMapper;

    ContractErrorBody(ObjectMapper objectMapper) {
        this.objectMapper = objectMapper;
    }

    byte[] of(HttpStatusCode status) {
        try {
            return objectMapper.writeValueAsBytes(ErrorDocument.of(ErrorDetails.generic(status)));
        } catch (JsonProcessingException cannotHappen) {
            throw new UncheckedIOException(cannotHappen);
        }
    }
}
