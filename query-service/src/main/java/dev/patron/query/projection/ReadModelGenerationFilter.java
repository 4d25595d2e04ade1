package dev.patron.query.projection;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Pins each request to the read-model generation current when it starts, so that a request that reads several
 * collections (an email's lookup, then the customers it names) reads one generation whole even when a rebuild
 * switches meanwhile. The old generation is kept for a grace period after a switch for such requests.
 */
@Component
class ReadModelGenerationFilter extends OncePerRequestFilter {

    private final ReadModelCollections collections;

    ReadModelGenerationFilter(ReadModelCollections collections) {
        this.collections = collections;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        collections.pin(collections.current());
        try {
            chain.doFilter(request, response);
        } finally {
            collections.unpin();
        }
    }
}
