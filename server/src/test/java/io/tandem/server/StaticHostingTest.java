package io.tandem.server;

import io.tandem.pipeline.bundle.Manifest;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.nio.file.Files;

import static org.assertj.core.api.Assertions.assertThat;

class StaticHostingTest extends DefaultServerTest {
    @Test
    void servesModelFilesWithTheirShaAsETag() throws Exception {
        Manifest m = Manifest.parse(Files.readString(TestModels.dir().resolve("mnist-cnn/manifest.json")));
        String sha = m.variant("fp32").file().sha256();
        HttpResponse<String> r = server.get("/models/mnist-cnn/model.onnx");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("ETag")).hasValue("\"" + sha + "\"");
        assertThat(r.headers().firstValue("Content-Length")).hasValue(Long.toString(m.variant("fp32").file().bytes()));
        HttpResponse<String> again = server.get("/models/mnist-cnn/model.onnx", "If-None-Match", "\"" + sha + "\"");
        assertThat(again.statusCode()).isEqualTo(304);
        assertThat(again.body()).isEmpty();
    }

    @Test
    void servesTheManifestAndListedSideFilesOnly() {
        HttpResponse<String> manifest = server.get("/models/minilm-l6-v2/manifest.json");
        assertThat(manifest.statusCode()).isEqualTo(200);
        assertThat(Manifest.parse(manifest.body()).id()).isEqualTo("minilm-l6-v2");
        assertThat(server.get("/models/minilm-l6-v2/vocab.txt").body()).startsWith("[PAD]\n");
        assertThat(server.get("/models/mnist-cnn/recipe.json").statusCode()).isEqualTo(404);
        assertThat(server.get("/models/mnist-cnn/..%2F..%2Fpom.xml").statusCode()).isEqualTo(404);
        assertThat(server.get("/models/ghost/model.onnx").statusCode()).isEqualTo(404);
    }

    @Test
    void servesPagesRuntimeAndOrtWithIsolationHeaders() {
        HttpResponse<String> page = server.get("/");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("Cross-Origin-Opener-Policy")).hasValue("same-origin");
        assertThat(page.headers().firstValue("Cross-Origin-Embedder-Policy")).hasValue("require-corp");
        HttpResponse<String> js = server.get("/tandem.js");
        assertThat(js.statusCode()).isEqualTo(200);
        assertThat(js.headers().firstValue("Content-Type").orElse("")).contains("javascript");
        HttpResponse<String> types = server.get("/tandem.d.ts");
        assertThat(types.statusCode()).isEqualTo(200);
        assertThat(types.headers().firstValue("Content-Type").orElse("")).as("text, not Jetty's video/mp2t for .ts").startsWith("text/plain");
        assertThat(types.body()).contains("export declare function load");
        HttpResponse<String> ort = server.get("/ort/ort.wasm.min.mjs");
        assertThat(ort.statusCode()).isEqualTo(200);
        assertThat(ort.headers().firstValue("Content-Type").orElse("")).contains("javascript");
    }

    @Test
    void pagesAndAnswersCarryAPolicyThatForbidsInlineScriptsFramingAndOtherOrigins() {
        for (String path : new String[] {"/", "/digits.html", "/api/v1/models", "/no-such-page"}) {
            HttpResponse<String> r = server.get(path);
            String csp = r.headers().firstValue("Content-Security-Policy").orElse("");
            assertThat(csp).as(path).contains("default-src 'self'", "frame-ancestors 'none'", "object-src 'none'")
                    .doesNotContain("unsafe-inline").doesNotContain("*");
            assertThat(r.headers().firstValue("X-Frame-Options")).as(path).hasValue("DENY");
            assertThat(r.headers().firstValue("Referrer-Policy")).as(path).hasValue("no-referrer");
            assertThat(r.headers().firstValue("Permissions-Policy").orElse("")).as(path).contains("camera=()", "microphone=()");
        }
        // The pages keep no inline script for the policy to block.
        for (String page : new String[] {"/", "/digits.html", "/search.html", "/penguins.html", "/dashboard.html"}) {
            assertThat(server.get(page).body()).as(page).doesNotContainPattern("<script(?![^>]*\\bsrc=)[^>]*>");
        }
    }

    @Test
    void servesWasmAsApplicationWasm() throws Exception {
        HttpResponse<String> wasm = server.send(java.net.http.HttpRequest.newBuilder(
                java.net.URI.create(server.url("/ort/ort-wasm-simd-threaded.wasm"))).method("HEAD",
                java.net.http.HttpRequest.BodyPublishers.noBody()).build());
        assertThat(wasm.statusCode()).isEqualTo(200);
        assertThat(wasm.headers().firstValue("Content-Type")).hasValue("application/wasm");
    }

    @Test
    void servesTheApiDocsPageWithSwaggerUiFromThisServer() {
        HttpResponse<String> page = server.get("/docs/");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("Content-Type").orElse("")).startsWith("text/html");
        assertThat(page.body()).contains("/docs/swagger-ui/swagger-ui-bundle.js", "/openapi.json")
                .doesNotContainPattern("<script(?![^>]*\\bsrc=)[^>]*>")
                .doesNotContain("https://");
        HttpResponse<String> bare = server.get("/docs");
        assertThat(bare.statusCode()).isEqualTo(301);
        assertThat(bare.headers().firstValue("Location").orElse("")).endsWith("/docs/");
        HttpResponse<String> bundle = server.get("/docs/swagger-ui/swagger-ui-bundle.js");
        assertThat(bundle.statusCode()).isEqualTo(200);
        assertThat(bundle.headers().firstValue("Content-Type").orElse("")).contains("javascript");
        assertThat(server.get("/docs/swagger-ui/swagger-ui.css").statusCode()).isEqualTo(200);
    }

    @Test
    void aBrowserGetsAnHtmlNotFoundPageWithTheNavigationWhileApiCallersKeepJson() {
        String browser = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8";
        for (String path : new String[] {"/no-such-page", "/models/mnist-cnn/", "/models/ghost/model.onnx"}) {
            HttpResponse<String> page = server.get(path, "Accept", browser);
            assertThat(page.statusCode()).as(path).isEqualTo(404);
            assertThat(page.headers().firstValue("Content-Type").orElse("")).as(path).startsWith("text/html");
            assertThat(page.body()).as(path).contains("<nav aria-label=\"Main\">", "href=\"/docs/\"", "Page not found");
        }
        // The same paths for a script, and API paths for a browser, stay JSON.
        HttpResponse<String> script = server.get("/models/ghost/model.onnx");
        assertThat(script.statusCode()).isEqualTo(404);
        assertThat(script.headers().firstValue("Content-Type").orElse("")).startsWith("application/json");
        HttpResponse<String> api = server.get("/api/v1/no-such-endpoint", "Accept", browser);
        assertThat(api.statusCode()).isEqualTo(404);
        assertThat(RunningServer.json(api).get("error").asText()).isEqualTo("not_found");
        HttpResponse<String> model = server.get("/api/v1/models/ghost", "Accept", browser);
        assertThat(model.statusCode()).isEqualTo(404);
        assertThat(model.headers().firstValue("Content-Type").orElse("")).startsWith("application/json");
    }
}
