package io.tandem.client;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class EndpointsTest {
    private final Endpoints sameOrigin = new Endpoints("");

    @Test
    void sameOriginPathsByDefault() {
        assertThat(sameOrigin.manifest("mnist-cnn")).isEqualTo("/models/mnist-cnn/manifest.json");
        assertThat(sameOrigin.bundleFile("minilm-l6-v2", "vocab.txt")).isEqualTo("/models/minilm-l6-v2/vocab.txt");
        assertThat(sameOrigin.predict("mnist-cnn")).isEqualTo("/api/v1/models/mnist-cnn/predict");
        assertThat(sameOrigin.driftReports("mnist-cnn")).isEqualTo("/api/v1/models/mnist-cnn/drift/reports");
        assertThat(sameOrigin.ortDir()).isEqualTo("/ort/");
        assertThat(sameOrigin.models()).isEqualTo("/api/v1/models");
        assertThat(sameOrigin.ortModule(Device.WASM)).isEqualTo("/ort/ort.wasm.min.mjs");
        assertThat(sameOrigin.ortModule(Device.WEBGPU)).isEqualTo("/ort/ort.webgpu.min.mjs");
        assertThat(new Endpoints(null).manifest("a")).isEqualTo("/models/a/manifest.json");
    }

    @Test
    void baseUrlLosesTrailingSlashes() {
        Endpoints e = new Endpoints("http://host:7070/app//");
        assertThat(e.base()).isEqualTo("http://host:7070/app");
        assertThat(e.manifest("mnist-cnn")).isEqualTo("http://host:7070/app/models/mnist-cnn/manifest.json");
        assertThat(e.ortDir()).isEqualTo("http://host:7070/app/ort/");
    }

    @Test
    void bundlePathsAreEncodedSegmentBySegment() {
        assertThat(sameOrigin.bundleFile("m", "sub dir/model int8.onnx")).isEqualTo("/models/m/sub%20dir/model%20int8.onnx");
        assertThat(sameOrigin.bundleFile("m", "vocab-é.txt")).isEqualTo("/models/m/vocab-%C3%A9.txt");
    }

    @Test
    void refusesPathsThatLeaveTheBundle() {
        for (String bad : new String[] {"../secret", "/etc/passwd", "a//b", "a/./b", "", "a\\b"}) {
            assertThatThrownBy(() -> sameOrigin.bundleFile("m", bad)).as(bad).isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void refusesIdsThatAreNotOneSegment() {
        assertThat(Endpoints.checkId("minilm-l6-v2")).isEqualTo("minilm-l6-v2");
        assertThatThrownBy(() -> Endpoints.checkId("../x")).hasMessageContaining("must not start with '.'");
        assertThatThrownBy(() -> Endpoints.checkId("a/b")).hasMessageContaining("may only contain");
        assertThatThrownBy(() -> Endpoints.checkId("a?b")).hasMessageContaining("may only contain");
        assertThatThrownBy(() -> Endpoints.checkId("")).hasMessage("model id is missing");
        assertThatThrownBy(() -> Endpoints.checkId("x".repeat(129))).hasMessage("model id is 129 characters long; at most 128");
        assertThat(Endpoints.checkId("x".repeat(128))).hasSize(128);
        assertThatThrownBy(() -> Endpoints.checkId(null)).hasMessage("model id is missing");
    }

    @Test
    void serverHasNoRuntimeModule() {
        assertThatThrownBy(() -> sameOrigin.ortModule(Device.SERVER)).isInstanceOf(IllegalArgumentException.class);
    }
}
