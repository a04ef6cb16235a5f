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
    void servesWasmAsApplicationWasm() throws Exception {
        HttpResponse<String> wasm = server.send(java.net.http.HttpRequest.newBuilder(
                java.net.URI.create(server.url("/ort/ort-wasm-simd-threaded.wasm"))).method("HEAD",
                java.net.http.HttpRequest.BodyPublishers.noBody()).build());
        assertThat(wasm.statusCode()).isEqualTo(200);
        assertThat(wasm.headers().firstValue("Content-Type")).hasValue("application/wasm");
    }
}
