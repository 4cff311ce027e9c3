package org.equidens.io;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Histograms render for the awkward cases: an upper edge that lo + bins·w overshoots by rounding, one value, no spread;
 * learning curves with undefined points (an error as % of a zero spread) render the rest.
 */
class PlotsHistogramTest {
    @TempDir
    Path tmp;

    @Test
    void edgeRoundingSingleValueAndConstantValuesRender() throws IOException {
        // 0.3948980098582996 + 25·((2.1224358982224696 − lo)/25) > 2.1224358982224696 in IEEE doubles
        double[][] sets = {{0.3948980098582996, 1.0, 2.1224358982224696}, {4.2}, {1.5, 1.5, 1.5}};
        int[] bins = {25, 5, 8};
        for (int i = 0; i < sets.length; i++) {
            Path png = tmp.resolve("h" + i + ".png");
            Plots.histogram(png, "test", "x", sets[i], bins[i]);
            BufferedImage img = ImageIO.read(png.toFile());
            assertNotNull(img, png.toString());
            assertTrue(img.getWidth() > 100);
        }
    }

    @Test
    void learningCurveLeavesOutUndefinedPoints() throws IOException {
        Path png = tmp.resolve("curve.png");
        Plots.learningCurve(png, "test", "% of std", java.util.List.of(
                new Plots.Series("λ=0", new double[] {10, 20, 40}, new double[] {Double.POSITIVE_INFINITY, 5.0, Double.NaN}),
                new Plots.Series("λ=2", new double[] {10, 20, 40}, new double[] {0.0, Double.NaN, Double.POSITIVE_INFINITY}),
                new Plots.Series("λ=1", new double[] {10, 20, 40}, new double[] {8.0, 4.0, 2.0})));
        BufferedImage img = ImageIO.read(png.toFile());
        assertNotNull(img);
        assertTrue(img.getWidth() > 100);
    }
}
