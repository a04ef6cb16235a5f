package io.tandem.client;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class UnknownModelTest {
    private static final String DETAIL = "GET /models/x/manifest.json answered 404 Not Found";

    @Test
    void listsWhatTheServerHas() {
        assertThat(UnknownModel.message("nope", List.of("lr-mnist", "mnist-cnn"), DETAIL))
                .isEqualTo("no model 'nope' on this server; available: lr-mnist, mnist-cnn (" + DETAIL + ")");
    }

    @Test
    void suggestsTheNearestIdForATypo() {
        assertThat(UnknownModel.message("mnist-cn", List.of("lr-mnist", "mnist-cnn"), DETAIL))
                .startsWith("no model 'mnist-cn' on this server; did you mean 'mnist-cnn'? available: lr-mnist, mnist-cnn");
        assertThat(UnknownModel.nearest("MNIST-CNN", List.of("mnist-cnn"))).isEqualTo("mnist-cnn");
        assertThat(UnknownModel.nearest("penguin", List.of("mnist-cnn", "penguins"))).isEqualTo("penguins");
        assertThat(UnknownModel.nearest("bert", List.of("mnist-cnn", "penguins"))).isNull();
    }

    @Test
    void withoutAListItSaysWhatFailed() {
        assertThat(UnknownModel.message("nope", null, DETAIL)).isEqualTo("no model 'nope' on this server (" + DETAIL + ")");
        assertThat(UnknownModel.message("nope", List.of(), DETAIL)).isEqualTo("no model 'nope' on this server; it serves no models (" + DETAIL + ")");
    }

    @Test
    void aLongListIsCut() {
        List<String> many = new ArrayList<>();
        for (int i = 0; i < 25; i++) {
            many.add("model-" + (char) ('a' + i) + "-x");
        }
        assertThat(UnknownModel.message("zzz", many, DETAIL)).contains("model-t-x and 5 more (").doesNotContain("model-u-x");
    }

    @Test
    void distanceCountsEdits() {
        assertThat(UnknownModel.distance("kitten", "sitting")).isEqualTo(3);
        assertThat(UnknownModel.distance("", "abc")).isEqualTo(3);
        assertThat(UnknownModel.distance("same", "same")).isZero();
    }
}
