package io.tandem.converter.cli;

import io.tandem.converter.Progress;
import io.tandem.converter.Sizes;
import io.tandem.converter.io.Writable;
import io.tandem.converter.train.Trainer;
import io.tandem.pipeline.bundle.Manifest;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;

/** {@code train}: a JSON array of records + a train spec → a tabular-classification bundle. */
@Command(name = "train",
        mixinStandardHelpOptions = true,
        description = {
            "Trains a Tribuo classifier (multinomial logistic regression) on a JSON array of records and writes a "
                    + "tabular-classification bundle: <out>/model.onnx (Tribuo's ONNX export) and <out>/manifest.json with "
                    + "the preprocessing (standardisation, one-hot, missing values) fitted on the training split, the labels "
                    + "and the test accuracy.",
            "The split is seeded, so the same data and spec give the same bundle; an up-to-date bundle is left alone.",
            "Data may be a plain path or some.jar!/path/in/jar."})
public final class TrainCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--spec", required = true, paramLabel = "<train.json>",
            description = "The train spec: id, target and feature columns, split, trainer settings, devices.")
    Path trainSpec;

    @Option(names = "--data", required = true, paramLabel = "<records.json>",
            description = "The data: a JSON array of objects, one per record (e.g. vega-datasets' penguins.json).")
    String data;

    @Option(names = "--out", paramLabel = "<dir>",
            description = "Bundle directory to write (default: the spec's directory).")
    Path out;

    @Option(names = "--force", description = "Write even when the bundle is up to date.")
    boolean force;

    @Mixin
    QuietOption quiet;

    @Override
    public Integer call() {
        PrintWriter stdout = spec.commandLine().getOut();
        Progress progress = quiet.progress(spec);
        Path dir = out != null ? out : trainSpec.toAbsolutePath().getParent();
        Writable.directory(dir, "bundle");
        Trainer.Result r = new Trainer(progress).run(new Trainer.Request(trainSpec, data, dir, force));
        Manifest m = r.manifest();
        stdout.println(m.id() + " " + m.version() + ": " + (r.written() ? "wrote " : "up to date in ") + dir
                + " (" + Trainer.MODEL_FILE + " " + Sizes.human(m.variant("fp32").file().bytes()) + ", manifest.json); "
                + "test accuracy " + String.format("%.4f", r.testAccuracy()) + " on " + r.testRecords() + " records, "
                + "onnxruntime vs Tribuo max probability difference " + String.format("%.1e", r.maxProbDiff()));
        stdout.flush();
        return 0;
    }
}
