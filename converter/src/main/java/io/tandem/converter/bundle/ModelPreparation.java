package io.tandem.converter.bundle;

import io.tandem.converter.onnx.OnnxFile;
import io.tandem.converter.onnx.OnnxModel;
import io.tandem.converter.onnx.PositionTable;
import io.tandem.converter.onnx.ZipMapStripper;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * What import does to a model and learns from it before the recipe check, in one call:
 *
 * <pre>{@code
 * ModelPreparation.Prepared p = ModelPreparation.prepare(source.bytes(), onnx, request.model());
 * p.notes().forEach(progress::note);
 * // from here on p.bytes() and p.model() stand for the model: ModelCheck, model.onnx, the fp32
 * // variant's size and sha256. provenance.sha256 stays the source's (it names what was fetched).
 * }</pre>
 *
 * <ul>
 *   <li>A scikit-learn classifier loses its ZipMap ({@link ZipMapStripper}: the probabilities become
 *       the float32 [N, classes] tensor output {@code output_probability}, the int64 label output is
 *       dropped); {@link Prepared#labels()} are the model's class labels, for a recipe without
 *       {@code labels} or to check one against ({@link #labelsProblem}).</li>
 *   <li>A text encoder's longest sequence comes from its position table ({@link PositionTable}):
 *       the {@code maxLength} to use when tokenizer.json sets no truncation, and a bound on a
 *       recipe's or tokenizer's {@code maxLength} ({@link #maxLengthProblem}).</li>
 * </ul>
 */
public final class ModelPreparation {
    private ModelPreparation() {
    }

    /**
     * @param bytes             the model to bundle (the source's own array when nothing changed)
     * @param model             its summary
     * @param rewritten         true when {@code bytes} differ from the source's
     * @param notes             one line per change or finding, for the importer to print
     * @param probabilityOutput the ZipMap-free probability output, or null
     * @param labels            the class labels ZipMap named, in column order; empty when none
     * @param positions         the position table that bounds the sequence length, if any
     */
    public record Prepared(byte[] bytes, OnnxModel model, boolean rewritten, List<String> notes,
                           String probabilityOutput, List<String> labels, Optional<PositionTable.Finding> positions) {
        public Prepared {
            notes = List.copyOf(notes);
            labels = List.copyOf(labels);
        }

        /** The longest token sequence the model runs; empty when it has no absolute position table. */
        public OptionalInt maxSequenceLength() {
            return positions.map(f -> OptionalInt.of(f.maxLength())).orElse(OptionalInt.empty());
        }
    }

    /** {@code name} names the model in errors (the --model argument). */
    public static Prepared prepare(byte[] bytes, OnnxModel model, String name) {
        ZipMapStripper.Result z = ZipMapStripper.strip(bytes, model, name);
        List<String> notes = new ArrayList<>(z.removed());
        Optional<PositionTable.Finding> positions = PositionTable.find(OnnxFile.read(z.bytes(), name));
        positions.ifPresent(f -> notes.add("longest sequence the model takes: " + f.describe()));
        return new Prepared(z.bytes(), z.model(), z.changed(), notes, z.changed() ? z.probabilityOutput() : null,
                z.labels(), positions);
    }

    /**
     * Null when a {@code maxLength} (the recipe's or tokenizer.json's) fits the model's position
     * table, else {@code preprocessing.maxLength: expected at most 100 (position table '…', 100 rows,
     * from the graph), found 128}.
     */
    public static String maxLengthProblem(long maxLength, Prepared prepared) {
        Optional<PositionTable.Finding> f = prepared.positions();
        if (f.isEmpty() || maxLength <= f.get().maxLength()) {
            return null;
        }
        return "preprocessing.maxLength: expected at most " + f.get().describe() + ", found " + maxLength;
    }

    /** Null when the recipe's labels are as many as the model's classes (or either is absent), else why not. */
    public static String labelsProblem(List<String> recipeLabels, Prepared prepared) {
        if (recipeLabels.isEmpty() || prepared.labels().isEmpty() || recipeLabels.size() == prepared.labels().size()) {
            return null;
        }
        return "labels: expected " + prepared.labels().size() + " (the classes " + prepared.labels() + " of output '"
                + prepared.probabilityOutput() + "'), found " + recipeLabels.size();
    }
}
