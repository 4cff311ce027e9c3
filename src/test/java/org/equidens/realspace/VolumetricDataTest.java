package org.equidens.realspace;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Grid quadratures, planar averages and line profiles against closed forms. */
class VolumetricDataTest {
    static IntStream seeds() {
        return IntStream.range(0, 10);
    }

    /** A skewed grid around the origin, fine enough for a Gaussian of exponent ≤ 1. */
    static Grid skewedGrid(SplittableRandom rng) {
        double[] v = {0.15, 0.02 * rng.nextDouble(), 0, 0.03 * rng.nextDouble(), 0.14, 0.01, -0.02 * rng.nextDouble(), 0.02, 0.16};
        int n = 121;
        double[] o = new double[3];
        for (int c = 0; c < 3; c++) o[c] = -0.5 * (n - 1) * (v[c] + v[3 + c] + v[6 + c]);
        return new Grid(o, v, new int[] {n, n, n});
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void integralAndFirstMomentOfAGaussian(int seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        Grid g = skewedGrid(rng);
        double a = 0.6 + 0.4 * rng.nextDouble();
        double[] r0 = {rng.nextDouble() - 0.5, rng.nextDouble() - 0.5, rng.nextDouble() - 0.5};
        double[] values = new double[g.size()];
        double[] p = g.allPoints();
        for (int i = 0; i < values.length; i++) {
            double dx = p[3 * i] - r0[0], dy = p[3 * i + 1] - r0[1], dz = p[3 * i + 2] - r0[2];
            values[i] = Math.exp(-a * (dx * dx + dy * dy + dz * dz));
        }
        VolumetricData d = new VolumetricData(g, values);
        double exact = Math.pow(Math.PI / a, 1.5);
        assertEquals(exact, d.integral(), 1e-9 * exact);
        double[] origin = {0.3, -0.2, 0.1};
        double[] m = d.firstMoment(origin);
        for (int c = 0; c < 3; c++) assertEquals((r0[c] - origin[c]) * exact, m[c], 1e-8 * exact);
        // planar averages: the plane integrals per unit length sum (× plane spacing) to the integral
        for (int axis = 0; axis < 3; axis++) {
            Profile pr = d.planarAverage(axis);
            double h = Math.abs(pr.position()[1] - pr.position()[0]);
            double s = 0;
            for (double x : pr.planeIntegral()) s += x * h;
            assertEquals(d.integral(), s, 1e-9 * exact, "axis " + axis);
            assertEquals(g.count(axis), pr.position().length);
            // the plane spacing is the voxel's height along the plane normal: h·(area of a face) = voxel volume
            double[] v1 = g.voxel((axis + 1) % 3), v2 = g.voxel((axis + 2) % 3);
            double cx = v1[1] * v2[2] - v1[2] * v2[1], cy = v1[2] * v2[0] - v1[0] * v2[2], cz = v1[0] * v2[1] - v1[1] * v2[0];
            assertEquals(g.voxelVolume(), h * Math.sqrt(cx * cx + cy * cy + cz * cz), 1e-12);
        }
    }

    @Test
    void planarAverageOfAFieldThatDependsOnZOnly() {
        Grid g = new Grid(new double[] {1, 2, -3}, new double[] {0.5, 0, 0, 0, 0.4, 0, 0, 0, 0.25}, new int[] {4, 5, 6});
        double[] v = new double[g.size()];
        for (int i = 0; i < 4; i++) for (int j = 0; j < 5; j++) for (int k = 0; k < 6; k++) v[g.index(i, j, k)] = k * k;
        Profile p = new VolumetricData(g, v).planarAverage(2);
        for (int k = 0; k < 6; k++) {
            assertEquals(-3 + 0.25 * k, p.position()[k], 1e-12);
            assertEquals(k * k, p.value()[k], 1e-12);
            assertEquals(k * k * 4 * 0.5 * 5 * 0.4, p.planeIntegral()[k], 1e-12); // mean × plane area
        }
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void lineProfilesInterpolateLinearFieldsExactly(int seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        Grid g = new Grid(new double[] {-1, -1, -1}, new double[] {0.3, 0.05, 0, 0, 0.25, 0.04, 0.02, 0, 0.35}, new int[] {8, 9, 7});
        double[] w = {rng.nextDouble(), rng.nextDouble() - 0.5, 2 * rng.nextDouble(), rng.nextDouble()};
        double[] p = g.allPoints();
        double[] v = new double[g.size()];
        for (int i = 0; i < v.length; i++) v[i] = w[0] * p[3 * i] + w[1] * p[3 * i + 1] + w[2] * p[3 * i + 2] + w[3];
        VolumetricData d = new VolumetricData(g, v);
        double[] a = g.point(g.index(1, 1, 1)), b = g.point(g.index(6, 7, 5));
        Profile pr = d.lineProfile(a, b, 17);
        for (int s = 0; s < 17; s++) {
            double t = s / 16.0;
            double x = a[0] + t * (b[0] - a[0]), y = a[1] + t * (b[1] - a[1]), z = a[2] + t * (b[2] - a[2]);
            assertEquals(w[0] * x + w[1] * y + w[2] * z + w[3], pr.value()[s], 1e-12);
        }
        Profile outside = d.lineProfile(a, new double[] {50, 0, 0}, 5);
        assertTrue(Double.isNaN(outside.value()[4]));
    }
}
