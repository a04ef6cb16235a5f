package io.tandem.server;

import io.tandem.pipeline.task.ModelInput;
import io.tandem.server.inference.Predictor;
import io.tandem.server.inference.ServerModel;
import io.tandem.server.models.ModelLease;
import io.tandem.server.models.ModelRegistry;
import io.tandem.server.models.ModelVersions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A version out of service stays loaded while a request holds it, and closes when the last lets go. */
class VersionDrainTest {
    @TempDir
    Path models;

    @Test
    void aVersionClosesOnlyAfterItsLastRequest() throws Exception {
        VersionFolders folders = new VersionFolders(models);
        folders.stage("1.1.0");
        ModelInput digit = ModelInput.image(MnistHead.load().get(0).image());
        try (ModelRegistry registry = ModelRegistry.load(folders.models(), 1);
             Predictor predictor = new Predictor(registry, ServerConfig.Inference.defaults(), m -> (size, nanos) -> { })) {
            registry.beforeClose(predictor::release);
            ModelVersions versions = registry.versions(VersionFolders.MODEL).orElseThrow();
            versions.stage("1.1.0", 100);

            ModelLease held = registry.acquire(VersionFolders.MODEL, "someone").orElseThrow();
            ServerModel candidate = held.model();
            assertThat(candidate.manifest().version()).isEqualTo("1.1.0");
            versions.dropCandidate();
            try (ModelLease next = registry.acquire(VersionFolders.MODEL, "someone").orElseThrow()) {
                assertThat(next.model().manifest().version()).as("new requests go to the stable version").isEqualTo("1.0.0");
            }

            // Out of service, but the request that holds it still runs on it, through its queue.
            assertThat(predictor.predict(candidate, digit)).isNotNull();
            ModelVersions.VersionInfo draining = versions.status().versions().get(1);
            assertThat(draining.state()).isEqualTo(ModelVersions.State.DRAINING);
            assertThat(draining.inFlight()).isEqualTo(1);

            held.close();
            held.close(); // a second close changes nothing
            for (int i = 0; i < 250 && versions.status().versions().size() > 1; i++) {
                Thread.sleep(20);
            }
            assertThat(versions.status().versions()).hasSize(1);
            // Its session is closed now: it frees its native memory and runs nothing more.
            assertThatThrownBy(() -> candidate.predict(digit)).isInstanceOf(IllegalStateException.class);
        }
    }
}
