package io.tandem.bench.soak;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

/**
 * The server's memory as its own /metrics reports it: resident set (native memory included: the
 * onnxruntime sessions, thread stacks, direct buffers), Java heap used, non-heap used and direct
 * buffers. Native memory outside the JVM's own accounts is roughly resident − heap committed.
 */
record ServerMemory(double residentMb, double heapMb, double nonHeapMb, double directMb) {
    static ServerMemory read(HttpClient client, String url) {
        try {
            String text = client.send(HttpRequest.newBuilder(URI.create(url + "/metrics")).timeout(java.time.Duration.ofSeconds(30)).build(),
                    HttpResponse.BodyHandlers.ofString()).body();
            return new ServerMemory(sum(text, "process_memory_resident_bytes", null), sum(text, "jvm_memory_used_bytes", "area=\"heap\""),
                    sum(text, "jvm_memory_used_bytes", "area=\"nonheap\""), sum(text, "jvm_buffer_memory_used_bytes", "id=\"direct\""));
        } catch (Exception e) {
            return new ServerMemory(Double.NaN, Double.NaN, Double.NaN, Double.NaN);
        }
    }

    /** The sum of a metric's series (with a label when given), in MB. */
    private static double sum(String text, String name, String label) {
        double total = 0;
        boolean any = false;
        for (String line : text.split("\n")) {
            if (line.startsWith(name) && (line.length() == name.length() || line.charAt(name.length()) == '{' || line.charAt(name.length()) == ' ')
                    && (label == null || line.contains(label))) {
                try {
                    total += Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
                    any = true;
                } catch (NumberFormatException e) {
                    // not a sample line
                }
            }
        }
        return any ? total / (1024 * 1024) : Double.NaN;
    }
}
