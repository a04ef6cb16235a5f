package io.tandem.converter.cli;

import io.tandem.converter.ConverterException;
import io.tandem.converter.Progress;
import io.tandem.converter.Sizes;
import io.tandem.converter.bundle.BundleCheck;
import io.tandem.converter.bundle.VariantUpdate;
import io.tandem.converter.io.SourceFile;
import io.tandem.converter.io.Writable;
import io.tandem.converter.optimize.GraphOptimizer;
import io.tandem.converter.optimize.ModelFormat;
import io.tandem.converter.optimize.OptimizeLevel;
import io.tandem.pipeline.bundle.Manifest;
import io.tandem.pipeline.bundle.Variant;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code optimize}: onnxruntime's offline graph optimisation, saved as ONNX or in ORT format. */
@Command(name = "optimize",
        mixinStandardHelpOptions = true,
        description = {
            "Runs onnxruntime's graph optimisation once, offline, and saves the optimised graph as an ONNX model or in "
                    + "onnxruntime's ORT format (.ort: smaller to load, read by onnxruntime and ORT Web only). The result is "
                    + "loaded and run on the same made-up input as the original and kept only if its outputs match.",
            "Levels: basic (constant folding, redundant nodes removed, fusions in standard ONNX operators: runs on every "
                    + "execution provider) and extended (also fusions into onnxruntime's com.microsoft operators for its CPU "
                    + "kernels; ORT Web's WASM runs them, its WebGPU EP runs only some: see inspect's operator report). "
                    + "'all' is refused: its layout optimisations (NCHWc) are made for this machine's CPU and instruction set, "
                    + "and the browser's WASM and WebGPU builds cannot run the graph they produce."})
public final class OptimizeCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", arity = "0..1", paramLabel = "<model.onnx>", description = "The model: a file, or some.jar!/entry.onnx.")
    String model;

    @Option(names = {"-o", "--output"}, paramLabel = "<out.onnx|out.ort>", description = "Where to write the result; .ort means ORT format unless --format says otherwise.")
    Path output;

    @Option(names = "--level", defaultValue = "basic", paramLabel = "<basic|extended>", description = "Optimisation level (default basic).")
    String level;

    @Option(names = "--format", paramLabel = "<onnx|ort>", description = "Saved format (default: from -o's extension; onnx with --bundle).")
    String format;

    @Option(names = "--bundle", paramLabel = "<dir>",
            description = "Instead of <model.onnx> and -o: optimise a variant of the bundle (--from) into <dir>/model.<variant>.onnx "
                    + "(or .ort) and add it to the manifest as --variant; validate then gates it like any variant.")
    Path bundle;

    @Option(names = "--variant", paramLabel = "<name>", description = "With --bundle: the new variant's name, e.g. fp32-opt.")
    String variant;

    @Option(names = "--from", defaultValue = "fp32", paramLabel = "<variant>", description = "With --bundle: the variant to optimise (default fp32).")
    String from;

    @Option(names = "--devices", split = ",", paramLabel = "<device>", description = "With --bundle: devices the variant is for (wasm, webgpu, server).")
    List<String> devices;

    @Option(names = "--before", paramLabel = "<variant>",
            description = "With --bundle: list the variant before this one, making it the default for its --devices (see quantize --help).")
    String before;

    @Option(names = "--fuse", description = "First fuse a transformer encoder (BERT-style, as torch.onnx.export writes it) for ONNX "
            + "Runtime's own kernels: self-attention blocks into com.microsoft.Attention, residual sum + layer norm into "
            + "com.microsoft.SkipLayerNormalization (onnxruntime's optimiser does neither on exported graphs; the CPU provider "
            + "and ORT Web's WASM run both). Refused when the model has no such block.")
    boolean fuse;

    @Mixin
    QuietOption quiet;

    @Override
    public Integer call() {
        PrintWriter stdout = spec.commandLine().getOut();
        Progress progress = quiet.progress(spec);
        OptimizeLevel lvl = OptimizeLevel.parse(level);
        if (bundle != null) {
            return intoBundle(lvl, progress, stdout);
        }
        if (model == null || output == null) {
            throw new ConverterException("expected <model.onnx> and -o <out.onnx|out.ort>, or --bundle <dir> --variant <name>");
        }
        Writable.file(output, "output");
        ModelFormat fmt = format != null ? ModelFormat.parse(format) : ModelFormat.of(output.getFileName().toString());
        SourceFile source = SourceFile.read(model, "model", progress);
        GraphOptimizer.Result r = GraphOptimizer.run(source.bytes(), model, lvl, fmt, fuse, progress);
        QuantizeCommand.write(output, r.bytes());
        stdout.println("wrote " + output + " (" + Sizes.human(r.bytes().length) + ", was " + Sizes.human(source.bytes().length) + "): " + r.summary());
        stdout.flush();
        return 0;
    }

    private int intoBundle(OptimizeLevel lvl, Progress progress, PrintWriter stdout) {
        if (model != null || output != null) {
            throw new ConverterException("--bundle takes the model from the bundle; expected no <model.onnx> and no -o");
        }
        if (variant == null) {
            throw new ConverterException("--bundle needs --variant <name> for the optimised model");
        }
        if (devices == null || devices.isEmpty()) {
            throw new ConverterException("--bundle needs --devices (wasm, webgpu, server)");
        }
        QuantizeCommand.checkDevices(devices);
        ModelFormat fmt = format != null ? ModelFormat.parse(format) : ModelFormat.ONNX;
        Manifest manifest = VariantUpdate.read(bundle);
        Writable.directory(bundle, "bundle");
        Variant source = manifest.variants().stream().filter(v -> v.name().equals(from)).findFirst()
                .orElseThrow(() -> new ConverterException("--from " + from + ": bundle " + bundle + " has no such variant; expected one of "
                        + manifest.variants().stream().map(Variant::name).toList()));
        if (variant.equals(source.name()) || variant.equals("fp32")) {
            throw new ConverterException("variant name '" + variant + "' is taken by the model it is made from; choose another --variant");
        }
        String path = bundle.resolve(source.file().path()).toString();
        byte[] bytes = BundleCheck.read(bundle, source.file(), "variant " + source.name(), progress);
        GraphOptimizer.Result r = GraphOptimizer.run(bytes, path, lvl, fmt, fuse, progress);
        String file = "model." + variant + fmt.extension();
        boolean written = VariantUpdate.put(bundle, variant, source.precision(), file, r.bytes(), devices, before);
        stdout.println(manifest.id() + " variant " + variant + ": " + (written ? "wrote " : "up to date: ") + bundle.resolve(file)
                + " (" + Sizes.human(r.bytes().length) + ", was " + Sizes.human(bytes.length) + "): " + r.summary());
        stdout.flush();
        return 0;
    }
}
