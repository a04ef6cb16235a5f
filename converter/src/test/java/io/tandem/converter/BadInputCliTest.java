package io.tandem.converter;

import io.tandem.pipeline.bundle.Manifest;
import io.tandem.pipeline.json.Json;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The command line against hostile and careless input: every invocation here must be refused with
 * exit code 1 (input refused) or 2 (command line wrong), exactly one line on stderr that says why,
 * no stack trace or Java class name, and nothing written or changed on disk. Cases are one line each
 * so a new hole is one more line; the fixtures (an imported, quantised and validated MNIST bundle,
 * small models, a train spec and records) are built once.
 */
class BadInputCliTest {
    @TempDir
    static Path shared;
    static Path mnist;
    static Path goodModel;
    static Path textFile;
    static Path trainSpec;
    static Path trainData;
    static Path recipe;

    @TempDir
    Path caseDir;

    /** What a case runs, built in its own directory from the shared fixtures. */
    interface Args {
        List<String> build(Ctx c) throws IOException;
    }

    record Case(String name, int exit, String fragment, Args args) {
        @Override
        public String toString() {
            return name;
        }
    }

    /** Helpers a case uses to make its bad input. */
    record Ctx(Path dir) {
        Path write(String name, String text) throws IOException {
            return Files.writeString(dir.resolve(name), text, StandardCharsets.UTF_8);
        }

        Path write(String name, byte[] bytes) throws IOException {
            return Files.write(dir.resolve(name), bytes);
        }

        /** A copy of the MNIST bundle (fp32 + validated int8) whose manifest text has {@code from} replaced. */
        Path mnistWith(String from, String to) throws IOException {
            Path copy = dir.resolve("bundle");
            Files.createDirectories(copy);
            try (Stream<Path> files = Files.list(mnist)) {
                for (Path f : files.toList()) {
                    Files.copy(f, copy.resolve(f.getFileName()));
                }
            }
            Path manifest = copy.resolve("manifest.json");
            String text = Files.readString(manifest);
            assertThat(text).as("fixture manifest").contains(from);
            Files.writeString(manifest, text.replace(from, to));
            return copy;
        }

        Path mnistCopy() throws IOException {
            return mnistWith("\"schema\"", "\"schema\"");
        }

        Path deepJson(String name) throws IOException {
            return write(name, "[".repeat(100_000) + "]".repeat(100_000));
        }
    }

    @BeforeAll
    static void fixtures() throws IOException {
        mnist = ImportCommandTest.importCnn(shared);
        recipe = mnist.resolve("recipe.json");
        Cli q = Cli.run("quantize", "-q", "--bundle", mnist.toString(), "--devices", "server");
        assertThat(q.exitCode()).as(q.err()).isZero();
        Cli v = Cli.run("validate", "-q", "--bundle", mnist.toString(), "--samples", ValidateCommandTest.digits());
        assertThat(v.exitCode()).as(v.err()).isZero();
        goodModel = Files.write(shared.resolve("matmul.onnx"), QuantModels.matMul(QuantModels.weights(4, 3), 4, 3, 13));
        textFile = Files.writeString(shared.resolve("notes.onnx"), "hello, I am not a model\n");
        trainSpec = Files.writeString(shared.resolve("train.json"), TrainCommandTest.SPEC);
        trainData = Files.writeString(shared.resolve("data.json"), Json.write(TrainCommandTest.records(60)));
    }

    static String int8Sha() throws IOException {
        return Manifest.parse(Files.readString(mnist.resolve("manifest.json"))).variant("int8").file().sha256();
    }

    static String fp32Sha() throws IOException {
        return Manifest.parse(Files.readString(mnist.resolve("manifest.json"))).variant("fp32").file().sha256();
    }

    static List<String> of(Object... parts) {
        return Arrays.stream(parts).map(String::valueOf).toList();
    }

    static byte[] irModel(int ir) {
        return QuantModels.matMul(QuantModels.weights(4, 3), 4, 3, 13, ir);
    }

    static byte[] opsetModel(int opset) {
        return QuantModels.matMul(QuantModels.weights(4, 3), 4, 3, opset);
    }

    /** Records of one class only: every Kind is "small". */
    static String oneClass() {
        List<Object> rows = TrainCommandTest.records(60);
        for (Object r : rows) {
            @SuppressWarnings("unchecked") Map<String, Object> m = (Map<String, Object>) r;
            m.put("Kind", "small");
        }
        return Json.write(rows);
    }

    /** The records with the raw text {@code value} in place of record 3's size. */
    static String withSize3(String value) {
        List<Object> rows = TrainCommandTest.records(60);
        @SuppressWarnings("unchecked") Map<String, Object> m = (Map<String, Object>) rows.get(3);
        m.put("Size (cm)", 12345.5);
        return Json.write(rows).replaceFirst("12345\\.5", value);
    }

    static Stream<Case> cases() {
        return Stream.of(
                // --- the root command
                new Case("no subcommand", 2, "missing subcommand", c -> of()),
                new Case("unknown subcommand", 2, "Unmatched argument", c -> of("convert-all")),

                // --- import
                new Case("import --task that is not a task", 2, "--task': expected one of [image-classification", c -> of("import", "--model",
                        goodModel, "--task", "summarisation", "--out", c.dir().resolve("x"))),
                new Case("import without --model", 2, "Missing required option: '--model", c -> of("import", "--recipe", recipe)),
                new Case("import missing recipe", 1, "recipe file not found", c -> of("import", "-q", "--recipe", c.dir().resolve("none.json"),
                        "--model", Cli.cnnMnist(), "--out", c.dir().resolve("out"))),
                new Case("import 100,000-deep recipe", 1, "nesting deeper than 128", c -> of("import", "-q", "--recipe", c.deepJson("r.json"),
                        "--model", Cli.cnnMnist(), "--out", c.dir().resolve("out"))),
                new Case("import recipe with 1e999", 1, "out of range", c -> of("import", "-q", "--recipe",
                        c.write("r.json", ImportCommandTest.CNN_RECIPE.replace("0.1307", "1e999")), "--model", Cli.cnnMnist(),
                        "--out", c.dir().resolve("out"))),
                new Case("import recipe not JSON", 1, "invalid JSON", c -> of("import", "-q", "--recipe", c.write("r.json", "{id: x"),
                        "--model", Cli.cnnMnist(), "--out", c.dir().resolve("out"))),
                new Case("import recipe with unknown task", 1, "task: expected one of [image-classification, ", c -> of("import", "-q", "--recipe",
                        c.write("r.json", ImportCommandTest.CNN_RECIPE.replace("image-classification", "dance")), "--model", Cli.cnnMnist(),
                        "--out", c.dir().resolve("out"))),
                new Case("import model that is text", 1, "not an ONNX model", c -> of("import", "-q", "--recipe", recipe, "--model", textFile,
                        "--out", c.dir().resolve("out"))),
                new Case("import empty model", 1, "not an ONNX model", c -> of("import", "-q", "--recipe", recipe,
                        "--model", c.write("e.onnx", new byte[0]), "--out", c.dir().resolve("out"))),
                new Case("import missing model", 1, "not found", c -> of("import", "-q", "--recipe", recipe,
                        "--model", c.dir().resolve("none.onnx"), "--out", c.dir().resolve("out"))),
                new Case("import IR version 999", 1, "unsupported IR version", c -> of("import", "-q", "--recipe", recipe,
                        "--model", c.write("m.onnx", irModel(999)), "--out", c.dir().resolve("out"))),
                new Case("import opset 9999", 1, "uses ai.onnx opset 9999; onnxruntime expects 7 to 26", c -> of("import", "-q",
                        "--recipe", recipe, "--model", c.write("m.onnx", opsetModel(9999)), "--out", c.dir().resolve("out"))),
                new Case("import --out /proc", 1, "cannot write bundle /proc/x", c -> of("import", "-q", "--recipe", recipe,
                        "--model", Cli.cnnMnist(), "--out", "/proc/x")),
                new Case("import --out under a file", 1, "is not a directory", c -> of("import", "-q", "--recipe", recipe,
                        "--model", Cli.cnnMnist(), "--out", c.write("f", "x").resolve("out"))),
                new Case("import --out is a file", 1, "it is a file, not a directory", c -> of("import", "-q", "--recipe", recipe,
                        "--model", Cli.cnnMnist(), "--out", c.write("f", "x"))),
                new Case("import --tokenizer for an image model", 1, "--tokenizer given", c -> of("import", "-q", "--recipe", recipe,
                        "--model", Cli.cnnMnist(), "--tokenizer", textFile, "--out", c.dir().resolve("out"))),
                new Case("import nine labels for ten classes", 1, "labels: expected 10", c -> of("import", "-q", "--recipe",
                        c.write("r.json", ImportCommandTest.CNN_RECIPE.replace("\"0\", ", "")), "--model", Cli.cnnMnist(),
                        "--out", c.dir().resolve("out"))),

                // --- quantize
                new Case("quantize with nothing", 1, "expected <model.onnx> and -o", c -> of("quantize", "-q")),
                new Case("quantize without -o", 1, "expected <model.onnx> and -o", c -> of("quantize", "-q", goodModel)),
                new Case("quantize --precision int4", 1, "unknown --precision 'int4'", c -> of("quantize", "-q", goodModel,
                        "-o", c.dir().resolve("o.onnx"), "--precision", "int4")),
                new Case("quantize --ops Conv", 1, "unknown op 'Conv'", c -> of("quantize", "-q", goodModel, "-o", c.dir().resolve("o.onnx"),
                        "--ops", "Conv")),
                new Case("quantize --smooth NaN", 2, "expected a number from 0 to 1, found 'NaN'", c -> of("quantize", "-q", goodModel,
                        "-o", c.dir().resolve("o.onnx"), "--smooth", "NaN")),
                new Case("quantize --smooth 1.5", 2, "expected a number from 0 to 1, found '1.5'", c -> of("quantize", "-q", "--bundle", mnist,
                        "--devices", "server", "--smooth", "1.5")),
                new Case("quantize --smooth -0.1", 2, "expected a number from 0 to 1", c -> of("quantize", "-q", "--bundle", mnist,
                        "--devices", "server", "--smooth=-0.1")),
                new Case("quantize --smooth Infinity", 2, "expected a number from 0 to 1", c -> of("quantize", "-q", "--bundle", mnist,
                        "--devices", "server", "--smooth", "Infinity")),
                new Case("quantize --smooth abc", 2, "expected a number, found 'abc'", c -> of("quantize", "-q", "--bundle", mnist,
                        "--devices", "server", "--smooth", "abc")),
                new Case("quantize --calibration-size 0", 2, "expected a whole number of at least 1, found '0'", c -> of("quantize", "-q",
                        "--bundle", mnist, "--devices", "server", "--calibration-size", "0")),
                new Case("quantize --calibration-size -5", 2, "at least 1, found '-5'", c -> of("quantize", "-q", "--bundle", mnist,
                        "--devices", "server", "--calibration-size=-5")),
                new Case("quantize --calibrate without --smooth", 1, "give --smooth <alpha> too", c -> of("quantize", "-q", "--bundle", mnist,
                        "--devices", "server", "--calibrate")),
                new Case("quantize --smooth without --bundle", 1, "it needs --bundle", c -> of("quantize", "-q", goodModel,
                        "-o", c.dir().resolve("o.onnx"), "--smooth", "0.5")),
                new Case("quantize --smooth on an image bundle", 1, "--smooth needs a bundle with text input", c -> of("quantize", "-q",
                        "--bundle", c.mnistCopy(), "--devices", "server", "--smooth", "0.5")),
                new Case("quantize -o into /proc", 1, "cannot write output /proc/x/o.onnx", c -> of("quantize", "-q", goodModel,
                        "-o", "/proc/x/o.onnx")),
                new Case("quantize -o is a directory", 1, "it is a directory", c -> of("quantize", "-q", goodModel, "-o", c.dir())),
                new Case("quantize -o under a file", 1, "is not a directory", c -> of("quantize", "-q", goodModel,
                        "-o", c.write("f", "x").resolve("o.onnx"))),
                new Case("quantize IR version 999", 1, "has IR version 999; onnxruntime expects 3 to 13", c -> of("quantize", "-q",
                        c.write("m.onnx", irModel(999)), "-o", c.dir().resolve("o.onnx"))),
                new Case("quantize opset 9999", 1, "uses ai.onnx opset 9999", c -> of("quantize", "-q", c.write("m.onnx", opsetModel(9999)),
                        "-o", c.dir().resolve("o.onnx"))),
                new Case("quantize a text file", 1, "not an ONNX model", c -> of("quantize", "-q", textFile, "-o", c.dir().resolve("o.onnx"))),
                new Case("quantize --bundle and a model", 1, "--bundle takes the model from the bundle", c -> of("quantize", "-q", goodModel,
                        "--bundle", mnist, "--devices", "server")),
                new Case("quantize --bundle without --devices", 1, "--bundle needs --devices", c -> of("quantize", "-q", "--bundle", mnist)),
                new Case("quantize --bundle --devices tpu", 1, "unknown device 'tpu'", c -> of("quantize", "-q", "--bundle", mnist,
                        "--devices", "tpu")),
                new Case("quantize --bundle --name fp32", 1, "choose another --name", c -> of("quantize", "-q", "--bundle", mnist,
                        "--devices", "server", "--name", "fp32")),
                new Case("quantize --bundle with an all-zero fp32 sha256", 1, "does not match the manifest: expected sha256 " + "0".repeat(64),
                        c -> of("quantize", "-q", "--bundle", c.mnistWith(fp32Sha(), "0".repeat(64)), "--devices", "server")),
                new Case("quantize --bundle with fp32 at ../../etc/passwd", 1, "'../../../../etc/passwd' refused", c -> of("quantize", "-q",
                        "--bundle", c.mnistWith("\"file\": \"model.onnx\"", "\"file\": \"../../../../etc/passwd\""), "--devices", "server")),
                new Case("quantize --bundle that is not one", 1, "is a directory but not a bundle (no manifest.json)", c -> of("quantize", "-q", "--bundle", c.dir(),
                        "--devices", "server")),
                new Case("quantize --weight-range 9bit", 1, "unknown --weight-range '9bit'", c -> of("quantize", "-q", goodModel, "-o", c.dir().resolve("o.onnx"),
                        "--weight-range", "9bit")),

                // --- optimize
                new Case("optimize with nothing", 1, "expected <model.onnx> and -o", c -> of("optimize", "-q")),
                new Case("optimize --level all", 1, "--level all is not portable", c -> of("optimize", "-q", goodModel, "-o", c.dir().resolve("o.onnx"), "--level", "all")),
                new Case("optimize --level turbo", 1, "unknown --level 'turbo'", c -> of("optimize", "-q", goodModel, "-o", c.dir().resolve("o.onnx"),
                        "--level", "turbo")),
                new Case("optimize --format zip", 1, "unknown --format 'zip'", c -> of("optimize", "-q", goodModel, "-o", c.dir().resolve("o.onnx"), "--format", "zip")),
                new Case("optimize -o into /proc", 1, "cannot write output /proc/o.onnx", c -> of("optimize", "-q", goodModel, "-o", "/proc/o.onnx")),
                new Case("optimize opset 9999", 1, "uses ai.onnx opset 9999", c -> of("optimize", "-q", c.write("m.onnx", opsetModel(9999)),
                        "-o", c.dir().resolve("o.onnx"))),
                new Case("optimize IR version 999", 1, "has IR version 999", c -> of("optimize", "-q", c.write("m.onnx", irModel(999)),
                        "-o", c.dir().resolve("o.onnx"))),
                new Case("optimize --bundle without --variant", 1, "--bundle needs --variant", c -> of("optimize", "-q", "--bundle", mnist,
                        "--devices", "server")),
                new Case("optimize --bundle without --devices", 1, "--bundle needs --devices", c -> of("optimize", "-q", "--bundle", mnist,
                        "--variant", "opt")),
                new Case("optimize --bundle --from nosuch", 1, "--from nosuch", c -> of("optimize", "-q", "--bundle", mnist, "--variant", "opt",
                        "--devices", "server", "--from", "nosuch")),
                new Case("optimize --bundle --variant fp32", 1, "choose another --variant", c -> of("optimize", "-q", "--bundle", mnist,
                        "--variant", "fp32", "--devices", "server")),
                new Case("optimize --bundle --devices tpu", 1, "unknown device 'tpu'", c -> of("optimize", "-q", "--bundle", mnist,
                        "--variant", "opt", "--devices", "tpu")),
                new Case("optimize --bundle whose fp32 file was truncated", 1, "does not match the manifest: expected", c -> {
                    Path b = c.mnistCopy();
                    byte[] bytes = Files.readAllBytes(b.resolve("model.onnx"));
                    Files.write(b.resolve("model.onnx"), Arrays.copyOf(bytes, bytes.length - 10));
                    return of("optimize", "-q", "--bundle", b, "--variant", "opt", "--devices", "server");
                }),

                // --- validate
                new Case("validate without --bundle", 2, "Missing required option: '--bundle", c -> of("validate")),
                new Case("validate --min-cosine NaN", 2, "expected a number from 0 to 1, found 'NaN'", c -> of("validate", "-q",
                        "--bundle", mnist, "--min-cosine", "NaN")),
                new Case("validate --min-cosine 1.5", 2, "found '1.5'", c -> of("validate", "-q", "--bundle", mnist, "--min-cosine", "1.5")),
                new Case("validate --min-cosine -1", 2, "found '-1'", c -> of("validate", "-q", "--bundle", mnist, "--min-cosine=-1")),
                new Case("validate --min-top1 NaN", 2, "found 'NaN'", c -> of("validate", "-q", "--bundle", mnist, "--min-top1=NaN")),
                new Case("validate --min-top1 2", 2, "found '2'", c -> of("validate", "-q", "--bundle", mnist, "--min-top1", "2")),
                new Case("validate --min-top1 empty", 2, "expected a number", c -> of("validate", "-q", "--bundle", mnist, "--min-top1=")),
                new Case("validate --engine gpu", 1, "unknown --engine 'gpu'", c -> of("validate", "-q", "--bundle", mnist, "--engine", "gpu")),
                new Case("validate a missing bundle", 1, "bundle directory not found", c -> of("validate", "-q", "--bundle", c.dir().resolve("none"))),
                new Case("validate a variant at ../../../../etc/passwd", 1, "'../../../../etc/passwd' refused", c -> of("validate", "-q",
                        "--bundle", c.mnistWith("\"model.int8.onnx\"", "\"../../../../etc/passwd\""), "--samples", ValidateCommandTest.digits())),
                new Case("validate a variant at /etc/passwd", 1, "'/etc/passwd' refused: absolute", c -> of("validate", "-q",
                        "--bundle", c.mnistWith("\"model.int8.onnx\"", "\"/etc/passwd\""), "--samples", ValidateCommandTest.digits())),
                new Case("validate up-to-date figures on a wrong sha256", 1, "does not match the manifest: expected sha256 " + "1".repeat(64),
                        c -> of("validate", "-q", "--bundle", c.mnistWith(int8Sha(), "1".repeat(64)), "--samples", ValidateCommandTest.digits())),
                new Case("validate --force an all-zero sha256", 1, "does not match the manifest: expected sha256 " + "0".repeat(64),
                        c -> of("validate", "-q", "--force", "--bundle", c.mnistWith(int8Sha(), "0".repeat(64)),
                                "--samples", ValidateCommandTest.digits())),
                new Case("validate a variant whose file is gone", 1, "does not match the manifest: missing", c -> {
                    Path b = c.mnistCopy();
                    Files.delete(b.resolve("model.int8.onnx"));
                    return of("validate", "-q", "--bundle", b, "--samples", ValidateCommandTest.digits());
                }),
                new Case("validate a manifest whose vocab is outside", 1, "preprocessing.vocab '../vocab.txt' refused", c -> of("validate", "-q",
                        "--bundle", c.mnistWith("\"type\": \"digit-image\"", "\"type\": \"digit-image\", \"vocab\": \"../vocab.txt\""))),
                new Case("validate a manifest of 1e999 bytes", 1, "out of range", c -> of("validate", "-q",
                        "--bundle", c.mnistWith("\"bytes\": ", "\"bytes\": 1e999"))),
                new Case("validate --variants int4", 1, "has no variant 'int4'", c -> of("validate", "-q", "--bundle", mnist, "--variants", "int4")),
                new Case("validate a 100,000-deep manifest", 1, "nesting deeper than 128", c -> {
                    Path b = c.mnistCopy();
                    c.deepJson("bundle/manifest.json");
                    return of("validate", "-q", "--bundle", b);
                }),
                new Case("validate --samples that is not libsvm", 1, "expected index:value, found 'pixels'", c -> of("validate", "-q", "--force",
                        "--bundle", c.mnistCopy(), "--samples", c.write("bad.libsvm", "7 pixels"))),
                new Case("validate a bundle in /proc", 1, "bundle directory not found: /proc/x", c -> of("validate", "-q", "--bundle", "/proc/x")),

                // --- inspect
                new Case("inspect without a target", 2, "Missing required parameter", c -> of("inspect")),
                new Case("inspect a missing file", 1, "model file not found", c -> of("inspect", c.dir().resolve("none.onnx"))),
                new Case("inspect a text file", 1, "not an ONNX model", c -> of("inspect", textFile)),
                new Case("inspect a 100,000-deep manifest", 1, "nesting deeper than 128", c -> {
                    Path b = c.mnistCopy();
                    c.deepJson("bundle/manifest.json");
                    return of("inspect", b);
                }),
                new Case("inspect a bundle naming ../../../../etc/passwd", 1, "'../../../../etc/passwd' refused", c -> of("inspect",
                        c.mnistWith("\"model.int8.onnx\"", "\"../../../../etc/passwd\""))),
                new Case("inspect a bundle naming /etc/passwd", 1, "refused: absolute", c -> of("inspect",
                        c.mnistWith("\"model.int8.onnx\"", "\"/etc/passwd\""))),
                new Case("inspect a bundle naming a backslash path", 1, "refused: backslash", c -> of("inspect",
                        c.mnistWith("\"model.int8.onnx\"", "\"..\\\\..\\\\model.onnx\""))),
                new Case("inspect a bundle naming a drive", 1, "refused: colon", c -> of("inspect",
                        c.mnistWith("\"model.int8.onnx\"", "\"C:model.onnx\""))),
                new Case("inspect a bundle naming an empty path", 1, "refused: empty", c -> of("inspect",
                        c.mnistWith("\"model.int8.onnx\"", "\"\""))),
                new Case("inspect a bundle with a wrong sha256", 1, "1 file(s) do not match the manifest", c -> of("inspect",
                        c.mnistWith(int8Sha(), "0".repeat(64)))),
                new Case("inspect a bundle with negative bytes", 1, "bytes must not be negative", c -> of("inspect",
                        c.mnistWith("\"bytes\": ", "\"bytes\": -"))),

                // --- train
                new Case("train without --spec", 2, "Missing required option: '--spec", c -> of("train", "--data", trainData)),
                new Case("train without --data", 2, "Missing required option: '--data", c -> of("train", "--spec", trainSpec)),
                new Case("train on 100,000-deep data", 1, "nesting deeper than 128", c -> of("train", "-q", "--spec", trainSpec,
                        "--data", c.deepJson("d.json"), "--out", c.dir().resolve("out"))),
                new Case("train on a value of 1e999", 1, "(in [3].Size (cm)): number '1e999' is out of range", c -> of("train", "-q",
                        "--spec", trainSpec, "--data", c.write("d.json", withSize3("1e999")), "--out", c.dir().resolve("out"))),
                new Case("train on a value of -1e400", 1, "out of range", c -> of("train", "-q", "--spec", trainSpec,
                        "--data", c.write("d.json", withSize3("-1e400")), "--out", c.dir().resolve("out"))),
                new Case("train on a 200-digit number", 1, "number longer than 100 characters", c -> of("train", "-q", "--spec", trainSpec,
                        "--data", c.write("d.json", withSize3("1".repeat(200))), "--out", c.dir().resolve("out"))),
                new Case("train on values near the double limit", 1, "too large to standardise", c -> of("train", "-q", "--spec", trainSpec,
                        "--data", c.write("d.json", withSize3("1.7e308")), "--out", c.dir().resolve("out"))),
                new Case("train on one class", 1, "needs at least two classes, found one: small", c -> of("train", "-q", "--spec", trainSpec,
                        "--data", c.write("d.json", oneClass()), "--out", c.dir().resolve("out"))),
                new Case("train on an object, not an array", 1, "expected a JSON array of records", c -> of("train", "-q", "--spec", trainSpec,
                        "--data", c.write("d.json", "{\"a\": 1}"), "--out", c.dir().resolve("out"))),
                new Case("train on five records", 1, "too few records", c -> of("train", "-q", "--spec", trainSpec,
                        "--data", c.write("d.json", Json.write(TrainCommandTest.records(5))), "--out", c.dir().resolve("out"))),
                new Case("train on a string in a numeric column", 1, "column 'Size (cm)' must be a number, found 'big'", c -> of("train", "-q", "--spec", trainSpec,
                        "--data", c.write("d.json", withSize3("\"big\"")), "--out", c.dir().resolve("out"))),
                new Case("train with a spec of 1e999", 1, "out of range", c -> of("train", "-q", "--spec",
                        c.write("s.json", TrainCommandTest.SPEC.replace("0.25", "1e999")), "--data", trainData, "--out", c.dir().resolve("out"))),
                new Case("train with a 100,000-deep spec", 1, "nesting deeper than 128", c -> of("train", "-q", "--spec", c.deepJson("s.json"),
                        "--data", trainData, "--out", c.dir().resolve("out"))),
                new Case("train --out /proc", 1, "cannot write bundle /proc/x", c -> of("train", "-q", "--spec", trainSpec, "--data", trainData,
                        "--out", "/proc/x")),
                new Case("train missing data", 1, "not found", c -> of("train", "-q", "--spec", trainSpec, "--data", c.dir().resolve("none.json"),
                        "--out", c.dir().resolve("out"))),

                // --- bench-quant
                new Case("bench-quant without --bundle", 2, "Missing required option: '--bundle", c -> of("bench-quant", "--reference", goodModel)),
                new Case("bench-quant without --reference", 2, "Missing required option: '--reference", c -> of("bench-quant", "--bundle", mnist)),
                new Case("bench-quant --runs 0", 2, "expected a whole number of at least 1, found '0'", c -> of("bench-quant", "-q",
                        "--bundle", mnist, "--reference", goodModel, "--runs", "0")),
                new Case("bench-quant --runs -3", 2, "found '-3'", c -> of("bench-quant", "-q", "--bundle", mnist, "--reference", goodModel,
                        "--runs=-3")),
                new Case("bench-quant --runs NaN", 2, "expected a whole number, found 'NaN'", c -> of("bench-quant", "-q", "--bundle", mnist,
                        "--reference", goodModel, "--runs", "NaN")),
                new Case("bench-quant --worst -1", 2, "at least 0, found '-1'", c -> of("bench-quant", "-q", "--bundle", mnist,
                        "--reference", goodModel, "--worst=-1")),
                new Case("bench-quant on an image bundle", 1, "compares text models that give embeddings", c -> of("bench-quant", "-q", "--bundle", mnist,
                        "--reference", goodModel)),
                new Case("bench-quant on a missing bundle", 1, "bundle directory not found", c -> of("bench-quant", "-q", "--bundle", c.dir().resolve("none"),
                        "--reference", goodModel)),
                new Case("bench-quant on a bundle naming ../x", 1, "'../x' refused", c -> of("bench-quant", "-q",
                        "--bundle", c.mnistWith("\"model.int8.onnx\"", "\"../x\""), "--reference", goodModel)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void isRefusedInOneLineAndChangesNothing(Case k) throws IOException {
        List<String> args = k.args().build(new Ctx(caseDir));
        Map<String, String> before = snapshot(caseDir);
        Map<String, String> sharedBefore = snapshot(shared);

        Cli r = Cli.run(args.toArray(String[]::new));

        assertThat(r.exitCode()).as("exit code of %s; stderr: %s", args, r.err()).isEqualTo(k.exit());
        List<String> lines = Arrays.stream(r.err().split("\\R")).filter(l -> !l.isBlank()).toList();
        assertThat(lines).as("stderr of %s", args).hasSize(1);
        assertThat(lines.get(0)).contains(k.fragment()).startsWith("tandem-converter");
        assertThat(r.err()).doesNotContain("Exception").doesNotContain("at io.").doesNotContain("java.lang")
                .doesNotContain("\tat ").doesNotContain("onnxruntime::");
        assertThat(snapshot(caseDir)).as("files in the case's directory").isEqualTo(before);
        assertThat(snapshot(shared)).as("files of the shared fixtures").isEqualTo(sharedBefore);
    }

    @Test
    void thereAreAtLeastSixtyCasesOverEverySubcommand() {
        List<Case> all = cases().toList();
        assertThat(all).hasSizeGreaterThanOrEqualTo(60);
        assertThat(all.stream().map(Case::name).distinct().count()).isEqualTo(all.size());
        Set<String> commands = Set.of("import", "quantize", "optimize", "validate", "inspect", "train", "bench-quant");
        for (String command : commands) {
            assertThat(all).as(command).anyMatch(k -> k.name().startsWith(command + " "));
        }
    }

    /** Every file under {@code dir} (relative path → size and content hash). */
    static Map<String, String> snapshot(Path dir) throws IOException {
        Map<String, String> out = new TreeMap<>();
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                byte[] bytes = Files.readAllBytes(f);
                out.put(dir.relativize(f).toString(), bytes.length + ":" + Arrays.hashCode(bytes));
            }
        }
        return out;
    }
}
