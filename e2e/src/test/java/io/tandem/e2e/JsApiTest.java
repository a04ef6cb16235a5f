package io.tandem.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The JS API as a developer meets it, in headless Chromium: the types ({@code /tandem.d.ts}) compile
 * against an example that uses every member and match the real module member for member, the npm
 * package lists its files, a loaded model reads well in the console, and the failures a new user
 * hits first (an unknown id, a server that is down) say what happened. {@link JsApiBadInputTest}
 * covers the bad arguments.
 */
class JsApiTest extends ServerAndBrowserTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** The npm package the client build makes (client/pom.xml, execution npm-package). */
    private static final Path PACKAGE = Path.of("../client/target/npm");
    private static final Path TSC = Path.of("node_modules/.bin/tsc");

    @BeforeAll
    static void openAPage() {
        driver.get(server.url("/index.html"));
    }

    @Test
    void theTypesCompileAgainstAnExampleUsingEveryMemberAndRefuseMistakes(@TempDir Path dir) throws Exception {
        String served = get("/tandem.d.ts");
        assertThat(served).as("GET /tandem.d.ts").contains("export declare function load(");
        assertThat(Files.readString(PACKAGE.resolve("tandem.d.ts")))
                .as("the npm package's tandem.d.ts is the served one (rebuild the client: mvn -pl client,e2e test)")
                .isEqualTo(served);
        Path pkg = dir.resolve("node_modules/tandem-client");
        Files.createDirectories(pkg);
        for (String file : List.of("package.json", "tandem.d.ts", "tandem.js", "README.md")) {
            Files.copy(PACKAGE.resolve(file), pkg.resolve(file));
        }
        Files.writeString(dir.resolve("package.json"), "{\"type\": \"module\"}");
        Files.copy(resource("types/example.ts"), dir.resolve("example.ts"));
        Files.copy(resource("types/misuse.ts"), dir.resolve("misuse.ts"));

        // Resolved through the package's exports/types, as a bundler (Vite) and Node resolve it.
        for (String resolution : List.of("bundler", "nodenext")) {
            Result ok = tsc(dir, resolution, "example.ts");
            assertThat(ok.output).as("tsc --moduleResolution " + resolution + " example.ts").isEmpty();
            assertThat(ok.exit).isZero();
        }
        Result refused = tsc(dir, "bundler", "misuse.ts");
        Report.line("tsc refuses misuse.ts: " + refused.output.replace('\n', ' '));
        assertThat(refused.output).contains("misuse.ts(5,", "'thread' does not exist", "Did you mean to write 'threads'",
                "misuse.ts(6,", "misuse.ts(7,", "'\"gpu\"'", "misuse.ts(8,", "Expected 1-2 arguments");
        assertThat(refused.output.lines().filter(l -> l.startsWith("misuse.ts(")).count()).isEqualTo(4);
    }

    @Test
    @SuppressWarnings("unchecked")
    void everyMemberTheTypesDeclareExistsOnTheRealModuleAndNothingUndeclared() throws Exception {
        Path dts = Files.createTempFile("tandem", ".d.ts");
        Files.writeString(dts, get("/tandem.d.ts"));
        Result listed = run(Path.of("."), "node", resource("types/dts-members.mjs").toString(), dts.toString());
        assertThat(listed.exit).as(listed.output).isZero();
        Map<String, Object> declared = JSON.readValue(listed.output, Map.class);

        Map<String, Object> found = (Map<String, Object>) tandem.run("""
                const [declared, done] = arguments;
                (async () => {
                  const t = await import('/tandem.js');
                  const progress = [];
                  const m = await t.load('mnist-cnn', { device: 'wasm', onProgress: p => progress.push(p) });
                  const prediction = await m.predict(new ImageData(28, 28));
                  const caps = await t.probe();
                  const missing = [];
                  const has = (what, object, members, optionalToo) => {
                    for (const member of members) {
                      if (member.optional && !optionalToo) continue;
                      let value = object, ok = true;
                      for (const part of member.name.split('.')) {
                        if (value == null || !(part in Object(value))) { ok = false; break; }
                        value = value[part];
                      }
                      if (ok && member.method && typeof value !== 'function') ok = false;
                      if (!ok) missing.push(what + '.' + member.name);
                    }
                  };
                  for (const name of declared.exports) if (!(name in t)) missing.push('export ' + name);
                  has('TandemModel', m, declared.types.TandemModel, true);
                  has('Capabilities', caps, declared.types.Capabilities, true);
                  has('model.capabilities', m.capabilities, declared.types.Capabilities, true);
                  has('LoadInfo', m.loadInfo, declared.types.LoadInfo, true);
                  has('Prediction', prediction, declared.types.Prediction, false);
                  has('Progress', progress[0], declared.types.Progress, true);
                  // Every declared option is one load() knows: an unknown one would be refused by name.
                  for (const option of declared.types.LoadOptions) {
                    try { await t.load('no-such-model', { [option.name]: undefined }); }
                    catch (e) { if (/unknown option/.test(e.message)) missing.push('option ' + option.name + ': ' + e.message); }
                  }
                  let known = '';
                  try { await t.load('mnist-cnn', { nonsense: 1 }); } catch (e) { known = e.message; }
                  // And the other way: what the module and a model really have.
                  const accessors = [];
                  for (let p = Object.getPrototypeOf(m); p && p !== Object.prototype; p = Object.getPrototypeOf(p)) {
                    for (const [name, d] of Object.entries(Object.getOwnPropertyDescriptors(p))) if (d.get) accessors.push(name);
                  }
                  return { missing, exports: Object.keys(t), own: Object.keys(m), accessors, known, progressCount: progress.length };
                })().then(done, e => tandemFail(done, e));
                """, declared);
        Report.line("d.ts vs module: " + found);
        assertThat((List<String>) found.get("missing")).as("declared in tandem.d.ts but not on the module").isEmpty();
        assertThat((Number) found.get("progressCount")).as("onProgress was called").matches(n -> n.intValue() > 0);

        List<String> modelMembers = names(declared, "TandemModel");
        assertThat((List<String>) found.get("exports")).as("module exports").containsExactlyInAnyOrderElementsOf((List<String>) declared.get("exports"));
        assertThat(modelMembers).as("the model's own properties and getters are declared")
                .containsAll((List<String>) found.get("own")).containsAll((List<String>) found.get("accessors"));
        List<String> options = names(declared, "LoadOptions").stream().filter(o -> !o.startsWith("_")).toList();
        assertThat((String) found.get("known")).as("the options load() lists are the declared ones")
                .endsWith("load() takes " + String.join(", ", options));
    }

    @Test
    @SuppressWarnings("unchecked")
    void aModelReadsWellInTheConsole() {
        Map<String, Object> shown = (Map<String, Object>) tandem.run("""
                const done = arguments[arguments.length - 1];
                (async () => {
                  const t = await import('/tandem.js');
                  const m = await t.load('mnist-cnn', { device: 'wasm' });
                  window.tandemShownModel = m;
                  return { keys: Object.keys(m), text: String(m), json: JSON.parse(JSON.stringify(m)), isModel: m instanceof t.TandemModel };
                })().then(done, e => tandemFail(done, e));
                """);
        Report.line("a model in the console: " + shown);
        assertThat((List<String>) shown.get("keys")).containsExactly("id", "version", "task", "device", "variant", "threads", "storage", "reason");
        assertThat((String) shown.get("text")).matches("TandemModel mnist-cnn@\\S+ on wasm \\(int8\\)");
        Map<String, Object> json = (Map<String, Object>) shown.get("json");
        assertThat(json).containsEntry("id", "mnist-cnn").containsEntry("device", "wasm").containsEntry("variant", "int8")
                .containsEntry("task", "image-classification").containsEntry("storage", "cache").containsKey("threads");
        assertThat(shown.get("isModel")).isEqualTo(true);

        // What DevTools' console shows for console.log(model): the preview V8's inspector makes.
        Map<String, Object> evaluated = driver.executeCdpCommand("Runtime.evaluate",
                Map.of("expression", "window.tandemShownModel", "generatePreview", true));
        Map<String, Object> preview = (Map<String, Object>) ((Map<String, Object>) evaluated.get("result")).get("preview");
        List<String> previewed = new ArrayList<>();
        for (Map<String, Object> p : (List<Map<String, Object>>) preview.get("properties")) {
            previewed.add(p.get("name") + ": " + p.get("value"));
        }
        Report.line("console.log(model) previews: " + previewed);
        assertThat(previewed).startsWith("id: mnist-cnn", "version: " + json.get("version"), "task: image-classification", "device: wasm",
                "variant: int8");
        assertThat(previewed).allMatch(p -> List.of("id", "version", "task", "device", "variant", "threads", "storage", "reason")
                .contains(p.substring(0, p.indexOf(':'))), "only the readable properties");
    }

    @Test
    @SuppressWarnings("unchecked")
    void anUnknownIdSaysWhichModelsThereAre() {
        List<Map<String, Object>> errors = (List<Map<String, Object>>) tandem.run("""
                const done = arguments[arguments.length - 1];
                (async () => {
                  const t = await import('/tandem.js');
                  const out = [];
                  for (const id of ['nope', 'mnist-cn']) {
                    try { await t.load(id); out.push({ id, resolved: true }); }
                    catch (e) { out.push({ id, code: e.code, status: e.status, message: e.message }); }
                  }
                  return out;
                })().then(done, e => tandemFail(done, e));
                """);
        for (Map<String, Object> e : errors) {
            Report.line("unknown id " + e.get("id") + " → " + e.get("code") + ": " + e.get("message"));
            assertThat(e.get("code")).isEqualTo("not_found");
            assertThat(((Number) e.get("status")).intValue()).isEqualTo(404);
            assertThat((String) e.get("message")).startsWith("no model '" + e.get("id") + "' on this server;")
                    .contains("available: ").contains("mnist-cnn").contains("minilm-l6-v2");
        }
        assertThat((String) errors.get(1).get("message")).contains("did you mean 'mnist-cnn'?");
        assertThat((String) errors.get(0).get("message")).doesNotContain("did you mean");
    }

    @Test
    @SuppressWarnings("unchecked")
    void aServerThatCannotBeReachedSaysSoNotErrorNull() throws Exception {
        List<Map<String, Object>> errors;
        try (RecordingProxy proxy = new RecordingProxy(server.url(""))) {
            // The page and the module come through the proxy; then the "server" goes away.
            driver.get(proxy.url("/index.html"));
            tandem.run("""
                    const done = arguments[arguments.length - 1];
                    import('/tandem.js').then(t => { window.tandemModule = t; done(true); }, e => tandemFail(done, e));
                    """);
            proxy.close();
            errors = (List<Map<String, Object>>) tandem.run("""
                    const done = arguments[arguments.length - 1];
                    (async () => {
                      const t = window.tandemModule, out = [];
                      const cases = [['server down', () => t.load('mnist-cnn', { device: 'wasm' })],
                                     ['server down, server device', () => t.load('mnist-cnn', { device: 'server' })],
                                     ['another origin the page may not call', () => t.load('mnist-cnn', { baseUrl: 'http://127.0.0.1:9' })]];
                      for (const [name, call] of cases) {
                        try { await call(); out.push({ name, resolved: true }); }
                        catch (e) { out.push({ name, code: e.code, type: e.name, message: e.message, cause: String(e.cause) }); }
                      }
                      return out;
                    })().then(done, e => tandemFail(done, e));
                    """);
        } finally {
            driver.get(server.url("/index.html"));
        }
        for (Map<String, Object> e : errors) {
            String name = (String) e.get("name");
            Report.line("unreachable: " + name + " → " + e.get("code") + ": " + e.get("message"));
            assertThat(e.get("resolved")).as(name).isNull();
            assertThat(e.get("code")).as(name).isEqualTo("network");
            assertThat(e.get("type")).as(name).isEqualTo("TandemError");
            assertThat((String) e.get("message")).as(name)
                    .startsWith("could not reach the server for GET ")
                    .contains("manifest.json: Failed to fetch — is it running at http")
                    .doesNotContain("null", "TypeError");
            assertThat((String) e.get("cause")).as(name + ": the cause is fetch's own error").contains("Failed to fetch");
        }
        assertThat((String) errors.get(2).get("message")).contains("is it running at http://127.0.0.1:9,");
    }

    @Test
    void theNpmPackageListsItsFiles() throws Exception {
        Result packed = run(PACKAGE, "npm", "pack", "--dry-run", "--json", "--ignore-scripts");
        assertThat(packed.exit).as(packed.output).isZero();
        JsonNode pack = JSON.readTree(packed.output.substring(packed.output.indexOf('['))).get(0);
        List<String> files = new ArrayList<>();
        pack.get("files").forEach(f -> files.add(f.get("path").asText()));
        Report.line("npm pack --dry-run: " + pack.get("id").asText() + " " + files + ", " + pack.get("size").asLong() + " bytes packed");
        assertThat(files).containsExactlyInAnyOrder("README.md", "package.json", "tandem.d.ts", "tandem.js");

        JsonNode manifest = JSON.readTree(PACKAGE.resolve("package.json").toFile());
        assertThat(manifest.get("name").asText()).isEqualTo("tandem-client");
        assertThat(manifest.get("version").asText()).matches("\\d+\\.\\d+\\.\\d+(-[0-9A-Za-z.-]+)?");
        assertThat(manifest.get("type").asText()).isEqualTo("module");
        assertThat(manifest.get("types").asText()).isEqualTo("./tandem.d.ts");
        assertThat(manifest.at("/exports/./types").asText()).isEqualTo("./tandem.d.ts");
        assertThat(manifest.at("/exports/./import").asText()).isEqualTo("./tandem.js");
        assertThat(Files.readString(PACKAGE.resolve("tandem.js"))).as("the package's module is the served one").isEqualTo(get("/tandem.js"));
    }

    @SuppressWarnings("unchecked")
    private static List<String> names(Map<String, Object> declared, String type) {
        List<String> out = new ArrayList<>();
        for (Map<String, Object> m : (List<Map<String, Object>>) ((Map<String, Object>) declared.get("types")).get(type)) {
            out.add((String) m.get("name"));
        }
        return out;
    }

    private static Result tsc(Path dir, String resolution, String file) throws IOException, InterruptedException {
        return run(dir, TSC.toAbsolutePath().toString(), "--noEmit", "--strict", "--pretty", "false", "--target", "es2022",
                "--module", resolution.equals("bundler") ? "es2022" : "nodenext", "--moduleResolution", resolution,
                "--lib", "es2022,dom", file);
    }

    private record Result(int exit, String output) {
    }

    private static Result run(Path dir, String... command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
        byte[] out = p.getInputStream().readAllBytes();
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError(String.join(" ", command) + " did not finish");
        }
        return new Result(p.exitValue(), new String(out, StandardCharsets.UTF_8).trim());
    }

    private static String get(String path) throws IOException, InterruptedException {
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(server.url(path))).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as("GET " + path).isEqualTo(200);
        return r.body();
    }

    private static Path resource(String name) throws URISyntaxException {
        return Path.of(JsApiTest.class.getResource("/" + name).toURI());
    }
}
