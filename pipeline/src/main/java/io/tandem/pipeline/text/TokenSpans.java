package io.tandem.pipeline.text;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Token classification (NER) output as entity spans of the original text: per-token label
 * probabilities, the {@link Encoding} they were predicted for, and an {@link Aggregation}
 * strategy, as HuggingFace's token-classification pipeline documents its aggregation_strategy.
 *
 * <p>Labels are IOB2 ("O", "B-PER", "I-PER", ...) or plain ("PER", "LOC"; a plain label continues
 * a run of itself, as if it were "I-"). A span's entity is the label without its "B-"/"I-" prefix;
 * words (or, for {@link Aggregation#NONE} and {@link Aggregation#SIMPLE}, tokens) whose label or
 * entity is ignored ("O" unless told otherwise) make no span. The [CLS] and [SEP] the tokenizer
 * adds are ignored, and so are the tokens of a prefix the caller did not write ("query: ", see
 * {@link #aggregate(String, int, Encoding, double[], List, Aggregation, Collection)}); text cut
 * off by truncation has no tokens and so no spans.
 *
 * <p>Grouping, for every strategy but {@link Aggregation#NONE}: walking the words in order, a word
 * joins the span before it when it has the same entity and its label does not begin with "B-";
 * otherwise it starts a span. So "B-PER I-PER" is one span, "B-PER B-PER" two, an "I-PER" after
 * "O" or after another entity starts one, and an "O" between two entities separates them. A span's
 * score is the mean of its words' scores; its start and end are UTF-16 offsets into the text (end
 * exclusive) from the first word's start to the last word's end, and its text that substring.
 *
 * <p>Where this knowingly differs from HuggingFace's pipeline: words are the tokenizer's words
 * ({@link Encoding#wordId}), not guessed from token and text lengths; the entity of every strategy,
 * {@link Aggregation#NONE} included, is given without "B-"/"I-" (HuggingFace's "none" keeps the raw
 * label); and a label like "date-time" stays whole (HuggingFace's group name keeps what follows its
 * first '-'). Pure computation in double; the same on the JVM and under TeaVM.
 */
public final class TokenSpans {
    /** The label that marks tokens outside every entity. */
    public static final String OUTSIDE = "O";

    /** The labels ignored by default: {@link #OUTSIDE}. */
    public static final List<String> DEFAULT_IGNORE = Collections.singletonList(OUTSIDE);

    /** How token predictions become spans. */
    public enum Aggregation {
        /** Every token not labelled "O" is a span of its own: its most likely label and that probability. */
        NONE("none"),
        /** Each token takes its most likely label; consecutive tokens are grouped (see the class comment). */
        SIMPLE("simple"),
        /** A word takes the most likely label of its first token, with that probability; words are grouped. */
        FIRST("first"),
        /** A word takes the most likely label of its tokens' mean probabilities, with that mean; words are grouped. */
        AVERAGE("average"),
        /**
         * A word takes the label of its single most confident token (the first such on a tie), with
         * that probability; words are grouped.
         */
        MAX("max");

        private final String id;

        Aggregation(String id) {
            this.id = id;
        }

        /** The name used in configuration and requests: "none", "simple", "first", "average", "max". */
        public String id() {
            return id;
        }

        public static Aggregation fromId(String id) {
            for (Aggregation a : values()) {
                if (a.id.equals(id)) {
                    return a;
                }
            }
            throw new IllegalArgumentException("unknown aggregation \"" + id + "\"; expected none, simple, first, average or max");
        }
    }

    /** One entity found in the text. Immutable. */
    public static final class Span {
        private final String entity;
        private final double score;
        private final int start;
        private final int end;
        private final String text;

        Span(String entity, double score, int start, int end, String text) {
            this.entity = entity;
            this.score = score;
            this.start = start;
            this.end = end;
            this.text = text;
        }

        /** The entity label without "B-"/"I-": "PER", "LOC", ... */
        public String entity() {
            return entity;
        }

        /** The mean score of the span's words (or the token's probability for {@link Aggregation#NONE}). */
        public double score() {
            return score;
        }

        /** Where the span starts in the original text, as a UTF-16 index. */
        public int start() {
            return start;
        }

        /** Where the span ends in the original text, exclusive. */
        public int end() {
            return end;
        }

        /** The original text of the span: {@code text.substring(start, end)}. */
        public String text() {
            return text;
        }

        /** The span as a JSON object: "entity", "score", "start", "end", "text". */
        public Map<String, Object> toMap() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("entity", entity);
            m.put("score", score);
            m.put("start", (long) start);
            m.put("end", (long) end);
            m.put("text", text);
            return m;
        }

        @Override
        public String toString() {
            return entity + "[" + start + "," + end + ")\"" + text + "\"=" + score;
        }
    }

    private TokenSpans() {
    }

    /**
     * The spans of one text.
     *
     * @param text          the text the encoding was made from
     * @param encoding      its encoding
     * @param probabilities one row per position of the encoding, one probability per label; rows
     *                      beyond the encoding's length (padding of a batch) are ignored
     * @param labels        the label of each column
     */
    public static List<Span> aggregate(String text, Encoding encoding, double[][] probabilities, List<String> labels,
            Aggregation aggregation) {
        return aggregate(text, 0, encoding, probabilities, labels, aggregation, DEFAULT_IGNORE);
    }

    /**
     * As {@link #aggregate(String, int, Encoding, double[], List, Aggregation, Collection)}, with one
     * row of probabilities per position.
     */
    public static List<Span> aggregate(String text, int from, Encoding encoding, double[][] probabilities,
            List<String> labels, Aggregation aggregation, Collection<String> ignore) {
        int n = labels.size();
        if (probabilities.length < encoding.length()) {
            throw new IllegalArgumentException("expected a row of probabilities for each of the " + encoding.length()
                    + " tokens, found " + probabilities.length);
        }
        double[] flat = new double[encoding.length() * n];
        for (int t = 0; t < encoding.length(); t++) {
            if (probabilities[t].length != n) {
                throw new IllegalArgumentException("expected " + n + " probabilities (one per label) in row " + t
                        + ", found " + probabilities[t].length);
            }
            System.arraycopy(probabilities[t], 0, flat, t * n, n);
        }
        return aggregate(text, from, encoding, flat, labels, aggregation, ignore);
    }

    /**
     * As {@link #aggregate(String, Encoding, double[][], List, Aggregation)}, with the probabilities
     * row-major in one array: position t's probability of label k at {@code t * labels.size() + k}.
     */
    public static List<Span> aggregate(String text, Encoding encoding, double[] probabilities, List<String> labels,
            Aggregation aggregation) {
        return aggregate(text, 0, encoding, probabilities, labels, aggregation, DEFAULT_IGNORE);
    }

    /**
     * The spans of the caller's part of an encoded text, the text from {@code from} on: tokens that
     * end at or before {@code from} belong to a prefix the tokenizer was given before the caller's
     * text ("query: ") and are skipped, and the spans' offsets and texts are those of
     * {@code text.substring(from)}.
     *
     * @param text          the whole string that was encoded, prefix included
     * @param from          where the caller's text starts in it (0 without a prefix)
     * @param probabilities row-major [positions, labels]: position t's probability of label k at
     *                      {@code t * labels.size() + k}; positions beyond the encoding's length
     *                      (padding of a batch) are ignored
     * @param ignore        labels that make no span, matched against the label and its entity
     *                      ({@link #DEFAULT_IGNORE}: "O")
     */
    public static List<Span> aggregate(String text, int from, Encoding encoding, double[] probabilities,
            List<String> labels, Aggregation aggregation, Collection<String> ignore) {
        int n = labels.size();
        if (n == 0) {
            throw new IllegalArgumentException("expected at least one label");
        }
        if (probabilities.length < encoding.length() * n) {
            throw new IllegalArgumentException("expected " + encoding.length() + " x " + n
                    + " probabilities (tokens x labels), found " + probabilities.length);
        }
        if (from < 0 || from > text.length()) {
            throw new IllegalArgumentException("expected the caller's text to start within the text (0.."
                    + text.length() + "), found " + from);
        }
        for (int t = 0; t < encoding.length(); t++) {
            if (encoding.end(t) > text.length()) {
                throw new IllegalArgumentException("token " + t + " ends at " + encoding.end(t)
                        + ", past the end of the text (" + text.length() + "): the encoding is not of this text");
            }
        }
        String[] tags = new String[n];
        boolean[] begins = new boolean[n];
        boolean[] ignored = new boolean[n];
        for (int k = 0; k < n; k++) {
            String label = labels.get(k);
            boolean b = label.startsWith("B-");
            tags[k] = b || label.startsWith("I-") ? label.substring(2) : label;
            begins[k] = b;
            ignored[k] = ignore.contains(label) || ignore.contains(tags[k]);
        }
        Words words = aggregation == Aggregation.NONE || aggregation == Aggregation.SIMPLE
                ? tokens(encoding, from, probabilities, n)
                : words(encoding, from, probabilities, n, aggregation);
        String caller = text.substring(from);
        List<Span> spans = new ArrayList<>();
        if (aggregation == Aggregation.NONE) {
            for (int w = 0; w < words.count; w++) {
                int label = words.label[w];
                if (!ignored[label]) {
                    spans.add(span(caller, tags[label], words.score[w], words.start[w], words.end[w]));
                }
            }
            return spans;
        }
        int first = 0;
        double sum = 0;
        for (int w = 0; w < words.count; w++) {
            int label = words.label[w];
            if (w > first && (begins[label] || !tags[label].equals(tags[words.label[first]]))) {
                if (!ignored[words.label[first]]) {
                    spans.add(span(caller, tags[words.label[first]], sum / (w - first), words.start[first],
                            words.end[w - 1]));
                }
                first = w;
                sum = 0;
            }
            sum += words.score[w];
        }
        if (words.count > first && !ignored[words.label[first]]) {
            spans.add(span(caller, tags[words.label[first]], sum / (words.count - first), words.start[first],
                    words.end[words.count - 1]));
        }
        return spans;
    }

    /** The spans as JSON: a list of {@link Span#toMap()} objects. */
    public static List<Map<String, Object>> toJson(List<Span> spans) {
        List<Map<String, Object>> out = new ArrayList<>(spans.size());
        for (Span s : spans) {
            out.add(s.toMap());
        }
        return out;
    }

    private static Span span(String text, String tag, double score, int start, int end) {
        return new Span(tag, score, start, end, text.substring(start, end));
    }

    /** The units that are labelled and grouped: tokens or words, each with a label, score and span. */
    private static final class Words {
        final int[] label;
        final double[] score;
        final int[] start;
        final int[] end;
        int count;

        Words(int capacity) {
            label = new int[capacity];
            score = new double[capacity];
            start = new int[capacity];
            end = new int[capacity];
        }

        void add(int label, double score, int start, int end) {
            this.label[count] = label;
            this.score[count] = score;
            this.start[count] = start;
            this.end[count] = end;
            count++;
        }
    }

    /** [CLS], [SEP] and the tokens of a prefix before {@code from}: no part of the caller's text. */
    private static boolean skipped(Encoding encoding, int t, int from) {
        return encoding.isSpecial(t) || encoding.end(t) <= from;
    }

    /** Every token of the caller's text, with its most likely label; offsets from {@code from}. */
    private static Words tokens(Encoding encoding, int from, double[] p, int n) {
        Words out = new Words(encoding.length());
        for (int t = 0; t < encoding.length(); t++) {
            if (!skipped(encoding, t, from)) {
                int k = argmax(p, t * n, n);
                out.add(k, p[t * n + k], Math.max(0, encoding.start(t) - from), encoding.end(t) - from);
            }
        }
        return out;
    }

    /** The words: runs of tokens with one word id, labelled by the strategy. */
    private static Words words(Encoding encoding, int from, double[] p, int n, Aggregation aggregation) {
        Words out = new Words(encoding.length());
        double[] mean = new double[n];
        int t = 0;
        int length = encoding.length();
        while (t < length) {
            if (skipped(encoding, t, from)) {
                t++;
                continue;
            }
            int first = t;
            int word = encoding.wordId(t);
            while (t + 1 < length && !skipped(encoding, t + 1, from) && encoding.wordId(t + 1) == word) {
                t++;
            }
            int last = t++;
            int label;
            double score;
            if (aggregation == Aggregation.FIRST) {
                label = argmax(p, first * n, n);
                score = p[first * n + label];
            } else if (aggregation == Aggregation.MAX) {
                int best = first;
                double bestScore = max(p, first * n, n);
                for (int s = first + 1; s <= last; s++) {
                    double m = max(p, s * n, n);
                    if (m > bestScore) {
                        best = s;
                        bestScore = m;
                    }
                }
                label = argmax(p, best * n, n);
                score = bestScore;
            } else {
                for (int k = 0; k < n; k++) {
                    double sum = 0;
                    for (int s = first; s <= last; s++) {
                        sum += p[s * n + k];
                    }
                    mean[k] = sum / (last - first + 1);
                }
                label = argmax(mean, 0, n);
                score = mean[label];
            }
            out.add(label, score, Math.max(0, encoding.start(first) - from), encoding.end(last) - from);
        }
        return out;
    }

    /** The index of the largest value in {@code v[offset, offset + n)}, the first on a tie. */
    private static int argmax(double[] v, int offset, int n) {
        int best = 0;
        for (int k = 1; k < n; k++) {
            if (v[offset + k] > v[offset + best]) {
                best = k;
            }
        }
        return best;
    }

    private static double max(double[] v, int offset, int n) {
        return v[offset + argmax(v, offset, n)];
    }
}
