package dev.patron.contract;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class TextRuleTest {

    private static final TextRule LINE = TextRule.line(64);
    private static final TextRule LINES = TextRule.lines(64);

    @ParameterizedTest
    @ValueSource(strings = {"Ron", "Zoë Ünal", "Łódź", "محمد", "\u200Fשלום", "李小龍", "👨‍👩‍👧", "e\u0301",
            "O'Brien-Smith", "a\u00A0b", "\u200Dx"})
    void textOfAnyScriptPasses(String text) {
        assertThat(LINE.problem("name", text)).isEmpty();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "U+0000 | a control character",
            "U+0009 | a control character",
            "U+000A | a control character",
            "U+000D | a control character",
            "U+001B | a control character",
            "U+007F | a control character",
            "U+0085 | a control character",
            "U+009F | a control character",
            "U+202A | a bidirectional formatting character",
            "U+202E | a bidirectional formatting character",
            "U+2066 | a bidirectional formatting character",
            "U+2069 | a bidirectional formatting character",
            "U+2028 | a line or paragraph separator",
            "U+2029 | a line or paragraph separator",
            "U+D800 | an unpaired surrogate",
            "U+DFFF | an unpaired surrogate"})
    void charactersThatDoNotShowAsWhatTheyAreAreRefusedAndNamed(String codePoint, String kind) {
        char refused = (char) Integer.parseInt(codePoint.substring(2), 16);

        assertThat(LINE.problem("name", "Ron" + refused))
                .hasValue("name must not contain " + kind + " (" + codePoint + ")");
    }

    @Test
    void surrogatesArePairedOrRefused() {
        assertThat(LINE.problem("name", "\uD83D\uDE00")).isEmpty();
        assertThat(LINE.problem("name", "\uDE00\uD83D")).isPresent();
        assertThat(LINE.problem("name", "x\uD83D")).isPresent();
    }

    @Test
    void onlyTextOfSeveralLinesTakesLineBreaksAndTabs() {
        assertThat(LINES.problem("instructions", "back door\r\n\tleft")).isEmpty();
        assertThat(LINE.problem("name", "back door\nleft")).isPresent();
        assertThat(LINES.problem("instructions", "back door\u2028left")).isPresent();
        assertThat(LINES.problem("instructions", "back\u0000door")).isPresent();
    }

    @Test
    void lengthIsCountedInCharactersAsAPersonCountsThem() {
        assertThat(LINE.problem("name", "😀".repeat(64))).isEmpty();
        assertThat(LINE.problem("name", "😀".repeat(65))).hasValue("name must be at most 64 characters");
    }

    @Test
    void aSecretIsRefusedWithoutNamingTheCharacterFound() {
        assertThat(TextRule.secret(128).problem("password", "hunter\u00002")).hasValue(
                "password must not contain a control character");
    }
}
