package io.tandem.pipeline.task.builtin;

import io.tandem.pipeline.bundle.Manifest;
import io.tandem.pipeline.json.JsonObject;
import io.tandem.pipeline.math.Softmax;
import io.tandem.pipeline.recipe.Option;
import io.tandem.pipeline.recipe.OptionSet;
import io.tandem.pipeline.task.OutputKind;
import io.tandem.pipeline.task.Postprocessor;
import io.tandem.pipeline.task.PostprocessorType;
import io.tandem.pipeline.task.Prepared;
import io.tandem.pipeline.tensor.Tensor;
import io.tandem.pipeline.text.Encoding;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Token classification (NER): a label per token → entity spans with character offsets into the
 * caller's text. Word pieces are first joined into words ({@code aggregation}: the first piece's
 * label, the average of the pieces' probabilities, or the most confident piece; {@code none}
 * keeps every token), then consecutive words of one entity group ("B-PER", "I-PER" → PER) become
 * one span, a "B-" starting a new one. Labels in {@code ignore} ("O") make no span.
 */
public final class TokenSpansOutput implements Postprocessor {
    /** How a word's pieces decide the word's label. */
    enum Aggregation { FIRST, AVERAGE, MAX, NONE }

    private static final OptionSet OPTIONS = OptionSet.of(Outputs.OPTION,
            Option.choice("aggregation", "first: a word takes its first piece's label; average: of its pieces' probabilities; "
                    + "max: its most confident piece's; none: every token on its own.", "first", "average", "max", "none"),
            Option.of("ignore", Option.Kind.STRINGS, "Labels that are no entity.").defaultsTo(java.util.Collections.singletonList("O")));

    public static final PostprocessorType TYPE = new PostprocessorType() {
        @Override
        public String type() {
            return "token-spans";
        }

        @Override
        public String description() {
            return "Named entities: per-token labels (IOB2 or plain) joined into spans {entity, score, start, end, text} of the caller's text.";
        }

        @Override
        public OutputKind outputKind() {
            return OutputKind.CLASS_SCORES;
        }

        @Override
        public boolean needsLabels() {
            return true;
        }

        @Override
        public OptionSet options() {
            return OPTIONS;
        }

        @Override
        public Postprocessor open(Manifest manifest, JsonObject config) {
            List<String> ignore = new ArrayList<>();
            if (config.has("ignore")) {
                ignore.addAll(config.strings("ignore"));
            } else {
                ignore.add("O");
            }
            String name = config.string("aggregation", "first");
            Aggregation aggregation = "average".equals(name) ? Aggregation.AVERAGE : "max".equals(name) ? Aggregation.MAX
                    : "none".equals(name) ? Aggregation.NONE : Aggregation.FIRST;
            return new TokenSpansOutput(Outputs.name(manifest, config), manifest.labels(), aggregation, ignore);
        }
    };

    private final String output;
    private final List<String> labels;
    private final Aggregation aggregation;
    private final List<String> ignore;

    private TokenSpansOutput(String output, List<String> labels, Aggregation aggregation, List<String> ignore) {
        this.output = output;
        this.labels = new ArrayList<>(labels);
        this.aggregation = aggregation;
        this.ignore = ignore;
    }

    /** Every token's probabilities, [tokens × labels] in label order: what variants are compared on. */
    @Override
    public float[] comparable(Prepared prepared, Map<String, Tensor> outputs) {
        double[][] p = probabilities(outputs);
        float[] out = new float[p.length * labels.size()];
        for (int t = 0; t < p.length; t++) {
            for (int k = 0; k < labels.size(); k++) {
                out[t * labels.size() + k] = (float) p[t][k];
            }
        }
        return out;
    }

    private double[][] probabilities(Map<String, Tensor> outputs) {
        Tensor scores = Outputs.get(outputs, output);
        int classes = labels.size();
        if (scores.rank() < 2 || scores.dim(scores.rank() - 1) != classes) {
            throw new IllegalStateException("expected output '" + output + "' of shape [batch, tokens, " + classes
                    + "] (one score per label), found rank " + scores.rank());
        }
        int tokens = scores.size() / classes;
        float[] values = scores.floats();
        double[][] p = new double[tokens][];
        for (int t = 0; t < tokens; t++) {
            p[t] = Softmax.of(values, t * classes, classes);
        }
        return p;
    }

    @Override
    public Object postprocess(Prepared prepared, Map<String, Tensor> outputs) {
        if (!(prepared.context() instanceof TokenizedText)) {
            throw new IllegalStateException("token spans need the tokenizer's offsets; the preprocessing kept none");
        }
        TokenizedText text = (TokenizedText) prepared.context();
        Encoding e = text.encoding();
        double[][] p = probabilities(outputs);
        List<Unit> units = units(e, p, text.prefixLength());
        return spans(units, text.text());
    }

    /** A word (or, for aggregation none, a token): its label, score and place in the caller's text. */
    private static final class Unit {
        final String label;
        final double score;
        final int start;
        final int end;

        Unit(String label, double score, int start, int end) {
            this.label = label;
            this.score = score;
            this.start = start;
            this.end = end;
        }
    }

    private List<Unit> units(Encoding e, double[][] p, int prefix) {
        List<Unit> units = new ArrayList<>();
        int n = Math.min(e.length(), p.length);
        int i = 0;
        while (i < n) {
            // Tokens of the prefix ("query: ") and special tokens are no part of the caller's text.
            if (e.isSpecial(i) || e.end(i) <= prefix) {
                i++;
                continue;
            }
            int j = i + 1;
            if (aggregation != Aggregation.NONE) {
                while (j < n && !e.isSpecial(j) && e.wordId(j) == e.wordId(i) && e.wordId(i) >= 0) {
                    j++;
                }
            }
            units.add(unit(p, i, j, Math.max(0, e.start(i) - prefix), e.end(j - 1) - prefix));
            i = j;
        }
        return units;
    }

    /** The label of tokens [from, to) joined as one word. */
    private Unit unit(double[][] p, int from, int to, int start, int end) {
        double[] word;
        switch (aggregation) {
            case AVERAGE: {
                word = new double[labels.size()];
                for (int t = from; t < to; t++) {
                    for (int k = 0; k < word.length; k++) {
                        word[k] += p[t][k] / (to - from);
                    }
                }
                break;
            }
            case MAX: {
                word = p[from];
                for (int t = from + 1; t < to; t++) {
                    if (p[t][argmax(p[t])] > word[argmax(word)]) {
                        word = p[t];
                    }
                }
                break;
            }
            default:
                word = p[from];
        }
        int best = argmax(word);
        return new Unit(labels.get(best), word[best], start, end);
    }

    private List<Object> spans(List<Unit> units, String text) {
        List<Object> out = new ArrayList<>();
        String group = null;
        int start = 0;
        int end = 0;
        double sum = 0;
        int count = 0;
        for (Unit u : units) {
            boolean entity = !ignore.contains(u.label);
            String g = entity ? group(u.label) : null;
            boolean continues = entity && g.equals(group) && !u.label.startsWith("B-");
            if (!continues && group != null) {
                out.add(span(group, sum / count, start, end, text));
                group = null;
            }
            if (!entity) {
                continue;
            }
            if (group == null) {
                group = g;
                start = u.start;
                sum = 0;
                count = 0;
            }
            end = u.end;
            sum += u.score;
            count++;
        }
        if (group != null) {
            out.add(span(group, sum / count, start, end, text));
        }
        return out;
    }

    private static Map<String, Object> span(String entity, double score, int start, int end, String text) {
        int s = Math.max(0, Math.min(start, text.length()));
        int e = Math.max(s, Math.min(end, text.length()));
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("entity", entity);
        m.put("score", score);
        m.put("start", (long) s);
        m.put("end", (long) e);
        m.put("text", text.substring(s, e));
        return m;
    }

    /** "B-PER", "I-PER" → "PER"; a plain label is its own group. */
    private static String group(String label) {
        return label.length() > 2 && (label.startsWith("B-") || label.startsWith("I-")) ? label.substring(2) : label;
    }

    private static int argmax(double[] v) {
        int best = 0;
        for (int i = 1; i < v.length; i++) {
            if (v[i] > v[best]) {
                best = i;
            }
        }
        return best;
    }
}
