package dev.patron.gateway;

import io.netty.channel.ConnectTimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.web.reactive.error.ErrorWebExceptionHandler;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

import java.net.ConnectException;
import java.util.concurrent.TimeoutException;

/**
 * Answers every failure at the gateway itself (no route, a request it refuses, a service down or too slow) in the API
 * contract's error format, never with Spring's default body or a stack trace: the same records and the same wording
 * as the services use (module api-contract), written by the reactive stack the gateway runs on.
 */
@Component
@Order(-2) // before Spring Boot's DefaultErrorWebExceptionHandler (-1)
class ContractErrorHandler implements ErrorWebExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ContractErrorHandler.class);

    private final ContractErrorBody errorBody;

    ContractErrorHandler(ContractErrorBody errorBody) {
        this.errorBody = errorBody;
    }

    @Override
    public Mono<Void> handle(ServerWebExchange exchange, Throwable failure) {
        ServerHttpResponse response = exchange.getResponse();
        if (response.isCommitted()) {
            return Mono.error(failure);
        }
        HttpStatusCode status = statusFor(failure);
        if (status.is5xxServerError()) {
            log.warn("{} {} failed at the gateway: {}", exchange.getRequest().getMethod(),
                    exchange.getRequest().getPath(), failure.toString());
        }
        response.setStatusCode(status);
        if (failure instanceof ResponseStatusException statusException) {
            // e.g. Allow with a 405: what the client needs to make the request right
            response.getHeaders().addAll(statusException.getHeaders());
        }
        response.getHeaders().setContentType(MediaType.APPLICATION_JSON);
        return response.writeWith(Mono.fromCallable(() -> response.bufferFactory().wrap(errorBody.of(status))));
    }

    private static HttpStatusCode statusFor(Throwable failure) {
        if (failure instanceof ResponseStatusException statusException) {
            return statusException.getStatusCode();
        }
        if (failure instanceof ConnectException || failure instanceof ConnectTimeoutException) {
            return HttpStatus.SERVICE_UNAVAILABLE;
        }
        if (failure instanceof TimeoutException) {
            return HttpStatus.GATEWAY_TIMEOUT;
        }
        return HttpStatus.INTERNAL_SERVER_ERROR;
    }
}
