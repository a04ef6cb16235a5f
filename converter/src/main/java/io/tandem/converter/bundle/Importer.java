package io.tandem.converter.bundle;

import io.tandem.converter.ConverterException;
import io.tandem.converter.ConverterVersion;
import io.tandem.converter.Progress;
import io.tandem.converter.io.Sha256;
import io.tandem.converter.io.SourceFile;
import io.tandem.converter.onnx.OnnxModel;
import io.tandem.converter.onnx.OnnxModelReader;
import io.tandem.converter.onnx.OrtLimits;
import io.tandem.converter.onnx.OrtLoadCheck;
import io.tandem.pipeline.bundle.BundleFile;
import io.tandem.pipeline.bundle.Manifest;
import io.tandem.pipeline.bundle.Variant;
import io.tandem.pipeline.task.Prepared;
import io.tandem.pipeline.task.TaskPipeline;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Builds a bundle from a recipe, an ONNX model and (for text models) a tokenizer.json: checks,
 * hashes, then writes {@code model.onnx}, {@code vocab.txt} and {@code manifest.json}.
 *
 * <p>The manifest has no timestamps, so the same inputs give a byte-identical manifest; when the
 * directory already holds it and files with the right hashes, nothing is written (and the slow
 * onnxruntime load is skipped), which keeps repeated builds fast and still correct.
 */
public final class Importer {
    public static final String MODEL_FILE = "model.onnx";
    private static final String BERT_WORDPIECE = "bert-wordpiece";

    private final Progress progress;

    public Importer(Progress progress) {
        this.progress = progress;
    }

    /** What was asked: recipe file, model and optional tokenizer (paths or jar!/entry), output dir. */
    public record Request(Path recipe, String model, String tokenizer, Path out, boolean force) {
    }

    /** What happened; {@code written} is false when the bundle was already up to date. */
    public record Result(Manifest manifest, Path out, boolean written) {
    }

    public Result run(Request request) {
        Recipe recipe = Recipe.read(request.recipe());
        boolean needsTokenizer = BERT_WORDPIECE.equals(recipe.preprocessing().get("type"));
        if (needsTokenizer && request.tokenizer() == null) {
            throw new ConverterException("preprocessing '" + BERT_WORDPIECE + "' needs --tokenizer <tokenizer.json>");
        }
        if (!needsTokenizer && request.tokenizer() != null) {
            throw new ConverterException("--tokenizer given, but preprocessing '" + recipe.preprocessing().get("type") + "' uses no tokenizer");
        }
        if (needsTokenizer && recipe.tokenizerSource() == null) {
            throw new ConverterException(recipe.where() + ": missing field 'tokenizerSource' (where the tokenizer.json comes from)");
        }

        SourceFile model = SourceFile.read(request.model(), "model", progress);
        OnnxModel onnx = OnnxModelReader.read(model.bytes(), request.model());
        OrtLimits.check(onnx, request.model());
        if (onnx.externalData()) {
            throw new ConverterException("model " + request.model() + " keeps weights in external data files; bundles need one self-contained .onnx");
        }
        String sourceSha = Sha256.of(model.bytes(), progress, "hashing " + model.fileName());
        // What import changes (a scikit-learn ZipMap) and learns (the longest sequence) before the checks.
        ModelPreparation.Prepared prepared = ModelPreparation.prepare(model.bytes(), onnx, request.model());
        prepared.notes().forEach(progress::note);
        byte[] modelBytes = prepared.bytes();
        onnx = prepared.model();
        List<String> labels = recipe.labels().isEmpty() ? prepared.labels() : recipe.labels();
        String labelsProblem = ModelPreparation.labelsProblem(recipe.labels(), prepared);
        if (labelsProblem != null) {
            throw new ConverterException("recipe does not match the model: " + labelsProblem);
        }
        ModelCheck.Resolved io = ModelCheck.check(labels == recipe.labels() ? recipe : recipe.withLabels(labels), onnx);
        String modelSha = prepared.rewritten() ? Sha256.of(modelBytes) : sourceSha;

        Map<String, Object> provenance = new LinkedHashMap<>();
        provenance.put("source", recipe.source());
        provenance.put("sha256", sourceSha);
        provenance.put("licence", recipe.licence());
        provenance.put("producer", onnx.producer());
        if (prepared.rewritten()) {
            provenance.put("rewritten", String.join("; ", prepared.notes()));
        }
        BundleWriter writer = new BundleWriter(request.out()).file(MODEL_FILE, modelBytes);
        Map<String, String> hashes = new LinkedHashMap<>();
        hashes.put(MODEL_FILE, modelSha);
        Manifest.Builder b = Manifest.builder()
                .id(recipe.id()).version(recipe.version()).title(recipe.title()).task(recipe.task())
                .postprocessing(recipe.postprocessing()).labels(labels);
        io.inputs().forEach(b::input);
        io.outputs().forEach(b::output);

        if (needsTokenizer) {
            SourceFile tokenizerFile = SourceFile.read(request.tokenizer(), "tokenizer", progress);
            TokenizerSettings tokenizer = TokenizerSettings.parse(tokenizerFile.text(), "tokenizer " + request.tokenizer());
            List<String> notes = new ArrayList<>();
            Map<String, Object> pre = tokenizer.mergeInto(recipe.preprocessing(), recipe.where(), prepared.maxSequenceLength(), notes);
            notes.forEach(progress::note);
            String vocabPath = (String) pre.get("vocab");
            byte[] vocab = tokenizer.vocabText().getBytes(StandardCharsets.UTF_8);
            String vocabSha = Sha256.of(vocab);
            b.preprocessing(pre).file(new BundleFile(vocabPath, vocab.length, vocabSha));
            writer.file(vocabPath, vocab);
            hashes.put(vocabPath, vocabSha);
            provenance.put("tokenizerSource", recipe.tokenizerSource());
            provenance.put("tokenizerSha256", Sha256.of(tokenizerFile.bytes()));
        } else {
            b.preprocessing(recipe.preprocessing());
        }
        provenance.put("converter", ConverterVersion.describe());
        b.provenance(provenance);
        Variant fp32 = new Variant("fp32", "fp32", new BundleFile(MODEL_FILE, modelBytes.length, modelSha), recipe.devices(), Map.of());
        // Variants made from fp32 by quantize and measured by validate stay while fp32 is unchanged:
        // they are derived from exactly this model, and remaking them on every build would be waste.
        for (Variant v : DerivedVariants.kept(request.out(), fp32)) {
            b.variant(v);
            hashes.put(v.file().path(), v.file().sha256());
        }

        Manifest manifest = b.build();
        TaskPipeline pipeline = PipelineFit.open(manifest, writer::text);
        Prepared sample = PipelineFit.feeds(pipeline, onnx);
        manifest = manifest.toBuilder().reference(KeptReference.of(request.out(), manifest)).build();
        String json = manifest.toJson();
        // Read back what we wrote with the readers' own parser: a manifest the server cannot read
        // must never reach the disk.
        Manifest.parse(json);
        if (!request.force() && writer.isCurrent(json, hashes)) {
            return new Result(manifest, request.out(), false);
        }
        progress.note("loading " + model.fileName() + " in onnxruntime");
        OrtLoadCheck.check(modelBytes, onnx, request.model());
        PipelineFit.postprocess(pipeline, sample, modelBytes, request.model());
        writer.write(json);
        return new Result(manifest, request.out(), true);
    }
}
