package io.tandem.pipeline.image;

import io.tandem.pipeline.task.InvalidInputException;

/** The size a picture is resized to and where in it the centre crop starts, for one recipe. */
final class ResizeGeometry {
    final int resizedWidth;
    final int resizedHeight;
    final int left;
    final int top;

    private ResizeGeometry(int resizedWidth, int resizedHeight, int left, int top) {
        this.resizedWidth = resizedWidth;
        this.resizedHeight = resizedHeight;
        this.left = left;
        this.top = top;
    }

    static ResizeGeometry of(ImageRecipe recipe, int sourceWidth, int sourceHeight) {
        int w;
        int h;
        switch (recipe.resize()) {
            case SHORTER_SIDE: {
                // torchvision's Resize(int): the longer side is int(size · long / short), rounded down.
                long to = recipe.resizeTo();
                if (sourceWidth <= sourceHeight) {
                    w = (int) to;
                    h = (int) (to * sourceHeight / sourceWidth);
                } else {
                    h = (int) to;
                    w = (int) (to * sourceWidth / sourceHeight);
                }
                break;
            }
            case EXACT:
                w = recipe.width();
                h = recipe.height();
                break;
            default:
                if (sourceWidth < recipe.width() || sourceHeight < recipe.height()) {
                    throw new InvalidInputException("expected an image of at least " + recipe.width() + "x"
                            + recipe.height() + " pixels (this model crops but does not resize), found "
                            + sourceWidth + "x" + sourceHeight);
                }
                w = sourceWidth;
                h = sourceHeight;
                break;
        }
        return new ResizeGeometry(w, h, centreOffset(w, recipe.width()), centreOffset(h, recipe.height()));
    }

    /**
     * torchvision's center_crop offset, int(round((size − crop) / 2)) with Python's round-half-to-even:
     * an odd margin puts the extra pixel after the crop when half of it is even, before it when odd.
     */
    static int centreOffset(int size, int crop) {
        int margin = size - crop;
        int half = margin / 2;
        return (margin % 2 != 0 && half % 2 != 0) ? half + 1 : half;
    }
}
