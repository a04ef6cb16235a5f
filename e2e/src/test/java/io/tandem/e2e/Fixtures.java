package io.tandem.e2e;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/** Deterministic inputs for the parity tests: drawn images of many kinds, and varied sentences. */
final class Fixtures {
    private Fixtures() {
    }

    /** A drawn image with its size and RGBA bytes. */
    record Drawn(int width, int height, byte[] rgba) {
    }

    /**
     * Strokes on canvases of many sizes and kinds: transparent (a fresh canvas), white paper,
     * grey noisy "photos", dark backgrounds with light ink, tiny and wide images.
     */
    static List<Drawn> drawnImages(int count, long seed) {
        Random random = new Random(seed);
        List<Drawn> out = new ArrayList<>();
        for (int n = 0; n < count; n++) {
            int w = 8 + random.nextInt(400);
            int h = 8 + random.nextInt(300);
            BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_ARGB);
            Graphics2D g = img.createGraphics();
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            int kind = n % 4;
            Color ink = Color.BLACK;
            if (kind == 1) {
                g.setColor(Color.WHITE);
                g.fillRect(0, 0, w, h);
            } else if (kind == 2) {
                int paper = 150 + random.nextInt(90);
                g.setColor(new Color(paper, paper - 5, paper - 12));
                g.fillRect(0, 0, w, h);
                ink = new Color(random.nextInt(60), random.nextInt(60), random.nextInt(80));
            } else if (kind == 3) {
                g.setColor(new Color(10, 10, 20));
                g.fillRect(0, 0, w, h);
                ink = new Color(230, 230, 230);
            }
            g.setColor(ink);
            g.setStroke(new BasicStroke(1 + random.nextInt(Math.max(2, Math.min(w, h) / 8)), BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
            int strokes = 1 + random.nextInt(4);
            for (int s = 0; s < strokes; s++) {
                g.drawLine(random.nextInt(w), random.nextInt(h), random.nextInt(w), random.nextInt(h));
            }
            if (random.nextBoolean()) {
                g.drawOval(random.nextInt(w / 2 + 1), random.nextInt(h / 2 + 1), 1 + random.nextInt(w / 2 + 1), 1 + random.nextInt(h / 2 + 1));
            }
            g.dispose();
            if (kind == 2) {
                for (int i = 0; i < w * h / 10; i++) {
                    int x = random.nextInt(w), y = random.nextInt(h);
                    int p = img.getRGB(x, y);
                    int d = random.nextInt(31) - 15;
                    int r = clamp(((p >> 16) & 255) + d), gg = clamp(((p >> 8) & 255) + d), b = clamp((p & 255) + d);
                    img.setRGB(x, y, 0xFF000000 | r << 16 | gg << 8 | b);
                }
            }
            out.add(new Drawn(w, h, rgba(img)));
        }
        return out;
    }

    private static int clamp(int v) {
        return Math.max(0, Math.min(255, v));
    }

    private static byte[] rgba(BufferedImage img) {
        int w = img.getWidth(), h = img.getHeight();
        int[] argb = img.getRGB(0, 0, w, h, null, 0, w);
        byte[] out = new byte[w * h * 4];
        for (int i = 0; i < argb.length; i++) {
            int p = argb[i];
            out[i * 4] = (byte) (p >> 16);
            out[i * 4 + 1] = (byte) (p >> 8);
            out[i * 4 + 2] = (byte) p;
            out[i * 4 + 3] = (byte) (p >>> 24);
        }
        return out;
    }

    /** Sentences of many kinds: plain, accented, CJK, emoji, controls, punctuation runs, over-long, empty. */
    static List<String> sentences() {
        List<String> s = new ArrayList<>(List.of(
                "A cat sits on the mat.",
                "The quick brown fox jumps over the lazy dog.",
                "Stock markets fell sharply on Tuesday after the announcement.",
                "How do I reset my password?",
                "I'd like to book a table for two at eight o'clock.",
                "Photosynthesis converts light energy into chemical energy.",
                "Café au lait, crème brûlée and a naïve résumé.",
                "Ångström, İstanbul, Straße, ΣΊΣΥΦΟΣ and Ελληνικά.",
                "東京は日本の首都です。",
                "我喜欢在公园里散步。",
                "한국어 문장도 토큰화됩니다.",
                "مرحبا بالعالم",
                "नमस्ते दुनिया",
                "สวัสดีชาวโลก",
                "Emoji 😀👍🏽 and a family 👨‍👩‍👧 and a flag 🇫🇷!",
                "Tabs\tand\nnew lines\r\nand\u0000nulls\u0007bells\u200bzero width\ufeffBOM.",
                "Punctuation!!! ??? ... --- ((( ))) [[[ ]]] {{{ }}} ,,, ;;;",
                "email me at someone@example.com or visit https://example.com/path?q=1",
                "Numbers 3.14159, 2,718 and 1e-10 and -42.",
                "supercalifragilisticexpialidocious antidisestablishmentarianism",
                "x".repeat(150),
                "Pneumonoultramicroscopicsilicovolcanoconiosis is a long word.",
                "Literal [MASK] and [CLS] tokens inside the text [SEP].",
                "",
                "   ",
                "\u00e9\u0301 combining marks e\u0301 a\u0308 o\u0302",
                "ALL CAPS SENTENCE SHOUTING ABOUT NOTHING",
                "mixedCase camelCase snake_case kebab-case",
                "The weather is lovely today.",
                "It is raining cats and dogs outside."));
        StringBuilder longText = new StringBuilder();
        for (int i = 0; i < 60; i++) {
            longText.append("Sentence number ").append(i).append(" keeps going; ");
        }
        s.add(longText.toString());
        Random random = new Random(7);
        String[] words = {"model", "browser", "server", "parity", "token", "naïve", "東京", "🙂", "don't", "U.S.A.", "ßig", "ÉLAN"};
        for (int n = 0; n < 30; n++) {
            StringBuilder b = new StringBuilder();
            int len = 1 + random.nextInt(40);
            for (int i = 0; i < len; i++) {
                b.append(words[random.nextInt(words.length)]).append(random.nextInt(5) == 0 ? ", " : " ");
            }
            s.add(b.toString().trim());
        }
        return s;
    }
}
