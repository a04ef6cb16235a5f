package io.tandem.converter.train;

import io.tandem.converter.ConverterException;
import io.tandem.converter.bundle.Recipe;
import io.tandem.pipeline.json.JsonException;
import io.tandem.pipeline.json.JsonObject;
import io.tandem.pipeline.tabular.CategoricalFeature;
import io.tandem.pipeline.tabular.NumericFeature;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * {@code models/<id>/train.json}: what a person decides about a trained bundle — the data's target
 * and feature columns (with the wire names callers use), the split, the trainer's settings, and the
 * bundle's names and provenance.
 */
public record TrainSpec(
        String where,
        String id,
        String version,
        String title,
        String source,
        String licence,
        String target,
        List<Column> features,
        long splitSeed,
        double testFraction,
        Settings trainer,
        List<String> devices) {

    private static final Set<String> FIELDS = Set.of("id", "version", "title", "source", "licence", "target",
            "features", "split", "trainer", "devices", "notes");

    /**
     * One feature: the data's column, the name the model's callers use, its kind and, for a
     * categorical feature, optionally its categories (else those seen in the training split, sorted).
     */
    public record Column(String column, String name, String kind, List<String> categories) {
        public boolean numeric() {
            return NumericFeature.KIND.equals(kind);
        }
    }

    /** Multinomial logistic regression by SGD with AdaGrad: Tribuo's LinearSGDTrainer + LogMulticlass. */
    public record Settings(int epochs, double learningRate, int minibatchSize, long seed) {
        public String describe() {
            return "tribuo LinearSGDTrainer(LogMulticlass, AdaGrad(" + learningRate + "), epochs " + epochs
                    + ", minibatch " + minibatchSize + ", seed " + seed + ")";
        }
    }

    public static TrainSpec read(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new ConverterException("train spec not found: " + file);
        }
        try {
            return parse(Files.readString(file, StandardCharsets.UTF_8), "train spec " + file);
        } catch (IOException e) {
            throw new ConverterException("cannot read train spec " + file + ": " + e.getMessage(), e);
        }
    }

    public static TrainSpec parse(String json, String where) {
        try {
            JsonObject o = JsonObject.parse(json, where);
            for (String key : o.raw().keySet()) {
                if (!FIELDS.contains(key)) {
                    throw new ConverterException(where + ": unknown field '" + key + "' (known: " + new TreeSet<>(FIELDS) + ")");
                }
            }
            List<Column> features = new ArrayList<>();
            for (JsonObject f : o.objects("features")) {
                features.add(column(f, where));
            }
            if (features.isEmpty()) {
                throw new ConverterException(where + ": 'features' is empty");
            }
            JsonObject split = o.object("split");
            double testFraction = split.number("testFraction");
            if (!(testFraction > 0 && testFraction < 1)) {
                throw new ConverterException(where + ": split.testFraction must be between 0 and 1, found " + testFraction);
            }
            JsonObject t = o.object("trainer");
            String type = t.string("type");
            if (!"logistic-regression".equals(type)) {
                throw new ConverterException(where + ": trainer.type: expected 'logistic-regression', found '" + type + "'");
            }
            Settings settings = new Settings((int) t.integer("epochs"), t.number("learningRate"),
                    (int) t.integer("minibatchSize", 1), t.integer("seed"));
            if (settings.epochs() < 1 || settings.minibatchSize() < 1 || !(settings.learningRate() > 0)) {
                throw new ConverterException(where + ": trainer: epochs, minibatchSize and learningRate must be positive");
            }
            List<String> devices = o.strings("devices");
            for (String d : devices) {
                if (!Recipe.DEVICES.contains(d)) {
                    throw new ConverterException(where + ": unknown device '" + d + "' (known: " + Recipe.DEVICES + ")");
                }
            }
            return new TrainSpec(where, o.string("id"), o.string("version"), o.string("title"), o.string("source"),
                    o.string("licence"), o.string("target"), features, split.integer("seed"), testFraction, settings, devices);
        } catch (JsonException e) {
            String m = e.getMessage();
            throw new ConverterException(m.startsWith(where) ? m : where + ": " + m, e);
        }
    }

    private static Column column(JsonObject f, String where) {
        String kind = f.string("kind");
        String name = f.string("name");
        if (!NumericFeature.KIND.equals(kind) && !CategoricalFeature.KIND.equals(kind)) {
            throw new ConverterException(where + ": feature '" + name + "': kind must be '" + NumericFeature.KIND
                    + "' or '" + CategoricalFeature.KIND + "', found '" + kind + "'");
        }
        List<String> categories = f.has("categories") ? f.strings("categories") : null;
        if (categories != null && NumericFeature.KIND.equals(kind)) {
            throw new ConverterException(where + ": feature '" + name + "' is numeric but lists categories");
        }
        return new Column(f.string("column"), name, kind, categories);
    }
}
