package dev.patron.kit.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Holds request bodies sent as UTF-8 (no charset, or {@code charset=utf-8}: every JSON body) to UTF-8 as RFC 3629
 * defines it. Jackson's byte parser decodes leniently: an overlong form ({@code C0 AF}) becomes {@code /}, an encoded
 * surrogate ({@code ED A0 80}) a lone surrogate, and a sequence past U+10FFFF something else again; so a value could
 * pass every check on its text and still not be what its bytes say. Each byte is checked as it is read, and the first
 * one out of place fails the read with {@link BodyNotUtf8Exception}, which {@link ApiExceptionAdvice} answers 400.
 * Nothing is buffered. Bodies that declare another charset are decoded by that charset, which has no such ambiguity.
 */
public class Utf8BodyFilter extends OncePerRequestFilter {

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        chain.doFilter(isSentAsUtf8(request) ? new InspectedBodyRequest(request, utf8Check()) : request, response);
    }

    /** Checks each byte against UTF-8's table of well-formed sequences. */
    private static InspectedBodyRequest.Inspector utf8Check() {
        Utf8Sequences sequences = new Utf8Sequences();
        return new InspectedBodyRequest.Inspector() {
            @Override
            public void bytesRead(byte[] buffer, int offset, int count) throws BodyNotUtf8Exception {
                for (int index = offset; index < offset + count; index++) {
                    sequences.next(buffer[index] & 0xFF);
                }
            }

            @Override
            public void ended() throws BodyNotUtf8Exception {
                sequences.end();
            }
        };
    }

    private static boolean isSentAsUtf8(HttpServletRequest request) {
        String contentType = request.getContentType();
        if (contentType == null) {
            return true;
        }
        try {
            Charset declared = MediaType.parseMediaType(contentType).getCharset();
            return declared == null || declared.equals(StandardCharsets.UTF_8);
        } catch (InvalidMediaTypeException refusedByContentTypeFilter) {
            return false;
        }
    }

    /**
     * The well-formed byte sequences of RFC 3629, section 4, fed one byte at a time: a lead byte says how many
     * continuation bytes follow and, for the second, a narrower range that rules out overlong forms (after
     * {@code E0}, {@code F0}), surrogates (after {@code ED}) and code points past U+10FFFF (after {@code F4}).
     */
    static final class Utf8Sequences {

        private int continuationsLeft;
        private int lowest = 0x80;
        private int highest = 0xBF;

        void next(int octet) throws BodyNotUtf8Exception {
            if (continuationsLeft > 0) {
                if (octet < lowest || octet > highest) {
                    throw new BodyNotUtf8Exception();
                }
                continuationsLeft--;
                lowest = 0x80;
                highest = 0xBF;
                return;
            }
            if (octet < 0x80) {
                return;
            }
            if (octet >= 0xC2 && octet <= 0xDF) {
                expect(1, 0x80, 0xBF);
            } else if (octet == 0xE0) {
                expect(2, 0xA0, 0xBF);
            } else if (octet == 0xED) {
                expect(2, 0x80, 0x9F);
            } else if (octet >= 0xE1 && octet <= 0xEF) {
                expect(2, 0x80, 0xBF);
            } else if (octet == 0xF0) {
                expect(3, 0x90, 0xBF);
            } else if (octet >= 0xF1 && octet <= 0xF3) {
                expect(3, 0x80, 0xBF);
            } else if (octet == 0xF4) {
                expect(3, 0x80, 0x8F);
            } else {
                throw new BodyNotUtf8Exception();
            }
        }

        /** The body ended: a sequence left unfinished is not UTF-8 either. */
        void end() throws BodyNotUtf8Exception {
            if (continuationsLeft > 0) {
                throw new BodyNotUtf8Exception();
            }
        }

        private void expect(int continuations, int secondLowest, int secondHighest) {
            continuationsLeft = continuations;
            lowest = secondLowest;
            highest = secondHighest;
        }
    }
}
