package dev.patron.kit.web;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.catalina.Host;
import org.apache.catalina.Pipeline;
import org.apache.catalina.Valve;
import org.apache.catalina.core.StandardHost;
import org.apache.catalina.valves.ErrorReportValve;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.autoconfigure.jackson.JacksonAutoConfiguration;
import org.springframework.boot.autoconfigure.web.servlet.error.ErrorMvcAutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.autoconfigure.jackson.Jackson2ObjectMapperBuilderCustomizer;
import org.springframework.boot.web.embedded.tomcat.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.boot.autoconfigure.web.ServerProperties.ForwardHeadersStrategy;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.core.Ordered;
import org.springframework.core.env.Environment;

import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Gives every servlet service that depends on web-kit the contract's error format (controller advice, {@code /error}
 * and Tomcat's own error answers), the request body limit, and one answer to where a request came from and was sent
 * to (forwarded headers believed from trusted proxies only, links built by {@link PublicLinks}). Runs before Spring
 * Boot's error auto-configuration so that its {@code BasicErrorController} backs off in favour of
 * {@link ContractErrorController}.
 */
@AutoConfiguration(before = ErrorMvcAutoConfiguration.class, after = JacksonAutoConfiguration.class)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@EnableConfigurationProperties(WebKitProperties.class)
public class WebKitAutoConfiguration {

    /** First, so that every answer, refusals of the filters after it included, names its request. */
    static final int REQUEST_ID_ORDER = Ordered.HIGHEST_PRECEDENCE + 5;
    /** Next: every later filter and controller sees the request as it arrived, with no forwarded header left. */
    static final int TRUSTED_PROXY_ORDER = Ordered.HIGHEST_PRECEDENCE + 6;
    /** Early, so that an oversized body is refused before authentication or anything else reads it. */
    static final int BODY_SIZE_LIMIT_ORDER = Ordered.HIGHEST_PRECEDENCE + 10;
    /** Right after: a body whose type names nothing is refused as early, before authentication. */
    static final int CONTENT_TYPE_ORDER = Ordered.HIGHEST_PRECEDENCE + 11;
    /** And an answer that could not be written is refused before anything runs. */
    static final int ACCEPT_ORDER = Ordered.HIGHEST_PRECEDENCE + 12;
    /** Before anything reads the body, so that no reader ever sees a byte sequence that is not UTF-8. */
    static final int UTF8_BODY_ORDER = Ordered.HIGHEST_PRECEDENCE + 13;

    @Bean
    public ErrorResponseWriter errorResponseWriter(ObjectMapper objectMapper) {
        return new ErrorResponseWriter(objectMapper);
    }

    @Bean
    public FilterRegistrationBean<RequestIdFilter> requestIdFilter() {
        var registration = new FilterRegistrationBean<>(new RequestIdFilter());
        registration.setOrder(REQUEST_ID_ORDER);
        return registration;
    }

    @Bean
    public FilterRegistrationBean<TrustedProxyFilter> trustedProxyFilter(
            WebKitProperties properties, ErrorResponseWriter errorResponseWriter, Environment environment) {
        requireForwardedHeadersLeftToPatron(environment);
        Optional<String> publicBaseUrl = Optional.ofNullable(properties.publicBaseUrl())
                .filter(setting -> !setting.isBlank())
                .map(PublicLinks::configuredBase);
        var registration = new FilterRegistrationBean<>(new TrustedProxyFilter(
                TrustedProxies.of(properties.trustedProxies()), publicBaseUrl, errorResponseWriter));
        registration.setOrder(TRUSTED_PROXY_ORDER);
        return registration;
    }

    /**
     * Tomcat (strategy {@code native}) and Spring's {@code ForwardedHeaderFilter} (strategy {@code framework}) would
     * believe forwarded headers from any private-network peer, or from anyone, before {@link TrustedProxyFilter} sees
     * the request. {@link ForwardedHeadersLeftToPatron} makes {@code none} the default; a service where it was set
     * otherwise refuses to start.
     */
    private static void requireForwardedHeadersLeftToPatron(Environment environment) {
        ForwardHeadersStrategy strategy = Binder.get(environment)
                .bind(ForwardedHeadersLeftToPatron.STRATEGY, ForwardHeadersStrategy.class).orElse(null);
        if (strategy != ForwardHeadersStrategy.NONE) {
            throw new IllegalStateException(ForwardedHeadersLeftToPatron.STRATEGY + " must be none: forwarded "
                    + "headers are believed only from patron.web.trusted-proxies, which Patron checks itself");
        }
    }

    @Bean
    public FilterRegistrationBean<BodySizeLimitFilter> bodySizeLimitFilter(
            WebKitProperties properties, ErrorResponseWriter errorResponseWriter) {
        var registration = new FilterRegistrationBean<>(
                new BodySizeLimitFilter(properties.maxBodySize().toBytes(), properties.maxBodySizeByPath().entrySet().stream()
                        .collect(Collectors.toMap(Map.Entry::getKey, limit -> limit.getValue().toBytes())),
                        errorResponseWriter));
        registration.setOrder(BODY_SIZE_LIMIT_ORDER);
        return registration;
    }

    @Bean
    public FilterRegistrationBean<ContentTypeFilter> contentTypeFilter(ErrorResponseWriter errorResponseWriter) {
        var registration = new FilterRegistrationBean<>(new ContentTypeFilter(errorResponseWriter));
        registration.setOrder(CONTENT_TYPE_ORDER);
        return registration;
    }

    @Bean
    public FilterRegistrationBean<AcceptFilter> acceptFilter(ErrorResponseWriter errorResponseWriter) {
        var registration = new FilterRegistrationBean<>(new AcceptFilter(errorResponseWriter));
        registration.setOrder(ACCEPT_ORDER);
        return registration;
    }

    @Bean
    public FilterRegistrationBean<Utf8BodyFilter> utf8BodyFilter() {
        var registration = new FilterRegistrationBean<>(new Utf8BodyFilter());
        registration.setOrder(UTF8_BODY_ORDER);
        return registration;
    }

    /**
     * A body is one unambiguous JSON document: anything after it ({@code {...}garbage}) and a key given twice in one
     * object (which parsers disagree on: the first or the last wins) are refused (400), not silently resolved.
     */
    @Bean
    public Jackson2ObjectMapperBuilderCustomizer oneUnambiguousJsonDocumentPerBody() {
        return builder -> builder.featuresToEnable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS,
                JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
    }

    @Bean
    public ApiExceptionAdvice apiExceptionAdvice() {
        return new ApiExceptionAdvice();
    }

    @Bean
    public ContractErrorController contractErrorController() {
        return new ContractErrorController();
    }

    /**
     * Puts {@link ContractErrorReportValve} where Tomcat reports errors, on the host, instead of the HTML valve that
     * Tomcat or Spring Boot would put there. Last of the customizers, so that it comes after Spring Boot's, which adds
     * its own valve.
     */
    @Bean
    public WebServerFactoryCustomizer<TomcatServletWebServerFactory> contractErrorReportValve(ObjectMapper objectMapper) {
        return new ContractErrorReportValveCustomizer(objectMapper);
    }

    private record ContractErrorReportValveCustomizer(ObjectMapper objectMapper)
            implements WebServerFactoryCustomizer<TomcatServletWebServerFactory>, Ordered {

        @Override
        public void customize(TomcatServletWebServerFactory factory) {
            factory.addContextCustomizers(context -> {
                Host host = (Host) context.getParent();
                Pipeline pipeline = host.getPipeline();
                for (Valve valve : pipeline.getValves()) {
                    if (valve instanceof ErrorReportValve) {
                        pipeline.removeValve(valve);
                    }
                }
                pipeline.addValve(new ContractErrorReportValve(objectMapper));
                if (host instanceof StandardHost standardHost) {
                    // Otherwise the host adds Tomcat's valve when it starts, having found no valve of that class.
                    standardHost.setErrorReportValveClass(ContractErrorReportValve.class.getName());
                }
            });
        }

        @Override
        public int getOrder() {
            return Ordered.LOWEST_PRECEDENCE;
        }
    }
}
