package io.tandem.converter.cli;

import io.tandem.converter.ConverterException;
import io.tandem.converter.Progress;
import io.tandem.converter.Sizes;
import io.tandem.converter.bundle.BundleCheck;
import io.tandem.converter.bundle.VariantUpdate;
import io.tandem.converter.io.SourceFile;
import io.tandem.converter.io.Writable;
import io.tandem.converter.quant.CalibrationFile;
import io.tandem.converter.quant.ModelQuantizer;
import io.tandem.converter.quant.WeightRange;
import io.tandem.converter.quant.QuantizeOptions;
import io.tandem.pipeline.task.InputKind;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;

/** {@code quantize}: fp32 ONNX model → int8 (dynamic) or fp16 ONNX model that onnxruntime runs. */
@Command(name = "quantize",
        mixinStandardHelpOptions = true,
        description = {
            "Writes an int8 (dynamic quantisation: int8 weights, activations quantised at run time) or fp16 copy of "
                    + "an fp32 ONNX model, then loads and runs it in onnxruntime before keeping it.",
            "int8 uses standard ONNX operators (DynamicQuantizeLinear, MatMulInteger, Gather of int8 tables), which "
                    + "onnxruntime fuses into its integer kernels on the server and in ORT Web's WASM build; transformer "
                    + "encoders also get ONNX Runtime's fused attention and layer norm operators (see --fuse).",
            "fp16 keeps fp32 inputs and outputs (Cast at the boundaries); meant for WebGPU."})
public final class QuantizeCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", arity = "0..1", paramLabel = "<model.onnx>", description = "The fp32 model: a file, or some.jar!/entry.onnx.")
    String model;

    @Option(names = {"-o", "--output"}, paramLabel = "<out.onnx>", description = "Where to write the result.")
    Path output;

    @Option(names = "--bundle", paramLabel = "<dir>",
            description = "Instead of <model.onnx> and -o: quantise the bundle's fp32 variant into <dir>/model.<name>.onnx and "
                    + "add (or update) the variant in its manifest, after the existing ones.")
    Path bundle;

    @Option(names = "--name", paramLabel = "<name>", description = "With --bundle: the variant's name (default: the precision).")
    String name;

    @Option(names = "--devices", split = ",", paramLabel = "<device>", description = "With --bundle: devices the variant is for (wasm, webgpu, server).")
    List<String> devices;

    @Option(names = "--before", paramLabel = "<variant>",
            description = "With --bundle: list the variant just before this one (e.g. fp32). Manifests list variants best first "
                    + "and a device takes the first that names it, so this makes it the default for its --devices. "
                    + "Without it a new variant is appended and an existing one keeps its place.")
    String before;

    @Option(names = "--precision", defaultValue = "int8", paramLabel = "<int8|fp16>",
            description = "int8 (default) or fp16.")
    String precision;

    @Option(names = "--per-channel", negatable = true, defaultValue = "true", fallbackValue = "true",
            description = "One weight scale per output column (default); --no-per-channel: one per tensor.")
    boolean perChannel;

    @Option(names = "--symmetric", negatable = true, defaultValue = "true", fallbackValue = "true",
            description = "Symmetric int8 weights, zero point 0 (default); --no-symmetric: asymmetric with zero points.")
    boolean symmetric;

    @Option(names = "--fuse", negatable = true, defaultValue = "true", fallbackValue = "true",
            description = "int8 of transformer encoders (BERT-style): self-attention blocks become com.microsoft.QAttention and "
                    + "residual sum + layer norm com.microsoft.SkipLayerNormalization, ONNX Runtime's fused kernels (default; run by "
                    + "onnxruntime's CPU provider and ORT Web's WASM, not by other ONNX runtimes); --no-fuse: standard ONNX "
                    + "operators only.")
    boolean fuse;

    @Option(names = "--ops", split = ",", paramLabel = "<op>",
            description = "Operators to quantise (default: MatMul,Gemm,Gather; Gather = embedding tables).")
    List<String> ops;

    @Option(names = "--exclude-nodes", split = ",", paramLabel = "<node>", description = "Node names to keep in fp32.")
    List<String> excludeNodes;

    @Option(names = "--smooth", defaultValue = "0", paramLabel = "<alpha>", converter = Checked.Fraction.class,
            description = "With --bundle (text models): SmoothQuant with this migration strength, calibrated on built-in "
                    + "sentences disjoint from validate's corpus; 0 to 1, default 0: off).")
    double smooth;

    @Option(names = "--calibration-size", defaultValue = "200", paramLabel = "<n>", converter = Checked.Positive.class, description = "Calibration sentences for --smooth (default 200).")
    int calibrationSize;

    @Option(names = "--calibrate",
            description = "With --smooth: measure the activations on the calibration sentences (fp32 model in onnxruntime) and "
                    + "write them to <dir>/" + CalibrationFile.NAME + " before quantising. Without it --smooth reads that file "
                    + "(and measures and writes it only when it is missing): commit it, and every machine builds the same int8 bytes.")
    boolean calibrate;

    @Option(names = "--weight-range", defaultValue = "auto", paramLabel = "<auto|full|7bit|u8>",
            description = "int8 MatMul/Gemm weights: full (int8 -127..127, the most precise; WASM and VNNI CPUs), u8 (uint8 with zero "
                    + "point 128: the same precision, run by onnxruntime's u8×u8 kernels, exact on every CPU), 7bit (int8 -63..63, "
                    + "ONNX Runtime's reduce_range). auto (default): full when every --devices is a browser's (wasm, webgpu), "
                    + "otherwise u8, because on x86 without VNNI (AVX2 only) onnxruntime's u8×s8 kernel saturates int16 sums "
                    + "of full-range weights and gives wrong results.")
    String weightRange;

    @Mixin
    QuietOption quiet;

    @Override
    public Integer call() {
        PrintWriter stdout = spec.commandLine().getOut();
        Progress progress = quiet.progress(spec);
        ModelQuantizer.Precision p = switch (precision) {
            case "int8" -> ModelQuantizer.Precision.INT8;
            case "fp16" -> ModelQuantizer.Precision.FP16;
            default -> throw new ConverterException("unknown --precision '" + precision + "'; expected int8 or fp16");
        };
        Set<String> opSet = ops == null ? QuantizeOptions.SUPPORTED_OPS : new LinkedHashSet<>(ops);
        for (String op : opSet) {
            if (!QuantizeOptions.SUPPORTED_OPS.contains(op)) {
                throw new ConverterException("unknown op '" + op + "' in --ops; expected some of MatMul, Gemm, Gather");
            }
        }
        if (devices != null) {
            checkDevices(devices);
        }
        QuantizeOptions options = new QuantizeOptions(opSet, excludeNodes == null ? Set.of() : Set.copyOf(excludeNodes),
                perChannel, symmetric, QuantizeOptions.defaults().minGatherElements(), fuse, WeightRange.choose(weightRange, devices));
        if (calibrate && smooth <= 0) {
            throw new ConverterException("--calibrate measures the activations --smooth needs; give --smooth <alpha> too");
        }
        if (bundle != null) {
            return intoBundle(p, options, progress, stdout);
        }
        if (model == null || output == null) {
            throw new ConverterException("expected <model.onnx> and -o <out.onnx>, or --bundle <dir>");
        }
        if (smooth > 0) {
            throw new ConverterException("--smooth calibrates on a text bundle's sentences; it needs --bundle <dir>");
        }
        Writable.file(output, "output");
        SourceFile source = SourceFile.read(model, "model", progress);
        ModelQuantizer.Result r = ModelQuantizer.run(source.bytes(), model, p, options, progress);
        write(output, r.bytes());
        stdout.println("wrote " + output + " (" + Sizes.human(r.bytes().length) + ", was " + Sizes.human(source.bytes().length)
                + "): " + r.summary());
        stdout.flush();
        return 0;
    }

    private int intoBundle(ModelQuantizer.Precision p, QuantizeOptions options, Progress progress, PrintWriter stdout) {
        if (model != null || output != null) {
            throw new ConverterException("--bundle takes the model from the bundle; expected no <model.onnx> and no -o");
        }
        if (devices == null || devices.isEmpty()) {
            throw new ConverterException("--bundle needs --devices (wasm, webgpu, server)");
        }
        String variant = name != null ? name : precision;
        if (variant.equals("fp32")) {
            throw new ConverterException("variant name 'fp32' is the bundle's original; choose another --name");
        }
        var manifest = VariantUpdate.read(bundle);
        Writable.directory(bundle, "bundle");
        String fp32 = bundle.resolve(manifest.variant("fp32").file().path()).toString();
        byte[] source = BundleCheck.read(bundle, manifest.variant("fp32").file(), "variant fp32", progress);
        ModelQuantizer.Calibration calibration = null;
        if (smooth > 0) {
            if (manifest.task().inputKind() != InputKind.TEXT) {
                throw new ConverterException("--smooth needs a bundle with text input (calibration sentences); " + bundle + " is "
                        + manifest.task().wireName() + " with " + manifest.task().inputKind().wireName() + " input");
            }
            calibration = new ModelQuantizer.Calibration(new BundleCalibration(manifest, bundle, source, fp32, calibrationSize,
                    calibrate, progress, stdout), smooth);
        }
        ModelQuantizer.Result r = ModelQuantizer.run(source, fp32, p, options, calibration, progress);
        String file = "model." + variant + ".onnx";
        boolean written = VariantUpdate.put(bundle, variant, precision, file, r.bytes(), devices, before,
                p == ModelQuantizer.Precision.INT8 ? options.weightRange().wireName() : null);
        stdout.println(manifest.id() + " variant " + variant + ": " + (written ? "wrote " : "up to date: ") + bundle.resolve(file)
                + " (" + Sizes.human(r.bytes().length) + ", was " + Sizes.human(source.length) + "): " + r.summary());
        stdout.flush();
        return 0;
    }

    static void checkDevices(List<String> devices) {
        for (String d : devices) {
            if (!io.tandem.pipeline.bundle.Device.wireNames().contains(d)) {
                throw new ConverterException("unknown device '" + d + "' in --devices; expected one of "
                        + io.tandem.pipeline.bundle.Device.wireNames());
            }
        }
    }

    static void write(Path path, byte[] bytes) {
        io.tandem.converter.bundle.BundleWriter.writeFile(path, bytes);
    }
}
