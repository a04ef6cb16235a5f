package io.tandem.server.models;

import io.tandem.server.inference.ServerModel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The versions of one model side by side: the stable one, a candidate on trial with a sticky canary
 * share, and the previous stable one kept for rollback. Requests read the current {@link Rollout}
 * without locks and lease the version they were routed to; admin actions are serialised and swap in
 * a new rollout at once. A version taken out of service is closed only once its last lease is back.
 */
public final class ModelVersions {
    private static final Logger LOG = LoggerFactory.getLogger(ModelVersions.class);
    /** Version folder names: no separators, no "..", nothing a shell or URL would mangle. */
    private static final Pattern VERSION = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._+-]{0,63}");

    public enum State { STABLE, CANDIDATE, RETIRED, DRAINING }

    /** One loaded version as the admin API lists it. */
    public record VersionInfo(String version, State state, String variant, int trafficPercent, int inFlight,
                              String loadedAt) {
    }

    /** Everything an operator needs to decide the next step. */
    public record Status(String model, int canaryPercent, List<VersionInfo> versions, List<String> staged,
                         String stagingFolder) {
    }

    private final String id;
    private final Path versionsDir;
    private final VersionLoader loader;
    private final RolloutRecords records;
    private final Consumer<LoadedVersion> drained;
    private final AtomicReference<Rollout> rollout;
    /** Versions out of service whose last requests are still running. */
    private final Set<LoadedVersion> draining = ConcurrentHashMap.newKeySet();

    /**
     * @param close  stops a drained version's queue and closes its session
     * @param closer runs {@code close} off the request thread that let go last
     */
    ModelVersions(ServerModel stable, Path versionsDir, VersionLoader loader, Consumer<ServerModel> close, Executor closer) {
        this(stable, versionsDir, loader, close, closer, RolloutRecords.FILES);
    }

    ModelVersions(ServerModel stable, Path versionsDir, VersionLoader loader, Consumer<ServerModel> close, Executor closer,
                  RolloutRecords records) {
        this.records = records;
        this.id = stable.manifest().id();
        this.versionsDir = versionsDir;
        this.loader = loader;
        // Listed as draining until its session is closed, so the status never hides a live session.
        this.drained = v -> closer.execute(() -> {
            try {
                close.accept(v.model());
            } finally {
                draining.remove(v);
            }
        });
        this.rollout = new AtomicReference<>(new Rollout(new LoadedVersion(stable, drained), null, null, 0));
    }

    public String id() {
        return id;
    }

    /** The version everyone outside the canary gets (and the browser downloads). */
    public ServerModel stable() {
        return rollout.get().stable().model();
    }

    /**
     * Routes a client (sticky: the same id lands in the same bucket) and leases the version it
     * gets; the caller closes the lease when its request is done.
     */
    public ModelLease acquire(String clientId) {
        while (true) {
            Rollout r = rollout.get();
            LoadedVersion v = r.canaryActive() ? r.route(CanaryBuckets.bucket(id, clientId)) : r.stable();
            if (v.tryAcquire()) {
                return new ModelLease(v);
            }
            // The version left service between reading the rollout and leasing it: the rollout
            // has changed since, so the next read routes to a version still in it.
        }
    }

    /** Leases the named version if it is in this rollout (stable, candidate or previous). */
    public Optional<ModelLease> acquireVersion(String version) {
        while (true) {
            Rollout r = rollout.get();
            LoadedVersion v = named(r, version);
            if (v == null) {
                return Optional.empty();
            }
            if (v.tryAcquire()) {
                return Optional.of(new ModelLease(v));
            }
        }
    }

    private static LoadedVersion named(Rollout r, String version) {
        for (LoadedVersion v : new LoadedVersion[]{r.stable(), r.candidate(), r.previous()}) {
            if (v != null && v.version().equals(version)) {
                return v;
            }
        }
        return null;
    }

    /**
     * Loads {@code <versions>/<version>/}, checks it ({@link VersionLoader}) and makes it the
     * candidate with the given canary share. The versions in service are untouched if it fails.
     */
    public Status stage(String version, int canaryPercent) {
        if (!isVersionName(version)) {
            throw new RolloutException(RolloutException.Reason.INVALID,
                    "a version is 1–64 letters, digits, '.', '_', '+' or '-', starting with a letter or digit");
        }
        checkShare(canaryPercent);
        checkStageable(version);
        records.checkWritable();
        Path dir = versionsDir.resolve(version);
        if (!Files.isRegularFile(dir.resolve(Bundle.MANIFEST))) {
            throw new RolloutException(RolloutException.Reason.NOT_FOUND, "no staged version '" + version
                    + "' of " + id + ": copy the bundle (manifest.json and its files) to " + dir + " first");
        }
        // Loading takes seconds for a big model: outside the lock, so traffic and status reads go on.
        ServerModel model = loader.load(dir, version, stable().manifest());
        synchronized (this) {
            try {
                checkStageable(version);
            } catch (RolloutException e) {
                model.close();
                throw e;
            }
            Rollout r = rollout.get();
            swap(new Rollout(r.stable(), new LoadedVersion(model, drained), r.previous(), canaryPercent));
        }
        LOG.info("model {}: version {} staged as candidate, canary {}%", id, version, canaryPercent);
        return status();
    }

    public synchronized Status canary(int percent) {
        checkShare(percent);
        records.checkWritable();
        Rollout r = rollout.get();
        if (r.candidate() == null) {
            throw conflict("model " + id + " has no candidate; stage a version first");
        }
        swap(new Rollout(r.stable(), r.candidate(), r.previous(), percent));
        LOG.info("model {}: canary {}% to {}", id, percent, r.candidate().version());
        return status();
    }

    /** The candidate becomes stable; the stable one is kept as previous; the one before leaves. */
    public synchronized Status promote() {
        records.checkWritable();
        Rollout r = rollout.get();
        if (r.candidate() == null) {
            throw conflict("model " + id + " has no candidate to promote; stage a version first");
        }
        swap(new Rollout(r.candidate(), null, r.stable(), 0));
        retire(r.previous());
        LOG.info("model {}: promoted {} (previous stable {})", id, r.candidate().version(), r.stable().version());
        return status();
    }

    /** The previous stable version serves again; the current stable one leaves. A candidate stays. */
    public synchronized Status rollback() {
        records.checkWritable();
        Rollout r = rollout.get();
        if (r.previous() == null) {
            throw conflict("model " + id + " has no previous stable version to roll back to"
                    + " (only a promote leaves one, until the next promote)");
        }
        swap(new Rollout(r.previous(), r.candidate(), null, r.canaryPercent()));
        retire(r.stable());
        LOG.info("model {}: rolled back from {} to {}", id, r.stable().version(), r.previous().version());
        return status();
    }

    /** Ends a trial: the candidate takes no more traffic and leaves once its requests are done. */
    public synchronized Status dropCandidate() {
        records.checkWritable();
        Rollout r = rollout.get();
        if (r.candidate() == null) {
            throw conflict("model " + id + " has no candidate to drop");
        }
        swap(new Rollout(r.stable(), null, r.previous(), 0));
        retire(r.candidate());
        LOG.info("model {}: dropped candidate {}", id, r.candidate().version());
        return status();
    }

    /** The candidate's share of clients now; 0 without a candidate. */
    public int canaryPercent() {
        Rollout r = rollout.get();
        return r.candidate() == null ? 0 : r.canaryPercent();
    }

    /** Versions holding an onnxruntime session now: in service, kept for rollback, or draining. */
    public int loadedCount() {
        Rollout r = rollout.get();
        return 1 + (r.candidate() == null ? 0 : 1) + (r.previous() == null ? 0 : 1) + draining.size();
    }

    public Status status() {
        Rollout r = rollout.get();
        List<VersionInfo> versions = new ArrayList<>();
        int canary = r.canaryActive() ? r.canaryPercent() : 0;
        versions.add(info(r.stable(), State.STABLE, 100 - canary, true));
        if (r.candidate() != null) {
            versions.add(info(r.candidate(), State.CANDIDATE, canary, true));
        }
        if (r.previous() != null) {
            versions.add(info(r.previous(), State.RETIRED, 0, true));
        }
        for (LoadedVersion v : draining) {
            versions.add(info(v, State.DRAINING, 0, false));
        }
        return new Status(id, r.candidate() == null ? 0 : r.canaryPercent(), versions, staged(r),
                versionsDir.toString());
    }

    /** Every version this model holds, in service or draining: for closing them all at shutdown. */
    synchronized List<ServerModel> loaded() {
        Rollout r = rollout.get();
        List<ServerModel> out = new ArrayList<>();
        out.add(r.stable().model());
        if (r.candidate() != null) {
            out.add(r.candidate().model());
        }
        if (r.previous() != null) {
            out.add(r.previous().model());
        }
        for (LoadedVersion v : draining) {
            out.add(v.model());
        }
        return out;
    }

    /**
     * Puts back the rollout a previous run recorded ({@link RolloutRecords}): each version named is
     * loaded and checked again from its folder. One that no longer loads is left out with a warning
     * (the bundle in {@code <models>/<id>/} serves if the stable one is missing); on one machine the
     * record is then rewritten to what now serves. Called once, before traffic.
     */
    synchronized void restore(RolloutFile.State recorded) {
        Rollout now = adopt(recorded);
        LOG.info("model {}: restored the recorded rollout: stable {}, candidate {} ({}%), previous {}", id, now.stable().version(),
                now.candidate() == null ? "none" : now.candidate().version(), now.canaryPercent(),
                now.previous() == null ? "none" : now.previous().version());
        if (records == RolloutRecords.FILES && !stateOf(now).equals(recorded)) {
            persist(now);
        }
    }

    /**
     * Switches to the rollout another instance recorded: versions this one has loaded are kept,
     * the others loaded from this instance's {@code versions/} folder, those no longer named leave
     * once drained. Never records anything: the record is the other instance's, and a version
     * this instance cannot load (its folder missing here) must not be erased from it for all.
     */
    public synchronized void follow(RolloutFile.State recorded) {
        if (stateOf(rollout.get()).equals(recorded)) {
            return;
        }
        Rollout now = adopt(recorded);
        LOG.info("model {}: following the shared rollout: stable {}, candidate {} ({}%), previous {}", id, now.stable().version(),
                now.candidate() == null ? "none" : now.candidate().version(), now.canaryPercent(),
                now.previous() == null ? "none" : now.previous().version());
    }

    /** Reads this model's record again and follows it; for change notices and resyncs. */
    public void followRecord() {
        try {
            records.latest(id).ifPresent(this::follow);
        } catch (RuntimeException e) {
            LOG.warn("model {}: cannot read the shared rollout: {}", id, e.getMessage());
        }
    }

    /** Puts the recorded rollout in service, reusing loaded versions by name; retires the rest. */
    private Rollout adopt(RolloutFile.State recorded) {
        Rollout before = rollout.get();
        LoadedVersion base = before.stable();
        LoadedVersion stable = resolve(recorded.stable(), before, "stable");
        if (stable == null) {
            stable = base;
        }
        LoadedVersion previous = distinct(recorded.previous(), stable) ? resolve(recorded.previous(), before, "previous") : null;
        LoadedVersion candidate = distinct(recorded.candidate(), stable) && (previous == null || !recorded.candidate().equals(previous.version()))
                ? resolve(recorded.candidate(), before, "candidate") : null;
        int share = candidate == null ? 0 : Math.max(0, Math.min(100, recorded.canaryPercent()));
        Rollout next = new Rollout(stable, candidate, previous, share);
        rollout.set(next);
        for (LoadedVersion old : new LoadedVersion[]{before.stable(), before.candidate(), before.previous()}) {
            if (old != null && old != stable && old != previous && old != candidate) {
                retire(old);
            }
        }
        return next;
    }

    private static RolloutFile.State stateOf(Rollout r) {
        return new RolloutFile.State(r.stable().version(), r.candidate() == null ? null : r.candidate().version(),
                r.candidate() == null ? 0 : r.canaryPercent(), r.previous() == null ? null : r.previous().version());
    }

    private static boolean isVersionName(String version) {
        return version != null && VERSION.matcher(version).matches() && !version.contains("..");
    }

    private static boolean distinct(String version, LoadedVersion stable) {
        return version != null && !version.equals(stable.version());
    }

    /** The version named: one of {@code loaded} when the names match, else loaded from its folder; null if it cannot be. */
    private LoadedVersion resolve(String version, Rollout loaded, String role) {
        if (version == null) {
            return null;
        }
        LoadedVersion known = named(loaded, version);
        if (known != null) {
            return known;
        }
        LoadedVersion base = loaded.stable();
        if (!isVersionName(version)) {
            LOG.warn("model {}: the recorded {} version '{}' is not a version name; left out", id, role, version);
            return null;
        }
        try {
            return new LoadedVersion(loader.load(versionsDir.resolve(version), version, base.model().manifest()), drained);
        } catch (RolloutException e) {
            LOG.warn("model {}: the recorded {} version cannot be loaded again, left out: {}", id, role, e.getMessage());
            return null;
        }
    }

    /** Puts {@code next} in service at once and records it for the next start. */
    private void swap(Rollout next) {
        rollout.set(next);
        persist(next);
    }

    /** Records the rollout for the next start (and the other instances); a failure is logged: the change itself has happened. */
    private void persist(Rollout r) {
        try {
            records.write(id, versionsDir, stateOf(r));
        } catch (IOException | RuntimeException e) {
            LOG.warn("model {}: cannot record the rollout ({}); a restart would not restore it and other instances do not follow it",
                    id, e.getMessage());
        }
    }

    private void retire(LoadedVersion v) {
        if (v != null) {
            draining.add(v);
            v.release();
        }
    }

    private void checkStageable(String version) {
        Rollout r = rollout.get();
        if (r.holds(version)) {
            throw conflict("version " + version + " of " + id + " is loaded already");
        }
        if (r.candidate() != null) {
            throw conflict("model " + id + " has a candidate (" + r.candidate().version()
                    + "); promote it or drop it first");
        }
    }

    private static void checkShare(int percent) {
        if (percent < 0 || percent > 100) {
            throw new RolloutException(RolloutException.Reason.INVALID, "a canary share is 0 to 100 (percent), not " + percent);
        }
    }

    private static RolloutException conflict(String message) {
        return new RolloutException(RolloutException.Reason.CONFLICT, message);
    }

    private static VersionInfo info(LoadedVersion v, State state, int traffic, boolean inRollout) {
        return new VersionInfo(v.version(), state, v.model().variant().name(), traffic, v.inFlight(inRollout),
                v.loadedAt().toString());
    }

    /** Version folders under the staging folder that are not loaded. */
    private List<String> staged(Rollout r) {
        if (!Files.isDirectory(versionsDir)) {
            return List.of();
        }
        try (Stream<Path> dirs = Files.list(versionsDir)) {
            return dirs.filter(d -> Files.isRegularFile(d.resolve(Bundle.MANIFEST)))
                    .map(d -> d.getFileName().toString())
                    .filter(v -> !r.holds(v))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            LOG.warn("cannot list {}: {}", versionsDir, e.getMessage());
            return List.of();
        }
    }
}
