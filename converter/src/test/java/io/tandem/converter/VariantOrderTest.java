package io.tandem.converter;

import io.tandem.pipeline.bundle.Manifest;
import io.tandem.pipeline.bundle.Variant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static io.tandem.converter.InspectCommandTest.assertOneLineError;
import static org.assertj.core.api.Assertions.assertThat;

/** {@code quantize --before}: the order of variants decides each device's default, and rebuilds keep it. */
class VariantOrderTest {
    @TempDir
    Path tmp;

    @Test
    void beforeFp32MakesTheVariantTheDefaultOfItsDevicesAndRebuildsKeepTheOrder() throws IOException {
        Path bundle = ImportCommandTest.importCnn(tmp);
        Cli int8 = Cli.run("quantize", "--quiet", "--bundle", bundle.toString(), "--devices", "wasm", "--before", "fp32");
        assertThat(int8.exitCode()).as(int8.err()).isZero();
        Cli fp16 = Cli.run("quantize", "--quiet", "--bundle", bundle.toString(), "--precision", "fp16", "--devices", "webgpu",
                "--before", "fp32");
        assertThat(fp16.exitCode()).as(fp16.err()).isZero();

        Manifest m = manifest(bundle);
        assertThat(m.variants()).extracting(Variant::name).containsExactly("int8", "fp16", "fp32");
        assertThat(m.variantFor("wasm").name()).isEqualTo("int8");
        assertThat(m.variantFor("webgpu").name()).isEqualTo("fp16");
        assertThat(m.variantFor("server").name()).isEqualTo("fp32");

        // Running the same steps again (as every build does) and importing again change nothing.
        String written = Files.readString(bundle.resolve("manifest.json"));
        assertThat(Cli.run("quantize", "--quiet", "--bundle", bundle.toString(), "--devices", "wasm", "--before", "fp32").out())
                .contains("up to date");
        assertThat(Cli.run("quantize", "--quiet", "--bundle", bundle.toString(), "--precision", "fp16", "--devices", "webgpu",
                "--before", "fp32").out()).contains("up to date");
        ImportCommandTest.importCnn(tmp);
        assertThat(Files.readString(bundle.resolve("manifest.json"))).isEqualTo(written);
    }

    @Test
    void changingOnlyTheDevicesKeepsTheMeasuredFigures() throws IOException {
        Path bundle = ImportCommandTest.importCnn(tmp);
        // One weight range for both: auto would pick uint8 for a server and full int8 for wasm alone, other bytes.
        assertThat(Cli.run("quantize", "--quiet", "--bundle", bundle.toString(), "--devices", "wasm,server", "--weight-range", "full")
                .exitCode()).isZero();
        Cli v = Cli.run("validate", "--quiet", "--bundle", bundle.toString(), "--samples", ValidateCommandTest.digits());
        assertThat(v.exitCode()).as(v.err()).isZero();

        Cli moved = Cli.run("quantize", "--quiet", "--bundle", bundle.toString(), "--devices", "wasm", "--before", "fp32",
                "--weight-range", "full");
        assertThat(moved.exitCode()).as(moved.err()).isZero();
        Manifest m = manifest(bundle);
        assertThat(m.variants()).extracting(Variant::name).containsExactly("int8", "fp32");
        assertThat(m.variant("int8").devices()).containsExactly("wasm");
        assertThat(m.variant("int8").metrics()).containsEntry("samples", 62L);
    }

    @Test
    void beforeAnUnknownVariantIsOneLine() throws IOException {
        Path bundle = ImportCommandTest.importCnn(tmp);
        assertOneLineError(Cli.run("quantize", "--quiet", "--bundle", bundle.toString(), "--devices", "wasm", "--before", "fp8"),
                1, "--before fp8: bundle " + bundle + " has no such variant; expected one of [fp32]");
    }

    private static Manifest manifest(Path bundle) throws IOException {
        return Manifest.parse(Files.readString(bundle.resolve("manifest.json")));
    }
}
