package dev.patron.kit.web;

import dev.patron.contract.ApiError;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Answers 406 for an API request whose {@code Accept} allows no JSON, before anything runs. Left to Spring MVC, the
 * request would be handled first and only its answer refused: a write would be stored while the client is told it
 * failed (and a retry would then conflict). Only the API's own paths: the management endpoints answer in other types.
 */
public class AcceptFilter extends OncePerRequestFilter {

    static final String JSON_ONLY = "The API answers in JSON only: Accept must allow application/json";
    /** Every path the API description covers: the API, tokens and keys, the description, the services' question. */
    private static final List<String> API_PATHS =
            List.of("/v2/", "/oauth/", "/.well-known/", "/openapi.json", "/internal/");

    private final ErrorResponseWriter errorResponseWriter;

    public AcceptFilter(ErrorResponseWriter errorResponseWriter) {
        this.errorResponseWriter = errorResponseWriter;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return API_PATHS.stream().noneMatch(request.getRequestURI()::startsWith);
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String accept = request.getHeader(HttpHeaders.ACCEPT);
        if (accept != null && !accept.isBlank() && !allowsJson(accept)) {
            errorResponseWriter.write(response, ApiError.of(HttpStatus.NOT_ACCEPTABLE, JSON_ONLY));
            return;
        }
        chain.doFilter(request, response);
    }

    private static boolean allowsJson(String accept) {
        try {
            return MediaType.parseMediaTypes(accept).stream()
                    .anyMatch(type -> type.getQualityValue() > 0 && type.isCompatibleWith(MediaType.APPLICATION_JSON));
        } catch (InvalidMediaTypeException notMediaTypes) {
            return false;
        }
    }
}
