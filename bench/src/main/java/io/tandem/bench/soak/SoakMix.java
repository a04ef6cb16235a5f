package io.tandem.bench.soak;

import io.tandem.bench.Corpus;
import io.tandem.pipeline.json.Json;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The soak's traffic: the three demo models with real inputs (sentences with a counter appended so
 * every one is new, drawn digits, penguin records with varied measurements) and, one request in
 * four, hostile ones — broken JSON, wrong types, unknown models, lone surrogates, non-finite
 * numbers, an image bomb header, an oversized body — that must each get a 4xx and change nothing.
 */
final class SoakMix {
    private final List<SoakRequest> valid = new ArrayList<>();
    private final List<SoakRequest> hostile = new ArrayList<>();

    SoakMix(String base) {
        List<String> sentences = Corpus.sentences(40);
        List<Map<String, Object>> digits = Corpus.digits();
        valid.add(SoakRequest.valid("minilm text", i -> json(base, "minilm-l6-v2",
                "{\"input\": " + Json.writeCompact(sentences.get(i % sentences.size()) + " #" + i) + "}")));
        valid.add(SoakRequest.valid("mnist image", i -> {
            Map<String, Object> d = digits.get(i % digits.size());
            return json(base, "mnist-cnn", "{\"input\": {\"width\": " + d.get("width") + ", \"height\": " + d.get("height")
                    + ", \"data\": \"" + d.get("data") + "\"}}");
        }));
        valid.add(SoakRequest.valid("penguins record", i -> json(base, "penguins", String.format(java.util.Locale.ROOT,
                "{\"input\": {\"island\": \"Biscoe\", \"bill_length_mm\": %.1f, \"bill_depth_mm\": 15.5, \"flipper_length_mm\": %d, "
                        + "\"body_mass_g\": 4500, \"sex\": \"FEMALE\"}}", 35 + (i % 200) / 10.0, 180 + i % 50))));

        hostile.add(SoakRequest.hostile("broken JSON", i -> json(base, "minilm-l6-v2", "{\"input\": \"unterminated")));
        hostile.add(SoakRequest.hostile("two documents", i -> json(base, "minilm-l6-v2", "{\"input\": \"a\"} {\"input\": \"b\"}")));
        hostile.add(SoakRequest.hostile("a number for text", i -> json(base, "minilm-l6-v2", "{\"input\": 42}")));
        hostile.add(SoakRequest.hostile("lone surrogate", i -> json(base, "minilm-l6-v2", "{\"input\": \"T \\ud800 x\"}")));
        hostile.add(SoakRequest.hostile("text to an image model", i -> json(base, "mnist-cnn", "{\"input\": \"a digit\"}")));
        hostile.add(SoakRequest.hostile("unknown model", i -> json(base, "nope-" + (i % 7), "{\"input\": \"x\"}")));
        hostile.add(SoakRequest.hostile("non-finite number", i -> json(base, "penguins",
                "{\"input\": {\"island\": \"Biscoe\", \"bill_length_mm\": 1e308, \"sex\": null}}")));
        hostile.add(SoakRequest.hostile("unknown category", i -> json(base, "penguins",
                "{\"input\": {\"island\": \"" + "Atlantis".repeat(1 + i % 50) + "\"}}")));
        hostile.add(SoakRequest.hostile("deep nesting", i -> json(base, "minilm-l6-v2", "[".repeat(5000))));
        hostile.add(SoakRequest.hostile("bad base64 image", i -> json(base, "mnist-cnn",
                "{\"input\": {\"width\": 28, \"height\": 28, \"data\": \"!!!not base64!!!\"}}")));
        hostile.add(SoakRequest.hostile("image bomb header", i -> HttpRequest.newBuilder(predict(base, "mnist-cnn"))
                .header("Content-Type", "image/png").POST(BodyPublishers.ofByteArray(PngBomb.BYTES)).build()));
        hostile.add(SoakRequest.hostile("oversized body", i -> json(base, "minilm-l6-v2",
                "{\"input\": \"" + "x".repeat(17 * 1024 * 1024) + "\"}")));
    }

    /** Request {@code i}: three valid for each hostile one, taking turns through the kinds. */
    SoakRequest pick(long i) {
        if (i % 4 == 3) {
            return hostile.get((int) ((i / 4) % hostile.size()));
        }
        return valid.get((int) (i % valid.size()));
    }

    List<SoakRequest> kinds() {
        List<SoakRequest> all = new ArrayList<>(valid);
        all.addAll(hostile);
        return all;
    }

    private static URI predict(String base, String model) {
        return URI.create(base + "/api/v1/models/" + model + "/predict");
    }

    private static HttpRequest json(String base, String model, String body) {
        return HttpRequest.newBuilder(predict(base, model)).header("Content-Type", "application/json")
                .timeout(java.time.Duration.ofSeconds(60)).POST(BodyPublishers.ofString(body)).build();
    }
}
