package dev.leibniz.sparse;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.leibniz.sparse.examples.Brusselator2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Random;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SpyPlotTest {
    private static final int WHITE = 0xFFFFFF;

    private static BufferedImage read(Path png) throws IOException {
        BufferedImage img = ImageIO.read(png.toFile());
        assertNotNull(img, "the PNG does not decode");
        return img;
    }

    private static int rgb(BufferedImage img, int x, int y) {
        return img.getRGB(x, y) & 0xFFFFFF;
    }

    @Test
    void onePixelPerEntry(@TempDir Path dir) throws IOException {
        boolean[][] m = SparsityPatternTest.randomMatrix(new Random(61), 23, 37, 0.2);
        Path png = dir.resolve("random.png");
        SpyPlot.write(SparsityPattern.of(m), png, null, 37, 23);
        BufferedImage img = read(png);
        assertEquals(37, img.getWidth());
        assertEquals(23, img.getHeight());
        for (int i = 0; i < 23; i++) {
            for (int j = 0; j < 37; j++) {
                assertEquals(m[i][j], rgb(img, j, i) != WHITE, "pixel (" + j + ", " + i + ")");
            }
        }
    }

    /** Regression: SpyPlot set java.awt.headless, a JVM-wide switch that belongs to applications. */
    @Test
    void drawingSetsNoSystemProperty(@TempDir Path dir) throws IOException {
        String before = System.clearProperty("java.awt.headless");
        try {
            SpyPlot.write(SparsityDetector.jacobian(TestGraphs.tridiagonal(4)), dir.resolve("t.png"));
            assertEquals(null, System.getProperty("java.awt.headless"));
            assertEquals(1024, read(dir.resolve("t.png")).getWidth()); // 256 pixels per entry
        } finally {
            if (before != null) {
                System.setProperty("java.awt.headless", before);
            }
        }
    }

    @Test
    void defaultSizeScalesSmallPatternsUpByWholePixels(@TempDir Path dir) throws IOException {
        SparsityPattern p = SparsityDetector.jacobian(TestGraphs.tridiagonal(10));
        Path png = dir.resolve("sub/dir/tridiagonal.png"); // directories are created
        SpyPlot.write(p, png);
        BufferedImage img = read(png);
        assertEquals(1020, img.getWidth()); // 102 pixels per entry
        assertEquals(1020, img.getHeight());
        for (int i = 0; i < 10; i++) {
            for (int j = 0; j < 10; j++) {
                assertEquals(Math.abs(i - j) <= 1, rgb(img, j * 102 + 51, i * 102 + 51) != WHITE);
            }
        }
    }

    @Test
    void largePatternsAreScaledDown(@TempDir Path dir) throws IOException {
        SparsityPattern p = SparsityDetector.jacobian(Brusselator2D.graph(32));
        Path png = dir.resolve("brusselator.png");
        SpyPlot.write(p, png);
        BufferedImage img = read(png);
        assertArrayEquals(new int[] {1024, 1024}, new int[] {img.getWidth(), img.getHeight()});
        for (int i = 0; i < p.rows(); i += 7) {
            for (int j : p.columnsOf(i)) {
                assertNotEquals(WHITE, rgb(img, j / 2, i / 2), "entry (" + i + ", " + j + ")");
            }
        }
        assertEquals(WHITE, rgb(img, 1023, 0)); // u'_0 does not depend on v_{31,31}
    }

    @Test
    void tintedByColorClass(@TempDir Path dir) throws IOException {
        SparsityPattern p = SparsityDetector.jacobian(TestGraphs.iteratedDifference(12, 3));
        Coloring c = GreedyColoring.columns(p, Ordering.NATURAL); // column j has color j mod 4
        Path png = dir.resolve("colored.png");
        SpyPlot.write(p, png, c, p.cols(), p.rows());
        BufferedImage img = read(png);
        int[] tint = new int[4];
        java.util.Arrays.fill(tint, -1);
        for (int i = 0; i < p.rows(); i++) {
            for (int j : p.columnsOf(i)) {
                int t = rgb(img, j, i);
                assertNotEquals(WHITE, t);
                if (tint[j % 4] < 0) {
                    tint[j % 4] = t;
                }
                assertEquals(tint[j % 4], t, "one color class, one tint");
            }
        }
        assertEquals(4, java.util.Arrays.stream(tint).distinct().count(), "four classes, four tints");
        Coloring rows = GreedyColoring.rows(p, Ordering.NATURAL);
        BufferedImage byRow = SpyPlot.render(p, rows, p.cols(), p.rows());
        for (int i = 0; i < p.rows(); i++) {
            int[] cols = p.columnsOf(i);
            assertEquals(byRow.getRGB(cols[0], i), byRow.getRGB(cols[cols.length - 1], i)); // one row, one tint
        }
    }

    @Test
    void badArgumentsAreRejected() {
        SparsityPattern p = SparsityDetector.jacobian(TestGraphs.tridiagonal(5));
        Coloring wrong = GreedyColoring.best(SparsityDetector.jacobian(TestGraphs.tridiagonal(6)), Direction.COLUMNS);
        SparsityException e = assertThrows(SparsityException.class, () -> SpyPlot.render(p, wrong, 10, 10));
        assertEquals("the coloring colors 6 columns, but the 5×5 pattern has 5 columns", e.getMessage());
        assertThrows(SparsityException.class, () -> SpyPlot.render(p, null, 0, 10));
        assertThrows(SparsityException.class, () -> SpyPlot.render(null, null, 10, 10));
    }
}
