package io.tandem.converter.cli;

import io.tandem.converter.ConverterException;
import io.tandem.converter.Progress;
import io.tandem.converter.bundle.BundleCheck;
import io.tandem.converter.io.Sha256;
import io.tandem.converter.io.SourceFile;
import io.tandem.converter.onnx.OnnxModel;
import io.tandem.converter.onnx.OnnxModelReader;
import io.tandem.pipeline.bundle.Manifest;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code inspect}: what an ONNX model declares, or whether a bundle's files match its manifest. */
@Command(name = "inspect",
        mixinStandardHelpOptions = true,
        description = {
            "Shows an ONNX model's inputs and outputs (names, element types, symbolic shapes), opset imports, "
                    + "IR version, producer, operator counts, size and sha256, and for each operator type whether ONNX Runtime "
                    + "Web's WASM and WebGPU execution providers run it (WebGPU runs the others on the CPU: a fallback).",
            "Given a bundle directory, shows its manifest and checks every file against the bytes and sha256 it lists "
                    + "(exit code 1 when one does not match)."})
public final class InspectCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "<model.onnx | some.jar!/entry.onnx | bundle dir>", description = "What to inspect.")
    String target;

    @Option(names = "--json", description = "Print machine-readable JSON instead of text.")
    boolean json;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        Path path = Path.of(target);
        if (Files.isDirectory(path)) {
            return bundle(path, out);
        }
        SourceFile file = SourceFile.read(target, "model", Progress.silent());
        OnnxModel model = OnnxModelReader.read(file.bytes(), target);
        ModelReport report = new ModelReport(target, file.bytes().length, Sha256.of(file.bytes()), model);
        print(out, json ? List.of(report.json()) : report.text());
        return 0;
    }

    private int bundle(Path dir, PrintWriter out) {
        Manifest manifest = BundleCheck.readManifest(dir);
        BundleReport report = new BundleReport(target, manifest, BundleCheck.verify(dir, manifest));
        print(out, json ? List.of(report.json()) : report.text());
        if (!report.ok()) {
            long bad = report.files().stream().filter(f -> !f.ok()).count();
            throw new ConverterException("bundle " + target + ": " + bad + " file(s) do not match the manifest");
        }
        return 0;
    }

    private static void print(PrintWriter out, List<String> lines) {
        lines.forEach(out::println);
        out.flush();
    }
}
