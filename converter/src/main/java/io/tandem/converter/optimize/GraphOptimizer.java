package io.tandem.converter.optimize;

import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtLoggingLevel;
import ai.onnxruntime.OrtSession;
import io.tandem.converter.ConverterException;
import io.tandem.converter.Progress;
import io.tandem.converter.onnx.OnnxFile;
import io.tandem.converter.onnx.OnnxModel;
import io.tandem.converter.onnx.OnnxModelReader;
import io.tandem.converter.onnx.OrtLimits;
import io.tandem.converter.onnx.OrtLoadCheck;
import io.tandem.converter.onnx.OrtRunCheck;
import io.tandem.converter.quant.EncoderFusion;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * onnxruntime's offline graph optimisation: a session is created with the level asked for and told
 * to save the graph it optimised (as ONNX or in ORT format); the saved model is then loaded and run
 * on the same made-up input as the original, and kept only if its outputs match. The steps of
 * {@code optimize}, without the command line.
 */
public final class GraphOptimizer {
    /** Largest |difference| allowed between the optimised and the original model's outputs (fusions reorder float sums). */
    static final double TOLERANCE = 1e-3;

    /** The optimised bytes and a one-line account. */
    public record Result(byte[] bytes, String summary, double maxDifference) {
    }

    private GraphOptimizer() {
    }

    public static Result run(byte[] source, String name, OptimizeLevel level, ModelFormat format, Progress progress) {
        return run(source, name, level, format, false, progress);
    }

    /**
     * With {@code fuse}: first rewrites a transformer encoder for ONNX Runtime's fused attention and
     * layer norm kernels ({@link EncoderFusion}), which its own optimiser does not do on exported
     * graphs; the result is still checked against the original model.
     */
    public static Result run(byte[] source, String name, OptimizeLevel level, ModelFormat format, boolean fuse, Progress progress) {
        OnnxModel model = OnnxModelReader.read(source, name);
        if (model.externalData()) {
            throw new ConverterException(name + " keeps weights in external data files; expected one self-contained .onnx");
        }
        OrtLimits.check(model, name);
        progress.note("optimising " + name + " (" + model.nodeCount() + " nodes) at level " + level.wireName()
                + ", saving as " + format.wireName());
        byte[] input = source;
        String fusedNote = "";
        if (fuse) {
            OnnxFile editable = OnnxFile.read(source, name);
            EncoderFusion.Result fused = EncoderFusion.apply(editable, Set.of());
            if (fused.attentions() == 0) {
                throw new ConverterException("--fuse: " + name + " has no self-attention block in the form the fused kernels compute "
                        + "(BERT-style, as torch.onnx.export writes it, with an attention_mask input); nothing to fuse");
            }
            progress.note("fused " + fused.describe());
            fusedNote = "fused " + fused.describe() + "; ";
            input = editable.toBytes();
        }
        byte[] bytes = optimise(input, name, level, format);
        progress.note("loading and running the result in onnxruntime against the original");
        Map<String, float[]> expected = OrtRunCheck.outputs(source, name);
        Map<String, float[]> actual = OrtRunCheck.outputs(bytes, name + " (optimised)");
        double diff = maxDifference(expected, actual, name);
        String nodes = format == ModelFormat.ONNX
                ? model.nodeCount() + " → " + OnnxModelReader.read(bytes, name + " (optimised)").nodeCount() + " nodes"
                : model.nodeCount() + " nodes before";
        String summary = fusedNote + level.wireName() + " optimisation, " + format.wireName() + " format: " + nodes
                + ", outputs within " + String.format(java.util.Locale.ROOT, "%.1e", diff) + " of the original";
        return new Result(bytes, summary, diff);
    }

    /** Lets onnxruntime write the optimised model into a scratch folder and reads it back. */
    private static byte[] optimise(byte[] source, String name, OptimizeLevel level, ModelFormat format) {
        OrtEnvironment env = OrtEnvironment.getEnvironment(OrtLoggingLevel.ORT_LOGGING_LEVEL_ERROR, "tandem-converter");
        Path dir = null;
        try {
            dir = Files.createTempDirectory("tandem-optimize");
            Path out = dir.resolve("model" + format.extension());
            try (OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
                options.setIntraOpNumThreads(1);
                options.setOptimizationLevel(level.ort());
                options.setOptimizedModelFilePath(out.toString());
                if (format == ModelFormat.ORT) {
                    options.addConfigEntry("session.save.model_format", "ORT");
                }
                try (OrtSession session = env.createSession(source, options)) {
                    // Creating the session optimised the graph and saved it; nothing to run.
                }
            }
            if (!Files.isRegularFile(out)) {
                throw new ConverterException("onnxruntime optimised " + name + " but saved no model");
            }
            return Files.readAllBytes(out);
        } catch (OrtException e) {
            throw new ConverterException("onnxruntime cannot optimise " + name + ": " + OrtLoadCheck.firstLine(e.getMessage()), e);
        } catch (IOException e) {
            throw new ConverterException("cannot write the optimised model to a temporary folder: " + e.getMessage(), e);
        } finally {
            deleteQuietly(dir);
        }
    }

    static double maxDifference(Map<String, float[]> expected, Map<String, float[]> actual, String name) {
        if (!expected.keySet().equals(actual.keySet())) {
            throw new ConverterException("the optimised " + name + " has float outputs " + actual.keySet() + ", expected " + expected.keySet());
        }
        double max = 0;
        for (Map.Entry<String, float[]> e : expected.entrySet()) {
            float[] a = actual.get(e.getKey());
            float[] x = e.getValue();
            if (a.length != x.length) {
                throw new ConverterException("the optimised " + name + " gives output '" + e.getKey() + "' with " + a.length
                        + " values, expected " + x.length);
            }
            for (int i = 0; i < x.length; i++) {
                double d = Math.abs((double) a[i] - x[i]);
                if (d > TOLERANCE) {
                    throw new ConverterException("the optimised " + name + " differs from the original: output '" + e.getKey() + "' ["
                            + i + "] is " + a[i] + ", expected " + x[i] + " (tolerance " + TOLERANCE + ")");
                }
                max = Math.max(max, d);
            }
        }
        return max;
    }

    private static void deleteQuietly(Path dir) {
        if (dir == null) {
            return;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // A scratch folder left in the temp directory harms nothing.
        }
    }
}
