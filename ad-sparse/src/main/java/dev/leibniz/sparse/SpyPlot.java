package dev.leibniz.sparse;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;

/**
 * A spy plot: a picture of a sparsity pattern, one white background with a dark pixel block
 * per entry, optionally tinted by the color class of its column (column or star coloring) or
 * row (row coloring), which shows at a glance how columns were grouped.
 *
 * <p>Entry (i, j) covers the pixels {@code [⌊j·W/cols⌋, ⌊(j+1)·W/cols⌋)} horizontally (at least
 * one) and likewise vertically, so a pattern can be drawn larger or smaller than one pixel per
 * entry; when several entries share a pixel, the pixel is drawn if any is present. Drawing fills
 * an off-screen image's pixel array (no fonts, no display), so it works on servers; a library
 * sets no JVM system property, so an application that needs {@code java.awt.headless} sets it.
 */
public final class SpyPlot {
    private SpyPlot() {
    }

    /** Longest side chosen by {@link #write(SparsityPattern, Path)} for large patterns. */
    public static final int DEFAULT_MAX_SIDE = 1024;

    private static final int INK = 0x202020;

    /** Writes a PNG with about 1024 pixels on the longest side (whole pixels per entry when smaller). */
    public static void write(SparsityPattern pattern, Path png) {
        write(pattern, png, null);
    }

    /** Writes a PNG of the pattern tinted by the coloring's classes ({@code null} for black). */
    public static void write(SparsityPattern pattern, Path png, Coloring coloring) {
        int[] size = defaultSize(pattern);
        write(pattern, png, coloring, size[0], size[1]);
    }

    /** Writes a PNG of exactly {@code width × height} pixels. */
    public static void write(SparsityPattern pattern, Path png, Coloring coloring, int width, int height) {
        if (png == null) {
            throw new SparsityException("the PNG path must not be null");
        }
        BufferedImage img = render(pattern, coloring, width, height);
        try {
            Path dir = png.toAbsolutePath().getParent();
            if (dir != null) {
                Files.createDirectories(dir);
            }
            if (!ImageIO.write(img, "png", png.toFile())) {
                throw new SparsityException("no PNG writer is available to write " + png);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write spy plot " + png + ": " + e.getMessage(), e);
        }
    }

    /** The pixel size {@link #write(SparsityPattern, Path)} uses: {width, height}. */
    public static int[] defaultSize(SparsityPattern p) {
        if (p == null) {
            throw new SparsityException("pattern must not be null");
        }
        int longest = Math.max(1, Math.max(p.rows(), p.cols()));
        if (longest <= DEFAULT_MAX_SIDE) {
            int scale = DEFAULT_MAX_SIDE / longest; // whole pixels per entry
            return new int[] {Math.max(1, p.cols() * scale), Math.max(1, p.rows() * scale)};
        }
        double s = (double) DEFAULT_MAX_SIDE / longest;
        return new int[] {Math.max(1, (int) Math.round(p.cols() * s)), Math.max(1, (int) Math.round(p.rows() * s))};
    }

    /** Draws the pattern into a new RGB image of the given size. */
    public static BufferedImage render(SparsityPattern p, Coloring coloring, int width, int height) {
        if (p == null) {
            throw new SparsityException("pattern must not be null");
        }
        if (width < 1 || height < 1) {
            throw new SparsityException("image size must be at least 1×1, got " + width + "×" + height);
        }
        if ((long) width * height > 100_000_000L) {
            throw new SparsityException("image of " + width + "×" + height + " pixels is too large (limit 10⁸)");
        }
        if (coloring != null) {
            int expected = coloring.direction() == Direction.ROWS && !coloring.isStar() ? p.rows() : p.cols();
            if (coloring.size() != expected) {
                String what = coloring.direction() == Direction.ROWS && !coloring.isStar() ? " rows" : " columns";
                throw new SparsityException("the coloring colors " + coloring.size() + what + ", but the " + p.rows() + "×"
                        + p.cols() + " pattern has " + expected + what);
            }
        }
        BufferedImage img = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        int[] px = new int[width * height];
        java.util.Arrays.fill(px, 0xFFFFFF);
        int[] palette = coloring == null ? null : palette(coloring.count());
        int[] ptr = p.rowPtr();
        int[] idx = p.colIdx();
        boolean byRow = coloring != null && coloring.direction() == Direction.ROWS && !coloring.isStar();
        for (int i = 0; i < p.rows(); i++) {
            int y0 = (int) ((long) i * height / p.rows());
            int y1 = Math.max(y0 + 1, (int) ((long) (i + 1) * height / p.rows()));
            for (int k = ptr[i]; k < ptr[i + 1]; k++) {
                int j = idx[k];
                int x0 = (int) ((long) j * width / p.cols());
                int x1 = Math.max(x0 + 1, (int) ((long) (j + 1) * width / p.cols()));
                int rgb = palette == null ? INK : palette[coloring.colorOf(byRow ? i : j)];
                for (int y = y0; y < Math.min(y1, height); y++) {
                    java.util.Arrays.fill(px, y * width + x0, y * width + Math.min(x1, width), rgb);
                }
            }
        }
        img.setRGB(0, 0, width, height, px, 0, width);
        return img;
    }

    /**
     * Distinct, saturated colors: hues spaced by the golden angle so neighbouring color classes
     * differ strongly, at two brightness levels for more than a dozen classes; never white.
     */
    static int[] palette(int n) {
        int[] rgb = new int[n];
        for (int c = 0; c < n; c++) {
            float hue = (float) ((c * 0.6180339887498949) % 1.0);
            float brightness = (c / 12) % 2 == 0 ? 0.85f : 0.55f;
            rgb[c] = Color.HSBtoRGB(hue, 0.9f, brightness) & 0xFFFFFF;
        }
        return rgb;
    }
}
