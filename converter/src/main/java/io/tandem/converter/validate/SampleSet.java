package io.tandem.converter.validate;

import io.tandem.converter.ConverterException;
import io.tandem.converter.Progress;
import io.tandem.converter.bundle.BundleCheck;
import io.tandem.pipeline.bundle.BundleFile;
import io.tandem.converter.io.SourceFile;
import io.tandem.pipeline.bundle.Manifest;
import io.tandem.pipeline.image.RgbaImage;
import io.tandem.pipeline.json.Json;
import io.tandem.pipeline.json.JsonObject;
import io.tandem.pipeline.task.ComposedPipeline;
import io.tandem.pipeline.task.InputKind;
import io.tandem.pipeline.task.ModelInput;
import io.tandem.pipeline.task.Tasks;
import io.tandem.pipeline.task.builtin.TabularInput;
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
 * text the built-in {@link TextCorpus}; for images, MNIST digits from a libsvm file or, without
 * one, {@link SyntheticImages}; for records, a JSON array of them or, without one,
 * {@link SyntheticRecords} spread over the encoder's own statistics. The converter chooses by the
 * input kind, never by the task.
 */
public final class SampleSet {
    private SampleSet() {
    }

    public static TaskPipeline pipeline(Manifest manifest, Path bundle) {
        return Tasks.open(manifest, path -> {
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

    /**
     * @param samples a libsvm file of 28×28 digits for image inputs, a JSON array of records for
     *                feature inputs (file or jar!/entry); null for the built-in ones
     */
    public static List<Prepared> prepare(Manifest manifest, TaskPipeline pipeline, String samples, Progress progress) {
        List<Prepared> out = new ArrayList<>();
        for (ModelInput input : inputs(manifest.task().inputKind(), pipeline, samples, progress)) {
            out.add(pipeline.preprocess(input));
        }
        return out;
    }

    /**
     * True when the samples stand for what users send, so input statistics over them can be the
     * drift reference: the text corpus, or the caller's own file — never synthetic images or records.
     */
    public static boolean representative(InputKind kind, String samples) {
        return kind == InputKind.TEXT || samples != null;
    }

    private static List<ModelInput> inputs(InputKind kind, TaskPipeline pipeline, String samples, Progress progress) {
        List<ModelInput> out = new ArrayList<>();
        switch (kind) {
            case TEXT:
                for (String s : TextCorpus.sentences()) {
                    out.add(ModelInput.text(s));
                }
                return out;
            case IMAGE:
                List<RgbaImage> images = samples == null ? SyntheticImages.all()
                        : mnist(SourceFile.read(samples, "samples", progress).text(), samples);
                for (RgbaImage image : images) {
                    out.add(ModelInput.image(image));
                }
                return out;
            case FEATURES:
                if (samples != null) {
                    return records(SourceFile.read(samples, "samples", progress).text(), samples);
                }
                if (!(pipeline instanceof ComposedPipeline c) || !(c.preprocessor() instanceof TabularInput t)) {
                    throw new ConverterException("feature inputs need --samples <records.json> (a JSON array of records)");
                }
                return SyntheticRecords.of(t.encoder());
            default:
                throw new ConverterException("no sample inputs for input kind " + kind.wireName());
        }
    }

    /** A JSON array of objects, each a record of feature name → number, string or null. */
    static List<ModelInput> records(String text, String where) {
        Object parsed;
        try {
            parsed = Json.parse(text);
        } catch (IllegalArgumentException e) {
            throw new ConverterException(where + ": " + e.getMessage());
        }
        if (!(parsed instanceof List<?> list) || list.isEmpty()) {
            throw new ConverterException(where + ": expected a non-empty JSON array of records");
        }
        List<ModelInput> out = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            try {
                out.add(ModelInput.features(JsonObject.of(list.get(i), where + "[" + i + "]").raw()));
            } catch (IllegalArgumentException e) {
                throw new ConverterException(where + "[" + i + "]: " + e.getMessage());
            }
        }
        return out;
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
