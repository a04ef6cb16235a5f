package io.tandem.converter.engine;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The CPU features that decide which int8 and fp32 kernels onnxruntime picks, for reports and
 * manifests: on x86 AVX2 vs AVX-512 and VNNI (without VNNI the u8×s8 GEMM sums pairs in int16 and
 * can saturate), on ARM the dot-product and i8mm extensions. Read from /proc/cpuinfo on Linux;
 * elsewhere only the architecture is known.
 */
public final class CpuFeatures {
    /** The flags that change which kernels run; the rest of /proc/cpuinfo's long list says nothing here. */
    private static final List<String> RELEVANT = List.of("avx", "avx2", "fma", "f16c", "avx512f", "avx512bw", "avx512vl",
            "avx512_vnni", "avx_vnni", "avx512_bf16", "avx512_fp16", "amx_int8", "asimd", "asimddp", "i8mm", "sve", "sve2", "fphp");

    private CpuFeatures() {
    }

    /** "x86_64 (AMD EPYC): avx avx2 fma avx512f avx512_vnni", or just the architecture. */
    public static String describe() {
        return describe(System.getProperty("os.arch"), readCpuinfo());
    }

    static String describe(String arch, String cpuinfo) {
        String model = null;
        Set<String> flags = new LinkedHashSet<>();
        for (String line : cpuinfo.split("\n")) {
            int colon = line.indexOf(':');
            if (colon < 0) {
                continue;
            }
            String key = line.substring(0, colon).strip().toLowerCase(Locale.ROOT);
            String value = line.substring(colon + 1).strip();
            if (model == null && key.equals("model name")) {
                model = value;
            }
            if (flags.isEmpty() && (key.equals("flags") || key.equals("features"))) {
                flags.addAll(List.of(value.split("\\s+")));
            }
        }
        List<String> kept = new ArrayList<>();
        for (String f : RELEVANT) {
            if (flags.contains(f)) {
                kept.add(f);
            }
        }
        String head = normalisedArch(arch) + (model == null ? "" : " (" + model + ")");
        return kept.isEmpty() ? head : head + ": " + String.join(" ", kept);
    }

    /** True when the CPU has a VNNI (or ARM dot-product) int8 instruction, so int8 GEMMs cannot saturate. */
    public static boolean hasInt8DotProduct(String description) {
        return description.contains("vnni") || description.contains("asimddp") || description.contains("amx_int8");
    }

    private static String normalisedArch(String arch) {
        return switch (arch == null ? "" : arch) {
            case "amd64", "x86_64" -> "x86_64";
            case "aarch64", "arm64" -> "aarch64";
            default -> arch == null ? "unknown" : arch;
        };
    }

    private static String readCpuinfo() {
        try {
            return Files.readString(Path.of("/proc/cpuinfo"));
        } catch (IOException | RuntimeException e) {
            return "";
        }
    }
}
