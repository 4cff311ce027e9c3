package org.equidens.descriptor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Arrays;
import org.equidens.io.Npy;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * External validation of the periodic (k-space) LODE expansion against featomic's stored reference
 * (6 Å cube, 9 atoms, σ 0.3, GTO radius 2.5 with 4 functions, lmax 4, analytic radial integrals), for
 * every exponent p = 1..6 that featomic ships.
 */
class LodeFeatomicReferenceTest {
    private static final Path DIR = Path.of("src/test/resources/featomic-reference/generated/lode-spherical-expansion");

    record Reference(LodeSphericalExpansion.Hyperparameters hyper, double[] positions, int[] types, double[] cell, Npy.Array values) {
        static Reference load(int p, double splineAccuracy) {
            try {
                Path dir = DIR.resolve("exponent-" + p);
                JsonNode root = new ObjectMapper().readTree(dir.resolve("values-input.json").toFile());
                JsonNode h = root.get("hyperparameters");
                assertEquals("Gto", h.get("basis").get("radial").get("type").asText());
                assertEquals("SmearedPowerLaw", h.get("density").get("type").asText());
                assertTrue(h.get("basis").get("spline_accuracy").isNull());
                assertEquals(p, h.get("density").get("exponent").asInt());
                double sigma = h.get("density").get("smearing").asDouble();
                double radius = h.get("basis").get("radial").get("radius").asDouble();
                int nmax = h.get("basis").get("radial").get("max_radial").asInt();
                int lmax = h.get("basis").get("max_angular").asInt();
                JsonNode sys = root.get("systems").get(0);
                int n = sys.get("types").size();
                double[] pos = new double[3 * n];
                int[] types = new int[n];
                for (int i = 0; i < n; i++) {
                    types[i] = sys.get("types").get(i).asInt();
                    for (int k = 0; k < 3; k++) pos[3 * i + k] = sys.get("positions").get(i).get(k).asDouble();
                }
                double[] cell = new double[9];
                for (int k = 0; k < 9; k++) cell[k] = sys.get("cell").get(k).asDouble();
                var hyper = LodeSphericalExpansion.Hyperparameters.of(sigma, p, radius, nmax + 1, lmax).withSplineAccuracy(splineAccuracy);
                return new Reference(hyper, pos, types, cell, Npy.read(dir.resolve("values.npy.gz")));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        double[] compute() {
            var calc = new LodeSphericalExpansion(hyper);
            var layout = new LodeSphericalExpansion.Layout(Arrays.stream(types).distinct().sorted().toArray(), hyper.radialSize(), hyper.maxAngular());
            return calc.computePeriodic(positions, types, cell, layout);
        }

        double[] maxErrors(double[] ours) {
            int per = values.size(1);
            assertEquals(types.length * per, ours.length);
            double abs = 0;
            double scale = 0;
            for (int i = 0; i < types.length; i++) {
                for (int k = 0; k < per; k++) {
                    abs = Math.max(abs, Math.abs(ours[i * per + k] - values.get(i, k)));
                    scale = Math.max(scale, Math.abs(values.get(i, k)));
                }
            }
            return new double[] {abs, scale};
        }
    }

    @ParameterizedTest(name = "exponent {0}, analytic")
    @ValueSource(ints = {1, 2, 3, 4, 5, 6})
    void analyticMatchesFeatomic(int p) {
        Reference ref = Reference.load(p, 0.0);
        assertEquals(300, ref.values().size(1));
        double[] e = ref.maxErrors(ref.compute());
        System.out.printf("LODE p=%d vs featomic: max |error| %.3e (max |value| %.3e)%n", p, e[0], e[1]);
        assertTrue(e[0] < 1e-6, "p=" + p + " max error " + e[0]);
    }

    @Test
    void splineMatchesFeatomic() {
        Reference ref = Reference.load(1, 1e-8);
        double[] e = ref.maxErrors(ref.compute());
        System.out.printf("LODE p=1 (spline 1e-8) vs featomic: max |error| %.3e%n", e[0]);
        assertTrue(e[0] < 1e-6, "max error " + e[0]);
    }
}
