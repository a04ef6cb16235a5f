package io.tandem.converter.cli;

import io.tandem.converter.ConverterException;
import io.tandem.converter.Progress;
import io.tandem.converter.Sizes;
import io.tandem.converter.bundle.BesideModel;
import io.tandem.converter.bundle.BundleWriter;
import io.tandem.converter.bundle.Importer;
import io.tandem.converter.bundle.ModelPreparation;
import io.tandem.converter.bundle.RecipeProposal;
import io.tandem.converter.io.SourceFile;
import io.tandem.converter.io.Writable;
import io.tandem.converter.onnx.OnnxModel;
import io.tandem.converter.onnx.OnnxModelReader;
import io.tandem.pipeline.recipe.RecipeException;
import io.tandem.pipeline.bundle.BundleFile;
import io.tandem.pipeline.bundle.Manifest;
import io.tandem.pipeline.bundle.Variant;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * {@code import}: recipe + ONNX model (+ tokenizer.json) → bundle directory. Without {@code --recipe}
 * a recipe is proposed first ({@link RecipeProposal}) from the model and the files beside it,
 * printed assumption by assumption, written to {@code <out>/recipe.json} and imported.
 */
@Command(name = "import",
        mixinStandardHelpOptions = true,
        description = {
            "Builds a model bundle: copies the model to <out>/model.onnx (the fp32 variant), writes vocab.txt for text "
                    + "models, checks the recipe against the model and writes <out>/manifest.json with bytes and sha256 "
                    + "of every file.",
            "Without --recipe, proposes one from the model's inputs and outputs and the files beside it (tokenizer.json, "
                    + "config.json, labels.txt, or <name>-tokenizer.json …), prints every assumption, writes it to "
                    + "<out>/recipe.json (edit it and import again with --recipe) and imports with it.",
            "Does nothing when <out> is already up to date (same manifest, files with the same sha256).",
            "Model and side files may be plain paths or some.jar!/path/in/jar."})
public final class ImportCommand implements Callable<Integer> {
    static final String RECIPE_FILE = "recipe.json";

    @Spec
    CommandSpec spec;

    @Option(names = "--recipe", paramLabel = "<recipe.json>",
            description = "The bundle's recipe (id, task, licence, pre/postprocessing, expected inputs and outputs). "
                    + "Without it a recipe is proposed from the model and written to <out>/recipe.json.")
    Path recipe;

    @Option(names = "--model", required = true, paramLabel = "<model.onnx>",
            description = "The ONNX model: a file, or some.jar!/entry/in/jar.onnx.")
    String model;

    @Option(names = "--tokenizer", paramLabel = "<tokenizer.json>",
            description = "HuggingFace tokenizer.json, for text models (file or jar entry). Without --recipe: found beside "
                    + "the model as <name>-tokenizer.json or tokenizer.json when not given.")
    String tokenizer;

    @Option(names = "--out", paramLabel = "<dir>",
            description = "Bundle directory to write (default: the recipe's directory; without --recipe models/<id>).")
    Path out;

    @Option(names = "--force", description = "Write even when the bundle is up to date; without --recipe, also replace an "
            + "<out>/recipe.json that differs from the proposal.")
    boolean force;

    @Option(names = "--task", paramLabel = "<task>", converter = Checked.TaskName.class,
            description = "Without --recipe: the task, instead of the guess (one of the registry's: image-classification, "
                    + "text-classification, text-embedding, tabular-classification, …).")
    String task;

    @Option(names = "--config", paramLabel = "<config.json>",
            description = "Without --recipe: the model's HuggingFace config.json (id2label → labels, problem_type "
                    + "multi_label_classification → sigmoid, architectures → the task); found beside the model when not given.")
    String config;

    @Option(names = "--labels", paramLabel = "<labels.txt>",
            description = "Without --recipe: the labels, one per line in the model's output order; found beside the model as "
                    + "labels.txt when not given.")
    String labels;

    @Option(names = "--id", paramLabel = "<id>", converter = Checked.BundleId.class,
            description = "Without --recipe: the bundle's id (default: the model's file name, lower case, '-' for the rest).")
    String id;

    @Option(names = "--title", paramLabel = "<title>", converter = Checked.Text.class,
            description = "Without --recipe: the bundle's title (default: its id).")
    String title;

    @Option(names = "--devices", split = ",", paramLabel = "<device>", converter = Checked.Device.class,
            description = "Without --recipe: devices of the fp32 variant (wasm, webgpu, server; default all).")
    List<String> devices;

    @Mixin
    QuietOption quiet;

    @Override
    public Integer call() {
        PrintWriter stdout = spec.commandLine().getOut();
        Progress progress = quiet.progress(spec);
        if (recipe != null) {
            List<String> proposalOnly = new ArrayList<>();
            for (String[] o : new String[][] {{"--task", task}, {"--config", config}, {"--labels", labels}, {"--id", id},
                    {"--title", title}, {"--devices", devices == null ? null : ""}}) {
                if (o[1] != null) {
                    proposalOnly.add(o[0]);
                }
            }
            if (!proposalOnly.isEmpty()) {
                throw new CommandLine.ParameterException(spec.commandLine(), String.join(", ", proposalOnly)
                        + " shape a proposed recipe: give them without --recipe, or write them into the recipe");
            }
            Path dir = out != null ? out : recipe.toAbsolutePath().getParent();
            Writable.directory(dir, "bundle");
            report(stdout, new Importer(progress).run(new Importer.Request(recipe, model, tokenizer, dir, force)), dir);
            return 0;
        }

        Proposed p = propose(progress);
        Path dir = out != null ? out : Path.of("models", p.proposal().id());
        Writable.directory(dir, "bundle");
        Path file = dir.resolve(RECIPE_FILE);
        String json = p.proposal().json();
        boolean same = Files.isRegularFile(file) && json.equals(read(file));
        if (Files.exists(file) && !same && !force) {
            throw new ConverterException(file + " exists and differs from the proposal: import with --recipe " + file
                    + ", or add --force to replace it with the new proposal");
        }
        if (!same) {
            BundleWriter.writeFile(file, json.getBytes(StandardCharsets.UTF_8));
        }
        stdout.println("proposed " + file + " (edit it, then import with --recipe " + file + "); assumed:");
        for (String a : p.proposal().assumptions()) {
            stdout.println("  " + a);
        }
        stdout.flush();
        Importer.Result result;
        try {
            result = new Importer(progress).run(new Importer.Request(file, model, p.tokenizer(), dir, force));
        } catch (ConverterException | RecipeException e) {
            throw new ConverterException(e.getMessage() + " (the proposed recipe is " + file + ": edit it and import with --recipe "
                    + file + ")", e);
        }
        report(stdout, result, dir);
        return 0;
    }

    /** The proposal and the tokenizer spec the import then reads (given, or found beside the model). */
    private record Proposed(RecipeProposal.Proposal proposal, String tokenizer) {
    }

    private Proposed propose(Progress progress) {
        SourceFile modelFile = SourceFile.read(model, "model", progress);
        OnnxModel onnx = OnnxModelReader.read(modelFile.bytes(), model);
        // The model as import will bundle it (a scikit-learn ZipMap stripped) and what its graph says (classes, positions).
        ModelPreparation.Prepared prepared = ModelPreparation.prepare(modelFile.bytes(), onnx, model);
        String name = modelFile.fileName();
        String tokenizerSpec = tokenizer != null ? tokenizer : BesideModel.find(model, BesideModel.tokenizerNames(name));
        RecipeProposal.Proposal proposal = RecipeProposal.propose(new RecipeProposal.Request(prepared.model(), name, BesideModel.source(model),
                side(tokenizerSpec, tokenizer == null, "tokenizer", progress),
                side(config != null ? config : BesideModel.find(model, BesideModel.configNames(name)), config == null, "config", progress),
                side(labels != null ? labels : BesideModel.find(model, BesideModel.labelsNames(name)), labels == null, "labels", progress),
                task, id, title, devices, RecipeProposal.FromModel.of(prepared)));
        if (proposal.tokenizer() == null && tokenizer != null) {
            throw new ConverterException("--tokenizer given, but the proposed preprocessing '"
                    + ((Map<?, ?>) proposal.recipe().get("preprocessing")).get("type") + "' uses no tokenizer");
        }
        // A tokenizer found beside an image model is not the image model's business.
        return new Proposed(proposal, proposal.tokenizer() == null ? null : tokenizerSpec);
    }

    /** The file at {@code spec} (given on the command line, or found beside the model), or null. */
    private static RecipeProposal.SideFile side(String spec, boolean found, String what, Progress progress) {
        if (spec == null) {
            return null;
        }
        SourceFile f = SourceFile.read(spec, what, progress);
        return new RecipeProposal.SideFile(f.text(), f.fileName(), BesideModel.source(spec), found);
    }

    private static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new ConverterException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    private static void report(PrintWriter stdout, Importer.Result result, Path dir) {
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
    }
}
