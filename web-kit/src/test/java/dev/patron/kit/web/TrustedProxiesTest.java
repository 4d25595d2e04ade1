package dev.patron.kit.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class TrustedProxiesTest {

    private static final TrustedProxies GATEWAYS = TrustedProxies.of(
            List.of("10.1.0.0/16", " 192.168.7.9 ", "fd00:ab::/32", "::1", ""));

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
            "10.1.0.0,                true",
            "10.1.255.254,            true",
            "10.2.0.1,                false",
            "192.168.7.9,             true",
            "192.168.7.10,            false",
            "fd00:ab:1::5,            true",
            "fd00:ac::5,              false",
            "0:0:0:0:0:0:0:1,         true",
            "[::1],                   true",
            "127.0.0.1,               false",
            // an IPv4 address written as IPv6 is that IPv4 address
            "::ffff:10.1.2.3,         true",
            // names are never looked up
            "localhost,               false",
            "gateway.example,         false",
            "'',                      false"})
    void includesExactlyTheAddressesInItsBlocks(String peer, boolean trusted) {
        assertThat(GATEWAYS.includes(peer)).isEqualTo(trusted);
    }

    @ParameterizedTest
    @ValueSource(strings = {"10.0.0.0/33", "fd00::/129", "10.0.0.0/", "10.0.0/8", "gateway", "gateway/32",
            "10.0.0.0/-1", "10.0.0.0/8/8", "10.0.0.256"})
    void aMalformedEntryStopsTheServiceFromStarting(String entry) {
        assertThatThrownBy(() -> TrustedProxies.of(List.of(entry)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(entry);
    }

    @ParameterizedTest
    @ValueSource(strings = {"0.0.0.0/0", "::/0"})
    void aBlockOfEverythingTrustsEveryAddressOfItsFamily(String everything) {
        TrustedProxies all = TrustedProxies.of(List.of(everything));
        assertThat(all.includes(everything.contains(":") ? "2001:db8::1" : "203.0.113.9")).isTrue();
        assertThat(all.includes(everything.contains(":") ? "203.0.113.9" : "2001:db8::1")).isFalse();
    }
}
