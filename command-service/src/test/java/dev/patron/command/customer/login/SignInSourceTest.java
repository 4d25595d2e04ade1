package dev.patron.command.customer.login;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SignInSourceTest {

    @Test
    void anIpv4AddressIsItsOwnSource() {
        assertThat(SignInSource.of("203.0.113.7")).isEqualTo(new SignInSource("203.0.113.7"));
        assertThat(SignInSource.of("::ffff:203.0.113.7")).isEqualTo(new SignInSource("203.0.113.7"));
    }

    /** One subscriber is given a /64 whole; every address in it is one source. */
    @Test
    void anIpv6AddressCountsAsItsNetwork() {
        SignInSource one = SignInSource.of("2001:db8:85a3:8d3:1319:8a2e:370:7348");
        assertThat(one).isEqualTo(new SignInSource("2001:db8:85a3:8d3:0:0:0:0/64"));
        assertThat(SignInSource.of("2001:db8:85a3:8d3::1")).isEqualTo(one);
        assertThat(SignInSource.of("2001:db8:85a3:8d3:ffff:ffff:ffff:ffff%eth0")).isEqualTo(one);
        assertThat(SignInSource.of("2001:db8:85a3:8d4::1")).isNotEqualTo(one);
    }

    /** A servlet container gives a literal; anything else counts as it is, and is never looked up as a host name. */
    @Test
    void anythingButAnAddressCountsAsItIs() {
        assertThat(SignInSource.of("deadbeef.cafe")).isEqualTo(new SignInSource("deadbeef.cafe"));
        assertThat(SignInSource.of("unknown")).isEqualTo(new SignInSource("unknown"));
    }
}
