package io.tandem.converter.cli;

import io.tandem.converter.Progress;
import io.tandem.converter.engine.CpuFeatures;
import io.tandem.converter.io.Sha256;
import io.tandem.converter.quant.ActivationRanges;
import io.tandem.converter.quant.CalibrationFile;
import io.tandem.converter.quant.ModelQuantizer;
import io.tandem.converter.validate.SampleSet;
import io.tandem.converter.validate.TextCorpus;
import io.tandem.pipeline.bundle.Manifest;
import io.tandem.pipeline.task.ModelInput;
import io.tandem.pipeline.tensor.Tensor;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * SmoothQuant statistics for a bundle: read from its committed {@link CalibrationFile}, or measured
 * on the built-in calibration sentences (tokenised by the bundle's own pipeline) and written there
 * when asked ({@code --calibrate}) or when there is no file yet.
 */
final class BundleCalibration implements ModelQuantizer.CalibrationSource {
    private final Manifest manifest;
    private final Path bundle;
    private final byte[] fp32;
    private final String fp32Name;
    private final int size;
    private final boolean measure;
    private final Progress progress;
    private final PrintWriter out;

    BundleCalibration(Manifest manifest, Path bundle, byte[] fp32, String fp32Name, int size, boolean measure, Progress progress,
            PrintWriter out) {
        this.manifest = manifest;
        this.bundle = bundle;
        this.fp32 = fp32;
        this.fp32Name = fp32Name;
        this.size = size;
        this.measure = measure;
        this.progress = progress;
        this.out = out;
    }

    @Override
    public Map<String, float[]> ranges(List<String> activations) {
        Path file = CalibrationFile.in(bundle);
        String sha = Sha256.of(fp32);
        if (!measure && Files.isRegularFile(file)) {
            progress.note("reading SmoothQuant statistics from " + file);
            return CalibrationFile.read(file).forActivations(activations, sha, file);
        }
        var pipeline = SampleSet.pipeline(manifest, bundle);
        List<Map<String, Tensor>> feeds = new ArrayList<>();
        for (String s : TextCorpus.calibration(size)) {
            feeds.add(pipeline.preprocess(ModelInput.text(s)).feeds());
        }
        progress.note("calibrating " + activations.size() + " activations on " + feeds.size() + " inputs");
        Map<String, float[]> ranges = ActivationRanges.measure(fp32, fp32Name, activations, feeds);
        Map<String, float[]> ordered = new java.util.LinkedHashMap<>();
        for (String a : activations) {
            ordered.put(a, ranges.get(a));
        }
        new CalibrationFile(sha, feeds.size(), "onnxruntime Java fp32, " + CpuFeatures.describe(), ordered).write(file);
        out.println(manifest.id() + ": wrote " + file + " (" + activations.size() + " activations); commit it so every machine builds the same int8 file");
        out.flush();
        return ordered;
    }
}
