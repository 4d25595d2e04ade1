package dev.patron.kit.web;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** UTF-8 as RFC 3629 defines it, at the edges of each range of its table of well-formed sequences. */
class Utf8SequencesTest {

    @ParameterizedTest
    @ValueSource(strings = {"41", "7F", "C2 80", "DF BF", "E0 A0 80", "E1 80 80", "EC BF BF", "ED 80 80", "ED 9F BF",
            "EE 80 80", "EF BF BF", "F0 90 80 80", "F1 80 80 80", "F3 BF BF BF", "F4 80 80 80", "F4 8F BF BF"})
    void wellFormedSequencesPass(String hex) {
        assertThatCode(() -> feed(hex)).doesNotThrowAnyException();
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "80", "BF",                       // a continuation byte without a lead byte
            "C0 AF", "C1 BF",                 // overlong two-byte forms ("/" and DEL)
            "E0 80 AF", "E0 9F BF",           // overlong three-byte forms
            "F0 80 80 AF", "F0 8F BF BF",     // overlong four-byte forms
            "ED A0 80", "ED BF BF",           // surrogates, encoded
            "F4 90 80 80", "F5 80 80 80",     // past U+10FFFF
            "F8 88 80 80 80", "FE", "FF",     // lead bytes UTF-8 never uses
            "C3 41", "E2 82 41",              // a sequence interrupted
            "C3", "E2 82", "F0 9F 98"})       // a sequence cut off by the end of the body
    void anythingElseIsRefused(String hex) {
        assertThatThrownBy(() -> feed(hex)).isInstanceOf(BodyNotUtf8Exception.class);
    }

    private static void feed(String hex) throws BodyNotUtf8Exception {
        Utf8BodyFilter.Utf8Sequences sequences = new Utf8BodyFilter.Utf8Sequences();
        for (String octet : hex.split(" ")) {
            sequences.next(Integer.parseInt(octet, 16));
        }
        sequences.end();
    }
}
