package dev.patron.kit.web;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import javax.net.ssl.SSLSession;

/**
 * One HTTP/1.1 request written byte for byte on a socket, for headers the JDK's client will not send (a {@code Host}
 * of the test's choosing). The answer is read to the end of the connection and is an ordinary {@link HttpResponse},
 * so {@link ApiTestClient}'s assertions apply to it.
 */
public final class RawHttp {

    private RawHttp() {
    }

    /**
     * {@code GET target} on the loopback port, with these header lines ({@code "Name: value"}); a {@code Host} naming
     * the port as {@code localhost} is added unless one is among them.
     */
    public static HttpResponse<String> get(int port, String target, List<String> headerLines) {
        StringBuilder head = new StringBuilder("GET " + target + " HTTP/1.1\r\n");
        if (headerLines.stream().noneMatch(line -> line.regionMatches(true, 0, "Host:", 0, 5))) {
            head.append("Host: localhost:").append(port).append("\r\n");
        }
        headerLines.forEach(line -> head.append(line).append("\r\n"));
        head.append("Connection: close\r\n\r\n");
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
            socket.getOutputStream().write(head.toString().getBytes(StandardCharsets.ISO_8859_1));
            return parse(socket.getInputStream().readAllBytes(), URI.create("http://localhost:" + port + target));
        } catch (IOException failed) {
            throw new UncheckedIOException(failed);
        }
    }

    private static HttpResponse<String> parse(byte[] answer, URI uri) {
        String text = new String(answer, StandardCharsets.ISO_8859_1);
        int headEnd = text.indexOf("\r\n\r\n");
        if (headEnd < 0) {
            throw new IllegalStateException("No complete answer: " + text);
        }
        String[] lines = text.substring(0, headEnd).split("\r\n");
        int status = Integer.parseInt(lines[0].split(" ")[1]);
        Map<String, List<String>> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            headers.computeIfAbsent(lines[i].substring(0, colon).trim(), name -> new ArrayList<>())
                    .add(lines[i].substring(colon + 1).trim());
        }
        byte[] body = Arrays.copyOfRange(answer, headEnd + 4, answer.length);
        boolean chunked = headers.getOrDefault("Transfer-Encoding", List.of()).stream()
                .anyMatch(coding -> coding.equalsIgnoreCase("chunked"));
        return new Response(status, HttpHeaders.of(headers, (name, value) -> true),
                new String(chunked ? unchunked(body) : body, StandardCharsets.UTF_8), uri);
    }

    private static byte[] unchunked(byte[] body) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int position = 0;
        while (true) {
            int lineEnd = indexOfLineEnd(body, position);
            String size = new String(body, position, lineEnd - position, StandardCharsets.ISO_8859_1);
            int length = Integer.parseInt(size.split(";")[0].trim(), 16);
            if (length == 0) {
                return out.toByteArray();
            }
            out.write(body, lineEnd + 2, length);
            position = lineEnd + 2 + length + 2;
        }
    }

    private static int indexOfLineEnd(byte[] bytes, int from) {
        for (int i = from; i + 1 < bytes.length; i++) {
            if (bytes[i] == '\r' && bytes[i + 1] == '\n') {
                return i;
            }
        }
        throw new IllegalStateException("A chunk size line without its end");
    }

    private record Response(int statusCode, HttpHeaders headers, String body, URI uri) implements HttpResponse<String> {

        @Override
        public HttpRequest request() {
            return HttpRequest.newBuilder(uri).build();
        }

        @Override
        public Optional<HttpResponse<String>> previousResponse() {
            return Optional.empty();
        }

        @Override
        public Optional<SSLSession> sslSession() {
            return Optional.empty();
        }

        @Override
        public HttpClient.Version version() {
            return HttpClient.Version.HTTP_1_1;
        }
    }
}
