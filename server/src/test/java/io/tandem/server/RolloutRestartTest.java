package io.tandem.server;

import io.tandem.server.models.ModelRegistry;
import io.tandem.server.models.ModelVersions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;

import static org.assertj.core.api.Assertions.assertThat;

/** A restart serves what the last admin action left, not the bundle in {@code <models>/<id>/} again. */
class RolloutRestartTest {
    @TempDir
    Path models;

    @Test
    void aPromotionAndItsRollbackTargetSurviveARestart() {
        VersionFolders folders = new VersionFolders(models);
        folders.stage("1.1.0");
        beforeRestart(folders, versions -> {
            versions.stage("1.1.0", 10);
            versions.promote();
        });
        try (ModelRegistry restarted = ModelRegistry.load(folders.models(), 1)) {
            ModelVersions versions = restarted.versions(VersionFolders.MODEL).orElseThrow();
            assertThat(restarted.find(VersionFolders.MODEL).orElseThrow().manifest().version()).isEqualTo("1.1.0");
            assertThat(states(versions)).containsExactly("1.1.0 STABLE", "1.0.0 RETIRED");

            versions.rollback();
            assertThat(restarted.find(VersionFolders.MODEL).orElseThrow().manifest().version()).isEqualTo("1.0.0");
        }
        try (ModelRegistry again = ModelRegistry.load(folders.models(), 1)) {
            assertThat(again.find(VersionFolders.MODEL).orElseThrow().manifest().version()).as("the rollback was recorded too")
                    .isEqualTo("1.0.0");
        }
    }

    @Test
    void aCanaryKeepsItsCandidateAndShareAcrossARestart() {
        VersionFolders folders = new VersionFolders(models);
        folders.stage("1.1.0");
        beforeRestart(folders, versions -> {
            versions.stage("1.1.0", 10);
            versions.canary(30);
        });
        try (ModelRegistry restarted = ModelRegistry.load(folders.models(), 1)) {
            ModelVersions versions = restarted.versions(VersionFolders.MODEL).orElseThrow();
            assertThat(versions.canaryPercent()).isEqualTo(30);
            assertThat(states(versions)).containsExactly("1.0.0 STABLE", "1.1.0 CANDIDATE");
        }
    }

    @Test
    void aRecordedVersionThatIsGoneIsLeftOutAndTheBundleServes() throws Exception {
        VersionFolders folders = new VersionFolders(models);
        Path staged = folders.stage("1.1.0");
        beforeRestart(folders, versions -> {
            versions.stage("1.1.0", 0);
            versions.promote();
        });
        try (var files = Files.list(staged)) {
            for (Path f : files.toList()) {
                Files.delete(f);
            }
        }
        Files.delete(staged);
        try (ModelRegistry restarted = ModelRegistry.load(folders.models(), 1)) {
            ModelVersions versions = restarted.versions(VersionFolders.MODEL).orElseThrow();
            assertThat(states(versions)).containsExactly("1.0.0 STABLE");
        }
        Path record = models.resolve(VersionFolders.MODEL).resolve(ModelRegistry.VERSIONS).resolve("rollout.json");
        assertThat(Files.readString(record)).as("rewritten to what serves").contains("\"stable\" : \"1.0.0\"").doesNotContain("1.1.0");
    }

    @Test
    void aDamagedRecordIsIgnored() throws Exception {
        VersionFolders folders = new VersionFolders(models);
        Path versionsDir = models.resolve(VersionFolders.MODEL).resolve(ModelRegistry.VERSIONS);
        Files.createDirectories(versionsDir);
        Files.writeString(versionsDir.resolve("rollout.json"), "{\"stable\": \"1.1");
        try (ModelRegistry restarted = ModelRegistry.load(folders.models(), 1)) {
            assertThat(states(restarted.versions(VersionFolders.MODEL).orElseThrow())).containsExactly("1.0.0 STABLE");
        }
    }

    /** The run before the restart: a registry on the folders, the admin actions, then shut down. */
    private static void beforeRestart(VersionFolders folders, Consumer<ModelVersions> actions) {
        try (ModelRegistry first = ModelRegistry.load(folders.models(), 1)) {
            actions.accept(first.versions(VersionFolders.MODEL).orElseThrow());
        }
    }

    private static List<String> states(ModelVersions versions) {
        return versions.status().versions().stream()
                .filter(v -> v.state() != ModelVersions.State.DRAINING)
                .map(v -> v.version() + " " + v.state()).toList();
    }
}
