package io.tandem.converter.bundle;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.ZipFile;

/**
 * The files a proposal looks for next to a model, and how a model's place is written in a recipe.
 * A model is a plain path or {@code some.jar!/entry} (see {@code io.SourceFile}); "beside" means the
 * same folder, or the jar folder of the entry, and for a model in a folder named {@code onnx} (the
 * HuggingFace Optimum layout, {@code repo/onnx/model.onnx}) also the folder above.
 */
public final class BesideModel {
    private static final String JAR_SEPARATOR = "!/";

    private BesideModel() {
    }

    /** Names a model's tokenizer has beside it, most specific first. */
    public static List<String> tokenizerNames(String modelFileName) {
        String stem = stem(modelFileName);
        return List.of(stem + "-tokenizer.json", stem + "_tokenizer.json", "tokenizer.json");
    }

    public static List<String> configNames(String modelFileName) {
        String stem = stem(modelFileName);
        return List.of(stem + "-config.json", stem + "_config.json", "config.json");
    }

    public static List<String> labelsNames(String modelFileName) {
        String stem = stem(modelFileName);
        return List.of(stem + "-labels.txt", stem + "_labels.txt", "labels.txt");
    }

    /**
     * The first of {@code names} beside the model, as a spec {@code SourceFile.read} reads (a path,
     * or jar!/entry), or null when there is none.
     */
    public static String find(String modelSpec, List<String> names) {
        int bang = modelSpec.indexOf(JAR_SEPARATOR);
        if (bang >= 0 && !Files.isRegularFile(Path.of(modelSpec))) {
            return findInJar(modelSpec.substring(0, bang), modelSpec.substring(bang + JAR_SEPARATOR.length()), names);
        }
        Path model = Path.of(modelSpec);
        Path dir = model.toAbsolutePath().getParent();
        for (Path d : folders(dir)) {
            for (String name : names) {
                Path p = d.resolve(name);
                if (Files.isRegularFile(p)) {
                    // The way the user wrote the model's path, so messages and the recipe read like their command line.
                    Path given = !d.equals(dir) ? p : model.getParent() == null ? Path.of(name) : model.getParent().resolve(name);
                    return given.toString();
                }
            }
        }
        return null;
    }

    private static List<Path> folders(Path dir) {
        List<Path> out = new ArrayList<>();
        if (dir == null) {
            return out;
        }
        out.add(dir);
        if (dir.getFileName() != null && dir.getFileName().toString().equals("onnx") && dir.getParent() != null) {
            out.add(dir.getParent());
        }
        return out;
    }

    private static String findInJar(String jar, String entry, List<String> names) {
        if (!Files.isRegularFile(Path.of(jar))) {
            return null;
        }
        int slash = entry.lastIndexOf('/');
        String folder = slash < 0 ? "" : entry.substring(0, slash + 1);
        List<String> folders = new ArrayList<>(List.of(folder));
        if (folder.equals("onnx/") || folder.endsWith("/onnx/")) {
            folders.add(folder.substring(0, folder.length() - "onnx/".length()));
        }
        try (ZipFile zip = new ZipFile(jar)) {
            for (String f : folders) {
                for (String name : names) {
                    if (zip.getEntry(f + name) != null) {
                        return jar + JAR_SEPARATOR + f + name;
                    }
                }
            }
        } catch (IOException e) {
            return null; // SourceFile.read says what is wrong with the jar when it reads the model
        }
        return null;
    }

    /**
     * Where a file comes from, as a recipe's {@code source}: a jar in a Maven repository becomes
     * {@code maven:group:artifact:version[:classifier]!/entry}; anything else is the spec as given.
     */
    public static String source(String spec) {
        int bang = spec.indexOf(JAR_SEPARATOR);
        if (bang < 0) {
            return spec;
        }
        String coordinates = mavenCoordinates(Path.of(spec.substring(0, bang)));
        return coordinates == null ? spec : "maven:" + coordinates + spec.substring(bang);
    }

    /** {@code …/repository/org/tribuo/tribuo-onnx/4.3.2/tribuo-onnx-4.3.2-tests.jar} → {@code org.tribuo:tribuo-onnx:4.3.2:tests}. */
    static String mavenCoordinates(Path jar) {
        Path p = jar.toAbsolutePath().normalize();
        List<String> segments = new ArrayList<>();
        for (Path s : p) {
            segments.add(s.toString());
        }
        int repo = segments.lastIndexOf("repository");
        int n = segments.size();
        if (repo < 0 || n - repo < 5) {
            return null;
        }
        String file = segments.get(n - 1);
        String version = segments.get(n - 2);
        String artifact = segments.get(n - 3);
        String prefix = artifact + "-" + version;
        if (!file.endsWith(".jar") || !file.startsWith(prefix)) {
            return null;
        }
        String rest = file.substring(prefix.length(), file.length() - ".jar".length());
        if (!rest.isEmpty() && !rest.startsWith("-")) {
            return null;
        }
        String group = String.join(".", segments.subList(repo + 1, n - 3));
        return group + ":" + artifact + ":" + version + (rest.isEmpty() ? "" : ":" + rest.substring(1));
    }

    /** {@code all-minilm-l6-v2.onnx} → {@code all-minilm-l6-v2}. */
    static String stem(String fileName) {
        int dot = fileName.lastIndexOf('.');
        return dot > 0 ? fileName.substring(0, dot) : fileName;
    }
}
