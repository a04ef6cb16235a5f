package io.tandem.client;

import io.tandem.client.browser.Probe;
import io.tandem.pipeline.bundle.Manifest;
import org.teavm.jso.JSObject;

import java.util.List;

/**
 * What a finished {@code load} hands the {@link TandemModel}: the manifest, the device chain (for
 * fallbacks while running), the variant choice, the store, the browser's capabilities, the opener
 * (for a pipeline made later and the ORT settings) and the load's own facts. The loader itself is
 * not kept.
 */
final class LoadedModel {
    final Manifest manifest;
    final JSObject manifestJs;
    final DeviceChain chain;
    final VariantChoice variants;
    final DeviceOpener opener;
    final ModelStore store;
    final Probe.Capabilities capabilities;
    final LoadOptions options;
    final boolean offline;
    final double ms;
    /** Where the load's time went ({@link LoadPhases}). */
    final List<LoadPhases.Phase> phases;

    LoadedModel(Manifest manifest, JSObject manifestJs, DeviceChain chain, VariantChoice variants, DeviceOpener opener, ModelStore store,
                Probe.Capabilities capabilities, LoadOptions options, boolean offline, double ms,
                List<LoadPhases.Phase> phases) {
        this.manifest = manifest;
        this.manifestJs = manifestJs;
        this.chain = chain;
        this.variants = variants;
        this.opener = opener;
        this.store = store;
        this.capabilities = capabilities;
        this.options = options;
        this.offline = offline;
        this.ms = ms;
        this.phases = phases;
    }
}
