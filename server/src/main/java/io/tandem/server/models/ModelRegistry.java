package io.tandem.server.models;

import io.tandem.server.StartupException;
import io.tandem.server.inference.ServerModel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Stream;

/** The bundles found in the models folder, each verified and loaded into onnxruntime once. */
public final class ModelRegistry implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ModelRegistry.class);

    private final Map<String, ServerModel> models;

    private ModelRegistry(Map<String, ServerModel> models) {
        this.models = models;
    }

    public static ModelRegistry load(Path modelsDir, int ortThreads) {
        if (!Files.isDirectory(modelsDir)) {
            throw new StartupException("models folder " + modelsDir.toAbsolutePath()
                    + " does not exist: build the bundles with `mvn -pl models -am install`, or set TANDEM_MODELS");
        }
        Map<String, ServerModel> models = new TreeMap<>();
        try (Stream<Path> dirs = Files.list(modelsDir)) {
            for (Path dir : dirs.sorted().toList()) {
                if (!Files.isRegularFile(dir.resolve(Bundle.MANIFEST))) {
                    continue;
                }
                long start = System.nanoTime();
                Bundle bundle;
                try {
                    bundle = Bundle.open(dir.toAbsolutePath().normalize());
                } catch (BundleException e) {
                    closeAll(models);
                    throw new StartupException("bundle " + dir.getFileName() + " is broken: " + e.getMessage(), e);
                }
                models.put(bundle.manifest().id(), ServerModel.open(bundle, ortThreads));
                LOG.info("loaded model {} {} in {} ms", bundle.manifest().id(), bundle.manifest().version(),
                        (System.nanoTime() - start) / 1_000_000);
            }
        } catch (IOException e) {
            closeAll(models);
            throw new StartupException("cannot list " + modelsDir + ": " + e.getMessage(), e);
        }
        if (models.isEmpty()) {
            LOG.warn("no model bundles in {}", modelsDir.toAbsolutePath());
        }
        return new ModelRegistry(models);
    }

    public List<String> ids() {
        return new ArrayList<>(models.keySet());
    }

    public List<ServerModel> all() {
        return new ArrayList<>(models.values());
    }

    public Optional<ServerModel> find(String id) {
        return Optional.ofNullable(models.get(id));
    }

    @Override
    public void close() {
        closeAll(models);
    }

    private static void closeAll(Map<String, ServerModel> models) {
        for (ServerModel m : models.values()) {
            m.close();
        }
        models.clear();
    }
}
