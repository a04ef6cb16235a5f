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
import io.tandem.pipeline.text.TokenSpans;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Token classification (NER): a label per token → entity spans with character offsets into the
 * caller's text, by {@link TokenSpans} (word pieces joined into words as {@code aggregation} says,
 * consecutive words of one entity group joined into spans). A prefix the preprocessing put before
 * the text ("query: ") is no part of the caller's text: spans inside it are dropped, offsets count
 * from the caller's first character. Entities named in {@code ignore} are dropped too.
 */
public final class TokenSpansOutput implements Postprocessor {
    private static final OptionSet OPTIONS = OptionSet.of(Outputs.OPTION,
            Option.choice("aggregation", "first: a word takes its first piece's label; average: of its pieces' mean probabilities; "
                    + "max: its most confident piece's; simple: tokens grouped without words; none: every token on its own.",
                    "first", "average", "max", "simple", "none"),
            Option.of("ignore", Option.Kind.STRINGS, "Entity groups to leave out (besides O, which is never one).")
                    .defaultsTo(java.util.Collections.<String>emptyList()));

    public static final PostprocessorType TYPE = PostprocessorType.of("token-spans",
            "Named entities: per-token labels (IOB2 or plain) joined into spans {entity, score, start, end, text} of the caller's text.",
            OutputKind.CLASS_SCORES, true, OPTIONS, (manifest, config) -> {
                List<String> ignore = new ArrayList<>(TokenSpans.DEFAULT_IGNORE);
                if (config.has("ignore")) {
                    ignore.addAll(config.strings("ignore"));
                }
                TokenSpans.Aggregation aggregation = TokenSpans.Aggregation.fromId(config.string("aggregation", "first"));
                return new TokenSpansOutput(Outputs.name(manifest, config), manifest.labels(), aggregation, ignore);
            });

    private final String output;
    private final List<String> labels;
    private final TokenSpans.Aggregation aggregation;
    private final List<String> ignore;

    private TokenSpansOutput(String output, List<String> labels, TokenSpans.Aggregation aggregation, List<String> ignore) {
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

    double[][] probabilities(Map<String, Tensor> outputs) {
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
        return TokenSpans.toJson(TokenSpans.aggregate(text.prefix() + text.text(), text.prefixLength(), text.encoding(),
                probabilities(outputs), labels, aggregation, ignore));
    }
}
