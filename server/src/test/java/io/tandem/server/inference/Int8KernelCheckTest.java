package io.tandem.server.inference;

import io.tandem.pipeline.bundle.BundleFile;
import io.tandem.pipeline.bundle.Variant;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class Int8KernelCheckTest {
    private static final String AVX2 = "processor\t: 0\nflags\t\t: fpu sse4_2 avx avx2 fma\n";
    private static final String VNNI = "processor\t: 0\nflags\t\t: fpu avx avx2 avx512f avx512_vnni\n";

    private static Variant variant(String precision, String weightRange) {
        return new Variant("int8", precision, new BundleFile("m.onnx", 1, "00"), List.of("server"), Map.of(), weightRange);
    }

    @Test
    void fullRangeInt8OnAnX86WithoutVnniIsWarnedAbout() {
        assertThat(Int8KernelCheck.warning("m", variant("int8", "full"), "amd64", AVX2))
                .contains("model m variant int8 has full-range int8 weights", "no VNNI", "--devices server");
        assertThat(Int8KernelCheck.warning("m", variant("int8", null), "amd64", AVX2)).contains("(or does not say)");
    }

    @Test
    void whatComputesExactlyIsNot() {
        assertThat(Int8KernelCheck.warning("m", variant("int8", "u8"), "amd64", AVX2)).isNull();
        assertThat(Int8KernelCheck.warning("m", variant("int8", "7bit"), "amd64", AVX2)).isNull();
        assertThat(Int8KernelCheck.warning("m", variant("int8", "full"), "amd64", VNNI)).isNull();
        assertThat(Int8KernelCheck.warning("m", variant("int8", "full"), "aarch64", "Features\t: asimd\n")).isNull();
        assertThat(Int8KernelCheck.warning("m", variant("fp32", null), "amd64", AVX2)).isNull();
    }
}
