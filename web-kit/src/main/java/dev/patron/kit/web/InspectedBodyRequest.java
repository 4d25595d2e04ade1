package dev.patron.kit.web;

import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;

/**
 * A request whose body an {@link Inspector} looks at while it is read, each byte once and in order, and may fail the
 * read; nothing is buffered, so streaming parsers still stream. Its reader decodes the body by the charset the request
 * declares, UTF-8 when it declares none. The body filters ({@link BodySizeLimitFilter}, {@link Utf8BodyFilter}) are
 * its inspectors.
 */
final class InspectedBodyRequest extends HttpServletRequestWrapper {

    /** Sees the body as it is read; an exception it throws fails that read. */
    interface Inspector {

        void bytesRead(byte[] buffer, int offset, int count) throws IOException;

        /** The body ended (the stream answered -1). */
        default void ended() throws IOException {
        }
    }

    private final Inspector inspector;
    private ServletInputStream inspectedStream;
    private BufferedReader reader;

    InspectedBodyRequest(HttpServletRequest request, Inspector inspector) {
        super(request);
        this.inspector = inspector;
    }

    @Override
    public ServletInputStream getInputStream() throws IOException {
        if (inspectedStream == null) {
            inspectedStream = new InspectedInputStream(super.getInputStream(), inspector);
        }
        return inspectedStream;
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

    private static final class InspectedInputStream extends ServletInputStream {

        private final ServletInputStream delegate;
        private final Inspector inspector;
        private final byte[] single = new byte[1];

        InspectedInputStream(ServletInputStream delegate, Inspector inspector) {
            this.delegate = delegate;
            this.inspector = inspector;
        }

        @Override
        public int read() throws IOException {
            int next = delegate.read();
            if (next == -1) {
                inspector.ended();
            } else {
                single[0] = (byte) next;
                inspector.bytesRead(single, 0, 1);
            }
            return next;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int count = delegate.read(buffer, offset, length);
            if (count == -1) {
                inspector.ended();
            } else if (count > 0) {
                inspector.bytesRead(buffer, offset, count);
            }
            return count;
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
