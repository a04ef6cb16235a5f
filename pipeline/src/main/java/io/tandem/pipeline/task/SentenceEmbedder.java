package io.tandem.pipeline.task;

import io.tandem.pipeline.bundle.Manifest;
import io.tandem.pipeline.json.JsonObject;
import io.tandem.pipeline.math.Vectors;
import io.tandem.pipeline.tensor.Tensor;
import io.tandem.pipeline.text.BertTokenizer;
import io.tandem.pipeline.text.Encoding;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Text → sentence embedding for BERT-style encoders: WordPiece tokens in, the token vectors
 * mean-pooled over the attention mask and L2-normalised out (sentence-transformers' recipe).
 */
public final class SentenceEmbedder implements TaskPipeline {
    private final BertTokenizer tokenizer;
    private final String idsInput;
    private final String maskInput;
    private final String typeIdsInput;
    private final String outputName;

    public SentenceEmbedder(Manifest manifest, BundleFiles files) {
        JsonObject pre = manifest.preprocessing();
        this.tokenizer = TokenizerConfigs.bertTokenizer(pre, files);
        this.idsInput = pre.string("idsInput", "input_ids");
        this.maskInput = pre.string("maskInput", "attention_mask");
        this.typeIdsInput = hasInput(manifest, pre.string("typeIdsInput", "token_type_ids"));
        this.outputName = manifest.outputs().get(0).name();
    }

    private static String hasInput(Manifest manifest, String name) {
        return manifest.inputs().stream().anyMatch(s -> s.name().equals(name)) ? name : null;
    }

    public BertTokenizer tokenizer() {
        return tokenizer;
    }

    @Override
    public Prepared preprocess(ModelInput input) {
        Encoding e = tokenizer.encode(input.text());
        int n = e.length();
        int[] shape = {1, n};
        Map<String, Tensor> feeds = new LinkedHashMap<>();
        feeds.put(idsInput, Tensor.ofLongs(shape, widen(e.ids())));
        feeds.put(maskInput, Tensor.ofLongs(shape, widen(e.attentionMask())));
        if (typeIdsInput != null) {
            feeds.put(typeIdsInput, Tensor.ofLongs(shape, widen(e.typeIds())));
        }
        return new Prepared(feeds);
    }

    @Override
    public Object postprocess(Prepared prepared, Map<String, Tensor> outputs) {
        return toJson(embed(prepared, outputs));
    }

    /** The embedding of the one sentence in the batch. */
    public float[] embed(Prepared prepared, Map<String, Tensor> outputs) {
        Tensor hidden = outputs.get(outputName);
        if (hidden == null) {
            throw new IllegalStateException("model gave no output named '" + outputName + "'");
        }
        if (hidden.rank() != 3) {
            throw new IllegalStateException("expected " + outputName + " of rank 3 [batch, sequence, dim], found rank " + hidden.rank());
        }
        long[] mask = prepared.feed(maskInput).longs();
        int sequence = hidden.dim(1);
        int dim = hidden.dim(2);
        return Vectors.l2Normalise(Vectors.maskedMeanPool(hidden.floats(), sequence, dim, mask));
    }

    public static List<Object> toJson(float[] embedding) {
        List<Object> out = new ArrayList<>(embedding.length);
        for (float f : embedding) {
            out.add((double) f);
        }
        return out;
    }

    private static long[] widen(int[] values) {
        long[] out = new long[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = values[i];
        }
        return out;
    }
}
