package dev.patron.contract;

import java.util.Optional;

/**
 * What a string field of a request may hold: at most {@code maxLength} characters (Unicode code points, as a person
 * counts them), and only characters that show as what they are. Refused everywhere:
 * <ul>
 *   <li>control characters, C0 ({@code U+0000}-{@code U+001F}), {@code DEL} and C1 ({@code U+0080}-{@code U+009F}):
 *       NUL cuts strings short in C code and logs, CR and LF split headers and log lines, escape sequences drive
 *       terminals. A field that may hold several lines ({@link #lines}) takes LF, CR and tab;</li>
 *   <li>bidirectional embeddings, overrides and isolates ({@code U+202A}-{@code U+202E},
 *       {@code U+2066}-{@code U+2069}), which make text display in another order than it is stored (a name that
 *       reads as something it is not, in a back office or an email);</li>
 *   <li>the line and paragraph separators {@code U+2028} and {@code U+2029}, line breaks that many readers do not
 *       take as such (JavaScript string literals before ES2019, CSV, logs);</li>
 *   <li>unpaired surrogates (JSON's {@code \ud800} escape), which are no character at all: they cannot be encoded
 *       as UTF-8 and come back from MongoDB or any encoder as something else.</li>
 * </ul>
 * Every string a request may set is read through one of these ({@link RequestDocument#text}), so no field is without a
 * bound. The limits per field are listed in {@code docs/architecture.md} ("Request input").
 */
public record TextRule(int maxLength, boolean lineBreaks, boolean secret) {

    /** A word from a fixed list (a mechanism, a status): compared with the list, so its bound only keeps it short. */
    public static final TextRule CHOICE = line(64);
    /** An identifier: a UUID Patron made, or a reference a client chose. */
    public static final TextRule ID = line(128);

    /** One line of text. */
    public static TextRule line(int maxLength) {
        return new TextRule(maxLength, false, false);
    }

    /** Text that may break lines (LF, CR) and hold tabs: instructions, descriptions. */
    public static TextRule lines(int maxLength) {
        return new TextRule(maxLength, true, false);
    }

    /**
     * One line that is a secret (a password, a signing secret): held to the same characters, but a refusal does not
     * name the character it found, so that no part of a secret is ever written into an answer or a log.
     */
    public static TextRule secret(int maxLength) {
        return new TextRule(maxLength, false, true);
    }

    /** What is wrong with {@code value} as the field named {@code field}, if anything; the first problem only. */
    public Optional<String> problem(String field, String value) {
        if (value.codePointCount(0, value.length()) > maxLength) {
            return Optional.of(field + " must be at most " + maxLength + " characters");
        }
        for (int index = 0; index < value.length(); ) {
            int codePoint = value.codePointAt(index);
            Optional<String> kind = refusedKind(codePoint);
            if (kind.isPresent()) {
                return Optional.of(field + " must not contain " + kind.get()
                        + (secret ? "" : String.format(" (U+%04X)", codePoint)));
            }
            index += Character.charCount(codePoint);
        }
        return Optional.empty();
    }

    private Optional<String> refusedKind(int codePoint) {
        if (Character.isBmpCodePoint(codePoint) && Character.isSurrogate((char) codePoint)) {
            return Optional.of("an unpaired surrogate");
        }
        if (codePoint < 0x20 || (codePoint >= 0x7F && codePoint <= 0x9F)) {
            boolean lineBreakOrTab = codePoint == '\n' || codePoint == '\r' || codePoint == '\t';
            return lineBreaks && lineBreakOrTab ? Optional.empty() : Optional.of("a control character");
        }
        if ((codePoint >= 0x202A && codePoint <= 0x202E) || (codePoint >= 0x2066 && codePoint <= 0x2069)) {
            return Optional.of("a bidirectional formatting character");
        }
        if (codePoint == 0x2028 || codePoint == 0x2029) {
            return Optional.of("a line or paragraph separator");
        }
        return Optional.empty();
    }
}
