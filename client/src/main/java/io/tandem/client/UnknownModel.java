package io.tandem.client;

import java.util.ArrayList;
import java.util.List;

/**
 * The sentence for a model id the server does not have: what it has instead, and the nearest id
 * when the page's looks like a typo ("no model 'mnist-cn' on this server; did you mean
 * 'mnist-cnn'? available: lr-mnist, mnist-cnn"). Plain Java, tested on the JVM.
 */
final class UnknownModel {
    /** Ids listed in the message; a server with more says how many others it has. */
    static final int LISTED = 20;

    private UnknownModel() {
    }

    /**
     * {@code available} is the server's list, or null when it could not be read (a static host
     * with no API); {@code detail} the failed request ("GET … answered 404 Not Found").
     */
    static String message(String id, List<String> available, String detail) {
        StringBuilder out = new StringBuilder("no model '").append(id).append("' on this server");
        if (available == null) {
            return out.append(" (").append(detail).append(")").toString();
        }
        if (available.isEmpty()) {
            return out.append("; it serves no models (").append(detail).append(")").toString();
        }
        String near = nearest(id, available);
        if (near != null) {
            out.append("; did you mean '").append(near).append("'?");
        }
        List<String> shown = new ArrayList<>(available.subList(0, Math.min(LISTED, available.size())));
        out.append(near == null ? "; " : " ").append("available: ").append(String.join(", ", shown));
        if (available.size() > LISTED) {
            out.append(" and ").append(available.size() - LISTED).append(" more");
        }
        return out.append(" (").append(detail).append(")").toString();
    }

    /** The available id at most two edits from {@code id} (ignoring case), the closest first; null when none is. */
    static String nearest(String id, List<String> available) {
        String best = null;
        int bestDistance = 3;
        for (String candidate : available) {
            int d = distance(id.toLowerCase(java.util.Locale.ROOT), candidate.toLowerCase(java.util.Locale.ROOT));
            if (d < bestDistance) {
                best = candidate;
                bestDistance = d;
            }
        }
        return best;
    }

    /** Levenshtein distance; ids are at most 128 characters. */
    static int distance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int substitute = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                current[j] = Math.min(substitute, Math.min(previous[j], current[j - 1]) + 1);
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }
}
