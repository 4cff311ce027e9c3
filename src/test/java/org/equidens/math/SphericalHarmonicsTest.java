package org.equidens.math;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.SplittableRandom;
import org.equidens.io.Npy;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class SphericalHarmonicsTest {
    private static final Path REF = Path.of("src/test/resources/featomic-reference/generated");

    @Test
    void matchesFeatomicTableToL25() throws Exception {
        JsonNode input = new ObjectMapper().readTree(REF.resolve("spherical-harmonics-input.json").toFile());
        Npy.Array table = Npy.read(REF.resolve("spherical-harmonics-values.npy.gz"));
        int lmax = input.get("max_angular").asInt();
        assertEquals(25, lmax);
        JsonNode dirs = input.get("directions");
        assertEquals(dirs.size(), table.size(0));
        SphericalHarmonics sh = new SphericalHarmonics(lmax);
        double[] y = new double[SphericalHarmonics.size(lmax)];
        double maxErr = 0;
        for (int d = 0; d < dirs.size(); d++) {
            sh.compute(dirs.get(d).get(0).asDouble(), dirs.get(d).get(1).asDouble(), dirs.get(d).get(2).asDouble(), y);
            for (int l = 0; l <= lmax; l++)
                for (int m = -l; m <= l; m++) {
                    double err = Math.abs(y[SphericalHarmonics.index(l, m)] - table.get(d, l, m + l));
                    assertTrue(err < 1e-12, "direction " + d + " l=" + l + " m=" + m + " error " + err);
                    maxErr = Math.max(maxErr, err);
                }
        }
        assertEquals(0.48860251, table.get(0, 1, 2), 1e-8); // layout check from the README
        System.out.printf("SphericalHarmonics vs featomic, l<=25: max abs error %.2e%n", maxErr);
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("org.equidens.math.Seeds#seeds")
    void closedFormsForL0To2(int seed) {
        SplittableRandom rng = Seeds.rng(seed);
        double s = 0.1 + 3 * rng.nextDouble();
        double[] u = Seeds.direction(rng);
        double x = s * u[0], y = s * u[1], z = s * u[2];
        double[] out = new double[9];
        new SphericalHarmonics(2).compute(x, y, z, out);
        double c0 = Math.sqrt(1 / (4 * Math.PI)), c1 = Math.sqrt(3 / (4 * Math.PI)), c2 = Math.sqrt(15 / (4 * Math.PI));
        double ux = u[0], uy = u[1], uz = u[2];
        double[] expected = {
            c0,
            c1 * uy, c1 * uz, c1 * ux,
            c2 * ux * uy, c2 * uy * uz, c2 * (3 * uz * uz - 1) / (2 * Math.sqrt(3)), c2 * ux * uz, c2 * (ux * ux - uy * uy) / 2
        };
        assertTrue(Seeds.maxAbsDiff(expected, out) < 1e-15, "error " + Seeds.maxAbsDiff(expected, out));
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("org.equidens.math.Seeds#seeds")
    void solidIsRToTheLTimesDirectional(int seed) {
        SplittableRandom rng = Seeds.rng(seed);
        int lmax = 12;
        double r = 0.2 + 2 * rng.nextDouble();
        double[] u = Seeds.direction(rng);
        SphericalHarmonics sh = new SphericalHarmonics(lmax);
        double[] dir = new double[SphericalHarmonics.size(lmax)], solid = new double[dir.length];
        sh.compute(r * u[0], r * u[1], r * u[2], dir);
        sh.computeSolid(r * u[0], r * u[1], r * u[2], solid);
        for (int l = 0; l <= lmax; l++)
            for (int m = -l; m <= l; m++) {
                int k = SphericalHarmonics.index(l, m);
                double expected = Math.pow(r, l) * dir[k];
                assertEquals(expected, solid[k], 1e-13 * Math.max(1, Math.pow(r, l)), "l=" + l + " m=" + m);
            }
    }

    @Test
    void zeroVectorIsZHat() {
        int lmax = 25;
        SphericalHarmonics sh = new SphericalHarmonics(lmax);
        double[] y = new double[SphericalHarmonics.size(lmax)], zhat = new double[y.length];
        sh.compute(0, 0, 0, y);
        sh.compute(0, 0, 1, zhat);
        assertEquals(0.0, Seeds.maxAbsDiff(y, zhat));
        for (int l = 0; l <= lmax; l++)
            for (int m = -l; m <= l; m++)
                assertEquals(m == 0 ? Math.sqrt((2 * l + 1) / (4 * Math.PI)) : 0.0, y[SphericalHarmonics.index(l, m)], 1e-14 * l);
        sh.compute(3e-200, 0, 0, y); // tiny but nonzero: the direction x̂, not ẑ
        assertEquals(Math.sqrt(3 / (4 * Math.PI)), y[3], 1e-15);
        sh.compute(0, -4e200, 0, y); // huge: −ŷ
        assertEquals(-Math.sqrt(3 / (4 * Math.PI)), y[1], 1e-15);
        sh.computeSolid(0, 0, 0, y);
        assertEquals(Math.sqrt(1 / (4 * Math.PI)), y[0], 0);
        for (int k = 1; k < y.length; k++) assertEquals(0.0, y[k], 0);
    }

    @Test
    void indexAndSize() {
        assertEquals(0, SphericalHarmonics.index(0, 0));
        assertEquals(1, SphericalHarmonics.index(1, -1));
        assertEquals(8, SphericalHarmonics.index(2, 2));
        assertEquals(9, SphericalHarmonics.size(2));
        assertEquals(676, SphericalHarmonics.size(25));
        assertEquals(7, new SphericalHarmonics(7).lmax());
    }

    /** Gauss–Legendre in cosθ (exact to degree 2n−1) × uniform φ (exact below trig degree N). */
    @Test
    void orthonormalByQuadratureToL20() {
        int lmax = 20, nTheta = 24, nPhi = 48, size = SphericalHarmonics.size(lmax);
        double[][] gl = gaussLegendre(nTheta);
        SphericalHarmonics sh = new SphericalHarmonics(lmax);
        double[] gram = new double[size * size];
        double[] y = new double[size];
        for (int i = 0; i < nTheta; i++) {
            double ct = gl[0][i], st = Math.sqrt(1 - ct * ct);
            for (int j = 0; j < nPhi; j++) {
                double phi = 2 * Math.PI * (j + 0.5) / nPhi, w = gl[1][i] * 2 * Math.PI / nPhi;
                sh.compute(st * Math.cos(phi), st * Math.sin(phi), ct, y);
                for (int a = 0; a < size; a++) {
                    double wa = w * y[a];
                    for (int b = a; b < size; b++) gram[a * size + b] += wa * y[b];
                }
            }
        }
        double maxErr = 0;
        for (int a = 0; a < size; a++)
            for (int b = a; b < size; b++) maxErr = Math.max(maxErr, Math.abs(gram[a * size + b] - (a == b ? 1 : 0)));
        assertTrue(maxErr < 1e-12, "orthonormality error " + maxErr);
    }

    /** Addition theorem Σ_m Y_lm² = (2l+1)/4π far beyond l=25, including near the poles. */
    @ParameterizedTest(name = "seed {0}")
    @MethodSource("org.equidens.math.Seeds#seeds")
    void additionTheoremToL120(int seed) {
        SplittableRandom rng = Seeds.rng(seed);
        int lmax = 120;
        double[] u = Seeds.direction(rng);
        if (seed % 5 == 0) u = new double[] {1e-9 * u[0], 1e-9 * u[1], Math.signum(u[2])};
        SphericalHarmonics sh = new SphericalHarmonics(lmax);
        double[] y = new double[SphericalHarmonics.size(lmax)];
        sh.compute(u[0], u[1], u[2], y);
        for (int l = 0; l <= lmax; l++) {
            double s = 0;
            for (int m = -l; m <= l; m++) s += y[SphericalHarmonics.index(l, m)] * y[SphericalHarmonics.index(l, m)];
            double expected = (2 * l + 1) / (4 * Math.PI);
            assertEquals(expected, s, 1e-13 * expected, "l=" + l);
        }
    }

    /** Nodes [0] and weights [1] of n-point Gauss–Legendre quadrature on [−1, 1]. */
    static double[][] gaussLegendre(int n) {
        double[] x = new double[n], w = new double[n];
        for (int i = 0; i < n; i++) {
            double t = Math.cos(Math.PI * (i + 0.75) / (n + 0.5)), dp = 0;
            for (int it = 0; it < 100; it++) {
                double p0 = 1, p1 = t;
                for (int k = 2; k <= n; k++) {
                    double p2 = ((2 * k - 1) * t * p1 - (k - 1) * p0) / k;
                    p0 = p1;
                    p1 = p2;
                }
                dp = n * (t * p1 - p0) / (t * t - 1);
                double dt = p1 / dp;
                t -= dt;
                if (Math.abs(dt) < 1e-16) break;
            }
            x[i] = t;
            w[i] = 2 / ((1 - t * t) * dp * dp);
        }
        return new double[][] {x, w};
    }
}
