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
}
