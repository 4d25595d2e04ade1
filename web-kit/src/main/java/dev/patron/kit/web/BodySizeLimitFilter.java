package dev.patron.kit.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
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
        chain.doFilter(new LimitedBodyRequest(request, maxBytes), response);
    }

    private static final class LimitedBodyRequest extends HttpServletRequestWrapper {

        private final long maxBytes;
        private ServletInputStream limitedStream;
        private BufferedReader reader;

        LimitedBodyRequest(HttpServletRequest request, long maxBytes) {
            super(request);
            this.maxBytes = maxBytes;
        }

        @Override
        public ServletInputStream getInputStream() throws IOException {
            if (limitedStream == null) {
                limitedStream = new LimitedInputStream(super.getInputStream(), maxBytes);
            }
            return limitedStream;
        }

        @Override
        public BufferedReader getReader() throws IOException {
            if (reader == null) {
                String encoding = getCharacterEncoding();
                Charset charset = encoding != null ? Charset.forName(encoding) : StandardCharsets.UTF_8;
                reader = new BufferedReader(new InputStreamReader(getInputStream(), charset));
            }
            return reader;
        }
    }

    private static final class LimitedInputStream extends ServletInputStream {

        private final ServletInputStream delegate;
        private final long maxBytes;
        private long bytesRead;

        LimitedInputStream(ServletInputStream delegate, long maxBytes) {
            this.delegate = delegate;
            this.maxBytes = maxBytes;
        }

        @Override
        public int read() throws IOException {
            int next = delegate.read();
            if (next != -1) {
                count(1);
            }
            return next;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int count = delegate.read(buffer, offset, length);
            if (count > 0) {
                count(count);
            }
            return count;
        }

        private void count(int bytes) throws BodyTooLargeException {
            bytesRead += bytes;
            if (bytesRead > maxBytes) {
                throw new BodyTooLargeException(maxBytes);
            }
        }

        @Override
        public boolean isFinished() {
            return delegate.isFinished();
        }

        @Override
        public boolean isReady() {
            return delegate.isReady();
        }

        @Override
        public void setReadListener(ReadListener listener) {
            delegate.setReadListener(listener);
        }
    }
}
