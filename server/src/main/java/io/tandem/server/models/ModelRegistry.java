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
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * The bundles found in the models folder, each verified and loaded into onnxruntime once, as the
 * stable version of its model; further versions of a model are staged from
 * {@code <models>/<id>/versions/<version>/} through {@link ModelVersions}.
 */
public final class ModelRegistry implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ModelRegistry.class);
    /** Where the versions of {@code <models>/<id>/} are staged: {@code <models>/<id>/versions/}. */
    public static final String VERSIONS = "versions";

    private final Map<String, ModelVersions> models = new TreeMap<>();
    /** Closes versions that left service once drained, off the request thread that let go last. */
    private final ExecutorService closer = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "tandem-version-closer");
        t.setDaemon(true);
        return t;
    });
    private volatile Consumer<ServerModel> beforeClose = m -> { };

    private ModelRegistry() {
    }

    public static ModelRegistry load(Path modelsDir, int ortThreads) {
        if (!Files.isDirectory(modelsDir)) {
            throw new StartupException("models folder " + modelsDir.toAbsolutePath()
                    + " does not exist: build the bundles with `mvn -pl models -am install`, or set TANDEM_MODELS");
        }
        ModelRegistry registry = new ModelRegistry();
        VersionLoader loader = new VersionLoader(ortThreads);
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
                    registry.close();
                    throw new StartupException("bundle " + dir.getFileName() + " is broken: " + e.getMessage(), e);
                }
                ServerModel model;
                try {
                    model = ServerModel.open(bundle, ortThreads);
                } catch (StartupException e) {
                    registry.close();
                    throw e;
                }
                ModelVersions versions = new ModelVersions(model, bundle.dir().resolve(VERSIONS), loader, registry::closeNow,
                        registry::closeLater);
                registry.models.put(bundle.manifest().id(), versions);
                restoreRollout(versions, bundle.dir().resolve(VERSIONS));
                LOG.info("loaded model {} {} in {} ms", bundle.manifest().id(), bundle.manifest().version(),
                        (System.nanoTime() - start) / 1_000_000);
            }
        } catch (IOException e) {
            registry.close();
            throw new StartupException("cannot list " + modelsDir + ": " + e.getMessage(), e);
        }
        if (registry.models.isEmpty()) {
            LOG.warn("no model bundles in {}", modelsDir.toAbsolutePath());
        }
        return registry;
    }

    /** Puts back what the last admin action left; an unreadable record is logged and ignored. */
    private static void restoreRollout(ModelVersions versions, Path versionsDir) {
        try {
            RolloutFile.read(versionsDir).ifPresent(versions::restore);
        } catch (IOException e) {
            LOG.warn("model {}: ignoring the recorded rollout: {}", versions.id(), e.getMessage());
        }
    }

    /**
     * Called with each version that left service, once its last request is done and before its
     * session closes: the inference queue of that version stops here. Set once, while wiring.
     */
    public void beforeClose(Consumer<ServerModel> hook) {
        this.beforeClose = hook;
    }

    public List<String> ids() {
        return new ArrayList<>(models.keySet());
    }

    /** The stable version of every model. */
    public List<ServerModel> all() {
        List<ServerModel> out = new ArrayList<>();
        for (ModelVersions v : models.values()) {
            out.add(v.stable());
        }
        return out;
    }

    /** The stable version of a model. */
    public Optional<ServerModel> find(String id) {
        return versions(id).map(ModelVersions::stable);
    }

    /** Routes a client to a version of the model (the canary share decides) and leases it. */
    public Optional<ModelLease> acquire(String id, String clientId) {
        return versions(id).map(v -> v.acquire(clientId));
    }

    public Optional<ModelVersions> versions(String id) {
        return Optional.ofNullable(models.get(id));
    }

    private void closeLater(Runnable closing) {
        try {
            closer.execute(closing);
        } catch (RejectedExecutionException e) {
            // Shutting down: close() closes whatever is still loaded.
        }
    }

    private void closeNow(ServerModel model) {
        try {
            beforeClose.accept(model);
            model.close();
            LOG.info("closed model {} {} after its last request", model.manifest().id(), model.manifest().version());
        } catch (RuntimeException e) {
            LOG.warn("closing model {} {} failed", model.manifest().id(), model.manifest().version(), e);
        }
    }

    @Override
    public void close() {
        closer.shutdown();
        try {
            closer.awaitTermination(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        for (ModelVersions v : models.values()) {
            for (ServerModel m : v.loaded()) {
                m.close();
            }
        }
        models.clear();
    }
}
