package io.tandem.server.models;

import io.tandem.server.StartupException;
import io.tandem.server.inference.ServerModel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * The bundles found in the models folder, each verified and loaded into onnxruntime once, as the
 * stable version of its model; further versions of a model are staged from
 * {@code <models>/<id>/versions/<version>/} through {@link ModelVersions}.
 *
 * <p>Each bundle loads on its own: one that fails is kept as a {@link BrokenBundle} (reported, not
 * fatal) and the others serve. Only a models folder that is missing or cannot be listed stops the
 * start. {@link #rescan} ({@link ModelsWatcher} calls it) picks up bundle folders added later and
 * retries broken ones that changed ({@link BundleScan}). A model once loaded stays loaded until
 * shutdown, even if its folder goes. Requests read one immutable snapshot of the contents; a new
 * model and the end of its broken entry appear in the same write.
 */
public final class ModelRegistry implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ModelRegistry.class);
    /** Where the versions of {@code <models>/<id>/} are staged: {@code <models>/<id>/versions/}. */
    public static final String VERSIONS = "versions";
    /** Models loaded at most when the caller does not say ({@code TANDEM_MAX_MODELS}'s default). */
    public static final int DEFAULT_MAX_MODELS = 64;

    /** The loaded models and the broken bundles at one moment, both by id. */
    private record Contents(SortedMap<String, ModelVersions> models, SortedMap<String, BrokenBundle> broken) {
    }

    /** The models and broken bundles of one snapshot, for a listing that shows each bundle once. */
    public record Listing(List<ServerModel> models, List<BrokenBundle> broken) {
    }

    private final int maxModels;
    private final VersionLoader versionLoader;
    private final BundleScan scan;
    private volatile Contents contents = new Contents(Collections.emptySortedMap(), Collections.emptySortedMap());
    private boolean closed;
    /** Closes versions that left service once drained, off the request thread that let go last. */
    private final ExecutorService closer = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "tandem-version-closer");
        t.setDaemon(true);
        return t;
    });
    private volatile Consumer<ServerModel> beforeClose = m -> { };
    private volatile Consumer<ServerModel> onAdded = m -> { };

    private final RolloutRecords records;

    private ModelRegistry(Path modelsDir, int ortThreads, int maxModels, RolloutRecords records) {
        this.maxModels = maxModels;
        this.records = records;
        this.versionLoader = new VersionLoader(ortThreads);
        this.scan = new BundleScan(new ModelsFolder(modelsDir, 2 * maxModels), new BundleLoader(modelsDir, ortThreads), this);
    }

    public static ModelRegistry load(Path modelsDir, int ortThreads) {
        return load(modelsDir, ortThreads, DEFAULT_MAX_MODELS);
    }

    /**
     * Loads every bundle folder of {@code modelsDir} (at most {@code maxModels} models; the rest and
     * every bundle that fails its checks are {@link #broken}).
     *
     * @throws StartupException the models folder does not exist or cannot be listed
     */
    public static ModelRegistry load(Path modelsDir, int ortThreads, int maxModels) {
        return load(modelsDir, ortThreads, maxModels, RolloutRecords.FILES);
    }

    /** As {@link #load(Path, int, int)}, each model's rollout recorded in and restored from {@code records}. */
    public static ModelRegistry load(Path modelsDir, int ortThreads, int maxModels, RolloutRecords records) {
        if (!Files.isDirectory(modelsDir)) {
            throw new StartupException("models folder " + modelsDir.toAbsolutePath()
                    + " does not exist: build the bundles with `mvn -pl models -am install`, or set TANDEM_MODELS");
        }
        ModelRegistry registry = new ModelRegistry(modelsDir, ortThreads, maxModels, records);
        try {
            registry.scan.scan(false);
        } catch (IOException e) {
            registry.close();
            throw new StartupException("cannot list " + modelsDir + ": " + e.getMessage(), e);
        }
        Contents c = registry.contents;
        if (c.models().isEmpty()) {
            LOG.warn(c.broken().isEmpty() ? "no model bundles in {}: /ready answers 503 until one is added"
                    : "no model loaded from {}: every bundle is broken; /ready answers 503 until one loads", modelsDir.toAbsolutePath());
        }
        return registry;
    }

    /**
     * Looks at the models folder again: loads bundle folders that are new and unchanged since the
     * previous look, and broken ones that changed since they failed. One scan at a time; a
     * failure to list the folder is logged (once while it lasts) and the models loaded stay.
     */
    public void rescan() {
        try {
            scan.scan(true);
        } catch (IOException e) {
            scan.problem("cannot list the models folder: " + e.getMessage());
        }
    }

    /** Puts back what the last admin action left; an unreadable record is logged and ignored. */
    private void restoreRollout(ModelVersions versions, Path versionsDir) {
        try {
            records.read(versions.id(), versionsDir).ifPresent(versions::restore);
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

    /**
     * Called with the stable version of each model added while the server runs, right after it
     * became visible (metrics and drift monitors for it). Set once, while wiring.
     */
    public void onAdded(Consumer<ServerModel> hook) {
        this.onAdded = hook;
    }

    public List<String> ids() {
        return new ArrayList<>(contents.models().keySet());
    }

    /** The stable version of every model. */
    public List<ServerModel> all() {
        return stables(contents);
    }

    /** The bundles that did not load, by id, each with its reason. */
    public List<BrokenBundle> broken() {
        return new ArrayList<>(contents.broken().values());
    }

    /** {@link #all} and {@link #broken} from the same moment. */
    public Listing listing() {
        Contents c = contents;
        return new Listing(stables(c), new ArrayList<>(c.broken().values()));
    }

    /** The stable version of a model. */
    public Optional<ServerModel> find(String id) {
        return versions(id).map(ModelVersions::stable);
    }

    /** Routes a client to a version of the model (the canary share decides) and leases it. */
    public Optional<ModelLease> acquire(String id, String clientId) {
        return versions(id).map(v -> v.acquire(clientId));
    }

    /**
     * Leases the named version of a model if this instance has it in service (stable, candidate,
     * or kept for rollback); empty otherwise. A job picked up by another instance runs on the
     * version it was routed to when it was submitted.
     */
    public Optional<ModelLease> acquireVersion(String id, String version) {
        return versions(id).flatMap(v -> v.acquireVersion(version));
    }

    public Optional<ModelVersions> versions(String id) {
        return Optional.ofNullable(contents.models().get(id));
    }

    int maxModels() {
        return maxModels;
    }

    int size() {
        return contents.models().size();
    }

    boolean holds(String id) {
        return contents.models().containsKey(id);
    }

    /**
     * Makes a checked bundle's model the stable version of a new entry (with the rollout its
     * {@code versions/} folder recorded) and ends the bundle's broken entry, in one write. Refused,
     * and everything of it closed, when the registry is closed or the id is taken.
     */
    boolean admit(ServerModel model) {
        String id = model.manifest().id();
        ModelVersions versions = new ModelVersions(model, model.bundle().dir().resolve(VERSIONS), versionLoader, this::closeNow,
                this::closeLater, records);
        restoreRollout(versions, model.bundle().dir().resolve(VERSIONS));
        boolean added;
        synchronized (this) {
            Contents c = contents;
            added = !closed && !c.models().containsKey(id);
            if (added) {
                SortedMap<String, ModelVersions> models = new TreeMap<>(c.models());
                models.put(id, versions);
                SortedMap<String, BrokenBundle> broken = new TreeMap<>(c.broken());
                broken.remove(id);
                contents = new Contents(Collections.unmodifiableSortedMap(models), Collections.unmodifiableSortedMap(broken));
            }
        }
        if (!added) {
            versions.loaded().forEach(ServerModel::close);
        }
        return added;
    }

    /** Tells {@link #onAdded} about a model added after the start. */
    void announce(ServerModel model) {
        try {
            onAdded.accept(model);
        } catch (RuntimeException e) {
            LOG.warn("model {}: wiring it after loading failed: {}", model.manifest().id(), e.toString());
        }
    }

    /**
     * Records a bundle that did not load, replacing its earlier entry. At most {@code maxModels}
     * broken bundles are listed; false when this one is not.
     */
    synchronized boolean markBroken(BrokenBundle b) {
        Contents c = contents;
        if (!c.broken().containsKey(b.id()) && c.broken().size() >= maxModels) {
            return false;
        }
        SortedMap<String, BrokenBundle> broken = new TreeMap<>(c.broken());
        broken.put(b.id(), b);
        contents = new Contents(c.models(), Collections.unmodifiableSortedMap(broken));
        return true;
    }

    /** Drops the broken entries whose folder is no longer a bundle folder. */
    synchronized void retainBroken(Set<String> ids) {
        Contents c = contents;
        if (ids.containsAll(c.broken().keySet())) {
            return;
        }
        SortedMap<String, BrokenBundle> broken = new TreeMap<>(c.broken());
        broken.keySet().retainAll(ids);
        contents = new Contents(c.models(), Collections.unmodifiableSortedMap(broken));
    }

    private static List<ServerModel> stables(Contents c) {
        List<ServerModel> out = new ArrayList<>();
        for (ModelVersions v : c.models().values()) {
            out.add(v.stable());
        }
        return out;
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
        Contents c;
        synchronized (this) {
            closed = true;
            c = contents;
            contents = new Contents(Collections.emptySortedMap(), c.broken());
        }
        closer.shutdown();
        try {
            closer.awaitTermination(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        for (ModelVersions v : c.models().values()) {
            for (ServerModel m : v.loaded()) {
                m.close();
            }
        }
    }
}
