package io.tandem.client;

import io.tandem.client.browser.CacheStore;
import io.tandem.client.browser.Digest;
import io.tandem.client.browser.Download;
import io.tandem.client.browser.Js;
import io.tandem.pipeline.bundle.BundleFile;
import org.teavm.jso.core.JSPromise;
import org.teavm.jso.core.JSString;
import org.teavm.jso.typedarrays.Uint8Array;

import java.util.ArrayList;
import java.util.List;

/**
 * Where a model's files come from: the Cache API first (keyed by the file's URL plus
 * {@code ?v=<model version>}), else the network with progress. Every file is checked against the
 * manifest's size and sha256 <em>before</em> it is used or stored; a file that fails is neither.
 * Stored files of other versions of the same model are evicted. When the browser has no room
 * (quota) or no Cache API the files stay in memory only, and {@link #storage()} says so.
 */
final class ModelStore {
    /** The Cache Storage cache holding model files and manifests. */
    static final String CACHE = "tandem-models-v1";

    private final String modelId;
    private final String version;
    private final Endpoints endpoints;
    private final Download.Progress progress;
    private final List<String> notes = new ArrayList<>();
    private final List<PendingPut> pending = new ArrayList<>();
    private boolean anyStored;
    private boolean anyInMemoryOnly;
    private double networkBytes;
    private double cacheBytes;

    ModelStore(String modelId, String version, Endpoints endpoints, Download.Progress progress) {
        this.modelId = modelId;
        this.version = version;
        this.endpoints = endpoints;
        this.progress = progress;
    }

    /**
     * The manifest, network first: a fresh copy is stored for offline use; when the network fails
     * the stored copy is used (and {@code offline} set on the result).
     */
    static ManifestText manifest(String modelId, Endpoints endpoints) {
        String url = endpoints.manifest(modelId);
        String key = Js.absoluteUrl(url);
        try {
            String text = Fetching.text(url);
            Async.await(CacheStore.put(CACHE, key, Js.utf8(text), "application/json"), "storage", "storing " + url);
            return new ManifestText(text, false);
        } catch (TandemException e) {
            if ("not_found".equals(e.code())) {
                throw new TandemException("not_found", UnknownModel.message(modelId, availableModels(endpoints), e.getMessage()), e.status());
            }
            if (!"network".equals(e.code())) {
                throw e;
            }
            JSString cached = Async.await(CacheStore.getText(CACHE, key), "storage", "reading the stored " + url);
            if (cached == null) {
                throw e;
            }
            return new ManifestText(cached.stringValue(), true);
        }
    }

    /** The ids the server lists at {@code GET /api/v1/models}, or null when it cannot say (no API, an error). */
    private static List<String> availableModels(Endpoints endpoints) {
        try {
            String ids = Js.modelIds(Js.parseJsonOrNull(Fetching.text(endpoints.models())));
            if (ids == null) {
                return null;
            }
            List<String> out = new ArrayList<>();
            for (String id : Split.all(ids, '\u0000')) {
                if (!id.isEmpty()) {
                    out.add(id);
                }
            }
            return out;
        } catch (TandemException e) {
            return null;
        }
    }

    /** A manifest's text and whether it came from storage because the network failed. */
    static final class ManifestText {
        final String text;
        final boolean offline;

        ManifestText(String text, boolean offline) {
            this.text = text;
            this.offline = offline;
        }
    }

    /** The file's bytes, checked against the manifest: from the cache when stored, else downloaded and stored. */
    Uint8Array bytes(BundleFile file) {
        String url = endpoints.bundleFile(modelId, file.path());
        String key = Js.absoluteUrl(url) + "?v=" + Endpoints.encodePath(version);
        Uint8Array cached = Async.await(CacheStore.get(CACHE, key), "storage", "reading the stored " + url);
        if (cached != null) {
            if (matches(file, cached)) {
                cacheBytes += cached.getByteLength();
                progress.cached(file.path(), cached.getByteLength());
                anyStored = true;
                return cached;
            }
            notes.add("the stored copy of " + file.path() + " did not match the manifest and was downloaded again");
        }
        Download.Outcome got = Fetching.reach(Download.get(url, progress, file.path()), "GET", url);
        if (!got.isOk()) {
            String code = got.getStatus() == 404 ? "not_found" : "http_" + got.getStatus();
            throw new TandemException(code, "GET " + url + " answered " + got.getStatus() + " " + got.getStatusText(), got.getStatus());
        }
        Uint8Array bytes = got.getBytes();
        networkBytes += bytes.getByteLength();
        check(file, bytes, url);
        store(file, key, bytes);
        return bytes;
    }

    /** The file as UTF-8 text, checked like {@link #bytes}. */
    String text(BundleFile file) {
        return Js.utf8Decode(bytes(file));
    }

    /** Deletes the stored files of every other version of this model. */
    void evictOtherVersions() {
        String prefix = Js.pathOf(Js.absoluteUrl(endpoints.manifest(modelId)));
        prefix = prefix.substring(0, prefix.lastIndexOf('/') + 1);
        double gone = Async.await(CacheStore.evictOtherVersions(CACHE, prefix, version), "storage", "evicting old versions").doubleValue();
        if (gone > 0) {
            notes.add("evicted " + (long) gone + " stored file(s) of other versions of '" + modelId + "'");
        }
    }

    /** {@code 'cache'} when every file is in Cache Storage, {@code 'memory'} when at least one is held in memory only. */
    String storage() {
        return anyInMemoryOnly || !anyStored ? "memory" : "cache";
    }

    List<String> notes() {
        return notes;
    }

    double networkBytes() {
        return networkBytes;
    }

    double cacheBytes() {
        return cacheBytes;
    }

    private void store(BundleFile file, String key, Uint8Array bytes) {
        if (!CacheStore.available()) {
            keepInMemory(file, "the Cache API is not available here");
            return;
        }
        CacheStore.Estimate estimate = Async.await(CacheStore.estimate(), "storage", "estimating storage");
        double free = estimate.getQuota() - estimate.getUsage();
        if (!Double.isNaN(free) && free < bytes.getByteLength()) {
            keepInMemory(file, "storage quota exceeded: " + file.path() + " needs " + (long) bytes.getByteLength()
                    + " bytes, " + (long) Math.max(0, free) + " free");
            return;
        }
        // Started now, settled in finishStoring(): writing 90 MB takes seconds, which the session
        // creation can use. The Response the put makes copies the bytes at once, so handing them to
        // ORT Web's worker (which detaches them) afterwards is safe.
        pending.add(new PendingPut(file, CacheStore.put(CACHE, key, bytes, "application/octet-stream")));
    }

    /** Waits for the stores started by {@link #bytes} and notes any that failed (quota …). */
    void finishStoring() {
        List<PendingPut> all = new ArrayList<>(pending);
        pending.clear();
        for (PendingPut put : all) {
            settle(put.file, Async.await(put.result, "storage", "storing " + put.file.path()).stringValue());
        }
    }

    private static final class PendingPut {
        final BundleFile file;
        final JSPromise<JSString> result;

        PendingPut(BundleFile file, JSPromise<JSString> result) {
            this.file = file;
            this.result = result;
        }
    }

    private void settle(BundleFile file, String failure) {
        if (failure.isEmpty()) {
            anyStored = true;
        } else if (failure.startsWith("quota")) {
            keepInMemory(file, "storage quota exceeded while storing " + file.path() + " (" + failure + ")");
        } else {
            keepInMemory(file, "could not store " + file.path() + " (" + failure + ")");
        }
    }

    private void keepInMemory(BundleFile file, String why) {
        anyInMemoryOnly = true;
        notes.add(why + "; the model is kept in memory only and will be downloaded again next time");
    }

    private boolean matches(BundleFile file, Uint8Array bytes) {
        if (file.bytes() > 0 && bytes.getByteLength() != file.bytes()) {
            return false;
        }
        return file.sha256() == null || file.sha256().isEmpty() || file.sha256().equalsIgnoreCase(sha256(bytes));
    }

    private void check(BundleFile file, Uint8Array bytes, String url) {
        if (file.bytes() > 0 && bytes.getByteLength() != file.bytes()) {
            throw new TandemException("integrity", url + ": expected " + file.bytes() + " bytes, found " + bytes.getByteLength()
                    + "; the file was not used and not stored");
        }
        String expected = file.sha256();
        if (expected == null || expected.isEmpty()) {
            return;
        }
        String found = sha256(bytes);
        if (!expected.equalsIgnoreCase(found)) {
            throw new TandemException("integrity", url + ": integrity check failed: expected sha256 " + expected + ", found " + found
                    + "; the file was not used and not stored");
        }
    }

    private static String sha256(Uint8Array bytes) {
        if (!Digest.available()) {
            throw new TandemException("integrity", "cannot check model files: crypto.subtle is missing (pages must be served over https or from localhost)");
        }
        return Async.await(Digest.sha256Hex(bytes), "integrity", "hashing a model file").stringValue();
    }
}
