package io.tandem.pipeline.text;

import static org.assertj.core.api.Assertions.assertThat;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The generated table: its Unicode decisions one by one, and its decomposition and canonical
 * reordering checked against the JDK's normaliser wherever the two are meant to agree (code points
 * assigned by Unicode 9.0). The JDK is the oracle here only, never at run time.
 */
class UnicodeTableTest {
    private final UnicodeTable table = UnicodeTable.get();

    private boolean has(int cp, int flag) {
        return (table.props(cp) & flag) != 0;
    }

    private int rank(int cp) {
        return table.props(cp) >>> UnicodeTable.CCC_SHIFT;
    }

    @Test
    void cleanTextRemovesControlFormatPrivateUseAsOfUnicode8() {
        for (int cp : new int[] {0x00, 0x07, 0x1F, 0x7F, 0x85, 0xAD, 0x200B, 0x200E, 0x2066, 0x061C, 0xFEFF,
            0xFFFD, 0xE000, 0xF8FF, 0xF0000, 0x10FFFD, 0x180E}) {
            assertThat(has(cp, UnicodeTable.REMOVE)).as("U+%04X removed", cp).isTrue();
        }
        // \t \n \r are controls that clean_text keeps (as spaces); surrogates and unassigned stay
        for (int cp : new int[] {'\t', '\n', '\r', 'a', ' ', 0xD800, 0x0378, 0xFFFE, 0x10FFFF}) {
            assertThat(has(cp, UnicodeTable.REMOVE)).as("U+%04X kept", cp).isFalse();
        }
        // Format chars assigned after Unicode 8.0 are unknown to the reference's tables: kept
        for (int cp : new int[] {0x08E2, 0x110CD, 0x13430, 0x0890}) {
            assertThat(has(cp, UnicodeTable.REMOVE)).as("U+%04X (post-8.0 format) kept", cp).isFalse();
        }
    }

    @Test
    void whitespaceIsRustsWhiteSpaceProperty() {
        List<Integer> white = new ArrayList<>();
        for (int cp = 0; cp <= 0x10FFFF; cp++) {
            if (has(cp, UnicodeTable.WHITESPACE)) {
                white.add(cp);
            }
        }
        assertThat(white).containsExactly(0x09, 0x0A, 0x0B, 0x0C, 0x0D, 0x20, 0x85, 0xA0, 0x1680, 0x2000, 0x2001,
                0x2002, 0x2003, 0x2004, 0x2005, 0x2006, 0x2007, 0x2008, 0x2009, 0x200A, 0x2028, 0x2029, 0x202F,
                0x205F, 0x3000);
    }

    @Test
    void punctuationIsAsciiPunctuationOrUnicode8Punctuation() {
        for (int cp : new int[] {'!', '$', '+', '<', '^', '`', '|', '~', 0xA1, 0xBF, 0x2014, 0x3001, 0xFF01, 0x166D,
            0x111C9, 0x2E42}) {
            assertThat(has(cp, UnicodeTable.PUNCTUATION)).as("U+%04X punctuation", cp).isTrue();
        }
        // Sm/Sc/So outside ASCII are not; nor is punctuation assigned after 8.0 (U+2E43 is 9.0)
        for (int cp : new int[] {'a', '0', 0xA2, 0xA9, 0x2211, 0x2E43, 0x2E4F, 0x1E95E}) {
            assertThat(has(cp, UnicodeTable.PUNCTUATION)).as("U+%04X not punctuation", cp).isFalse();
        }
    }

    @Test
    void cjkIsHuggingFacesRanges() {
        for (int cp : new int[] {0x4E00, 0x9FFF, 0x3400, 0x4DBF, 0x20000, 0x2A6DF, 0x2A700, 0x2B81F, 0x2B920, 0x2CEAF,
            0xF900, 0xFAFF, 0x2F800, 0x2FA1F}) {
            assertThat(has(cp, UnicodeTable.CJK)).as("U+%04X CJK", cp).isTrue();
        }
        for (int cp : new int[] {0x3041, 0x30A1, 0xAC00, 0x2B820, 0x2B91F, 0x30000, 0x3007}) {
            assertThat(has(cp, UnicodeTable.CJK)).as("U+%04X not CJK", cp).isFalse();
        }
    }

    @Test
    void nonSpacingMarksAreUnicode8s() {
        assertThat(has(0x0301, UnicodeTable.NONSPACING_MARK)).isTrue();
        assertThat(has(0x1734, UnicodeTable.NONSPACING_MARK)).as("Mn in 8.0, Mc since 14.0").isTrue();
        assertThat(has(0x1171E, UnicodeTable.NONSPACING_MARK)).as("Mn in 8.0, Mc since 14.0").isTrue();
        assertThat(has(0x1885, UnicodeTable.NONSPACING_MARK)).as("Lo in 8.0").isFalse();
        assertThat(has(0xA9BD, UnicodeTable.NONSPACING_MARK)).as("Mc in 8.0").isFalse();
        // a 9.0 mark: not stripped, but it does reorder (Unicode 9.0 decomposition data)
        assertThat(has(0x08D4, UnicodeTable.NONSPACING_MARK)).isFalse();
        assertThat(rank(0x08D4)).isEqualTo(rank(0x0301));
        // marks after 9.0 have no combining class in the reference: they do not reorder
        assertThat(rank(0x16FF0)).isZero();
    }

    @Test
    void lowercaseIsRustsUnicode16() {
        assertThat(lower(0x130)).containsExactly(0x69, 0x307);
        assertThat(lower('A')).containsExactly('a');
        assertThat(lower(0x3A3)).containsExactly(0x3C3);
        assertThat(lower(0x1E9E)).containsExactly(0xDF);
        assertThat(lower(0xA7CB)).as("a 16.0 capital").containsExactly(0x264);
        assertThat(lower(0x10D50)).as("Garay, 16.0").containsExactly(0x10D70);
        assertThat(has('a', UnicodeTable.HAS_LOWERCASE)).isFalse();
    }

    private int[] lower(int cp) {
        CodePointMap map = table.lowercase();
        int e = map.find(cp);
        assertThat(e).as("U+%04X has a lower case", cp).isNotNegative();
        int[] out = new int[map.end(e) - map.start(e)];
        for (int j = 0; j < out.length; j++) {
            out[j] = map.value(map.start(e) + j);
        }
        return out;
    }

    @Test
    void decompositionsAreTheJdksForUnicode9AndHangulIsAlgorithmic() {
        BertNormalizer nfd = stripOnly();
        List<Integer> notDecomposed = new ArrayList<>();
        int checked = 0;
        for (int cp = 0; cp <= 0x10FFFF; cp++) {
            if (cp >= 0xD800 && cp <= 0xDFFF) {
                continue;
            }
            String s = new String(Character.toChars(cp));
            String jdk = Normalizer.normalize(s, Normalizer.Form.NFD);
            if (jdk.equals(s)) {
                continue;
            }
            if (cp >= 0xAC00 && cp <= 0xD7A3) {
                assertThat(normalize(nfd, s)).isEqualTo(jdk);
                checked++;
            } else if (has(cp, UnicodeTable.HAS_DECOMPOSITION)) {
                assertThat(decomposition(cp)).as("U+%04X", cp).isEqualTo(jdk.codePoints().toArray());
                checked++;
            } else {
                notDecomposed.add(cp);
            }
        }
        assertThat(checked).isEqualTo(11172 + table.decompositions().size());
        // Only decompositions added after Unicode 9.0, which the reference does not know.
        Set<Integer> after9 = Set.of(0x11938, 0x105C9, 0x105E4, 0x11383, 0x11385, 0x1138E, 0x11391, 0x113C5, 0x113C7,
                0x113C8, 0x16121, 0x16122, 0x16123, 0x16124, 0x16125, 0x16126, 0x16127, 0x16128, 0x16D68, 0x16D69, 0x16D6A);
        assertThat(after9).containsAll(notDecomposed);
    }

    private int[] decomposition(int cp) {
        CodePointMap map = table.decompositions();
        int e = map.find(cp);
        int[] out = new int[map.end(e) - map.start(e)];
        for (int j = 0; j < out.length; j++) {
            out[j] = map.value(map.start(e) + j);
        }
        return out;
    }

    @Test
    void canonicalReorderingMatchesTheJdk() {
        // Every non-starter the table knows, mixed with starters and with marks that decompose.
        List<Integer> marks = new ArrayList<>();
        for (int cp = 0; cp <= 0x10FFFF; cp++) {
            if (rank(cp) > 0) {
                marks.add(cp);
            }
        }
        int[] decomposing = {0x0344, 0x0F73, 0x0F75, 0x0F81, 0x1D15E, 0x1D1BB, 0x00E9, 0x1E09, 0x01D5};
        String starters = "aZ\u0E31\u093E\u1100";
        BertNormalizer nfd = stripOnly();
        Random random = new Random(9);
        for (int i = 0; i < 20_000; i++) {
            StringBuilder sb = new StringBuilder();
            int n = 1 + random.nextInt(8);
            for (int j = 0; j < n; j++) {
                int pick = random.nextInt(10);
                if (pick == 0) {
                    sb.append(starters.charAt(random.nextInt(starters.length())));
                } else if (pick == 1) {
                    sb.appendCodePoint(decomposing[random.nextInt(decomposing.length)]);
                } else {
                    sb.appendCodePoint(marks.get(random.nextInt(marks.size())));
                }
            }
            String s = sb.toString();
            StringBuilder expected = new StringBuilder();
            Normalizer.normalize(s, Normalizer.Form.NFD).codePoints()
                    .filter(cp -> !has(cp, UnicodeTable.NONSPACING_MARK))
                    .forEach(expected::appendCodePoint);
            assertThat(normalize(nfd, s)).as(HuggingFaceParityTest.escape(s)).isEqualTo(expected.toString());
        }
    }

    @Test
    void generatedSourceIsCompact() {
        int total = 0;
        for (String[] data : new String[][] {UnicodeTableData.properties(), UnicodeTableData.decompositions(),
            UnicodeTableData.lowercase()}) {
            for (String chunk : data) {
                assertThat(chunk.length()).isLessThan(60_000);
                total += chunk.length();
            }
        }
        System.out.println("Unicode table: " + total + " chars of data, " + table.decompositions().size()
                + " decompositions, " + table.lowercase().size() + " lower-case mappings");
        assertThat(total).isLessThan(100_000);
    }

    private static BertNormalizer stripOnly() {
        return new BertNormalizer(BertTokenizerConfig.builder()
                .lowercase(false).stripAccents(true).cleanText(false).handleChineseChars(false).build());
    }

    private static String normalize(BertNormalizer normalizer, String s) {
        TextBuffer out = new TextBuffer(16);
        normalizer.normalize(s, 0, s.length(), out);
        return out.toString();
    }
}
