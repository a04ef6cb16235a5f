package io.tandem.converter.cli;

import io.tandem.converter.ConverterException;
import io.tandem.converter.bundle.BundleWriter;
import io.tandem.converter.bundle.RecipeSchema;
import io.tandem.converter.io.Writable;
import io.tandem.pipeline.task.Tasks;
import picocli.CommandLine.Command;
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

/** {@code schema}: the JSON Schemas of recipe.json and manifest.json, generated from the task registry. */
@Command(name = "schema",
        mixinStandardHelpOptions = true,
        description = {
            "Writes recipe.schema.json and manifest.schema.json (JSON Schema draft 2020-12) into <out>, generated from the "
                    + "task registry: its tasks, and every preprocessing and postprocessing type with its options. "
                    + "Editors validate and complete recipes with them (\"$schema\" or a file association).",
            "Leaves a file alone when it already holds what would be written. --check only compares (exit 1 when a file "
                    + "differs), for builds that want the committed files current."})
public final class SchemaCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--out", paramLabel = "<dir>", defaultValue = "docs/schema",
            description = "Directory to write the schemas into (default: ${DEFAULT-VALUE}).")
    Path out;

    @Option(names = "--check", description = "Write nothing; exit 1 when a file is missing or differs from what the registry gives.")
    boolean check;

    @Override
    public Integer call() {
        PrintWriter stdout = spec.commandLine().getOut();
        Map<String, String> files = RecipeSchema.files();
        if (!check) {
            Writable.directory(out, "schema directory");
        }
        List<String> stale = new ArrayList<>();
        for (Map.Entry<String, String> e : files.entrySet()) {
            Path file = out.resolve(e.getKey());
            if (!e.getValue().equals(read(file))) {
                stale.add(file.toString());
                if (!check) {
                    BundleWriter.writeFile(file, e.getValue().getBytes(StandardCharsets.UTF_8));
                }
            }
        }
        String counts = Tasks.all().size() + " tasks, " + Tasks.preprocessors().size() + " preprocessing and "
                + Tasks.postprocessors().size() + " postprocessing types";
        if (check && !stale.isEmpty()) {
            throw new ConverterException(String.join(", ", stale) + (stale.size() == 1 ? " is" : " are")
                    + " not what the task registry gives: run tandem-converter schema --out " + out);
        }
        stdout.println((stale.isEmpty() ? "up to date in " + out : "wrote " + String.join(", ", stale)) + " (" + counts + ")");
        stdout.flush();
        return 0;
    }

    /** The file's text, or null when it does not exist. */
    private static String read(Path file) {
        if (!Files.isRegularFile(file)) {
            return null;
        }
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new ConverterException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }
}
