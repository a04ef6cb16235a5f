package io.tandem.server.http;

import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Supplier;

/**
 * The methods registered for a path, matched against the routes' templates ({@code {id}} is one
 * segment): a request that found no handler but whose path exists under another method gets 405
 * and {@code Allow}, not 404. OPTIONS (the CORS preflight on every API path) and HEAD do not count.
 */
public final class AllowedMethods {
    private final Supplier<List<Route>> routes;

    public AllowedMethods(Supplier<List<Route>> routes) {
        this.routes = routes;
    }

    public Set<String> methodsFor(String path) {
        Set<String> methods = new TreeSet<>();
        String[] segments = path.split("/", -1);
        for (Route r : routes.get()) {
            if (!r.method().equals("OPTIONS") && !r.method().equals("HEAD") && matches(r.path().split("/", -1), segments)) {
                methods.add(r.method());
            }
        }
        return methods;
    }

    private static boolean matches(String[] template, String[] segments) {
        if (template.length != segments.length) {
            return false;
        }
        for (int i = 0; i < template.length; i++) {
            String t = template[i];
            boolean parameter = t.startsWith("{") && t.endsWith("}") && !segments[i].isEmpty();
            if (!parameter && !t.equals(segments[i])) {
                return false;
            }
        }
        return true;
    }
}
