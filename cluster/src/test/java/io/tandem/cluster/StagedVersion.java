package io.tandem.cluster;

import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * A new version of a bundle staged on disk where the admin API looks for it,
 * {@code <models>/<id>/versions/<version>/} (server/README.md, Model versions): the same files
 * with the manifest's {@code version} changed, so its answers say which version served them.
 */
final class StagedVersion {
    private StagedVersion() {
    }

    static void stage(Path models, String id, String version) {
        Path bundle = models.resolve(id);
        Path target = bundle.resolve("versions").resolve(version);
        try (Stream<Path> files = Files.list(bundle)) {
            Files.createDirectories(target);
            for (Path file : (Iterable<Path>) files::iterator) {
                if (Files.isRegularFile(file)) {
                    Files.copy(file, target.resolve(file.getFileName().toString()));
                }
            }
            Path manifest = target.resolve("manifest.json");
            ObjectNode json = (ObjectNode) Api.JSON.readTree(manifest.toFile());
            json.put("version", version);
            Api.JSON.writerWithDefaultPrettyPrinter().writeValue(manifest.toFile(), json);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot stage " + id + " " + version + " under " + target, e);
        }
    }
}
