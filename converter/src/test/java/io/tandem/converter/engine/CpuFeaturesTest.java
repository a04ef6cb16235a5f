package io.tandem.converter.engine;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class CpuFeaturesTest {
    private static final String AVX2_ONLY = """
            processor\t: 0
            model name\t: AMD EPYC 7B12
            flags\t\t: fpu sse sse2 ssse3 sse4_1 sse4_2 avx f16c fma avx2 bmi2 sha_ni
            processor\t: 1
            model name\t: AMD EPYC 7B12
            flags\t\t: fpu sse sse2 ssse3 sse4_1 sse4_2 avx f16c fma avx2 bmi2 sha_ni
            """;
    private static final String AVX512_VNNI = """
            model name\t: Intel(R) Xeon(R) Platinum 8481C
            flags\t\t: sse4_2 avx avx2 fma avx512f avx512bw avx512vl avx512_vnni amx_int8 avx512_fp16
            """;
    private static final String GRAVITON = """
            processor\t: 0
            BogoMIPS\t: 243.75
            Features\t: fp asimd evtstrm aes pmull sha1 sha2 crc32 atomics fphp asimdhp asimddp i8mm sve
            CPU implementer\t: 0x41
            """;

    @Test
    void keepsTheFlagsThatChooseKernelsInAFixedOrder() {
        assertThat(CpuFeatures.describe("amd64", AVX2_ONLY)).isEqualTo("x86_64 (AMD EPYC 7B12): avx avx2 fma f16c");
        assertThat(CpuFeatures.describe("amd64", AVX512_VNNI))
                .isEqualTo("x86_64 (Intel(R) Xeon(R) Platinum 8481C): avx avx2 fma avx512f avx512bw avx512vl avx512_vnni avx512_fp16 amx_int8");
        assertThat(CpuFeatures.describe("aarch64", GRAVITON)).isEqualTo("aarch64: asimd asimddp i8mm sve fphp");
    }

    @Test
    void saysWhetherInt8DotProductsExist() {
        assertThat(CpuFeatures.hasInt8DotProduct(CpuFeatures.describe("amd64", AVX2_ONLY))).isFalse();
        assertThat(CpuFeatures.hasInt8DotProduct(CpuFeatures.describe("amd64", AVX512_VNNI))).isTrue();
        assertThat(CpuFeatures.hasInt8DotProduct(CpuFeatures.describe("aarch64", GRAVITON))).isTrue();
    }

    @Test
    void withoutCpuinfoOnlyTheArchitectureIsNamed() {
        assertThat(CpuFeatures.describe("aarch64", "")).isEqualTo("aarch64");
        assertThat(CpuFeatures.describe("x86_64", "garbage without colons")).isEqualTo("x86_64");
    }
}
