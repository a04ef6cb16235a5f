package io.tandem.server.inference;

import io.tandem.pipeline.bundle.Variant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Warns when the server is about to run int8 weights its CPU computes wrongly: on x86 without VNNI
 * onnxruntime multiplies uint8 activations by full-range int8 weights with VPMADDUBSW, whose int16
 * pair sums saturate (converter/README.md, "Weight range"). The converter writes server variants
 * with uint8 weights (exact everywhere); this catches a browser variant or an old file put to work
 * on the server.
 */
final class Int8KernelCheck {
    private static final Logger LOG = LoggerFactory.getLogger(Int8KernelCheck.class);

    private Int8KernelCheck() {
    }

    static void warnIfSaturating(String modelId, Variant variant) {
        String warning = warning(modelId, variant, System.getProperty("os.arch"), cpuinfo());
        if (warning != null) {
            LOG.warn(warning);
        }
    }

    /** null when the variant is safe on this CPU; otherwise what goes wrong and how to fix it. */
    static String warning(String modelId, Variant variant, String arch, String cpuinfo) {
        boolean fullRange = variant.weightRange() == null || variant.weightRange().equals("full");
        boolean x86 = "amd64".equals(arch) || "x86_64".equals(arch);
        if (!variant.precision().equals("int8") || !fullRange || !x86 || cpuinfo.isEmpty()) {
            return null;
        }
        List<String> flags = flags(cpuinfo);
        if (flags.contains("avx512_vnni") || flags.contains("avx_vnni") || flags.contains("amx_int8")) {
            return null;
        }
        return "model " + modelId + " variant " + variant.name() + " has full-range int8 weights"
                + (variant.weightRange() == null ? " (or does not say)" : "") + ", and this CPU has no VNNI: onnxruntime's u8×s8 "
                + "kernel saturates here and its results are wrong. Make a server variant with uint8 weights: "
                + "tandem-converter quantize --bundle <dir> --name int8-server --devices server (--weight-range u8 is its default)";
    }

    private static List<String> flags(String cpuinfo) {
        for (String line : cpuinfo.split("\n")) {
            if (line.startsWith("flags")) {
                int colon = line.indexOf(':');
                return colon < 0 ? List.of() : List.of(line.substring(colon + 1).strip().split("\\s+"));
            }
        }
        return List.of();
    }

    private static String cpuinfo() {
        try {
            return Files.readString(Path.of("/proc/cpuinfo"));
        } catch (IOException | RuntimeException e) {
            return "";
        }
    }
}
