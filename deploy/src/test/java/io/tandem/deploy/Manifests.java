package io.tandem.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.utils.Serialization;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The manifests of {@code deploy/k8s}, parsed by fabric8's {@link Serialization} into the typed
 * Kubernetes model (a file may hold several documents). Kustomization files are not Kubernetes
 * objects and are read as plain YAML.
 */
final class Manifests {
    static final Path DIR = Path.of("k8s");
    /** What {@code kubectl apply -k deploy/k8s/base} applies; overlays such as {@code queue-depth} patch it. */
    static final Path BASE = DIR.resolve("base");
    static final String KUSTOMIZATION = "kustomization.yaml";
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    /** A parsed object and the file it came from. */
    record Manifest(Path file, HasMetadata object) {
        @Override
        public String toString() {
            return DIR.relativize(file) + ": " + object.getKind() + " " + object.getMetadata().getName();
        }
    }

    private final List<Manifest> all;

    private Manifests(List<Manifest> all) {
        this.all = List.copyOf(all);
    }

    /** Every object of every YAML file under {@code dir} but the kustomization files. */
    static Manifests load(Path dir) {
        List<Manifest> out = new ArrayList<>();
        for (Path file : yamlFiles(dir)) {
            if (!file.getFileName().toString().equals(KUSTOMIZATION)) {
                parse(file).forEach(o -> out.add(new Manifest(file, o)));
            }
        }
        return new Manifests(out);
    }

    static List<Path> yamlFiles(Path dir) {
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(f -> f.toString().endsWith(".yaml") || f.toString().endsWith(".yml")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static List<HasMetadata> parse(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            Object parsed = Serialization.unmarshal(in);
            List<HasMetadata> objects = new ArrayList<>();
            if (parsed instanceof List<?> list) {
                list.forEach(o -> objects.add((HasMetadata) o));
            } else if (parsed != null) {
                objects.add((HasMetadata) parsed);
            }
            return objects;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static JsonNode yaml(Path file) {
        try {
            return YAML.readTree(file.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    List<Manifest> all() {
        return all;
    }

    /** The objects of one class in the base. */
    <T extends HasMetadata> List<T> base(Class<T> type) {
        return all.stream().filter(m -> m.file().getParent().equals(BASE)).map(Manifest::object)
                .filter(type::isInstance).map(type::cast).toList();
    }

    /** The one object of this class in the base, by name. */
    <T extends HasMetadata> T one(Class<T> type, String name) {
        List<T> found = base(type).stream().filter(o -> name.equals(o.getMetadata().getName())).toList();
        if (found.size() != 1) {
            throw new AssertionError("expected one " + type.getSimpleName() + " named " + name + " in " + BASE + ", found " + found.size());
        }
        return found.get(0);
    }

    /** The one object of this class in the base. */
    <T extends HasMetadata> T only(Class<T> type) {
        List<T> found = base(type);
        if (found.size() != 1) {
            throw new AssertionError("expected one " + type.getSimpleName() + " in " + BASE + ", found " + found.size());
        }
        return found.get(0);
    }

    <T extends HasMetadata> List<T> everywhere(Class<T> type) {
        return all.stream().map(Manifest::object).filter(type::isInstance).map(type::cast).toList();
    }

    /**
     * Fields the typed model did not know, anywhere in the object: fabric8 keeps them in
     * {@code additionalProperties} instead of failing, so a misspelt {@code readinesProbe} would
     * parse and be ignored by the cluster.
     */
    static List<String> unknownFields(Object o, String path) {
        List<String> out = new ArrayList<>();
        walk(o, path, out);
        return out;
    }

    private static void walk(Object o, String path, List<String> out) {
        if (o == null) {
            return;
        }
        if (o instanceof Collection<?> c) {
            int i = 0;
            for (Object e : c) {
                walk(e, path + "[" + i++ + "]", out);
            }
            return;
        }
        if (o instanceof Map<?, ?> m) {
            m.forEach((k, v) -> walk(v, path + "." + k, out));
            return;
        }
        if (!o.getClass().getName().startsWith("io.fabric8.kubernetes.api.model")) {
            return;
        }
        for (Method getter : o.getClass().getMethods()) {
            if (getter.getParameterCount() != 0 || !getter.getName().startsWith("get") || getter.getDeclaringClass() == Object.class) {
                continue;
            }
            Object value;
            try {
                value = getter.invoke(o);
            } catch (IllegalAccessException | InvocationTargetException e) {
                continue;
            }
            if (getter.getName().equals("getAdditionalProperties")) {
                if (value instanceof Map<?, ?> extra && !extra.isEmpty()) {
                    out.add(path + ": " + extra.keySet());
                }
            } else {
                String field = Character.toLowerCase(getter.getName().charAt(3)) + getter.getName().substring(4);
                walk(value, path + "." + field, out);
            }
        }
    }

    static Optional<String> label(HasMetadata o, String key) {
        Map<String, String> labels = o.getMetadata().getLabels();
        return Optional.ofNullable(labels == null ? null : labels.get(key));
    }
}
