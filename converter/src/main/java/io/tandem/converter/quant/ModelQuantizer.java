package io.tandem.converter.quant;

import io.tandem.converter.ConverterException;
import io.tandem.converter.ConverterVersion;
import io.tandem.converter.Progress;
import io.tandem.converter.onnx.OnnxFile;
import io.tandem.converter.onnx.OrtRunCheck;

import java.util.List;

/**
 * Reads a model, rewrites it to int8 or fp16, and proves the result runs in onnxruntime before
 * anyone may write it: the steps of {@code quantize}, without the command line.
 */
public final class ModelQuantizer {
    public enum Precision { INT8, FP16 }

    /** The written bytes and a one-line account of what changed. */
    public record Result(byte[] bytes, String summary, List<String> skipped) {
    }

    private ModelQuantizer() {
    }

    /**
     * Where SmoothQuant's statistics come from: the largest |value| per channel of each named
     * activation (a committed {@link CalibrationFile}, or a measurement that writes one).
     */
    @FunctionalInterface
    public interface CalibrationSource {
        java.util.Map<String, float[]> ranges(List<String> activations);
    }

    /** SmoothQuant: the statistics' source and the migration strength alpha; null or alpha 0: none. */
    public record Calibration(CalibrationSource source, double alpha) {
    }

    public static Result run(byte[] source, String name, Precision precision, QuantizeOptions options, Progress progress) {
        return run(source, name, precision, options, null, progress);
    }

    public static Result run(byte[] source, String name, Precision precision, QuantizeOptions options, Calibration calibration,
            Progress progress) {
        OnnxFile model = OnnxFile.read(source, name);
        io.tandem.converter.onnx.OrtLimits.check(model.irVersion(), model.opsets(), name);
        if (model.graph().initializers().stream().anyMatch(t -> t.isExternal())) {
            throw new ConverterException(name + " keeps weights in external data files; expected one self-contained .onnx");
        }
        String summary;
        List<String> skipped = List.of();
        if (precision == Precision.INT8) {
            OpsetCheck.raiseForInt8(model, name);
            EncoderFusion.Result fused = options.fuse() && options.ops().contains("MatMul")
                    ? EncoderFusion.apply(model, options.excludeNodes()) : new EncoderFusion.Result(0, 0);
            if (fused.attentions() > 0) {
                progress.note("fused " + fused.describe());
            }
            DynamicQuantizer quantizer = new DynamicQuantizer(options);
            if (calibration != null && calibration.alpha() > 0) {
                List<String> activations = quantizer.activations(model.graph());
                quantizer = new DynamicQuantizer(options, calibration.source().ranges(activations), calibration.alpha());
            }
            DynamicQuantizer.Report r = quantizer.quantize(model, progress::note);
            r.skipped().forEach(s -> progress.note("kept fp32: " + s));
            if (r.matMuls() + r.gemms() + r.gathers() == 0) {
                throw new ConverterException("nothing to quantise in " + name + ": expected a MatMul, Gemm or Gather with a constant 2-D float weight among " + options.ops());
            }
            summary = "int8: " + r.matMuls() + " MatMul, " + r.gemms() + " Gemm, " + r.gathers() + " Gather"
                    + (fused.attentions() > 0 ? ", " + r.attentions() + " QAttention, " + fused.layerNorms() + " SkipLayerNormalization" : "")
                    + (options.perChannel() ? " (per-channel" : " (per-tensor") + (options.symmetric() ? ", symmetric" : ", asymmetric")
                    + ", " + options.weightRange().wireName() + " weights"
                    + (calibration != null && calibration.alpha() > 0 ? ", smoothed alpha " + calibration.alpha() + ")" : ")");
            skipped = r.skipped();
        } else {
            int n = Fp16Converter.convert(model);
            summary = "fp16: " + n + " float tensors converted, inputs and outputs stay fp32";
        }
        model.setProducer("tandem-converter", ConverterVersion.describe());
        progress.note("writing the model");
        byte[] bytes = model.toBytes();
        progress.note("loading and running the result in onnxruntime");
        OrtRunCheck.check(bytes, name + " (" + precision.name().toLowerCase() + ")");
        return new Result(bytes, summary, skipped);
    }
}
