package dev.patron.kit.web;

import dev.patron.contract.ApiError;
import dev.patron.contract.ErrorDetails;
import dev.patron.contract.ErrorDocument;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.web.servlet.error.ErrorController;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Replaces Spring Boot's {@code /error} page (its {@code timestamp/status/error/path} body is not the contract's).
 * The container forwards here for errors raised outside Spring MVC, e.g. an exception in a filter or a
 * {@code sendError}; a direct request for {@code /error} is simply not a resource.
 */
@RestController
public class ContractErrorController implements ErrorController {

    private static final Logger log = LoggerFactory.getLogger(ContractErrorController.class);

    @RequestMapping("${server.error.path:${error.path:/error}}")
    public ResponseEntity<ErrorDocument> error(HttpServletRequest request) {
        HttpStatusCode status = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE) instanceof Integer code
                ? HttpStatusCode.valueOf(code)
                : HttpStatus.NOT_FOUND;
        if (status.is5xxServerError() && request.getAttribute(RequestDispatcher.ERROR_EXCEPTION) instanceof Throwable failure) {
            log.error("Request failed outside Spring MVC", failure);
        }
        ApiError error = ErrorDetails.generic(status);
        // JSON whatever the request accepts (see ApiExceptionAdvice)
        return ResponseEntity.status(status).contentType(MediaType.APPLICATION_JSON).body(ErrorDocument.of(error));
    }
}
