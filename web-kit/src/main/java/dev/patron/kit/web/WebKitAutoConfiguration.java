package dev.patron.kit.web;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.autoconfigure.jackson.JacksonAutoConfiguration;
import org.springframework.boot.autoconfigure.web.servlet.error.ErrorMvcAutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.autoconfigure.jackson.Jackson2ObjectMapperBuilderCustomizer;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.core.Ordered;

import java.util.Map;
import java.util.stream.Collectors;

/**
 * Gives every servlet service that depends on service-kit the contract's error format (controller advice and
 * {@code /error}) and the request body limit. Runs before Spring Boot's error auto-configuration so that its
 * {@code BasicErrorController} backs off in favour of {@link ContractErrorController}.
 */
@AutoConfiguration(before = ErrorMvcAutoConfiguration.class, after = JacksonAutoConfiguration.class)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@EnableConfigurationProperties(WebKitProperties.class)
public class WebKitAutoConfiguration {

    /** First, so that every answer, refusals of the filters after it included, names its request. */
    static final int REQUEST_ID_ORDER = Ordered.HIGHEST_PRECEDENCE + 5;
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

    /** A body is one JSON document: anything after it ({@code {...}garbage}) is refused (400), not ignored. */
    @Bean
    public Jackson2ObjectMapperBuilderCustomizer oneJsonDocumentPerBody() {
        return builder -> builder.featuresToEnable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    }

    @Bean
    public ApiExceptionAdvice apiExceptionAdvice() {
        return new ApiExceptionAdvice();
    }

    @Bean
    public ContractErrorController contractErrorController() {
        return new ContractErrorController();
    }
}
