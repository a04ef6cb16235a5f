package io.tandem.pipeline.text;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * Texts on which the tokenizer must agree with the reference: hand-picked traps, then thousands of
 * strings generated from a fixed seed (java.util.Random's sequence is fixed by its specification, so
 * the corpus is the same on every JDK).
 *
 * <p>No generated string holds a lone surrogate: DJL hands text to Rust through JNI's modified
 * UTF-8, and one lone surrogate makes it decode the whole string lossily, turning every emoji in
 * it into U+FFFD as well. Lone surrogates are tested by hand-picked strings without other
 * supplementary chars.
 */
final class ParityCorpus {
    static final long SEED = 0x7A4DE3L;

    private static final String[] WORDS_MANY_SCRIPTS = {
        "café", "naïve", "Ångström", "İstanbul", "ıI", "straße", "STRASSE", "ΣΊΣΥΦΟΣ", "ὀδυσσεύς", "Ελλάδα",
        "Москва", "ёлка", "Ёж", "Україна", "ґанок", "العربية", "مَرْحَبًا", "עִבְרִית", "हिन्दी", "नमस्ते",
        "ภาษาไทย", "สวัสดีครับ", "中文", "漢字", "日本語", "ひらがな", "カタカナ", "ｶﾀｶﾅ", "한국어", "안녕하세요",
        "Tiếng Việt", "Nguyễn", "ệ", "español", "niño", "Ñandú", "português", "ação", "Łódź", "Żółć",
        "čeština", "Dvořák", "Ørsted", "Æsir", "œuvre", "ﬁnance", "ﬀ", "Ⅻ", "①②", "㍿",
        "ℌ", "Å", "Ω", "K", "ǅ", "ǈ", "ᾼ", "ﬀ", "µ", "ß",
        "ਪੰਜਾਬੀ", "বাংলা", "தமிழ்", "తెలుగు", "ಕನ್ನಡ", "മലയാളം", "සිංහල", "ქართული", "Հայերեն", "አማርኛ",
        "ខ្មែរ", "ລາວ", "မြန်မာ", "བོད་ཡིག", "ᠮᠣᠩᠭᠣᠯ", "ᏣᎳᎩ", "ᐃᓄᒃᑎᑐᑦ", "𐌰𐌱𐌲", "𝐀𝐁𝐂", "𝔘𝔫𝔦",
    };

    private static final String[] EMOJI = {
        "😀", "😂", "❤️", "👍", "👍🏽", "👩‍💻", "👨‍👩‍👧‍👦", "🏳️‍🌈", "🇫🇷", "🇯🇵", "🤣", "🥰", "🫠", "🫶🏿", "🪿",
        "☕", "✨", "⭐", "©", "®", "™", "🧑🏻‍🦰", "🏴󠁧󠁢󠁳󠁣󠁴󠁿", "1️⃣", "#️⃣",
    };

    private static final String[] PUNCTUATION = {
        ".", ",", "!", "?", ";", ":", "...", "…", "—", "–", "-", "(", ")", "[", "]", "{", "}", "\"", "'",
        "«", "»", "„", "“", "”", "‘", "’", "¿", "¡", "、", "。", "「", "」", "・", "·", "•", "§", "¶",
        "$", "€", "£", "¥", "%", "&", "*", "+", "=", "<", ">", "^", "`", "|", "~", "@", "#", "/", "\\",
        "_", "⸮", "⹃", "⸗", "‽", "⁂", "᙭", "𑇉", "꧁", "၊",
    };

    private static final String[] SPACES = {
        " ", " ", " ", "  ", "\t", "\n", "\r\n", "\u00A0", "\u3000", "\u2003", "\u2009", "\u202F", "\u205F",
        "\u2028", "\u2029", "\u0085", "\u1680", "\u180E", "\u200B", "\u000B", "\u000C", "\u001F",
    };

    private static final String[] SPECIALS = {"[MASK]", "[CLS]", "[SEP]", "[PAD]", "[UNK]", "[mask]", "[MASK", "[ MASK ]"};

    /**
     * Code point ranges for random text, weighted by repetition: scripts, marks (also marks from
     * Unicode 9.0+ that the reference's 8.0 tables do not know), format and control chars,
     * unassigned and private-use code points, symbols with non-zero combining classes.
     */
    private static final int[][] RANGES = {
        {0x20, 0x7E}, {0x20, 0x7E}, {0x20, 0x7E}, {0x20, 0x7E}, {0x00, 0x1F}, {0x7F, 0x9F},
        {0xA0, 0xFF}, {0xA0, 0xFF}, {0x100, 0x24F}, {0x250, 0x2FF}, {0x300, 0x36F}, {0x300, 0x36F},
        {0x370, 0x3FF}, {0x400, 0x4FF}, {0x530, 0x58F}, {0x590, 0x5FF}, {0x600, 0x6FF}, {0x700, 0x7FF},
        {0x8A0, 0x8FF}, {0x900, 0x97F}, {0x980, 0xDFF}, {0xE00, 0xE7F}, {0xE80, 0xFFF}, {0x1000, 0x109F},
        {0x10A0, 0x10FF}, {0x1100, 0x11FF}, {0x1200, 0x139F}, {0x1680, 0x18AF}, {0x1AB0, 0x1AFF},
        {0x1B00, 0x1CFF}, {0x1D00, 0x1DFF}, {0x1E00, 0x1EFF}, {0x1F00, 0x1FFF}, {0x2000, 0x206F},
        {0x2070, 0x20CF}, {0x20D0, 0x20FF}, {0x2100, 0x21FF}, {0x2200, 0x23FF}, {0x2460, 0x27BF},
        {0x2C00, 0x2DFF}, {0x2E00, 0x2E7F}, {0x2E80, 0x2FFF}, {0x3000, 0x303F}, {0x3040, 0x30FF},
        {0x3100, 0x33FF}, {0x3400, 0x4DBF}, {0x4E00, 0x9FFF}, {0xA000, 0xA4CF}, {0xA500, 0xA6FF},
        {0xA700, 0xA7FF}, {0xA800, 0xABFF}, {0xAC00, 0xD7A3}, {0xD7B0, 0xD7FF}, {0xE000, 0xF8FF},
        {0xF900, 0xFAFF}, {0xFB00, 0xFDFF}, {0xFE00, 0xFE6F}, {0xFE70, 0xFFFF}, {0x10000, 0x100FF},
        {0x10300, 0x104FF}, {0x10500, 0x10FFF}, {0x11000, 0x111FF}, {0x11200, 0x11FFF}, {0x13000, 0x1345F},
        {0x16800, 0x16FFF}, {0x17000, 0x18CFF}, {0x1B000, 0x1B2FF}, {0x1D000, 0x1D24F}, {0x1D400, 0x1D7FF},
        {0x1E000, 0x1E8FF}, {0x1E900, 0x1EFFF}, {0x1F000, 0x1F2FF}, {0x1F300, 0x1FAFF}, {0x1FB00, 0x1FBFF},
        {0x20000, 0x2A6DF}, {0x2A700, 0x2EBEF}, {0x2F800, 0x2FA1F}, {0x30000, 0x3134F}, {0xE0000, 0xE01EF},
        {0xF0000, 0xF00FF}, {0x10FF00, 0x10FFFF},
    };

    private ParityCorpus() {
    }

    static List<String> build(WordPieceVocab vocab) {
        List<String> corpus = new ArrayList<>(handPicked());
        Random random = new Random(SEED);
        List<String> words = wholeWords(vocab);
        for (int i = 0; i < 700; i++) {
            corpus.add(vocabSentence(random, words));
        }
        for (int i = 0; i < 500; i++) {
            corpus.add(multilingual(random, words));
        }
        for (int i = 0; i < 900; i++) {
            corpus.add(randomCodePoints(random, 1 + random.nextInt(i % 10 == 0 ? 300 : 40)));
        }
        for (int i = 0; i < 150; i++) {
            corpus.add(withSpecials(random, words));
        }
        for (int i = 0; i < 100; i++) {
            corpus.add(longText(random, words));
        }
        for (int i = 0; i < 100; i++) {
            corpus.add(longWord(random, words));
        }
        for (int i = 0; i < 100; i++) {
            corpus.add(marksAndReordering(random));
        }
        return corpus;
    }

    static List<String> handPicked() {
        List<String> t = new ArrayList<>(Arrays.asList(
            "", " ", "   \t\n  ", "\u3000\u00A0\u2028", "\u200B", "\u0000", "\uFFFD", "hello world",
            "Hello, World!", "hello [MASK] world", "hello[MASK]world", "[MASK]", "[CLS] a [SEP] b [PAD] [UNK]",
            "[mask] [Mask] [MASK [MASK]] [[MASK]]", "[CLS][SEP][MASK]",
            "café naïve Ångström İstanbul straße ß Σ ΣΑΣ σ ς", "CAFÉ NAÏVE ÅNGSTRÖM", "İ ı I i İi",
            "Ⅻ ﬁ ﬀ ℌ Å Ω K ǅ", "e\u0301 e\u0301\u0327 e\u0327\u0301 a\u0328\u0301\u0323",
            "\u1E0B\u0323 \u1E0D\u0307 q\u0307\u0323 \u00F4\u0323",
            "中文分词测试 Chinese 中文", "漢字かな交じり文", "日本語のテキストです。", "ひらがな カタカナ ｶﾀｶﾅ",
            "한국어 텍스트 안녕하세요", "가각갂 힣", "العربية مَرْحَبًا", "हिन्दी नमस्ते", "ภาษาไทย สวัสดีครับ",
            "😀 😂 ❤️ 👍🏽 👩‍💻 👨‍👩‍👧‍👦 🏳️‍🌈 🇫🇷 🇯🇵 🤣 🥰 🫠 🫶🏿", "emoji😀inside", "a😀b",
            "a\u0000b\u0007c\u200Bd\uFEFFe\u00ADf", "tab\there\nnewline\r\nend", "a\u0085b\u180Ec\u2066d\u2069e",
            "a\u061Cb", "a\u0378b", "a\u0530b", "a\uE000b", "a\uF8FFb", "a\uDB80\uDC00b", "x\uFFFEy\uFFFFz",
            "a\uD800b", "a\uDC00b", "\uD800", "\uDFFF\uD800", "lone \uD83D surrogate",
            "a\uD804\uDCCDb", "a\uD80D\uDC30b", "a\u2E43b", "a\u2E4Fb", "a\u0F0Bb", "x\u166Dy", "x\u1885y",
            "x\uA9BDy", "x\uD804\uDDC9y", "x\u1734y", "x\uD805\uDF1Ey", "e\u08D4", "a\u08E2b", "n\u1DF6",
            "𝄞\uD834\uDD6D\uD834\uDD65 x\uD834\uDD6D\uD834\uDD65 x\uD834\uDD65\uD834\uDD6D",
            "...!!!???", "!!!", "a.b.c", "---", "'quoted' \"double\" «guillemets»", "$100 + 5% = <tag> ^_^ `x` |y| ~z~",
            "e-mail: someone@example.com http://example.com/a?b=c&d=e#f",
            "don't won't can't it's", "1,234.56 3.14159 2024-06-07 12:30",
            "unaffable", "unbelievably", "antidisestablishmentarianism", "pneumonoultramicroscopicsilicovolcanoconiosis",
            "supercalifragilisticexpialidocious", "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx",
            "ℍ𝕖𝕝𝕝𝕠 𝒲ℴ𝓇𝓁𝒹", "ＦＵＬＬＷＩＤＴＨ ｔｅｘｔ １２３", "⁰¹²³ ₀₁₂ ½ ¾", "Ꙁ ꙁ Ᵹ Ɤ ɤ Ꟊ ꟊ Ꟑ ꟑ",
            "\uA7CB\uA7DC \u1C89 \u2C2F", "Ꭰ ꭰ Ᏸ ᏸ", "ǰ ΐ ΰ ẖ", "\u0130stanbul \u0049\u0307"));
        StringBuilder hundred = new StringBuilder();
        StringBuilder hundredAccents = new StringBuilder();
        for (int i = 0; i < 100; i++) {
            hundred.append((char) ('a' + i % 3));
            hundredAccents.append("é");
        }
        t.add(hundred.toString());
        t.add(hundred + "a");
        t.add(hundredAccents.toString());
        t.add(hundredAccents + "é");
        t.add(hundredAccents.toString().replace("é", "e\u0301"));
        t.add(hundred.toString().replace("a", "😀"));
        t.add("short " + hundred + "b more words");
        StringBuilder many = new StringBuilder();
        for (int i = 0; i < 300; i++) {
            many.append("word").append(i).append(i % 7 == 0 ? ". " : " ");
        }
        t.add(many.toString());
        t.add("a ".repeat(126).trim());
        t.add("a ".repeat(127).trim());
        t.add("a ".repeat(128).trim());
        t.add("[MASK] ".repeat(200));
        t.add("中".repeat(300));
        return t;
    }

    private static List<String> wholeWords(WordPieceVocab vocab) {
        List<String> words = new ArrayList<>();
        for (int id = 0; id < vocab.size(); id++) {
            String token = vocab.token(id);
            if (!token.startsWith("##") && !token.startsWith("[") && !token.isEmpty()) {
                words.add(token);
            }
        }
        return words;
    }

    private static String vocabSentence(Random r, List<String> words) {
        StringBuilder sb = new StringBuilder();
        int n = 1 + r.nextInt(15);
        for (int i = 0; i < n; i++) {
            String w = words.get(r.nextInt(words.size()));
            switch (r.nextInt(6)) {
                case 0: w = w.toUpperCase(Locale.ROOT); break;
                case 1: w = w.isEmpty() ? w : Character.toUpperCase(w.charAt(0)) + w.substring(1); break;
                case 2: w = w + words.get(r.nextInt(words.size())); break; // glued: forces sub-words
                default: break;
            }
            sb.append(w);
            if (r.nextInt(5) == 0) {
                sb.append(pick(r, PUNCTUATION));
            }
            sb.append(r.nextInt(8) == 0 ? pick(r, SPACES) : " ");
        }
        return sb.toString();
    }

    private static String multilingual(Random r, List<String> words) {
        StringBuilder sb = new StringBuilder();
        int n = 1 + r.nextInt(10);
        for (int i = 0; i < n; i++) {
            switch (r.nextInt(5)) {
                case 0: sb.append(pick(r, EMOJI)); break;
                case 1: sb.append(words.get(r.nextInt(words.size()))); break;
                case 2: sb.append(pick(r, WORDS_MANY_SCRIPTS).toUpperCase(Locale.ROOT)); break;
                default: sb.append(pick(r, WORDS_MANY_SCRIPTS)); break;
            }
            if (r.nextInt(4) == 0) {
                sb.append(pick(r, PUNCTUATION));
            }
            sb.append(r.nextInt(6) == 0 ? "" : pick(r, SPACES));
        }
        return sb.toString();
    }

    private static String randomCodePoints(Random r, int length) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < length; i++) {
            int[] range = RANGES[r.nextInt(RANGES.length)];
            int cp = range[0] + r.nextInt(range[1] - range[0] + 1);
            if (cp >= 0xD800 && cp <= 0xDFFF) {
                cp = 'x';
            }
            sb.appendCodePoint(cp);
            if (r.nextInt(6) == 0) {
                sb.append(' ');
            }
        }
        return sb.toString();
    }

    private static String withSpecials(Random r, List<String> words) {
        StringBuilder sb = new StringBuilder();
        int n = 1 + r.nextInt(8);
        for (int i = 0; i < n; i++) {
            sb.append(r.nextBoolean() ? pick(r, SPECIALS) : words.get(r.nextInt(words.size())));
            if (r.nextBoolean()) {
                sb.append(' ');
            }
        }
        return sb.toString();
    }

    private static String longText(Random r, List<String> words) {
        StringBuilder sb = new StringBuilder();
        int n = 100 + r.nextInt(300);
        for (int i = 0; i < n; i++) {
            sb.append(words.get(r.nextInt(words.size())));
            sb.append(r.nextInt(10) == 0 ? pick(r, PUNCTUATION) + " " : " ");
            if (r.nextInt(40) == 0) {
                sb.append(pick(r, WORDS_MANY_SCRIPTS)).append(' ');
            }
        }
        return sb.toString();
    }

    private static String longWord(Random r, List<String> words) {
        StringBuilder sb = new StringBuilder();
        int target = 90 + r.nextInt(25);
        while (sb.codePointCount(0, sb.length()) < target) {
            String w = r.nextInt(4) == 0 ? pick(r, WORDS_MANY_SCRIPTS) : words.get(r.nextInt(words.size()));
            sb.append(w.replace(" ", ""));
        }
        return "before " + sb + " after";
    }

    /** Bases followed by several marks in random order, to exercise canonical reordering. */
    private static String marksAndReordering(Random r) {
        int[] marks = {0x300, 0x301, 0x302, 0x308, 0x323, 0x327, 0x328, 0x331, 0x334, 0x345, 0x05B0, 0x05BC,
            0x0651, 0x064B, 0x0670, 0x093C, 0x094D, 0x0E38, 0x0E48, 0x0F71, 0x0F72, 0x0F80, 0x1DCE, 0x20D2,
            0x302A, 0x302E, 0x08D4, 0x1DF6, 0x1D165, 0x1D16D, 0x1D167, 0x16FF0, 0x1E944, 0x1E94A};
        String bases = "aeiouAEIOUcnszCNSZyY";
        StringBuilder sb = new StringBuilder();
        int n = 1 + r.nextInt(6);
        for (int i = 0; i < n; i++) {
            sb.append(bases.charAt(r.nextInt(bases.length())));
            int k = r.nextInt(4);
            for (int j = 0; j < k; j++) {
                sb.appendCodePoint(marks[r.nextInt(marks.length)]);
            }
            if (r.nextInt(3) == 0) {
                sb.append(' ');
            }
        }
        return sb.toString();
    }

    private static String pick(Random r, String[] options) {
        return options[r.nextInt(options.length)];
    }
}
