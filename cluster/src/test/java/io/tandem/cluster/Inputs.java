package io.tandem.cluster;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/** Inputs the tests send: each distinct, so no two share a cache entry or a result. */
final class Inputs {
    private static final String[] ISLANDS = {"Biscoe", "Dream", "Torgersen"};
    private static final String[] WORDS = ("alpha river mountain quiet engine paper silver orbit garden winter copper "
            + "signal forest harbor lantern meadow pocket rocket saddle thunder velvet window yellow zebra marble").split(" ");

    private Inputs() {
    }

    /** Penguin record number {@code n}: a valid input for the penguins bundle, different for each n. */
    static Map<String, Object> penguin(long n) {
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("island", ISLANDS[(int) (n % 3)]);
        r.put("bill_length_mm", 35 + (n % 1000) / 50.0);
        r.put("bill_depth_mm", 14 + (n / 1000 % 100) / 20.0);
        r.put("flipper_length_mm", 180 + n % 37);
        r.put("body_mass_g", 3000 + n % 1777);
        r.put("sex", n % 2 == 0 ? "MALE" : "FEMALE");
        return r;
    }

    /** {@code count} penguin records starting at number {@code first}. */
    static List<Object> penguins(long first, int count) {
        List<Object> out = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            out.add(penguin(first + i));
        }
        return out;
    }

    /**
     * {@code count} texts of about 150 words: longer than MiniLM's 128 tokens, so every one costs a
     * full-length run and a job of a few hundred takes seconds. Seeded, so a failure reproduces.
     */
    static List<Object> longTexts(long seed, int count) {
        Random random = new Random(seed);
        List<Object> out = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            StringBuilder text = new StringBuilder("text ").append(seed).append('-').append(i);
            for (int w = 0; w < 150; w++) {
                text.append(' ').append(WORDS[random.nextInt(WORDS.length)]);
            }
            out.add(text.toString());
        }
        return out;
    }
}
