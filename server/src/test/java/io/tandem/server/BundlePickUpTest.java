package io.tandem.server;

import io.tandem.server.inference.ServerModel;
import io.tandem.server.models.BrokenBundle;
import io.tandem.server.models.ModelRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Bundle folders that appear, change or go while the registry runs, one {@link ModelRegistry#rescan}
 * at a time (the watcher's passes, driven by hand): a new folder loads once two passes in a row saw
 * it unchanged, a copy still being written waits, a broken bundle is tried again only once it changed.
 */
class BundlePickUpTest {
    @TempDir
    Path models;

    @Test
    void aNewFolderLoadsOnceTwoPassesSawItUnchanged() throws Exception {
        BundleCopies.copy(models, "mnist-cnn");
        try (ModelRegistry registry = ModelRegistry.load(models, 1)) {
            BundleCopies.copyAtomically(models, "digits");
            registry.rescan();
            assertThat(registry.ids()).as("first seen: it may still be written").containsExactly("mnist-cnn");
            registry.rescan();
            assertThat(registry.ids()).containsExactly("digits", "mnist-cnn");
            assertThat(registry.broken()).isEmpty();
            ServerModel digits = registry.find("digits").orElseThrow();
            assertThat(digits.manifest().id()).isEqualTo("digits");
            assertThat(digits.predict(digits.pipeline().sampleInput())).isNotNull();
            registry.rescan();
            assertThat(registry.find("digits")).as("not loaded again").containsSame(digits);
        }
    }

    @Test
    void aBundleStillBeingCopiedIsNotLoadedUntilItIsComplete() {
        try (ModelRegistry registry = ModelRegistry.load(models, 1)) {
            Path dir = BundleCopies.startCopy(models, "digits", 1_000);
            registry.rescan();
            BundleCopies.continueCopy(dir, 40_000);
            registry.rescan();
            BundleCopies.continueCopy(dir, BundleCopies.modelSize());
            registry.rescan();
            assertThat(registry.ids()).as("changed on every pass: never tried").isEmpty();
            assertThat(registry.broken()).isEmpty();
            registry.rescan();
            assertThat(registry.ids()).containsExactly("digits");
            assertThat(registry.broken()).isEmpty();
        }
    }

    @Test
    void aCopyThatStallsIsListedBrokenAndLoadsOnceFinished() {
        try (ModelRegistry registry = ModelRegistry.load(models, 1)) {
            Path dir = BundleCopies.startCopy(models, "digits", 1_000);
            registry.rescan();
            registry.rescan();
            assertThat(registry.ids()).isEmpty();
            assertThat(registry.broken()).singleElement().satisfies(b ->
                    assertThat(b.reason()).isEqualTo("digits/model.onnx: expected " + BundleCopies.modelSize() + " bytes, found 1000"));
            BundleCopies.continueCopy(dir, BundleCopies.modelSize());
            registry.rescan();
            registry.rescan();
            assertThat(registry.ids()).containsExactly("digits");
            assertThat(registry.broken()).isEmpty();
        }
    }

    @Test
    void aBrokenBundleIsTriedAgainOnlyOnceItChanged() {
        BundleCopies.copy(models, "mnist-cnn");
        Path dir = BundleCopies.copy(models, "digits");
        VersionFolders.replaceInManifest(dir, "\"task\": \"image-classification\"", "\"task\": \"digits\"");
        try (ModelRegistry registry = ModelRegistry.load(models, 1)) {
            BrokenBundle first = registry.broken().get(0);
            assertThat(first.reason()).startsWith("digits/manifest.json: task: expected one of [image-classification, ").endsWith("found 'digits'");
            registry.rescan();
            registry.rescan();
            assertThat(registry.broken()).as("unchanged: not tried again").containsExactly(first);
            VersionFolders.replaceInManifest(dir, "\"task\": \"digits\"", "\"task\": \"image-classification\"");
            registry.rescan();
            registry.rescan();
            assertThat(registry.ids()).containsExactly("digits", "mnist-cnn");
            assertThat(registry.broken()).isEmpty();
        }
    }

    @Test
    void aBrokenEntryGoesWithItsFolderButALoadedModelStays() throws IOException {
        BundleCopies.copy(models, "mnist-cnn");
        Files.delete(BundleCopies.copy(models, "digits").resolve("model.onnx"));
        try (ModelRegistry registry = ModelRegistry.load(models, 1)) {
            assertThat(registry.broken()).extracting(BrokenBundle::id).containsExactly("digits");
            delete(models.resolve("digits"));
            Files.move(models.resolve("mnist-cnn"), models.resolve(".mnist-cnn-old"));
            registry.rescan();
            assertThat(registry.broken()).isEmpty();
            assertThat(registry.ids()).as("a loaded model is never unloaded by a pass").containsExactly("mnist-cnn");
        }
    }

    @Test
    void noMoreThanTheCapAreLoaded() {
        BundleCopies.copy(models, "a-digits");
        BundleCopies.copy(models, "mnist-cnn");
        try (ModelRegistry registry = ModelRegistry.load(models, 1, 2)) {
            assertThat(registry.ids()).containsExactly("a-digits", "mnist-cnn");
            BundleCopies.copy(models, "z-digits");
            registry.rescan();
            registry.rescan();
            assertThat(registry.ids()).containsExactly("a-digits", "mnist-cnn");
            assertThat(registry.broken()).singleElement().satisfies(b -> {
                assertThat(b.id()).isEqualTo("z-digits");
                assertThat(b.reason()).isEqualTo("not loaded: 2 models are loaded already (TANDEM_MAX_MODELS)");
            });
        }
    }

    @Test
    void aModelsFolderThatGoesAwayKeepsTheModelsLoaded() throws IOException {
        Path folder = Files.createDirectories(models.resolve("served"));
        BundleCopies.copy(folder, "mnist-cnn");
        try (ModelRegistry registry = ModelRegistry.load(folder, 1)) {
            Files.move(folder, models.resolve("gone"));
            registry.rescan();
            registry.rescan();
            assertThat(registry.ids()).containsExactly("mnist-cnn");
        }
    }

    private static void delete(Path dir) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
