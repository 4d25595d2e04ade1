package dev.patron.kit.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class PublicLinksTest {

    @ParameterizedTest(name = "{0}://{1}:{2} -> {3}")
    @CsvSource({
            "http,       localhost,          8080,  http://localhost:8080",
            "HTTPS,      api.example.com,    443,   https://api.example.com",
            "http,       api.example.com,    80,    http://api.example.com",
            "https,      api.example.com,    80,    https://api.example.com:80",
            "http,       10.0.0.7,           8082,  http://10.0.0.7:8082",
            "http,       [::1],              8080,  http://[::1]:8080",
            "http,       ::1,                8080,  http://[::1]:8080",
            "http,       patron_gateway_1,   8080,  http://patron_gateway_1:8080"})
    void anOriginOfWebSchemeHostAndPortIsWrittenAsALinkStarts(String scheme, String host, int port, String origin) {
        assertThat(PublicLinks.origin(scheme, host, port)).hasValue(origin);
    }

    @ParameterizedTest(name = "{0}://{1}:{2}")
    @CsvSource({
            "javascript, evil.example,       80",
            "data,       evil.example,       80",
            "ftp,        evil.example,       21",
            "http,       evil.example/path,  80",
            "http,       user@evil.example,  80",
            "http,       evil.example?,      80",
            "http,       evil.example#,      80",
            "http,       'evil example',     80",
            "http,       evil..example,      80",
            "http,       -evil.example,      80",
            "http,       '',                 80",
            "http,       [::1,               80",
            "http,       [evil],             80",
            "http,       evil.example,       0",
            "http,       evil.example,       65536",
            "http,       évil.example,       80"})
    void anythingElseIsNoOrigin(String scheme, String host, int port) {
        assertThat(PublicLinks.origin(scheme, host, port)).isEmpty();
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
            "https://api.example.com,              https://api.example.com",
            "https://api.example.com/,             https://api.example.com",
            "https://API.example.com:8443/shop/,   https://API.example.com:8443/shop",
            "'  http://localhost:8080  ',          http://localhost:8080",
            "http://localhost:80/a/b,              http://localhost/a/b"})
    void thePublicBaseUrlIsTakenWithoutATrailingSlash(String setting, String base) {
        assertThat(PublicLinks.configuredBase(setting)).isEqualTo(base);
    }

    @ParameterizedTest
    @ValueSource(strings = {"api.example.com", "/shop", "javascript://api.example.com/", "ftp://api.example.com",
            "https://user@api.example.com", "https://api.example.com/?a=1", "https://api.example.com/#top",
            "https://api.example.com:0", "https://", "https://exa mple.com"})
    void aPublicBaseUrlThatCannotStartALinkStopsTheServiceFromStarting(String setting) {
        assertThatThrownBy(() -> PublicLinks.configuredBase(setting))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("patron.web.public-base-url");
    }
}
