package io.tandem.server.models;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

/** A broken bundle's reason is one short line with no path of the host in it. */
class BrokenBundleReasonTest {
    @Test
    void aReasonIsOneLine() {
        BrokenBundle b = new BrokenBundle("x", "  first line\n\tsecond\r\nthird \u0007 ", Instant.EPOCH);
        assertThat(b.reason()).isEqualTo("first line second third");
        assertThat(new BrokenBundle("x", null, Instant.EPOCH).reason()).isEqualTo("unknown failure");
    }

    @Test
    void aLongReasonIsCut() {
        String reason = new BrokenBundle("x", "y".repeat(10_000), Instant.EPOCH).reason();
        assertThat(reason).hasSize(BrokenBundle.MAX_REASON).endsWith("…");
        assertThat(new BrokenBundle("x", "y".repeat(BrokenBundle.MAX_REASON), Instant.EPOCH).reason())
                .isEqualTo("y".repeat(BrokenBundle.MAX_REASON));
    }

    @Test
    void pathsInsideTheModelsFolderAreShownRelativeToIt() {
        Path models = Path.of("/srv/tandem/models");
        BundleLoader loader = new BundleLoader(models, 1);
        assertThat(loader.relative("Load model from /srv/tandem/models/x/model.onnx failed"))
                .isEqualTo("Load model from x/model.onnx failed");
    }

    @Test
    void theJsonShapeIsIdReasonSince() {
        assertThat(new BrokenBundle("x", "why", Instant.EPOCH).toJson())
                .containsExactly(java.util.Map.entry("id", "x"), java.util.Map.entry("reason", "why"),
                        java.util.Map.entry("since", "1970-01-01T00:00:00Z"));
    }
}
