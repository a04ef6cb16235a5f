package io.tandem.converter.bundle;

import io.tandem.converter.ConverterException;
import io.tandem.converter.onnx.Dim;
import io.tandem.converter.onnx.OnnxModel;
import io.tandem.converter.onnx.ValueInfo;
import io.tandem.pipeline.json.Json;
import io.tandem.pipeline.json.JsonException;
import io.tandem.pipeline.json.JsonObject;
import io.tandem.pipeline.recipe.RecipeException;
import io.tandem.pipeline.task.InputKind;
import io.tandem.pipeline.task.OutputKind;
import io.tandem.pipeline.task.PostprocessorType;
import io.tandem.pipeline.task.TaskType;
import io.tandem.pipeline.task.Tasks;
import io.tandem.pipeline.tensor.DType;
import io.tandem.pipeline.text.BertTokenizerConfig;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A recipe proposed from what a model and the files beside it say, for {@code import} without
 * {@code --recipe}: the task from the model's inputs and outputs (and a HuggingFace config.json),
 * the pre- and postprocessing the registry's types take, labels from a labels file or config.json,
 * and every guess written down as one line, which the command prints and the recipe keeps under
 * {@code notes}. Pure: texts in, recipe out; reading the files is the command's job.
 *
 * <p>The rules (converter/README.md, "Proposed recipes"):
 * <ul>
 *   <li>int64 inputs named like {@code input_ids} (with {@code attention_mask}, optionally
 *       {@code token_type_ids}) → a text model, preprocessing {@code bert-wordpiece}; it needs the
 *       model's tokenizer.json. A [batch, sequence, hidden] output → {@code text-embedding} (mean
 *       pooling), unless config.json says token classification (a {@code …ForTokenClassification}
 *       architecture, or B-/I- labels) → {@code token-classification}; a [batch, n] output with
 *       labels → {@code text-classification}.</li>
 *   <li>a float input [batch, C, H, W] with C 1 or 3 (or [batch, H, W, C]: nhwc) →
 *       {@code image-classification}, preprocessing {@code image}.</li>
 *   <li>a float input [batch, n] → {@code tabular-classification} with n numeric features
 *       f0…f{n-1} (mean 0, std 1), or {@code tabular-regression} for a [batch, 1] output without
 *       labels.</li>
 * </ul>
 */
public final class RecipeProposal {
    public static final String DEFAULT_VERSION = "1.0.0";
    /** SPDX's word for "the licence is not stated": the converter cannot know it. */
    public static final String UNKNOWN_LICENCE = "NOASSERTION";
    public static final String VOCAB_FILE = "vocab.txt";
    static final String TOKEN_CLASSIFICATION = "token-classification";
    static final String TOKEN_SPANS = "token-spans";
    private static final List<Double> IMAGENET_MEAN = List.of(0.485, 0.456, 0.406);
    private static final List<Double> IMAGENET_STD = List.of(0.229, 0.224, 0.225);
    private static final int DEFAULT_SIDE = 224;
    private static final Pattern ID = Pattern.compile("[a-z0-9][a-z0-9._-]{0,63}");

    /**
     * A file beside the model (tokenizer.json, config.json, labels.txt).
     *
     * @param name   what messages and assumptions call it ("config.json", "tinybert-tokenizer.json")
     * @param source where it comes from, as the recipe records it (a path, or maven:…!/entry)
     * @param found  true when the command found it beside the model rather than being given it
     */
    public record SideFile(String text, String name, String source, boolean found) {
    }

    /**
     * What to propose from. {@code task}, {@code id}, {@code title} and {@code devices} are the
     * caller's overrides; null means "guess".
     *
     * @param modelName the model's file name ({@code cnn_mnist.onnx}): the id comes from it
     * @param source    where the model comes from, as the recipe records it
     */
    public record Request(OnnxModel model, String modelName, String source, SideFile tokenizer, SideFile config,
                          SideFile labels, String task, String id, String title, List<String> devices, FromModel fromModel) {
        /** Without what {@link ModelPreparation} learns from the model's graph. */
        public Request(OnnxModel model, String modelName, String source, SideFile tokenizer, SideFile config,
                       SideFile labels, String task, String id, String title, List<String> devices) {
            this(model, modelName, source, tokenizer, config, labels, task, id, title, devices, FromModel.NONE);
        }
    }

    /**
     * What {@link ModelPreparation} learned from the model's graph: the class labels a scikit-learn
     * ZipMap named (empty when none) and the longest sequence its position table takes (null when
     * it has none). {@link Request#model()} is then the prepared model (ZipMap stripped).
     */
    public record FromModel(List<String> labels, Integer maxLength) {
        public static final FromModel NONE = new FromModel(List.of(), null);

        public FromModel {
            labels = List.copyOf(labels);
        }

        public static FromModel of(ModelPreparation.Prepared p) {
            return new FromModel(p.labels(), p.maxSequenceLength().isPresent() ? p.maxSequenceLength().getAsInt() : null);
        }
    }

    /**
     * @param recipe      the recipe's JSON object, in the order a person reads it
     * @param assumptions one line per guess, also the recipe's {@code notes}
     * @param tokenizer   the tokenizer the recipe's preprocessing reads, null for other inputs
     */
    public record Proposal(Map<String, Object> recipe, List<String> assumptions, SideFile tokenizer) {
        public String id() {
            return (String) recipe.get("id");
        }

        /**
         * recipe.json as written: two-space indents, a final newline, and the notes one per line
         * (the JSON writer keeps an array of strings on one line, fine for labels, not for sentences).
         */
        public String json() {
            Map<String, Object> r = new LinkedHashMap<>(recipe);
            String placeholder = "@notes@";
            r.replace("notes", placeholder);
            StringBuilder notes = new StringBuilder("[");
            for (int i = 0; i < assumptions.size(); i++) {
                notes.append(i == 0 ? "" : ",").append("\n    ").append(Json.writeCompact(assumptions.get(i)));
            }
            notes.append("\n  ]");
            return Json.write(r).replace(Json.writeCompact(placeholder), notes) + "\n";
        }
    }

    private final Request request;
    private final OnnxModel model;
    private final List<String> assumptions = new ArrayList<>();
    /** The model's symbolic dimension names → the recipe's ("batch_size" → "batch"). */
    private final Map<String, String> dimNames = new HashMap<>();
    private boolean textModel;
    private final Config config;
    private final Labels labels;

    private RecipeProposal(Request request) {
        this.request = request;
        this.model = request.model();
        this.config = Config.parse(request.config());
        this.labels = Labels.choose(request.labels(), request.fromModel() == null ? FromModel.NONE : request.fromModel(), config);
    }

    public static Proposal propose(Request request) {
        return new RecipeProposal(request).build();
    }

    // ------------------------------------------------------------------ the steps

    private Proposal build() {
        checkTensors();
        Signals signals = Signals.of(model);
        nameDims(signals);
        TaskType task = task(signals);

        Map<String, Object> pre;
        SideFile tokenizer = null;
        switch (task.inputKind()) {
            case TEXT -> {
                pre = textPreprocessing(task, signals);
                tokenizer = request.tokenizer();
            }
            case IMAGE -> pre = imagePreprocessing(task, signals);
            case FEATURES -> pre = tabularPreprocessing(task, signals);
            default -> throw new ConverterException("task '" + task.wireName() + "' takes " + task.inputKind().wireName()
                    + " input, which the converter cannot propose preprocessing for; write the recipe by hand (converter/README.md)");
        }
        Chosen out = postprocessing(task, signals);

        Map<String, Object> r = new LinkedHashMap<>();
        String id = id();
        r.put("id", id);
        r.put("version", DEFAULT_VERSION);
        r.put("title", request.title() != null ? request.title() : id);
        r.put("task", task.wireName());
        r.put("source", request.source());
        if (tokenizer != null) {
            r.put("tokenizerSource", tokenizer.source());
        }
        if (request.config() != null) {
            r.put("configSource", request.config().source());
        }
        if (labels.from != null && labels.from.source() != null && out.labels != null) {
            r.put("labelsSource", labels.from.source() + (labels.fromConfig ? " (id2label)" : ""));
        }
        r.put("licence", UNKNOWN_LICENCE);
        r.put("inputs", declared(model.inputs()));
        r.put("outputs", declared(model.outputs()));
        r.put("preprocessing", pre);
        r.put("postprocessing", out.section);
        if (out.labels != null) {
            r.put("labels", new ArrayList<Object>(out.labels));
        }
        List<String> devices = request.devices() != null && !request.devices().isEmpty() ? request.devices() : Recipe.DEVICES;
        for (String d : devices) {
            if (!Recipe.DEVICES.contains(d)) {
                throw new ConverterException("--devices: expected some of " + Recipe.DEVICES + ", found '" + d + "'");
            }
        }
        r.put("devices", new ArrayList<Object>(devices));

        assume("id " + id + (request.id() != null ? "" : " from the file name " + request.modelName()) + ", version " + DEFAULT_VERSION
                + (request.title() != null ? "" : ", title '" + id + "'"));
        if (!request.source().startsWith("maven:")) {
            assume("source " + request.source() + ": the path given; set where the model comes from (its URL, or maven:group:artifact:version!/entry)");
        }
        assume("licence " + UNKNOWN_LICENCE + " (not stated): set the model's licence before publishing the bundle");
        if (request.devices() == null || request.devices().isEmpty()) {
            assume("devices " + String.join(", ", devices) + " (all; --devices to choose)");
        }
        r.put("notes", new ArrayList<Object>(assumptions));
        return new Proposal(moveNotes(r), List.copyOf(assumptions), tokenizer);
    }

    /** Notes right after the provenance, where a person editing the recipe looks first. */
    private static Map<String, Object> moveNotes(Map<String, Object> r) {
        Map<String, Object> ordered = new LinkedHashMap<>();
        for (Map.Entry<String, Object> e : r.entrySet()) {
            if (e.getKey().equals("notes")) {
                continue;
            }
            ordered.put(e.getKey(), e.getValue());
            if (e.getKey().equals("licence")) {
                ordered.put("notes", r.get("notes"));
            }
        }
        return ordered;
    }

    private void assume(String line) {
        assumptions.add(line);
    }

    /** Bundles carry tensors of the pipeline's types with a declared rank; say so now, not at import. */
    private void checkTensors() {
        for (String kind : List.of("input", "output")) {
            for (ValueInfo v : kind.equals("input") ? model.inputs() : model.outputs()) {
                String what = "model " + kind + " '" + v.name() + "'";
                if (!v.isTensor()) {
                    // The command proposes from ModelPreparation's model, which has its ZipMap stripped already.
                    boolean zipMap = model.operators().containsKey("ai.onnx.ml.ZipMap");
                    throw new ConverterException(what + " is a " + v.kind() + ", not a tensor"
                            + (zipMap ? " (scikit-learn's ZipMap: a list of {label: probability} maps, which ModelPreparation strips)" : "")
                            + "; bundles carry tensors only");
                }
                if (v.dims() == null) {
                    throw new ConverterException(what + " declares no shape (inspect shows it); the proposal needs at least its rank: "
                            + "write a recipe by hand (converter/README.md)");
                }
                if (v.elementType().dtype() == null) {
                    throw new ConverterException(what + " is " + v.elementType().wireName() + "; bundles carry "
                            + java.util.Arrays.stream(DType.values()).map(DType::wireName).toList());
                }
            }
        }
    }

    // ------------------------------------------------------------------ what the model looks like

    /** The model's inputs sorted into the kinds of input the proposal knows. */
    record Signals(ValueInfo ids, ValueInfo mask, ValueInfo typeIds, ValueInfo image, boolean nhwc, ValueInfo vector) {
        static Signals of(OnnxModel m) {
            ValueInfo ids = null;
            ValueInfo mask = null;
            ValueInfo typeIds = null;
            ValueInfo image = null;
            ValueInfo vector = null;
            boolean nhwc = false;
            for (ValueInfo v : m.inputs()) {
                DType t = v.elementType().dtype();
                String n = v.name().toLowerCase(Locale.ROOT);
                if (t == DType.INT64 && v.dims().size() == 2) {
                    if (ids == null && (n.contains("input_ids") || n.equals("ids") || n.equals("token_ids"))) {
                        ids = v;
                    } else if (mask == null && (n.contains("attention_mask") || n.equals("mask") || n.equals("input_mask"))) {
                        mask = v;
                    } else if (typeIds == null && (n.contains("token_type_ids") || n.equals("segment_ids") || n.equals("type_ids"))) {
                        typeIds = v;
                    }
                }
                if (t == DType.FLOAT32 && v.dims().size() == 4 && image == null) {
                    boolean channelsFirst = isChannels(v.dims().get(1));
                    boolean channelsLast = isChannels(v.dims().get(3));
                    if (channelsFirst || channelsLast) {
                        image = v;
                        nhwc = !channelsFirst;
                    }
                }
                if (t == DType.FLOAT32 && v.dims().size() == 2 && vector == null) {
                    vector = v;
                }
            }
            return new Signals(ids, mask, typeIds, image, nhwc, vector);
        }

        boolean text() {
            return ids != null;
        }

        private static boolean isChannels(Dim d) {
            return d.isFixed() && (d.value() == 1 || d.value() == 3);
        }
    }

    /** Batch, sequence: one vocabulary for bundles whatever the exporter called them. */
    private void nameDims(Signals s) {
        textModel = s.text();
        if (s.ids() != null) {
            Dim batch = s.ids().dims().get(0);
            Dim sequence = s.ids().dims().get(1);
            if (batch.symbol() != null) {
                dimNames.put(batch.symbol(), "batch");
            }
            if (sequence.symbol() != null) {
                dimNames.put(sequence.symbol(), "sequence");
            }
        }
        for (List<ValueInfo> values : List.of(model.inputs(), model.outputs())) {
            for (ValueInfo v : values) {
                Dim first = v.dims().isEmpty() ? null : v.dims().get(0);
                if (first != null && first.symbol() != null) {
                    dimNames.putIfAbsent(first.symbol(), "batch");
                }
            }
        }
    }

    private List<Object> dims(ValueInfo v) {
        List<Object> out = new ArrayList<>();
        for (int i = 0; i < v.dims().size(); i++) {
            Dim d = v.dims().get(i);
            if (d.isFixed()) {
                out.add(d.value());
            } else if (d.symbol() != null) {
                out.add(dimNames.getOrDefault(d.symbol(), d.symbol()));
            } else {
                boolean sequence = textModel && i == 1 && (v.dims().size() == 3 || model.inputs().contains(v));
                out.add(i == 0 ? "batch" : sequence ? "sequence" : "dim" + i);
            }
        }
        return out;
    }

    private String shape(ValueInfo v) {
        return dims(v).toString();
    }

    private List<Object> declared(List<ValueInfo> values) {
        List<Object> out = new ArrayList<>();
        for (ValueInfo v : values) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("name", v.name());
            m.put("dtype", v.elementType().dtype().wireName());
            m.put("shape", dims(v));
            out.add(m);
        }
        return out;
    }

    // ------------------------------------------------------------------ the task

    private TaskType task(Signals s) {
        if (request.task() != null) {
            TaskType t = registered(request.task(), "--task");
            String fits = fits(t.inputKind(), s);
            if (fits != null) {
                throw new ConverterException("--task " + t.wireName() + " takes " + t.inputKind().wireName() + " input, but " + fits);
            }
            return t;
        }
        String name;
        String why;
        if (s.text()) {
            ValueInfo hidden = firstFloat(3);
            ValueInfo scores = firstFloat(2);
            String inputs = "int64 inputs " + String.join("/", textInputNames(s));
            if (hidden != null && (config.tokenClassification() || labels.bio())) {
                name = TOKEN_CLASSIFICATION;
                why = "the model has " + inputs + " and a " + shape(hidden) + " output; "
                        + (config.tokenClassification() ? config.name() + " names " + config.architecture
                        : labels.from.name() + " has B-/I- labels");
            } else if (scores != null && (labels.list != null || config.sequenceClassification())) {
                name = "text-classification";
                why = "the model has " + inputs + " and a " + shape(scores) + " output; "
                        + (labels.fromConfig ? config.name() + " has id2label"
                        : labels.from != null ? "labels from " + labels.from.name() : config.name() + " names " + config.architecture);
            } else if (hidden != null) {
                name = "text-embedding";
                why = "the model has " + inputs + " and a " + shape(hidden) + " output (" + hidden.name() + ")"
                        + (request.config() == null ? "; no config.json says it classifies" : "; " + config.name() + " says nothing of classes");
            } else if (scores != null && looksPooled(scores)) {
                name = "text-embedding";
                why = "the model has " + inputs + " and a " + shape(scores) + " output named '" + scores.name() + "', an embedding";
            } else if (scores != null) {
                name = "text-classification";
                why = "the model has " + inputs + " and a " + shape(scores) + " output; no labels given, so its values are taken as "
                        + "class scores (--task text-embedding if they are a pooled embedding)";
            } else {
                throw new ConverterException("model " + request.modelName() + " has text inputs (" + inputs + ") but no float output of rank 2 "
                        + "or 3 (outputs " + describe(model.outputs()) + "); write the recipe by hand (converter/README.md)");
            }
        } else if (s.image() != null) {
            ValueInfo scores = firstFloat(2);
            name = "image-classification";
            why = "the model has a float32 " + shape(s.image()) + " input (" + (s.nhwc() ? "nhwc" : "nchw") + ", " + channels(s) + " channel"
                    + (channels(s) == 1 ? "" : "s") + ")" + (scores != null ? " and a " + shape(scores) + " output" : "");
        } else if (s.vector() != null) {
            ValueInfo scores = firstFloat(2);
            boolean oneValue = scores != null && fixed(last(scores)) == 1 && labels.list == null;
            name = oneValue ? "tabular-regression" : "tabular-classification";
            why = "the model has a float32 " + shape(s.vector()) + " input (a record of numbers)"
                    + (scores != null ? " and a " + shape(scores) + " output" + (oneValue ? " (one number, no labels)" : "") : "");
        } else {
            throw new ConverterException("cannot tell what model " + request.modelName() + " does from its inputs " + describe(model.inputs())
                    + ": expected int64 input_ids (text), a float32 [batch, C, H, W] image with C 1 or 3, or a float32 [batch, n] record; "
                    + "write the recipe by hand (converter/README.md)");
        }
        TaskType t = registered(name, "the model looks like " + name + " (" + why + "), but");
        assume("task " + name + ": " + why);
        return t;
    }

    private static TaskType registered(String name, String what) {
        try {
            return Tasks.task(name);
        } catch (RecipeException e) {
            List<String> known = Tasks.all().stream().map(TaskType::wireName).toList();
            if (what.startsWith("--task")) {
                throw new ConverterException("--task: expected one of " + known + ", found '" + name + "'", e);
            }
            throw new ConverterException(what + " this converter has no task '" + name + "' (known: " + known + "); choose one with --task "
                    + "or write the recipe by hand", e);
        }
    }

    /** Null when the model's inputs suit the input kind, else why not. */
    private String fits(InputKind kind, Signals s) {
        return switch (kind) {
            case TEXT -> s.text() ? null : "the model has no int64 input named like input_ids (inputs " + describe(model.inputs()) + ")";
            case IMAGE -> s.image() != null || flatImageSide(s) != null ? null
                    : "the model has no float32 [batch, C, H, W] input with C 1 or 3, nor a flattened one (inputs " + describe(model.inputs()) + ")";
            case FEATURES -> s.vector() != null ? null : "the model has no float32 [batch, n] input (inputs " + describe(model.inputs()) + ")";
        };
    }

    private static List<String> textInputNames(Signals s) {
        List<String> names = new ArrayList<>();
        for (ValueInfo v : new ValueInfo[] {s.ids(), s.mask(), s.typeIds()}) {
            if (v != null) {
                names.add(v.name());
            }
        }
        return names;
    }

    private static boolean looksPooled(ValueInfo v) {
        String n = v.name().toLowerCase(Locale.ROOT);
        return n.contains("embed") || n.contains("pool") || n.contains("sentence");
    }

    // ------------------------------------------------------------------ preprocessing

    private Map<String, Object> textPreprocessing(TaskType task, Signals s) {
        String type = "bert-wordpiece";
        requireType(task, type);
        SideFile tokenizerFile = request.tokenizer();
        if (tokenizerFile == null) {
            throw new ConverterException("model " + request.modelName() + " is a text model (int64 inputs " + String.join(", ", textInputNames(s))
                    + ") and needs its tokenizer: pass --tokenizer <tokenizer.json> (HuggingFace tokenizer.json, a file or some.jar!/entry; "
                    + "none was found beside the model as tokenizer.json or <name>-tokenizer.json)");
        }
        if (s.mask() == null) {
            throw new ConverterException("model " + request.modelName() + " has int64 input '" + s.ids().name() + "' but no attention mask input "
                    + "(inputs " + describe(model.inputs()) + "); bert-wordpiece feeds input_ids and attention_mask");
        }
        for (ValueInfo v : model.inputs()) {
            if (v != s.ids() && v != s.mask() && v != s.typeIds()) {
                throw new ConverterException("model input '" + v.name() + "' " + v.typeString() + " is not one bert-wordpiece feeds (it feeds "
                        + String.join(", ", textInputNames(s)) + "); write the recipe by hand");
            }
        }
        TokenizerSettings settings = TokenizerSettings.parse(tokenizerFile.text(), "tokenizer " + tokenizerFile.name());
        if (tokenizerFile.found()) {
            assume("tokenizer " + tokenizerFile.name() + ", found beside the model (--tokenizer to choose another)");
        }
        Object truncation = settings.settings().get("maxLength");
        Integer modelMax = request.fromModel() == null ? null : request.fromModel().maxLength();
        long maxLength;
        if (truncation != null) {
            maxLength = ((Number) truncation).longValue();
            assume("maxLength " + maxLength + " from " + tokenizerFile.name() + " truncation");
        } else if (modelMax != null) {
            // What TokenizerSettings.mergeInto takes at import when tokenizer.json does not say.
            maxLength = Math.min(modelMax, BertTokenizerConfig.DEFAULT_MAX_LENGTH);
            assume("maxLength " + maxLength + " from the model's position table (" + tokenizerFile.name() + " sets no truncation)");
        } else {
            maxLength = BertTokenizerConfig.DEFAULT_MAX_LENGTH;
            assume("maxLength " + maxLength + " (the BERT default): " + tokenizerFile.name() + " sets no truncation");
        }
        if (modelMax == null && config.maxPositions != null && config.maxPositions < maxLength) {
            assume("warning: " + config.name() + " max_position_embeddings " + config.maxPositions + " is below maxLength " + maxLength
                    + ": texts longer than that will fail; give the tokenizer.json a truncation of at most " + config.maxPositions);
        }
        Map<String, Object> pre = new LinkedHashMap<>();
        pre.put("type", type);
        pre.put("vocab", VOCAB_FILE);
        pre.put("idsInput", s.ids().name());
        pre.put("maskInput", s.mask().name());
        if (s.typeIds() != null) {
            pre.put("typeIdsInput", s.typeIds().name());
        }
        return pre;
    }

    private Map<String, Object> imagePreprocessing(TaskType task, Signals s) {
        String type = "image";
        requireType(task, type);
        onlyInput(s.image() != null ? s.image() : s.vector(), "image");
        Map<String, Object> pre = new LinkedHashMap<>();
        pre.put("type", type);
        int channels;
        long width;
        long height;
        String layout;
        if (s.image() != null) {
            List<Dim> d = s.image().dims();
            channels = channels(s);
            layout = s.nhwc() ? "nhwc" : "nchw";
            Dim h = s.nhwc() ? d.get(1) : d.get(2);
            Dim w = s.nhwc() ? d.get(2) : d.get(3);
            height = h.isFixed() ? h.value() : DEFAULT_SIDE;
            width = w.isFixed() ? w.value() : DEFAULT_SIDE;
            if (!h.isFixed() || !w.isFixed()) {
                assume("size " + width + "x" + height + ": the model's height and width are not fixed; set width and height to its training size");
            } else {
                assume("size " + width + "x" + height + " from the model's input; the picture's shorter side is scaled to "
                        + Math.max(width, height) + " and the centre cropped (set resizeTo, e.g. 256 for a 224 ResNet crop)");
            }
            if (channels == 1 && width == 28 && height == 28) {
                assume("a 1x28x28 input looks like MNIST digits: preprocessing digit-image (crop to the ink, centre by mass) may fit better");
            }
        } else {
            long n = fixed(s.vector().dims().get(1));
            long[] side = flatImageSide(s);
            channels = (int) side[1];
            width = side[0];
            height = side[0];
            layout = "flat";
            assume("a flattened image: " + n + " = " + (channels == 3 ? "3x" : "") + width + "x" + height
                    + ", layout flat (one row of C*H*W values in nchw order)");
        }
        pre.put("width", width);
        pre.put("height", height);
        pre.put("channels", channels == 3 ? "rgb" : "grayscale");
        pre.put("layout", layout);
        if (channels == 3) {
            pre.put("mean", new ArrayList<Object>(IMAGENET_MEAN));
            pre.put("std", new ArrayList<Object>(IMAGENET_STD));
            assume("channels rgb with ImageNet mean " + IMAGENET_MEAN + " and std " + IMAGENET_STD
                    + " on 0..1 values: set the model's own (bgr and 0..255 models differ)");
        } else {
            pre.put("mean", 0.0);
            pre.put("std", 1.0);
            assume("channels grayscale, values 0..1 (mean 0, std 1): set the training set's mean and std");
        }
        return pre;
    }

    /** [side, channels] when the [batch, n] input is a square image flattened (n = s·s or 3·s·s). */
    private static long[] flatImageSide(Signals s) {
        if (s.vector() == null || !s.vector().dims().get(1).isFixed()) {
            return null;
        }
        long n = s.vector().dims().get(1).value();
        for (int c : new int[] {1, 3}) {
            if (n % c == 0) {
                long side = Math.round(Math.sqrt((double) (n / c)));
                if (side > 1 && side * side * c == n) {
                    return new long[] {side, c};
                }
            }
        }
        return null;
    }

    private Map<String, Object> tabularPreprocessing(TaskType task, Signals s) {
        String type = "tabular";
        requireType(task, type);
        ValueInfo input = s.vector();
        onlyInput(input, "tabular");
        Dim n = input.dims().get(1);
        if (!n.isFixed()) {
            throw new ConverterException("model input '" + input.name() + "' " + shape(input) + " has no fixed number of features; "
                    + "tabular bundles come from `tandem-converter train` or a hand-written recipe");
        }
        List<Object> features = new ArrayList<>();
        for (int i = 0; i < n.value(); i++) {
            Map<String, Object> f = new LinkedHashMap<>();
            f.put("name", "f" + i);
            f.put("kind", "numeric");
            f.put("mean", 0.0);
            f.put("std", 1.0);
            features.add(f);
        }
        Map<String, Object> pre = new LinkedHashMap<>();
        pre.put("type", type);
        pre.put("input", input.name());
        pre.put("features", features);
        assume(n.value() + " numeric features f0..f" + (n.value() - 1) + " with mean 0 and std 1 (values fed as they are): rename them "
                + "and set their means and stds; tabular bundles usually come from `tandem-converter train` or a hand-written recipe");
        long[] side = flatImageSide(s);
        if (side != null && side[0] >= 8) {
            assume(n.value() + " = " + (side[1] == 3 ? "3x" : "") + side[0] + "x" + side[0] + ": if the features are pixels, "
                    + "--task image-classification proposes preprocessing image with layout flat");
        }
        return pre;
    }

    private void onlyInput(ValueInfo input, String type) {
        for (ValueInfo v : model.inputs()) {
            if (v != input) {
                throw new ConverterException("model input '" + v.name() + "' " + v.typeString() + " is not fed by preprocessing " + type
                        + ", which feeds '" + input.name() + "' only; write the recipe by hand");
            }
        }
    }

    private int channels(Signals s) {
        List<Dim> d = s.image().dims();
        return (int) (long) (s.nhwc() ? d.get(3) : d.get(1)).value();
    }

    // ------------------------------------------------------------------ postprocessing and labels

    /** The postprocessing section, and the labels when its type needs them. */
    private record Chosen(Map<String, Object> section, List<String> labels) {
    }

    private Chosen postprocessing(TaskType task, Signals s) {
        OutputKind kind = task.outputKind();
        boolean perToken = task.wireName().equals(TOKEN_CLASSIFICATION) || task.postprocessingTypes().contains(TOKEN_SPANS);
        ValueInfo output;
        String type;
        Map<String, Object> options = new LinkedHashMap<>();
        switch (kind) {
            case EMBEDDING -> {
                ValueInfo hidden = task.inputKind() == InputKind.TEXT ? firstFloat(3) : null;
                output = hidden != null ? hidden : firstFloat(2);
                if (output == null) {
                    throw noOutput(task, "a float [batch, sequence, hidden] or [batch, n] output");
                }
                type = preferred(task, "embedding", "mean-pool-l2");
                if (type.equals("embedding")) {
                    options.put("pooling", hidden != null ? "mean" : "none");
                }
                assume("postprocessing " + type + ": " + (hidden != null
                        ? "mean of the token vectors under the attention mask, L2-normalised (sentence-transformers; BGE-style models use pooling cls)"
                        : "the " + shape(output) + " output is pooled already (pooling none), L2-normalised"));
            }
            case CLASS_SCORES -> {
                output = perToken ? firstFloat(3) : firstFloat(2);
                if (output == null) {
                    throw noOutput(task, perToken ? "a float [batch, sequence, labels] output" : "a float [batch, n] output of class scores");
                }
                if (perToken) {
                    type = preferred(task, TOKEN_SPANS);
                    assume("postprocessing " + type + " with its defaults: word pieces joined into words, labels into spans "
                            + "(options in docs/schema/recipe.schema.json)");
                } else if (config.multiLabel()) {
                    type = preferred(task, "sigmoid");
                    assume("postprocessing " + type + ": " + config.name() + " problem_type multi_label_classification");
                } else if (probabilitiesProducer()) {
                    type = preferred(task, "probabilities");
                    assume("postprocessing " + type + ": " + model.producer() + " models output probabilities already");
                } else {
                    type = preferred(task, "softmax");
                    assume("postprocessing " + type + ": the output is taken as logits or log-probabilities (use probabilities if the "
                            + "model outputs them already, sigmoid for multi-label)");
                }
            }
            case VALUES -> {
                output = firstFloat(2);
                if (output == null) {
                    output = firstFloat(1);
                }
                if (output == null) {
                    throw noOutput(task, "a float output");
                }
                type = preferred(task, "values");
            }
            default -> throw new ConverterException("task '" + task.wireName() + "' gives " + kind + ", which the converter cannot propose "
                    + "postprocessing for; write the recipe by hand");
        }
        PostprocessorType post = Tasks.postprocessor(type);
        Map<String, Object> section = new LinkedHashMap<>();
        section.put("type", type);
        if (!output.name().equals(model.outputs().get(0).name()) && post.options().names().contains("output")) {
            section.put("output", output.name());
            assume("postprocessing reads output '" + output.name() + "' " + shape(output) + ", not the first output '"
                    + model.outputs().get(0).name() + "'");
        }
        section.putAll(options);
        List<String> chosenLabels = null;
        if (post.needsLabels() || kind == OutputKind.CLASS_SCORES || (kind == OutputKind.VALUES && labels.list != null)) {
            chosenLabels = labelsFor(output);
        } else if (labels.list != null) {
            assume("labels from " + labels.describe() + " are not used: task " + task.wireName() + " gives no classes");
        }
        return new Chosen(section, chosenLabels);
    }

    private ConverterException noOutput(TaskType task, String what) {
        return new ConverterException("task " + task.wireName() + " needs " + what + "; the model's outputs are " + describe(model.outputs()));
    }

    /** The first of the wanted types the task takes, else the task's default. */
    private String preferred(TaskType task, String... wanted) {
        for (String w : wanted) {
            if (task.postprocessingTypes().contains(w)) {
                return w;
            }
        }
        String fallback = task.postprocessingTypes().get(0);
        assume("postprocessing " + fallback + ": task " + task.wireName() + "'s default; see its options in docs/schema/recipe.schema.json");
        return fallback;
    }

    private static void requireType(TaskType task, String type) {
        if (!task.preprocessingTypes().contains(type)) {
            throw new ConverterException("task " + task.wireName() + " takes preprocessing " + task.preprocessingTypes()
                    + "; the converter proposes only '" + type + "' for such a model: write the recipe by hand");
        }
    }

    private boolean probabilitiesProducer() {
        String p = model.producerName().toLowerCase(Locale.ROOT);
        return p.startsWith("skl2onnx") || p.startsWith("tribuo");
    }

    private List<String> labelsFor(ValueInfo output) {
        Long classes = output.dims().isEmpty() ? null : output.dims().get(output.dims().size() - 1).value();
        if (labels.list != null) {
            if (classes != null && classes != labels.list.size()) {
                throw new ConverterException("labels: expected " + classes + " (last dimension of output '" + output.name() + "' "
                        + shape(output) + "), found " + labels.list.size() + " in " + labels.describe());
            }
            assume("labels from " + labels.describe() + " (" + labels.list.size() + ")" + labels.note);
            if (labels.generic()) {
                assume("the labels are generic names (" + labels.list.get(0) + ", …): set the real ones");
            }
            return labels.list;
        }
        if (classes == null) {
            throw new ConverterException("output '" + output.name() + "' " + shape(output) + " has no fixed number of classes; pass --labels "
                    + "<labels.txt> (one per line) or --config <config.json> with id2label");
        }
        List<String> numbered = new ArrayList<>();
        for (int i = 0; i < classes; i++) {
            numbered.add(Integer.toString(i));
        }
        assume("labels 0.." + (classes - 1) + ": none given (--labels <labels.txt>, or --config <config.json> with id2label); set the real ones");
        return numbered;
    }

    // ------------------------------------------------------------------ small helpers

    /** The first float32 output of that rank whose last dimension is fixed or, for rank 3, any. */
    private ValueInfo firstFloat(int rank) {
        for (ValueInfo v : model.outputs()) {
            if (v.elementType().dtype() == DType.FLOAT32 && v.dims().size() == rank) {
                return v;
            }
        }
        return null;
    }

    private static Dim last(ValueInfo v) {
        return v.dims().get(v.dims().size() - 1);
    }

    private static long fixed(Dim d) {
        return d.isFixed() ? d.value() : -1;
    }

    private String describe(List<ValueInfo> values) {
        List<String> out = new ArrayList<>();
        for (ValueInfo v : values) {
            out.add(v.name() + " " + v.typeString());
        }
        return out.toString();
    }

    private String id() {
        if (request.id() != null) {
            if (!ID.matcher(request.id()).matches()) {
                throw new ConverterException("--id: expected lower-case letters, digits, '.', '_' or '-' (at most 64, starting with a letter "
                        + "or digit), found '" + request.id() + "'");
            }
            return request.id();
        }
        return idFrom(request.modelName());
    }

    /** {@code My_Model.v2.onnx} → {@code my-model-v2}: lower case, runs of anything else one '-'. */
    public static String idFrom(String fileName) {
        String stem = fileName.replaceFirst("(?i)\\.(onnx|ort)$", "");
        StringBuilder sb = new StringBuilder();
        for (char c : stem.toLowerCase(Locale.ROOT).toCharArray()) {
            boolean ok = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
            if (ok) {
                sb.append(c);
            } else if (sb.length() > 0 && sb.charAt(sb.length() - 1) != '-') {
                sb.append('-');
            }
        }
        String id = sb.toString().replaceAll("-+$", "");
        if (id.length() > 64) {
            id = id.substring(0, 64).replaceAll("-+$", "");
        }
        return id.isEmpty() ? "model" : id;
    }

    // ------------------------------------------------------------------ config.json and labels

    /** What a HuggingFace config.json says that the proposal uses. */
    private static final class Config {
        private final SideFile file;
        private final String architecture;
        private final String problemType;
        private final List<String> id2label;
        private final Long maxPositions;

        private Config(SideFile file, String architecture, String problemType, List<String> id2label, Long maxPositions) {
            this.file = file;
            this.architecture = architecture;
            this.problemType = problemType;
            this.id2label = id2label;
            this.maxPositions = maxPositions;
        }

        static Config parse(SideFile file) {
            if (file == null) {
                return new Config(null, null, null, null, null);
            }
            String where = "config " + file.name();
            try {
                JsonObject o = JsonObject.parse(file.text(), where);
                String architecture = null;
                if (o.has("architectures")) {
                    List<String> a = o.strings("architectures");
                    architecture = a.isEmpty() ? null : a.get(0);
                }
                List<String> id2label = o.has("id2label") ? id2label(o.object("id2label"), where) : null;
                Long maxPositions = o.has("max_position_embeddings") ? o.integer("max_position_embeddings") : null;
                return new Config(file, architecture, o.string("problem_type", null), id2label, maxPositions);
            } catch (JsonException e) {
                String m = e.getMessage();
                throw new ConverterException(m.startsWith(where) ? m : where + ": " + m, e);
            }
        }

        /** {"0": "NEGATIVE", "1": "POSITIVE"} → [NEGATIVE, POSITIVE]; the keys must be 0..n-1. */
        private static List<String> id2label(JsonObject map, String where) {
            int n = map.raw().size();
            String[] out = new String[n];
            for (Map.Entry<String, Object> e : map.raw().entrySet()) {
                int i;
                try {
                    i = Integer.parseInt(e.getKey());
                } catch (NumberFormatException x) {
                    i = -1;
                }
                if (i < 0 || i >= n || out[i] != null) {
                    throw new ConverterException(where + ": id2label: expected the keys 0.." + (n - 1) + ", found '" + e.getKey() + "'");
                }
                if (!(e.getValue() instanceof String s)) {
                    throw new ConverterException(where + ": id2label." + e.getKey() + ": expected a string, found " + e.getValue());
                }
                out[i] = s;
            }
            return List.of(out);
        }

        String name() {
            return file == null ? "config.json" : file.name();
        }

        boolean tokenClassification() {
            return architecture != null && architecture.endsWith("ForTokenClassification");
        }

        boolean sequenceClassification() {
            return architecture != null && (architecture.endsWith("ForSequenceClassification") || architecture.endsWith("ForImageClassification"));
        }

        boolean multiLabel() {
            return "multi_label_classification".equals(problemType);
        }
    }

    /** The labels the recipe gets: a labels file first, else config.json's id2label. */
    private static final class Labels {
        private final List<String> list;
        private final SideFile from;
        private final boolean fromConfig;
        private final String note;

        private Labels(List<String> list, SideFile from, boolean fromConfig, String note) {
            this.list = list;
            this.from = from;
            this.fromConfig = fromConfig;
            this.note = note;
        }

        /** A labels file first, then the model's own (a ZipMap's classes), then config.json's id2label. */
        static Labels choose(SideFile file, FromModel model, Config config) {
            if (file != null) {
                List<String> list = lines(file);
                String note = file.found() ? ", found beside the model (--labels to choose another)" : "";
                if (!model.labels().isEmpty() && !model.labels().equals(list)) {
                    note += "; the model's own classes " + model.labels() + " differ";
                } else if (config.id2label != null && !config.id2label.equals(list)) {
                    note += "; " + config.name() + " id2label differs and is not used";
                }
                return new Labels(list, file, false, note);
            }
            if (!model.labels().isEmpty()) {
                return new Labels(model.labels(), MODEL, false, "");
            }
            if (config.id2label != null) {
                return new Labels(config.id2label, config.file, true, "");
            }
            return new Labels(null, null, false, "");
        }

        /** The model itself as the labels' source: a scikit-learn classifier names its classes. */
        private static final SideFile MODEL = new SideFile("", "the model's ZipMap", null, false);

        /** One label per line; a final newline, a byte order mark and \r before \n are allowed. */
        static List<String> lines(SideFile file) {
            String text = file.text();
            if (text.startsWith("\uFEFF")) {
                text = text.substring(1);
            }
            if (text.endsWith("\n")) {
                text = text.substring(0, text.length() - 1);
            }
            String[] parts = text.split("\r?\n", -1);
            List<String> out = new ArrayList<>();
            Set<String> seen = new HashSet<>();
            for (int i = 0; i < parts.length; i++) {
                String label = parts[i].endsWith("\r") ? parts[i].substring(0, parts[i].length() - 1) : parts[i];
                if (label.isBlank()) {
                    throw new ConverterException("labels " + file.name() + ": line " + (i + 1) + " is empty (expected one label per line)");
                }
                if (!seen.add(label)) {
                    throw new ConverterException("labels " + file.name() + ": line " + (i + 1) + " repeats '" + label + "'");
                }
                out.add(label);
            }
            return out;
        }

        boolean bio() {
            if (list == null) {
                return false;
            }
            for (String l : list) {
                if (l.startsWith("B-") || l.startsWith("I-")) {
                    return true;
                }
            }
            return false;
        }

        /** HuggingFace's placeholders, LABEL_0, LABEL_1 …: nobody chose them. */
        boolean generic() {
            for (int i = 0; i < list.size(); i++) {
                if (!list.get(i).equals("LABEL_" + i)) {
                    return false;
                }
            }
            return true;
        }

        String describe() {
            return from.name() + (fromConfig ? " id2label" : "");
        }
    }
}
