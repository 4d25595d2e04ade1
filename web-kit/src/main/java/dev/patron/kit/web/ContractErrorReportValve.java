package dev.patron.kit.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.patron.contract.ErrorDetails;
import dev.patron.contract.ErrorDocument;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.ServletException;
import java.io.IOException;
import java.io.Writer;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ErrorReportValve;
import org.apache.coyote.http11.Http11InputBuffer;
import org.apache.tomcat.util.res.StringManager;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;

/**
 * Tomcat's own error answers in the contract's format, instead of its HTML page. Tomcat refuses some requests before
 * any filter, servlet or Spring code could see them: a request line or path it cannot read (raw {@code {}|\}, encoded
 * {@code /} or {@code \}, NUL, invalid UTF-8), a request line and headers over
 * {@code server.max-http-request-header-size}, TRACE, CONNECT, broken framing ({@code Content-Length},
 * {@code Transfer-Encoding}), an HTTP version it does not speak. Those answers never reach Spring's {@code /error}
 * page; they end in the host's error report valve, which this one replaces. It also writes the body of any other
 * error answer that leaves the application empty.
 * <p>
 * Tomcat answers an over-long request line and over-long headers alike with 400; this valve tells them apart and
 * answers 414 and 431, as the gateway in front of the services does. What Tomcat answers 501 or 505 is answered as
 * the client's mistake it is (405 for CONNECT, otherwise 400).
 */
public class ContractErrorReportValve extends ErrorReportValve {

    /**
     * What Tomcat's HTTP/1.1 parser says when the request line and headers outgrow their buffer: the same message,
     * from the same bundle in the same locale, is the only thing that sets that refusal apart from other 400s.
     */
    private static final String REQUEST_HEADER_TOO_LARGE =
            StringManager.getManager(Http11InputBuffer.class).getString("iib.requestheadertoolarge.error");

    private final ObjectMapper objectMapper;

    public ContractErrorReportValve(ObjectMapper objectMapper) {
        this.objectMapper = objectMapper;
    }

    @Override
    public void invoke(Request request, Response response) throws IOException, ServletException {
        if (response.isError() && !request.isAsync()) {
            // Refused while Tomcat read the request: nothing of the application is to see it, the error page included.
            response.setSuspended(false);
            report(request, response, (Throwable) request.getAttribute(RequestDispatcher.ERROR_EXCEPTION));
            return;
        }
        super.invoke(request, response);
    }

    @Override
    protected void report(Request request, Response response, Throwable throwable) {
        if (response.getStatus() < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) {
            return;
        }
        HttpStatusCode status = statusFor(request, response, throwable);
        try {
            String body = objectMapper.writeValueAsString(ErrorDocument.of(ErrorDetails.generic(status)));
            response.setStatus(status.value());
            response.setContentType(MediaType.APPLICATION_JSON_VALUE);
            response.setCharacterEncoding("UTF-8");
            Writer writer = response.getReporter();
            if (writer != null) {
                writer.write(body);
                response.finishResponse();
            }
        } catch (IOException | IllegalStateException cannotAnswer) {
            // The connection is gone or the answer has begun: there is nothing left to say to this client.
        }
    }

    private static HttpStatusCode statusFor(Request request, Response response, Throwable throwable) {
        if (throwable instanceof IllegalArgumentException && REQUEST_HEADER_TOO_LARGE.equals(throwable.getMessage())) {
            // The parser stores the request target once it has read it whole: without one, the line was too long.
            return request.getCoyoteRequest().requestURI().isNull()
                    ? HttpStatus.URI_TOO_LONG
                    : HttpStatus.REQUEST_HEADER_FIELDS_TOO_LARGE;
        }
        int status = response.getStatus();
        if (status == HttpStatus.NOT_IMPLEMENTED.value() || status == HttpStatus.HTTP_VERSION_NOT_SUPPORTED.value()) {
            // Tomcat's answer to a method, transfer coding or HTTP version it does not implement: statuses that read
            // as the server having failed. Here the client asked for what no route offers, so 405 for CONNECT and
            // 400 for the rest, and a 5xx from the API host always means that Patron failed.
            return "CONNECT".equals(request.getMethod()) ? HttpStatus.METHOD_NOT_ALLOWED : HttpStatus.BAD_REQUEST;
        }
        return HttpStatusCode.valueOf(status);
    }
}
