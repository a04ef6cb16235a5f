package io.tandem.converter.validate;

import io.tandem.converter.ConverterException;
import io.tandem.converter.Progress;
import io.tandem.converter.bundle.BundleCheck;
import io.tandem.pipeline.bundle.BundleFile;
import io.tandem.converter.io.SourceFile;
import io.tandem.pipeline.bundle.Manifest;
import io.tandem.pipeline.bundle.Task;
import io.tandem.pipeline.image.RgbaImage;
import io.tandem.pipeline.task.ModelInput;
import io.tandem.pipeline.task.Pipelines;
import io.tandem.pipeline.task.Prepared;
import io.tandem.pipeline.task.TaskPipeline;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Inputs to compare variants on, prepared by the bundle's own pipeline (the tokenizer or image
 * preprocessing the server and browser run), so validation sees the tensors users will send: for
 * text the built-in {@link TextCorpus}; for digits, MNIST images from a libsvm file.
 */
public final class SampleSet {
    private SampleSet() {
    }

    public static TaskPipeline pipeline(Manifest manifest, Path bundle) {
        return Pipelines.forBundle(manifest, path -> {
            for (BundleFile f : manifest.files()) {
                if (f.path().equals(path)) {
                    return new String(BundleCheck.read(bundle, f, "file", Progress.silent()), StandardCharsets.UTF_8);
                }
            }
            try {
                return Files.readString(bundle.resolve(path), StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new ConverterException("cannot read " + bundle.resolve(path) + ": " + e.getMessage(), e);
            }
        });
    }

    /** {@code samples}: a libsvm file (or jar!/entry) for image tasks; null for text (built in). */
    public static List<Prepared> prepare(Manifest manifest, TaskPipeline pipeline, String samples, Progress progress) {
        List<Prepared> out = new ArrayList<>();
        if (manifest.task() == Task.TEXT_EMBEDDING) {
            for (String s : TextCorpus.sentences()) {
                out.add(pipeline.preprocess(ModelInput.text(s)));
            }
            return out;
        }
        if (manifest.task() == Task.IMAGE_CLASSIFICATION) {
            if (samples == null) {
                throw new ConverterException("task image-classification needs --samples <digits.libsvm> (28×28 MNIST digits, ink 0–255)");
            }
            for (RgbaImage image : mnist(SourceFile.read(samples, "samples", progress).text(), samples)) {
                out.add(pipeline.preprocess(ModelInput.image(image)));
            }
            return out;
        }
        throw new ConverterException("no sample inputs for task " + manifest.task().wireName());
    }

    /** libsvm lines "label index:value …", 0-based pixel index of a 28×28 digit, ink 0–255. */
    static List<RgbaImage> mnist(String text, String where) {
        List<RgbaImage> images = new ArrayList<>();
        int lineNo = 0;
        for (String line : text.split("\n")) {
            lineNo++;
            String[] parts = line.strip().split("\\s+");
            if (parts.length == 0 || parts[0].isEmpty()) {
                continue;
            }
            byte[] rgba = new byte[28 * 28 * 4];
            java.util.Arrays.fill(rgba, (byte) 255); // white paper, opaque
            for (int i = 1; i < parts.length; i++) {
                int colon = parts[i].indexOf(':');
                int index;
                double value;
                try {
                    index = Integer.parseInt(parts[i].substring(0, colon));
                    value = Double.parseDouble(parts[i].substring(colon + 1));
                } catch (RuntimeException e) {
                    throw new ConverterException(where + " line " + lineNo + ": expected index:value, found '" + parts[i] + "'");
                }
                if (index < 0 || index >= 28 * 28) {
                    throw new ConverterException(where + " line " + lineNo + ": pixel index " + index + " is outside 0..783");
                }
                int gray = 255 - (int) Math.max(0, Math.min(255, Math.round(value)));
                rgba[index * 4] = (byte) gray;
                rgba[index * 4 + 1] = (byte) gray;
                rgba[index * 4 + 2] = (byte) gray;
            }
            images.add(new RgbaImage(28, 28, rgba));
        }
        return images;
    }
}
