package io.tandem.bench.scale;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Valid inputs for the penguins bundle, record n different from every other (n below 10^10): the
 * last five digits choose the measurements, the rest a hundredth of a gram of body mass, so a
 * record meant to miss the cache never meets one sent before.
 */
final class PenguinRecords {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String[] ISLANDS = {"Biscoe", "Dream", "Torgersen"};

    private PenguinRecords() {
    }

    static Map<String, Object> record(long n) {
        long k = n % 100_000;
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("island", ISLANDS[(int) (k % 3)]);
        r.put("bill_length_mm", 35 + (k % 1000) / 50.0);
        r.put("bill_depth_mm", 14 + (k / 1000) / 20.0);
        r.put("flipper_length_mm", 180 + k % 37);
        r.put("body_mass_g", 3000 + k % 1777 + (n / 100_000) / 100.0);
        r.put("sex", k % 2 == 0 ? "MALE" : "FEMALE");
        return r;
    }

    /** {@code {"input": record(n)}} as bytes, ready to POST. */
    static byte[] predictBody(long n) {
        try {
            return JSON.writeValueAsBytes(Map.of("input", record(n)));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    static List<Object> records(long first, int count) {
        List<Object> out = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            out.add(record(first + i));
        }
        return out;
    }
}
