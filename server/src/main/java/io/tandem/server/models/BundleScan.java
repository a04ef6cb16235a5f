package io.tandem.server.models;

import io.tandem.server.inference.ServerModel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One pass over the models folder: every bundle folder whose id is not loaded is loaded
 * ({@link BundleLoader}) and added to the registry, or recorded as a {@link BrokenBundle} with one
 * WARN line (the stack trace at DEBUG).
 *
 * <p>At start every folder is taken as complete. Later passes wait for a folder to settle: it
 * loads only when this pass sees the same {@linkplain ModelsFolder#fingerprint fingerprint} (every
 * file's size and time, the manifest's sha256) as the pass before, so a bundle still being copied
 * waits; a half-copied bundle that stays put is loaded, fails its sha256 checks and is listed
 * broken until the copy finishes and changes it. A broken folder is tried again only once its
 * fingerprint differs from the one that failed (a fixed manifest, a replaced file). Loaded models
 * are left alone: neither reloaded when their folder changes (new versions go through
 * {@code versions/} and the admin API) nor unloaded when it goes; a broken entry goes with its folder.
 */
final class BundleScan {
    private static final Logger LOG = LoggerFactory.getLogger(BundleScan.class);

    private final ModelsFolder folder;
    private final BundleLoader loader;
    private final ModelRegistry registry;
    /** The fingerprint of each not-loaded bundle folder as the previous pass saw it. */
    private Map<String, String> previous = Map.of();
    /** The fingerprint each broken folder had when it failed. */
    private final Map<String, String> failed = new HashMap<>();
    /** The last problem logged about the folder as a whole, so a lasting one is logged once. */
    private String problem;

    BundleScan(ModelsFolder folder, BundleLoader loader, ModelRegistry registry) {
        this.folder = folder;
        this.loader = loader;
        this.registry = registry;
    }

    /**
     * @param waitForSettled load only folders unchanged since the previous pass (false at start)
     * @throws IOException the models folder cannot be listed; nothing changed
     */
    synchronized void scan(boolean waitForSettled) throws IOException {
        List<Path> bundles = folder.bundles();
        if (bundles.size() > folder.maxBundles()) {
            problem("more than " + folder.maxBundles() + " bundle folders in " + folder.dir() + " (twice TANDEM_MAX_MODELS):"
                    + " only " + folder.maxBundles() + " of them are looked at");
            bundles = bundles.subList(0, folder.maxBundles());
        } else {
            problem(null);
        }
        Map<String, String> seen = new HashMap<>();
        for (Path dir : bundles) {
            String id = dir.getFileName().toString();
            if (registry.holds(id)) {
                continue;
            }
            String fingerprint = ModelsFolder.fingerprint(dir);
            seen.put(id, fingerprint);
            if (fingerprint.equals(failed.get(id)) || waitForSettled && !fingerprint.equals(previous.get(id))) {
                continue;
            }
            load(id, dir, fingerprint);
        }
        failed.keySet().retainAll(seen.keySet());
        registry.retainBroken(seen.keySet());
        previous = seen;
    }

    private void load(String id, Path dir, String fingerprint) {
        if (registry.size() >= registry.maxModels()) {
            broken(id, fingerprint, "not loaded: " + registry.maxModels() + " models are loaded already (TANDEM_MAX_MODELS)", null);
            return;
        }
        long start = System.nanoTime();
        ServerModel model;
        try {
            model = loader.load(dir);
        } catch (BundleLoader.Failure e) {
            broken(id, fingerprint, e.getMessage(), e.getCause());
            return;
        }
        if (!registry.admit(model)) {
            // Shutting down, or the id was taken meanwhile: nothing to report.
            return;
        }
        failed.remove(id);
        LOG.info("loaded model {} {} in {} ms", id, model.manifest().version(), (System.nanoTime() - start) / 1_000_000);
        registry.announce(model);
    }

    private void broken(String id, String fingerprint, String reason, Throwable cause) {
        failed.put(id, fingerprint);
        BrokenBundle b = new BrokenBundle(id, reason, Instant.now());
        boolean listed = registry.markBroken(b);
        LOG.warn("bundle {} is broken, not loaded: {}{}", id, b.reason(),
                listed ? "" : " (not listed: " + registry.maxModels() + " broken bundles are listed already)");
        if (cause != null) {
            LOG.debug("bundle {} failed to load", id, cause);
        }
    }

    /** Logs a problem with the folder as a whole once, and once more when it is gone. */
    synchronized void problem(String text) {
        if (Objects.equals(text, problem)) {
            return;
        }
        if (text != null) {
            LOG.warn("models folder: {}", text);
        } else if (problem != null) {
            LOG.info("models folder: the earlier problem is gone");
        }
        problem = text;
    }
}
