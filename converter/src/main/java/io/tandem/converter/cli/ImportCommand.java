package io.tandem.converter.cli;

import io.tandem.converter.Progress;
import io.tandem.converter.Sizes;
import io.tandem.converter.io.Writable;
import io.tandem.converter.bundle.Importer;
import io.tandem.pipeline.bundle.BundleFile;
import io.tandem.pipeline.bundle.Manifest;
import io.tandem.pipeline.bundle.Variant;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code import}: recipe + ONNX model (+ tokenizer.json) → bundle directory. */
@Command(name = "import",
        mixinStandardHelpOptions = true,
        description = {
            "Builds a model bundle: copies the model to <out>/model.onnx (the fp32 variant), writes vocab.txt for text "
                    + "models, checks the recipe against the model and writes <out>/manifest.json with bytes and sha256 "
                    + "of every file.",
            "Does nothing when <out> is already up to date (same manifest, files with the same sha256).",
            "Model and tokenizer may be plain paths or some.jar!/path/in/jar."})
public final class ImportCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--recipe", required = true, paramLabel = "<recipe.json>",
            description = "The bundle's recipe (id, task, licence, pre/postprocessing, expected inputs and outputs).")
    Path recipe;

    @Option(names = "--model", required = true, paramLabel = "<model.onnx>",
            description = "The ONNX model: a file, or some.jar!/entry/in/jar.onnx.")
    String model;

    @Option(names = "--tokenizer", paramLabel = "<tokenizer.json>",
            description = "HuggingFace tokenizer.json, for text models (file or jar entry).")
    String tokenizer;

    @Option(names = "--out", paramLabel = "<dir>",
            description = "Bundle directory to write (default: the recipe's directory).")
    Path out;

    @Option(names = "--force", description = "Write even when the bundle is up to date.")
    boolean force;

    @Mixin
    QuietOption quiet;

    @Override
    public Integer call() {
        PrintWriter stdout = spec.commandLine().getOut();
        Progress progress = quiet.progress(spec);
        Path dir = out != null ? out : recipe.toAbsolutePath().getParent();
        Writable.directory(dir, "bundle");
        Importer.Result result = new Importer(progress).run(new Importer.Request(recipe, model, tokenizer, dir, force));
        Manifest m = result.manifest();
        List<String> files = new ArrayList<>();
        for (Variant v : m.variants()) {
            files.add(v.file().path() + " " + Sizes.human(v.file().bytes()));
        }
        for (BundleFile f : m.files()) {
            files.add(f.path() + " " + Sizes.human(f.bytes()));
        }
        files.add("manifest.json");
        stdout.println(m.id() + " " + m.version() + ": " + (result.written() ? "wrote " : "up to date in ") + dir
                + " (" + String.join(", ", files) + ")");
        stdout.flush();
        return 0;
    }
}
