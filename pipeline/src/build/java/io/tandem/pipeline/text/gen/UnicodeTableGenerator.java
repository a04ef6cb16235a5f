package io.tandem.pipeline.text.gen;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Build-time generator of {@code io.tandem.pipeline.text.UnicodeTableData}: everything the BERT
 * tokenizer needs to know about Unicode, as compact string constants that the same Java code decodes
 * on the JVM and, compiled by TeaVM, in the browser. Neither side then asks its own platform
 * ({@code Character}, {@code java.text.Normalizer}, the browser's case mapping), whose Unicode
 * versions differ from each other and from the reference tokenizer's.
 *
 * <p>Run by Maven in generate-sources: {@code java UnicodeTableGenerator.java <age-buckets.txt>
 * <generated source root>}. Runs on JDK 17 or later and writes the same bytes on each (checked on
 * 17 and 25), because every answer is pinned to the Unicode version the reference uses:
 *
 * <ul>
 *   <li>"other" (removed by clean_text), non-spacing marks (removed by accent stripping) and
 *       punctuation (split by the pre-tokenizer) follow the crate {@code unicode_categories 0.1.1},
 *       whose tables are Unicode 8.0: a code point assigned later is unassigned there, so it is never
 *       removed, never stripped and never split, even when it is a format char, a mark or
 *       punctuation today. The JDK's general category is used for code points assigned by 8.0, with
 *       {@link #CATEGORY_8_0} correcting the few whose category changed since.
 *   <li>canonical decomposition and combining classes follow {@code
 *       unicode-normalization-alignments 0.1.12} (Unicode 9.0): code points assigned later neither
 *       decompose nor reorder (combining class 0).
 *   <li>whitespace and lower-casing follow Rust's {@code char::is_whitespace} and {@code
 *       char::to_lowercase} of the rustc that built the reference (1.89, Unicode 16.0). The JDK
 *       answers for code points assigned by 13.0 (JDK 17's version); {@link #LOWERCASE_14_TO_16}
 *       adds the case pairs assigned in 14.0-16.0.
 * </ul>
 */
public final class UnicodeTableGenerator {
    // Property bits of one code point. Written into the generated class so that the reader uses
    // the very same values.
    static final int REMOVE = 1;
    static final int WHITESPACE = 2;
    static final int CJK = 4;
    static final int NONSPACING_MARK = 8;
    static final int PUNCTUATION = 16;
    static final int HAS_DECOMPOSITION = 32;
    static final int HAS_LOWERCASE = 64;
    static final int CCC_SHIFT = 8;

    private static final int UNASSIGNED = 0;
    private static final int LE_8 = 1;
    private static final int V_9 = 2;
    private static final int V_10_TO_13 = 3;
    private static final int V_14_TO_16 = 4;

    private static final int MAX_CP = 0x10FFFF;
    private static final int CHUNK_CHARS = 50_000;
    private static final String ALPHABET =
            "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

    /**
     * General categories in Unicode 8.0 of code points assigned by 8.0 whose category has changed
     * since in a way that matters here (into or out of C*, Mn or P*). Found by diffing the crate's
     * tables against JDK 17 and JDK 25.
     */
    private static final int[][] CATEGORY_8_0 = {
        {0x1734, Character.NON_SPACING_MARK},       // Mc since 14.0
        {0x1885, Character.OTHER_LETTER},           // Mn since 9.0
        {0x1886, Character.OTHER_LETTER},           // Mn since 9.0
        {0x166D, Character.OTHER_PUNCTUATION},      // So since 12.0
        {0xA9BD, Character.COMBINING_SPACING_MARK}, // Mn since 12.0
        {0x111C9, Character.OTHER_PUNCTUATION},     // Mn since 11.0
        {0x1171E, Character.NON_SPACING_MARK},      // Mc since 14.0
    };

    /**
     * Lower-case mappings of code points assigned in Unicode 14.0-16.0, which JDK 17 does not know
     * (from JDK 25): {first, last, target of first, step of target}.
     */
    private static final int[][] LOWERCASE_14_TO_16 = {
        {0x1C89, 0x1C89, 0x1C8A, 1},
        {0x2C2F, 0x2C2F, 0x2C5F, 1},
        {0xA7C0, 0xA7C0, 0xA7C1, 1},
        {0xA7CB, 0xA7CB, 0x0264, 1},
        {0xA7CC, 0xA7CC, 0xA7CD, 1},
        {0xA7D0, 0xA7D0, 0xA7D1, 1},
        {0xA7D6, 0xA7D6, 0xA7D7, 1},
        {0xA7D8, 0xA7D8, 0xA7D9, 1},
        {0xA7DA, 0xA7DA, 0xA7DB, 1},
        {0xA7DC, 0xA7DC, 0x019B, 1},
        {0x10570, 0x1057A, 0x10597, 1},
        {0x1057C, 0x1058A, 0x105A3, 1},
        {0x1058C, 0x10592, 0x105B3, 1},
        {0x10594, 0x10595, 0x105BB, 1},
        {0x10D50, 0x10D65, 0x10D70, 1},
    };

    /** Rust's char::is_whitespace: the Unicode White_Space property (unchanged since 6.3). */
    private static final int[][] WHITE_SPACE = {
        {0x0009, 0x000D}, {0x0020, 0x0020}, {0x0085, 0x0085}, {0x00A0, 0x00A0}, {0x1680, 0x1680},
        {0x2000, 0x200A}, {0x2028, 0x2029}, {0x202F, 0x202F}, {0x205F, 0x205F}, {0x3000, 0x3000},
    };

    /**
     * HuggingFace's is_chinese_char (normalizers/bert.rs). Not Unicode data but the reference's own
     * definition; note 0x2B920, not 0x2B820, starts its Extension E range.
     */
    private static final int[][] CJK_RANGES = {
        {0x4E00, 0x9FFF}, {0x3400, 0x4DBF}, {0x20000, 0x2A6DF}, {0x2A700, 0x2B73F},
        {0x2B740, 0x2B81F}, {0x2B920, 0x2CEAF}, {0xF900, 0xFAFF}, {0x2F800, 0x2FA1F},
    };

    private UnicodeTableGenerator() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 2) {
            throw new IllegalArgumentException("usage: UnicodeTableGenerator <age-buckets.txt> <source root>");
        }
        byte[] age = readAgeBuckets(Paths.get(args[0]));
        checkJdkKnowsUnicode13(age);
        String source = new UnicodeTableGenerator().generate(age);
        Path out = Paths.get(args[1], "io", "tandem", "pipeline", "text", "UnicodeTableData.java");
        Files.createDirectories(out.getParent());
        byte[] bytes = source.getBytes(StandardCharsets.UTF_8);
        // Rewrite only on change, so an unchanged table does not force a recompile.
        if (!Files.exists(out) || !Arrays.equals(Files.readAllBytes(out), bytes)) {
            Files.write(out, bytes);
        }
        System.out.println("UnicodeTableData.java: " + bytes.length + " bytes");
    }

    private String generate(byte[] age) {
        int[] ranks = combiningClassRanks(age);
        TreeMap<Integer, int[]> decompositions = new TreeMap<>();
        TreeMap<Integer, int[]> lowercase = new TreeMap<>();
        Map<Integer, Integer> category8 = new HashMap<>();
        for (int[] fix : CATEGORY_8_0) {
            category8.put(fix[0], fix[1]);
        }
        Map<Integer, int[]> lower14to16 = new HashMap<>();
        for (int[] r : LOWERCASE_14_TO_16) {
            for (int cp = r[0]; cp <= r[1]; cp++) {
                lower14to16.put(cp, new int[] {r[2] + (cp - r[0]) * r[3]});
            }
        }
        int[] props = new int[MAX_CP + 1];
        for (int cp = 0; cp <= MAX_CP; cp++) {
            int a = age[cp];
            int type8 = a == LE_8 ? category8.getOrDefault(cp, Character.getType(cp)) : Character.UNASSIGNED;
            int p = 0;
            boolean other = type8 == Character.CONTROL || type8 == Character.FORMAT
                    || type8 == Character.PRIVATE_USE;
            // clean_text drops NUL, U+FFFD and "other" chars, but keeps \t \n \r (they become spaces).
            if (cp == 0 || cp == 0xFFFD || (other && cp != '\t' && cp != '\n' && cp != '\r')) {
                p |= REMOVE;
            }
            if (in(WHITE_SPACE, cp)) {
                p |= WHITESPACE;
            }
            if (in(CJK_RANGES, cp)) {
                p |= CJK;
            }
            if (type8 == Character.NON_SPACING_MARK) {
                p |= NONSPACING_MARK;
            }
            if (isAsciiPunctuation(cp) || isPunctuation(type8)) {
                p |= PUNCTUATION;
            }
            if ((a == LE_8 || a == V_9) && !isSurrogate(cp) && !isHangulSyllable(cp)) {
                String s = new String(Character.toChars(cp));
                String nfd = Normalizer.normalize(s, Normalizer.Form.NFD);
                if (!nfd.equals(s)) {
                    decompositions.put(cp, nfd.codePoints().toArray());
                    p |= HAS_DECOMPOSITION;
                }
            }
            int[] lower = null;
            if (a == LE_8 || a == V_9 || a == V_10_TO_13) {
                if (cp == 0x130) {
                    lower = new int[] {0x69, 0x307}; // Rust's unconditional SpecialCasing mapping
                } else if (Character.toLowerCase(cp) != cp) {
                    lower = new int[] {Character.toLowerCase(cp)};
                }
            } else if (a == V_14_TO_16) {
                lower = lower14to16.get(cp);
            }
            if (lower != null) {
                lowercase.put(cp, lower);
                p |= HAS_LOWERCASE;
            }
            p |= ranks[cp] << CCC_SHIFT;
            if (p > 0xFFFF) {
                throw new IllegalStateException("properties of U+" + Integer.toHexString(cp) + " exceed 16 bits");
            }
            props[cp] = p; // the reader keeps them in a char[]
        }
        return render(props, decompositions, lowercase, maxRank(ranks));
    }

    /**
     * Canonical combining classes as ranks (1 = lowest non-zero class), which is all that canonical
     * reordering needs. The JDK has no public combining-class API, but its normalizer reveals the
     * order: NFD swaps two adjacent marks exactly when the first has the higher non-zero class.
     */
    private static int[] combiningClassRanks(byte[] age) {
        List<Integer> marks = new ArrayList<>();
        for (int cp = 0; cp <= MAX_CP; cp++) {
            if ((age[cp] == LE_8 || age[cp] == V_9) && !isSurrogate(cp) && isNonStarter(cp)) {
                marks.add(cp);
            }
        }
        marks.sort(UnicodeTableGenerator::compareClasses);
        int[] ranks = new int[MAX_CP + 1];
        int rank = 0;
        for (int i = 0; i < marks.size(); i++) {
            if (i == 0 || compareClasses(marks.get(i - 1), marks.get(i)) != 0) {
                rank++;
            }
            ranks[marks.get(i)] = rank;
        }
        if (rank > 255 || ranks[0x0334] != 1 || ranks[0x0345] != rank) {
            throw new IllegalStateException("unexpected combining classes: " + rank + " ranks");
        }
        return ranks;
    }

    /** A code point with its own (non-decomposing) non-zero combining class. */
    private static boolean isNonStarter(int cp) {
        String s = new String(Character.toChars(cp));
        if (!Normalizer.normalize(s, Normalizer.Form.NFD).equals(s)) {
            return false;
        }
        // U+0334 has class 1, U+0345 class 240 (the highest): a non-starter swaps with one of them.
        return swaps(cp, 0x0334) || swaps(0x0345, cp);
    }

    private static int compareClasses(int a, int b) {
        if (swaps(a, b)) {
            return 1;
        }
        return swaps(b, a) ? -1 : 0;
    }

    private static boolean swaps(int first, int second) {
        String s = new String(Character.toChars(first)) + new String(Character.toChars(second));
        return !Normalizer.normalize(s, Normalizer.Form.NFD).equals(s);
    }

    private static int maxRank(int[] ranks) {
        int max = 0;
        for (int r : ranks) {
            max = Math.max(max, r);
        }
        return max;
    }

    private String render(int[] props, TreeMap<Integer, int[]> decompositions,
            TreeMap<Integer, int[]> lowercase, int ranks) {
        StringBuilder runs = new StringBuilder();
        int runCount = 0;
        int start = 0;
        for (int cp = 1; cp <= MAX_CP + 1; cp++) {
            if (cp > MAX_CP || props[cp] != props[start]) {
                varint(runs, cp - start);
                varint(runs, props[start]);
                runCount++;
                start = cp;
            }
        }
        StringBuilder src = new StringBuilder();
        src.append("package io.tandem.pipeline.text;\n\n")
                .append("/**\n")
                .append(" * GENERATED by pipeline/src/build/java/io/tandem/pipeline/text/gen/UnicodeTableGenerator.java\n")
                .append(" * at build time: do not edit. The Unicode facts the BERT tokenizer uses, pinned to the\n")
                .append(" * reference tokenizer's versions (categories 8.0, decomposition 9.0, case and whitespace\n")
                .append(" * 16.0), decoded by {@link UnicodeTable}.\n")
                .append(" *\n")
                .append(" * <p>Numbers are written in a base-64 alphabet, five bits a digit, most significant first;\n")
                .append(" * the first 32 letters mean \"more digits follow\", the last 32 end the number.\n")
                .append(" * PROPERTIES: (run length, property bits) pairs covering U+0000..U+10FFFF in order.\n")
                .append(" * DECOMPOSITIONS and LOWERCASE: a count, then per entry the code point's distance from the\n")
                .append(" * previous entry's, the mapping's length and each mapped code point as a zig-zag encoded\n")
                .append(" * difference from the entry's code point.\n")
                .append(" *\n")
                .append(" * <p>").append(runCount).append(" property runs, ").append(decompositions.size())
                .append(" canonical decompositions, ").append(lowercase.size()).append(" lower-case mappings, ")
                .append(ranks).append(" combining-class ranks.\n")
                .append(" */\n")
                .append("final class UnicodeTableData {\n")
                .append("    static final int REMOVE = ").append(REMOVE).append(";\n")
                .append("    static final int WHITESPACE = ").append(WHITESPACE).append(";\n")
                .append("    static final int CJK = ").append(CJK).append(";\n")
                .append("    static final int NONSPACING_MARK = ").append(NONSPACING_MARK).append(";\n")
                .append("    static final int PUNCTUATION = ").append(PUNCTUATION).append(";\n")
                .append("    static final int HAS_DECOMPOSITION = ").append(HAS_DECOMPOSITION).append(";\n")
                .append("    static final int HAS_LOWERCASE = ").append(HAS_LOWERCASE).append(";\n")
                .append("    static final int CCC_SHIFT = ").append(CCC_SHIFT).append(";\n")
                .append("    static final String ALPHABET = \"").append(ALPHABET).append("\";\n\n")
                .append("    private UnicodeTableData() {\n    }\n\n");
        constant(src, "properties", runs);
        constant(src, "decompositions", mappings(decompositions));
        constant(src, "lowercase", mappings(lowercase));
        src.append("}\n");
        return src.toString();
    }

    private static StringBuilder mappings(TreeMap<Integer, int[]> map) {
        StringBuilder sb = new StringBuilder();
        varint(sb, map.size());
        int previous = 0;
        for (Map.Entry<Integer, int[]> e : map.entrySet()) {
            int cp = e.getKey();
            varint(sb, cp - previous);
            varint(sb, e.getValue().length);
            for (int target : e.getValue()) {
                int delta = target - cp;
                varint(sb, (delta << 1) ^ (delta >> 31));
            }
            previous = cp;
        }
        return sb;
    }

    /**
     * One accessor returning the data as string chunks: a class-file constant holds at most 65535
     * bytes, and javac would fold adjacent constants into one.
     */
    private static void constant(StringBuilder src, String name, CharSequence data) {
        src.append("    static String[] ").append(name).append("() {\n")
                .append("        return new String[] {\n");
        for (int chunk = 0; chunk < data.length(); chunk += CHUNK_CHARS) {
            int end = Math.min(data.length(), chunk + CHUNK_CHARS);
            for (int line = chunk; line < end; line += 100) {
                src.append(line == chunk ? "            \"" : "                + \"")
                        .append(data, line, Math.min(end, line + 100)).append("\"\n");
            }
            src.setLength(src.length() - 1);
            src.append(",\n");
        }
        src.append("        };\n    }\n\n");
    }

    private static void varint(StringBuilder sb, int value) {
        if (value < 0) {
            throw new IllegalArgumentException("negative: " + value);
        }
        int digits = 1;
        while (digits < 7 && (value >>> (5 * digits)) != 0) {
            digits++;
        }
        for (int d = digits - 1; d >= 0; d--) {
            int bits = (value >>> (5 * d)) & 31;
            sb.append(ALPHABET.charAt(d == 0 ? 32 + bits : bits));
        }
    }

    private static byte[] readAgeBuckets(Path file) throws IOException {
        byte[] age = new byte[MAX_CP + 1];
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            line = line.trim();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            int semi = line.indexOf(';');
            String range = line.substring(0, semi);
            int dots = range.indexOf("..");
            int first = Integer.parseInt(dots < 0 ? range : range.substring(0, dots), 16);
            int last = dots < 0 ? first : Integer.parseInt(range.substring(dots + 2), 16);
            byte bucket;
            switch (line.substring(semi + 1)) {
                case "le8": bucket = LE_8; break;
                case "9": bucket = V_9; break;
                case "10-13": bucket = V_10_TO_13; break;
                case "14-16": bucket = V_14_TO_16; break;
                default: throw new IllegalArgumentException("bad age bucket: " + line);
            }
            Arrays.fill(age, first, last + 1, bucket);
        }
        return age;
    }

    /** The JDK's answers are used for code points assigned by 13.0, so it must know them all. */
    private static void checkJdkKnowsUnicode13(byte[] age) {
        for (int cp = 0; cp <= MAX_CP; cp++) {
            if (age[cp] != UNASSIGNED && age[cp] != V_14_TO_16
                    && Character.getType(cp) == Character.UNASSIGNED && !isNonCharacter(cp)) {
                throw new IllegalStateException("this JDK's Unicode data lacks U+"
                        + Integer.toHexString(cp) + ": run the generator on JDK 17 or later");
            }
        }
    }

    private static boolean isNonCharacter(int cp) {
        return (cp >= 0xFDD0 && cp <= 0xFDEF) || (cp & 0xFFFE) == 0xFFFE;
    }

    private static boolean isSurrogate(int cp) {
        return cp >= 0xD800 && cp <= 0xDFFF;
    }

    /** Hangul syllables decompose algorithmically at run time instead of by table. */
    private static boolean isHangulSyllable(int cp) {
        return cp >= 0xAC00 && cp <= 0xD7A3;
    }

    /** Rust's char::is_ascii_punctuation: ASCII symbols count too ($ + < = > ^ ` | ~). */
    private static boolean isAsciiPunctuation(int cp) {
        return (cp >= 0x21 && cp <= 0x2F) || (cp >= 0x3A && cp <= 0x40) || (cp >= 0x5B && cp <= 0x60)
                || (cp >= 0x7B && cp <= 0x7E);
    }

    private static boolean isPunctuation(int type) {
        return type == Character.CONNECTOR_PUNCTUATION || type == Character.DASH_PUNCTUATION
                || type == Character.START_PUNCTUATION || type == Character.END_PUNCTUATION
                || type == Character.INITIAL_QUOTE_PUNCTUATION || type == Character.FINAL_QUOTE_PUNCTUATION
                || type == Character.OTHER_PUNCTUATION;
    }

    private static boolean in(int[][] ranges, int cp) {
        for (int[] r : ranges) {
            if (cp >= r[0] && cp <= r[1]) {
                return true;
            }
        }
        return false;
    }
}
