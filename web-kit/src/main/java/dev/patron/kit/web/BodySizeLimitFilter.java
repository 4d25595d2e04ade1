package dev.patron.kit.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Map;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Caps request bodies. A declared {@code Content-Length} over the limit is answered 413 before anything is read;
 * a body without one (chunked) is counted while it is read and fails with {@link BodyTooLargeException}, which
 * {@link ApiExceptionAdvice} answers with the same 413. Nothing is buffered, so streaming parsers still stream.
 */
public class BodySizeLimitFilter extends OncePerRequestFilter {

    private final long defaultMaxBytes;
    private final Map<String, Long> maxBytesByPath;
    private final ErrorResponseWriter errorResponseWriter;

    /** @param maxBytesByPath other limits than {@code defaultMaxBytes}, by exact request path */
    public BodySizeLimitFilter(long defaultMaxBytes, Map<String, Long> maxBytesByPath,
                               ErrorResponseWriter errorResponseWriter) {
        this.defaultMaxBytes = defaultMaxBytes;
        this.maxBytesByPath = Map.copyOf(maxBytesByPath);
        this.errorResponseWriter = errorResponseWriter;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        long maxBytes = maxBytesByPath.getOrDefault(request.getRequestURI(), defaultMaxBytes);
        if (request.getContentLengthLong() > maxBytes) {
            errorResponseWriter.write(response, BodyTooLargeException.error(maxBytes));
            return;
        }
        chain.doFilter(new InspectedBodyRequest(request, counting(maxBytes)), response);
    }

    /** Counts the bytes read and fails the read that goes past {@code maxBytes}. */
    private static InspectedBodyRequest.Inspector counting(long maxBytes) {
        long[] bytesRead = {0};
        return (buffer, offset, count) -> {
            bytesRead[0] += count;
            if (bytesRead[0] > maxBytes) {
                throw new BodyTooLargeException(maxBytes);
            }
        };
    }
}
