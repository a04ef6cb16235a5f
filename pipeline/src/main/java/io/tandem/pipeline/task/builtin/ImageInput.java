package io.tandem.pipeline.task.builtin;

import io.tandem.pipeline.bundle.Manifest;
import io.tandem.pipeline.drift.ChannelImageStatistics;
import io.tandem.pipeline.drift.InputStatistics;
import io.tandem.pipeline.image.AlphaMode;
import io.tandem.pipeline.image.ChannelOrder;
import io.tandem.pipeline.image.ImagePreprocessor;
import io.tandem.pipeline.image.ImageRecipe;
import io.tandem.pipeline.image.Interpolation;
import io.tandem.pipeline.image.Layout;
import io.tandem.pipeline.image.ResizeMode;
import io.tandem.pipeline.image.RgbaImage;
import io.tandem.pipeline.json.JsonObject;
import io.tandem.pipeline.recipe.Option;
import io.tandem.pipeline.recipe.OptionSet;
import io.tandem.pipeline.recipe.RecipeException;
import io.tandem.pipeline.task.BundleFiles;
import io.tandem.pipeline.task.InputKind;
import io.tandem.pipeline.task.ModelInput;
import io.tandem.pipeline.task.Prepared;
import io.tandem.pipeline.task.Preprocessor;
import io.tandem.pipeline.task.PreprocessorType;
import io.tandem.pipeline.tensor.Tensor;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Any picture → the float tensor an image model was trained on (MobileNet, ResNet, EfficientNet,
 * ViT …): resize, centre crop, channel order, scale, per-channel mean and std, layout. The JSON
 * binding of {@link ImageRecipe}; {@code layout: "flat"} feeds the NCHW values as one row
 * [1, C·H·W], for models trained on flattened pixels (scikit-learn's).
 */
public final class ImageInput implements Preprocessor {
    private static final String FLAT = "flat";

    private static final OptionSet OPTIONS = OptionSet.of(
            Option.of("input", Option.Kind.STRING, "The model input the image is fed to; the first input when absent."),
            Option.of("width", Option.Kind.INTEGER, "Width of the model input, in pixels.").required().between(1, ImageRecipe.MAX_SIDE),
            Option.of("height", Option.Kind.INTEGER, "Height of the model input, in pixels.").required().between(1, ImageRecipe.MAX_SIDE),
            Option.choice("resize", "shorter-side: scale the shorter side to resizeTo (keeping the aspect ratio), then crop the "
                    + "centre; exact: stretch to width x height; none: crop the centre only.", ResizeMode.wireNames()),
            Option.of("resizeTo", Option.Kind.INTEGER, "Shorter side before the centre crop (ResNet: 256 for a 224 crop); "
                    + "max(width, height) when absent.").between(1, ImageRecipe.MAX_SIDE),
            Option.choice("interpolation", "bilinear (half-pixel centres, as PIL and torchvision), area (exact box average) or nearest.",
                    Interpolation.wireNames()),
            Option.choice("channels", "Channel order of the tensor: rgb, bgr (Caffe-era models) or grayscale (one channel, BT.601).",
                    ChannelOrder.wireNames()),
            Option.choice("alpha", "composite: transparent pixels over background (canvas drawings are transparent); ignore: drop alpha.",
                    AlphaMode.wireNames()),
            Option.of("background", Option.Kind.INTEGER, "Grey level (0..255) transparent pixels are composited over.")
                    .defaultsTo(255L).between(0, 255),
            Option.of("invert", Option.Kind.BOOLEAN, "Take 255 - v for every colour value (after compositing): dark ink on white "
                    + "paper becomes the light-on-dark digits MNIST-style models learnt from.").defaultsTo(Boolean.FALSE),
            Option.of("scale", Option.Kind.NUMBER, "Multiplies each 0..255 value before mean and std (1/255 gives 0..1).")
                    .defaultsTo(1 / 255.0),
            Option.of("mean", Option.Kind.NUMBERS, "Subtracted after scale: one number, or one per channel in tensor order "
                    + "(ImageNet: [0.485, 0.456, 0.406]).").defaultsTo(0.0),
            Option.of("std", Option.Kind.NUMBERS, "Divides after mean: one number, or one per channel (ImageNet: [0.229, 0.224, 0.225]).")
                    .defaultsTo(1.0).between(Double.MIN_VALUE, Double.MAX_VALUE),
            Option.choice("layout", "nchw (PyTorch), nhwc (TensorFlow) or flat (one row of C*H*W values in NCHW order).",
                    "nchw", "nhwc", FLAT));

    public static final PreprocessorType TYPE = PreprocessorType.of("image",
            "Any picture: resize, centre crop, rgb/bgr/grayscale, scale, per-channel mean and std, nchw/nhwc/flat.",
            InputKind.IMAGE, OPTIONS, (manifest, config, files) -> {
                String input = config.string("input", manifest.inputs().isEmpty() ? "input" : manifest.inputs().get(0).name());
                boolean flat = FLAT.equals(config.string("layout", "nchw"));
                boolean invert = config.bool("invert", false);
                return new ImageInput(input, recipe(config, flat, invert), flat, invert);
            });

    private final String inputName;
    private final ImagePreprocessor preprocessor;
    private final boolean flat;
    private final boolean invert;

    private ImageInput(String inputName, ImageRecipe recipe, boolean flat, boolean invert) {
        this.inputName = inputName;
        this.preprocessor = new ImagePreprocessor(recipe);
        this.flat = flat;
        this.invert = invert;
    }

    /**
     * Inverting is done on the picture's own colours with the background inverted too: compositing
     * is linear, so 255 − composite(v, α, bg) = composite(255 − v, α, 255 − bg), exactly, in the
     * preprocessor's double arithmetic — the same tensor as inverting after compositing.
     */
    private static ImageRecipe recipe(JsonObject c, boolean flat, boolean invert) {
        try {
            ImageRecipe.Builder b = ImageRecipe.builder()
                    .width((int) c.integer("width"))
                    .height((int) c.integer("height"))
                    .resize(ResizeMode.fromWireName(c.string("resize", ResizeMode.SHORTER_SIDE.wireName())))
                    .interpolation(Interpolation.fromWireName(c.string("interpolation", Interpolation.BILINEAR.wireName())))
                    .channels(ChannelOrder.fromWireName(c.string("channels", ChannelOrder.RGB.wireName())))
                    .alpha(AlphaMode.fromWireName(c.string("alpha", AlphaMode.COMPOSITE.wireName())))
                    .background(invert ? 255 - (int) c.integer("background", 255) : (int) c.integer("background", 255))
                    .scale(c.number("scale", 1 / 255.0))
                    .mean(numbers(c, "mean", 0.0))
                    .std(numbers(c, "std", 1.0))
                    .layout(flat ? Layout.NCHW : Layout.fromWireName(c.string("layout", Layout.NCHW.wireName())));
            if (c.has("resizeTo")) {
                b.resizeTo((int) c.integer("resizeTo"));
            }
            return b.build();
        } catch (RecipeException e) {
            throw e;
        } catch (IllegalArgumentException e) {
            // The recipe's own checks name the field ("std[1]: expected …"); say which section it is in.
            throw new RecipeException("preprocessing." + e.getMessage());
        }
    }

    /** One number for every channel, or one per channel. */
    private static double[] numbers(JsonObject c, String key, double fallback) {
        if (!c.has(key)) {
            return new double[] {fallback};
        }
        Object v = c.raw().get(key);
        if (v instanceof Number) {
            return new double[] {((Number) v).doubleValue()};
        }
        List<Object> list = c.array(key);
        double[] out = new double[list.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = ((Number) list.get(i)).doubleValue();
        }
        return out;
    }

    @Override
    public Prepared preprocess(ModelInput input) {
        Tensor t = preprocessor.toTensor(invert ? inverted(input.image()) : input.image());
        if (flat) {
            t = Tensor.ofFloats(new int[] {1, t.size()}, t.floats());
        }
        Map<String, Tensor> feeds = new LinkedHashMap<>();
        feeds.put(inputName, t);
        return new Prepared(feeds);
    }

    /** A copy: the caller's picture is not ours to change. */
    private static RgbaImage inverted(RgbaImage image) {
        byte[] rgba = image.rgba().clone();
        for (int i = 0; i < rgba.length; i += 4) {
            rgba[i] = (byte) (255 - (rgba[i] & 0xff));
            rgba[i + 1] = (byte) (255 - (rgba[i + 1] & 0xff));
            rgba[i + 2] = (byte) (255 - (rgba[i + 2] & 0xff));
        }
        return new RgbaImage(image.width(), image.height(), rgba);
    }

    @Override
    public InputStatistics statistics() {
        return new ChannelImageStatistics(inputName, preprocessor.recipe());
    }

    /**
     * A colour gradient a quarter wider than the model's input, so the sample goes through the
     * resize and the crop, not around them.
     */
    @Override
    public ModelInput sampleInput() {
        ImageRecipe r = preprocessor.recipe();
        int w = Math.min(RgbaImage.MAX_SIDE, Math.max(r.width(), r.resizeTo()) * 5 / 4);
        int h = Math.min(RgbaImage.MAX_SIDE, Math.max(r.height(), r.resizeTo()));
        byte[] rgba = new byte[w * h * 4];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int i = (y * w + x) * 4;
                rgba[i] = (byte) (x * 255 / Math.max(1, w - 1));
                rgba[i + 1] = (byte) (y * 255 / Math.max(1, h - 1));
                rgba[i + 2] = (byte) ((x + y) * 255 / Math.max(1, w + h - 2));
                rgba[i + 3] = (byte) 255;
            }
        }
        return ModelInput.image(new RgbaImage(w, h, rgba));
    }
}
