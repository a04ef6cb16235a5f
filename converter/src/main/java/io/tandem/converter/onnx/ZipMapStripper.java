package io.tandem.converter.onnx;

import io.tandem.converter.ConverterException;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Turns a scikit-learn classifier's ZipMap output back into the tensor it was made from.
 *
 * <p>sklearn-onnx (and onnxmltools) end a classifier with {@code ai.onnx.ml.ZipMap}, which turns the
 * float [N, classes] probabilities into a sequence of N maps class → probability. ONNX Runtime Web
 * hands back tensors only, and a bundle's outputs are tensors, so each ZipMap that feeds a graph
 * output (and nothing else) is removed and its input takes its place:
 *
 * <ul>
 *   <li><b>Name:</b> the tensor output keeps the removed output's name ({@code output_probability}),
 *       renamed in the graph, in the output's place. That is the name and type sklearn-onnx itself
 *       writes with {@code options={'zipmap': False}}, so one recipe fits both exports, and callers of
 *       the original model keep the name they knew. (When the ZipMap read a graph input or an
 *       initializer, or a subgraph reads the tensor, an Identity makes the new name instead of a
 *       rename; when the tensor already was a graph output it stays under its own name.)</li>
 *   <li><b>Shape:</b> the tensor's value_info when the model has one, else [N, classes]: N the first
 *       dimension of the first graph input (sklearn models read [N, features]), classes the number of
 *       labels.</li>
 *   <li><b>Labels:</b> ZipMap's {@code classlabels_int64s} or {@code classlabels_strings}, as text, in
 *       the order of the tensor's last dimension.</li>
 *   <li><b>The label output</b> ({@code output_label}, the argmax class as int64 or string) is dropped
 *       by default ({@link LabelOutput#DROP}) when it comes from the same {@code ai.onnx.ml} classifier
 *       node, with the nodes only it needed. It adds nothing: the bundle's postprocessing takes the
 *       top class from the probabilities and the manifest's labels, and a second answer could only
 *       disagree (on ties). It would cost: every engine fetches every output the manifest lists, the
 *       converter's runners and the browser read outputs as float tensors (ORT Web gives int64 as a
 *       BigInt64Array, strings not at all), and sklearn-onnx declares its shape loosely (lr_mnist says
 *       [1] and returns [N]). {@link LabelOutput#KEEP} leaves it.</li>
 * </ul>
 *
 * <p>The rewritten model is loaded in onnxruntime ({@link OrtLoadCheck}) before it is returned.
 */
public final class ZipMapStripper {
    static final String ML_DOMAIN = "ai.onnx.ml";
    private static final String OPERATOR_KEY = ML_DOMAIN + ".ZipMap";
    /** Ops that pass a label through unchanged on the way from the classifier to the graph output. */
    private static final Set<String> PASS_THROUGH = Set.of("Cast", "Identity", "Reshape", "Squeeze", "Unsqueeze", "Flatten");

    public enum LabelOutput { DROP, KEEP }

    /**
     * One stripped ZipMap.
     *
     * @param output the tensor graph output that now holds the probabilities (float32 [N, classes])
     * @param labels the class labels, one per column, in column order
     */
    public record Probabilities(String output, List<String> labels) {
        public Probabilities {
            labels = List.copyOf(labels);
        }
    }

    /**
     * @param bytes         the model to use from here on (the input's bytes when nothing changed)
     * @param model         its summary, read again from {@code bytes}
     * @param probabilities one entry per ZipMap removed, in graph order; empty when the model had none
     * @param removed       one line per change, for the importer to print
     */
    public record Result(byte[] bytes, OnnxModel model, List<Probabilities> probabilities, List<String> removed) {
        public Result {
            probabilities = List.copyOf(probabilities);
            removed = List.copyOf(removed);
        }

        public boolean changed() {
            return !probabilities.isEmpty();
        }

        /** The probability output's name; null when nothing was stripped. */
        public String probabilityOutput() {
            return single() == null ? null : single().output();
        }

        /** The class labels; empty when nothing was stripped. */
        public List<String> labels() {
            return single() == null ? List.of() : single().labels();
        }

        private Probabilities single() {
            if (probabilities.size() > 1) {
                throw new IllegalStateException("the model had " + probabilities.size() + " ZipMap outputs; use probabilities()");
            }
            return probabilities.isEmpty() ? null : probabilities.get(0);
        }
    }

    private ZipMapStripper() {
    }

    /** {@link #strip(byte[], OnnxModel, String, LabelOutput)} dropping the label output. */
    public static Result strip(byte[] bytes, OnnxModel model, String name) {
        return strip(bytes, model, name, LabelOutput.DROP);
    }

    /**
     * Strips every ZipMap that feeds a graph output; {@code model} is {@code bytes} as
     * {@link OnnxModelReader} read it, {@code name} names the model in errors. A model without a
     * ZipMap comes back as it was (same arrays, {@link Result#changed()} false).
     */
    public static Result strip(byte[] bytes, OnnxModel model, String name, LabelOutput labelOutput) {
        if (!model.operators().containsKey(OPERATOR_KEY)) {
            return new Result(bytes, model, List.of(), List.of());
        }
        OnnxFile file = OnnxFile.read(bytes, name);
        Graph g = file.graph();
        List<Node> nodes = g.nodes();
        boolean subgraphs = nodes.stream().anyMatch(n -> n.attributes().stream().anyMatch(Attribute::hasGraph));
        List<Probabilities> found = new ArrayList<>();
        List<String> removed = new ArrayList<>();
        Set<Node> classifiers = new HashSet<>();
        Set<String> done = new HashSet<>();
        for (Node zipMap = next(nodes, done, g); zipMap != null; zipMap = next(nodes, done, g)) {
            done.add(zipMap.outputs().get(0));
            List<String> labels = labels(zipMap, name);
            String in = zipMap.input(0);
            String out = zipMap.outputs().get(0);
            Node classifier = classifier(in, nodes, 1);
            if (classifier != null) {
                classifiers.add(classifier);
            }
            List<Dim> dims = probabilityDims(g.valueInfo(in), model, labels.size());
            String output;
            nodes.remove(zipMap);
            if (g.outputNames().contains(in)) {
                output = in;
                g.removeOutput(out);
            } else {
                output = out;
                if (producer(in, nodes) != null && !subgraphs) {
                    nodes = renamed(nodes, in, out);
                    g.removeValueInfo(in);
                } else {
                    nodes.add(Node.of("Identity", zipMap.name() + "/tensor", List.of(in), List.of(out)));
                }
                g.replaceOutput(out, new ValueInfo(out, "tensor", ElementType.FLOAT, dims));
            }
            g.removeValueInfo(out);
            found.add(new Probabilities(output, labels));
            ValueInfo now = new ValueInfo(output, "tensor", ElementType.FLOAT, dims);
            removed.add("removed ZipMap node '" + zipMap.name() + "' (sequence of maps, which ONNX Runtime Web cannot return): output '"
                    + output + "' is now the tensor " + now.typeString() + " of " + labels.size() + " class probabilities");
        }
        if (found.isEmpty()) {
            return new Result(bytes, model, List.of(), List.of());
        }
        g.setNodes(nodes);
        if (labelOutput == LabelOutput.DROP) {
            dropLabelOutputs(g, model, classifiers, removed);
        }
        byte[] out = file.toBytes();
        OnnxModel stripped = OnnxModelReader.read(out, name);
        OrtLoadCheck.check(out, stripped, name + " without ZipMap");
        return new Result(out, stripped, found, removed);
    }

    private static boolean isZipMap(Node n) {
        return n.opType().equals("ZipMap") && n.domain().equals(ML_DOMAIN);
    }

    /** The first ZipMap not yet stripped that can be (looked up afresh: a rename rebuilds nodes). */
    private static Node next(List<Node> nodes, Set<String> done, Graph g) {
        for (Node n : nodes) {
            if (isZipMap(n) && !done.contains(n.outputs().get(0)) && strippable(n, nodes, g)) {
                return n;
            }
        }
        return null;
    }

    /** A ZipMap whose output is a graph output and read by no node (else removing it changes what they see). */
    private static boolean strippable(Node zipMap, List<Node> nodes, Graph g) {
        String out = zipMap.outputs().get(0);
        return g.outputNames().contains(out) && nodes.stream().noneMatch(n -> n.inputs().contains(out));
    }

    private static List<String> labels(Node zipMap, String name) {
        Attribute ints = zipMap.attribute("classlabels_int64s");
        Attribute strings = zipMap.attribute("classlabels_strings");
        List<String> labels = ints != null ? ints.ints().stream().map(String::valueOf).toList()
                : strings != null ? strings.strings() : List.of();
        if (labels.isEmpty()) {
            throw new ConverterException("ZipMap node '" + zipMap.name() + "' in " + name
                    + " has no class labels: expected classlabels_int64s or classlabels_strings");
        }
        return labels;
    }

    private static List<Dim> probabilityDims(ValueInfo hint, OnnxModel model, int classes) {
        if (hint != null && hint.isTensor() && hint.dims() != null && !hint.dims().isEmpty()) {
            return hint.dims();
        }
        Dim batch = Dim.unknown();
        if (!model.inputs().isEmpty() && model.inputs().get(0).dims() != null && !model.inputs().get(0).dims().isEmpty()) {
            batch = model.inputs().get(0).dims().get(0);
        }
        return List.of(batch, Dim.fixed(classes));
    }

    private static Node producer(String tensor, List<Node> nodes) {
        for (Node n : nodes) {
            if (n.outputs().contains(tensor)) {
                return n;
            }
        }
        return null;
    }

    private static List<Node> renamed(List<Node> nodes, String from, String to) {
        List<Node> out = new ArrayList<>();
        for (Node n : nodes) {
            Node r = n;
            if (n.inputs().contains(from)) {
                r = r.withInputs(n.inputs().stream().map(s -> s.equals(from) ? to : s).toList());
            }
            if (n.outputs().contains(from)) {
                r = r.withOutputs(n.outputs().stream().map(s -> s.equals(from) ? to : s).toList());
            }
            out.add(r);
        }
        return out;
    }

    /**
     * The {@code ai.onnx.ml} classifier (LinearClassifier, TreeEnsembleClassifier, SVMClassifier …) whose
     * output {@code index} (0 the label, 1 the scores) {@code tensor} comes from, following first inputs
     * back through a few nodes (Normalizer, Cast …); null if there is none.
     */
    private static Node classifier(String tensor, List<Node> nodes, int index) {
        String t = tensor;
        for (int step = 0; step < 16; step++) {
            Node p = producer(t, nodes);
            if (p == null) {
                return null;
            }
            if (p.domain().equals(ML_DOMAIN) && p.opType().endsWith("Classifier")) {
                return p.outputs().indexOf(t) == index ? p : null;
            }
            if (index == 0 && !PASS_THROUGH.contains(p.opType())) {
                return null;
            }
            t = p.input(0);
        }
        return null;
    }

    private static void dropLabelOutputs(Graph g, OnnxModel model, Set<Node> classifiers, List<String> removed) {
        for (String output : g.outputNames()) {
            ValueInfo declared = model.output(output);
            boolean labelType = declared != null && declared.isTensor()
                    && (declared.elementType() == ElementType.INT64 || declared.elementType() == ElementType.STRING);
            Node source = labelType ? classifier(output, g.nodes(), 0) : null;
            if (source == null || !classifiers.contains(source)) {
                continue;
            }
            List<Node> before = live(g.nodes(), g.outputNames());
            g.removeOutput(output);
            List<Node> after = live(g.nodes(), g.outputNames());
            List<Node> dead = before.stream().filter(n -> !after.contains(n)).toList();
            List<Node> kept = g.nodes().stream().filter(n -> !dead.contains(n)).toList();
            g.setNodes(kept);
            dropUnreadInitializers(g, dead, kept);
            g.removeValueInfo(output);
            StringBuilder line = new StringBuilder("removed output '" + output + "' (" + declared.typeString()
                    + ", the argmax label of " + source.opType() + " '" + source.name()
                    + "'; the bundle's postprocessing takes the top class from the probabilities)");
            if (!dead.isEmpty()) {
                line.append(" and the node").append(dead.size() > 1 ? "s " : " ")
                        .append(String.join(", ", dead.stream().map(n -> n.opType() + " '" + n.name() + "'").toList()))
                        .append(" only it needed");
            }
            removed.add(line.toString());
        }
    }

    /** The nodes some graph output depends on, in graph order. */
    private static List<Node> live(List<Node> nodes, List<String> outputs) {
        Set<String> needed = new HashSet<>(outputs);
        Set<Node> keep = new LinkedHashSet<>();
        for (int i = nodes.size() - 1; i >= 0; i--) {
            Node n = nodes.get(i);
            if (n.outputs().stream().anyMatch(needed::contains)) {
                keep.add(n);
                needed.addAll(n.inputs());
            }
        }
        return nodes.stream().filter(keep::contains).toList();
    }

    private static void dropUnreadInitializers(Graph g, List<Node> dead, List<Node> kept) {
        Set<String> read = new HashSet<>(g.outputNames());
        kept.forEach(n -> read.addAll(n.inputs()));
        for (Node n : dead) {
            for (String in : n.inputs()) {
                if (!read.contains(in) && g.initializer(in) != null) {
                    g.removeInitializer(in);
                }
            }
        }
    }
}
