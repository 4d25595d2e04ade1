package dev.patron.kit.web;

import dev.patron.contract.ApiError;
import dev.patron.contract.ApiException;
import dev.patron.contract.ErrorDetails;
import dev.patron.contract.ErrorDocument;
import com.fasterxml.jackson.databind.JsonMappingException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.servlet.NoHandlerFoundException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;
import org.springframework.web.servlet.resource.NoResourceFoundException;

/**
 * Turns every exception that leaves a controller into the contract's error body. Spring MVC's own failures
 * (404, 405, 406, 415, unreadable body, ...) keep the status and headers Spring chose, with our wording; anything
 * unexpected is logged here and answered 500 with a fixed text, so no exception message, class name or database
 * message reaches a client. Lowest precedence: a service may add advice for its own exception types.
 * <p>
 * Every error answer names its type, JSON, itself: Spring MVC then writes it as it is instead of negotiating with the
 * request's {@code Accept}, which would otherwise turn an error for a client that accepts no JSON into an empty 406.
 */
@RestControllerAdvice
@Order(Ordered.LOWEST_PRECEDENCE)
public class ApiExceptionAdvice extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ApiExceptionAdvice.class);

    @ExceptionHandler(ApiException.class)
    public ResponseEntity<ErrorDocument> handleApiException(ApiException exception) {
        return ResponseEntity.status(exception.status()).contentType(MediaType.APPLICATION_JSON)
                .body(exception.document());
    }

    @ExceptionHandler(BodyTooLargeException.class)
    public ResponseEntity<ErrorDocument> handleBodyTooLarge(BodyTooLargeException exception) {
        return errorResponse(exception.error());
    }

    @ExceptionHandler(Exception.class)
    public ResponseEntity<ErrorDocument> handleUnexpected(Exception exception) {
        log.error("Request failed unexpectedly", exception);
        return errorResponse(ErrorDetails.generic(HttpStatus.INTERNAL_SERVER_ERROR));
    }

    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(
            HttpMessageNotReadableException exception, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        BodyTooLargeException tooLarge = findCause(exception, BodyTooLargeException.class);
        BodyNotUtf8Exception notUtf8 = findCause(exception, BodyNotUtf8Exception.class);
        ApiError error = tooLarge != null ? tooLarge.error()
                : notUtf8 != null ? notUtf8.error() : unreadableBody(exception);
        return handleExceptionInternal(exception, ErrorDocument.of(error), headers,
                HttpStatusCode.valueOf(error.status()), request);
    }

    @Override
    protected ResponseEntity<Object> handleExceptionInternal(
            Exception exception, Object body, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        if (status.is5xxServerError()) {
            log.error("Request failed in Spring MVC", exception);
        }
        Object document = body instanceof ErrorDocument ? body
                : ErrorDocument.of(ApiError.of(status, detailFor(exception, body, status)));
        HttpHeaders jsonHeaders = new HttpHeaders();
        jsonHeaders.putAll(headers);
        jsonHeaders.setContentType(MediaType.APPLICATION_JSON);
        return super.handleExceptionInternal(exception, document, jsonHeaders, status, request);
    }

    /**
     * A body bound to a typed parameter names the field whose JSON type was wrong; anything else unreadable
     * (no body, broken JSON) gets one fixed text, because the parser's message quotes its own internals.
     */
    private static ApiError unreadableBody(HttpMessageNotReadableException exception) {
        JsonMappingException mapping = findCause(exception, JsonMappingException.class);
        if (mapping != null && !mapping.getPath().isEmpty()) {
            String source = jsonPath(mapping);
            return ApiError.of(HttpStatus.BAD_REQUEST, source + " has the wrong type", source);
        }
        return ApiError.of(HttpStatus.BAD_REQUEST, "The request body is missing or not valid JSON");
    }

    private static String jsonPath(JsonMappingException mapping) {
        StringBuilder path = new StringBuilder();
        for (JsonMappingException.Reference reference : mapping.getPath()) {
            if (reference.getFieldName() != null) {
                path.append(path.isEmpty() ? "" : ".").append(reference.getFieldName());
            } else {
                path.append('[').append(reference.getIndex()).append(']');
            }
        }
        return path.toString();
    }

    /**
     * Spring's own problem details are phrased for clients and name no classes, but some are worded around
     * Spring internals ("No static resource"), and server errors get no detail at all.
     */
    private static String detailFor(Exception exception, Object body, HttpStatusCode status) {
        if (status.is5xxServerError()) {
            return ErrorDetails.generic(status).detail();
        }
        if (exception instanceof NoResourceFoundException || exception instanceof NoHandlerFoundException) {
            return ErrorDetails.NO_RESOURCE;
        }
        if (body instanceof ProblemDetail problem && problem.getDetail() != null) {
            return problem.getDetail();
        }
        return ErrorDetails.generic(status).detail();
    }

    private static ResponseEntity<ErrorDocument> errorResponse(ApiError error) {
        return ResponseEntity.status(error.status()).contentType(MediaType.APPLICATION_JSON)
                .body(ErrorDocument.of(error));
    }

    private static <T extends Throwable> T findCause(Throwable failure, Class<T> type) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (type.isInstance(cause)) {
                return type.cast(cause);
            }
        }
        return null;
    }
}
