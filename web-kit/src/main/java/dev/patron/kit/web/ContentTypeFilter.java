package dev.patron.kit.web;

import dev.patron.contract.ApiError;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Answers 415 for a {@code Content-Type} that names no type: one that does not parse, or a wildcard such as
 * {@code *}{@code /*}. Spring MVC cannot even hold such a header (it fails reading the request, a 500), so it is
 * refused here, before anything reads the body or runs a command.
 */
public class ContentTypeFilter extends OncePerRequestFilter {

    static final String NOT_A_CONTENT_TYPE = "Content-Type must name one media type, such as application/json";

    private final ErrorResponseWriter errorResponseWriter;

    public ContentTypeFilter(ErrorResponseWriter errorResponseWriter) {
        this.errorResponseWriter = errorResponseWriter;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String contentType = request.getHeader(HttpHeaders.CONTENT_TYPE);
        if (contentType != null && !namesOneMediaType(contentType)) {
            errorResponseWriter.write(response, ApiError.of(HttpStatus.UNSUPPORTED_MEDIA_TYPE, NOT_A_CONTENT_TYPE));
            return;
        }
        chain.doFilter(request, response);
    }

    private static boolean namesOneMediaType(String contentType) {
        try {
            MediaType type = MediaType.parseMediaType(contentType);
            return !type.isWildcardType() && !type.isWildcardSubtype();
        } catch (InvalidMediaTypeException notAMediaType) {
            return false;
        }
    }
}
