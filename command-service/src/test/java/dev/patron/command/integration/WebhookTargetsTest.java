package dev.patron.command.integration;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class WebhookTargetsTest {

    private final WebhookTargets publicOnly = new WebhookTargets(false);

    @ParameterizedTest
    @ValueSource(strings = {"http://127.0.0.1/hook", "http://127.8.9.10/", "http://localhost:8080/", "http://[::1]/",
            "http://0.0.0.0/", "http://[::]/", "http://10.0.0.5/", "http://172.16.1.1/", "http://192.168.1.1/",
            "http://169.254.169.254/latest/meta-data", "http://[fe80::1]/", "http://[fd12:3456::1]/",
            "http://224.0.0.1/", "http://[ff02::1]/", "http://100.64.0.1/", "http://[::ffff:10.0.0.1]/",
            "http://[::ffff:127.0.0.1]/", "http://255.255.255.255/"})
    void internalAddressesAreRefused(String url) {
        assertThat(publicOnly.refusal(URI.create(url))).as(url).isPresent();
    }

    @ParameterizedTest
    @ValueSource(strings = {"http://93.184.215.14/hook", "https://8.8.8.8/", "http://[2606:4700::1111]/"})
    void publicAddressesAreNot(String url) {
        assertThat(publicOnly.refusal(URI.create(url))).as(url).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"ftp://93.184.215.14/", "file:///etc/passwd", "http://user:pw@93.184.215.14/"})
    void onlyHttpWithoutCredentialsInTheUrl(String url) {
        assertThat(publicOnly.refusal(URI.create(url))).as(url).isPresent();
        assertThat(new WebhookTargets(true).refusal(URI.create(url))).as(url).isPresent();
    }

    @ParameterizedTest
    @ValueSource(strings = {"http://127.0.0.1:9000/hook", "http://10.0.0.5/"})
    void privateTargetsWhenAllowed(String url) {
        assertThat(new WebhookTargets(true).refusal(URI.create(url))).isEmpty();
    }
}
