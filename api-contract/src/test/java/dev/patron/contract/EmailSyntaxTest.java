package dev.patron.contract;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class EmailSyntaxTest {

    @ParameterizedTest
    @ValueSource(strings = {"ron@swanson.com", "Ron.Swanson@Parks.Pawnee.gov", "ron+steak@swanson.com",
            "o'brien@example.ie", "a_b-c!#$%&*/=?^`{|}~@example.com", "jose.garcia@correo.es",
            "josé@correo.es",
            "用户@例子.广告", "пользователь@пример.рф", "ron@xn--mnchen-3ya.de", "a..b@example.jp"})
    void addressesPeopleUseAreTaken(String address) {
        assertThat(EmailSyntax.isValid(address)).as(address).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"ron swanson@example.com", "ron\u00A0swanson@example.com", "ron@example\u00A0.com",
            "ron\u202F@example.com", "ron\u3000@example.com", "ron\u200B@example.com", "ron\u2060@example.com",
            "\uFEFFron@example.com", "ron\u0000@example.com", "ron\t@example.com", "ron\n@example.com",
            "ron\u0085@example.com", "ron\u202E@example.com", "ron\uD800@example.com", "ron@example.com\uDC00",
            "\"ron\"@example.com", "\"ron swanson\"@example.com", "ron(comment)@example.com", "ron,ann@example.com",
            "ron:x@example.com", "ron;x@example.com", "<ron@example.com>", "ron@[127.0.0.1]", "ron\\@example.com",
            "ron@example", "@example.com", "ron@", "ron@@example.com", "ron@.example.com", "ron@example..com",
            "ron@exa mple.com"})
    void anythingAnAddressDoesNotHoldIsRefused(String address) {
        assertThat(EmailSyntax.isValid(address)).as(address).isFalse();
    }

    @Test
    void lengthsAreThoseOfRfc5321() {
        String longestLocalPart = "x".repeat(64);
        assertThat(EmailSyntax.isValid(longestLocalPart + "@example.com")).isTrue();
        assertThat(EmailSyntax.isValid(longestLocalPart + "x@example.com")).isFalse();
        String longest = longestLocalPart + "@" + "d".repeat(254 - 64 - 1 - 4) + ".com";
        assertThat(longest).hasSize(254);
        assertThat(EmailSyntax.isValid(longest)).isTrue();
        assertThat(EmailSyntax.isValid(longest.replace("@", "@d"))).as("255 characters").isFalse();
    }
}
