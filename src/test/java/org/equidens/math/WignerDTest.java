package org.equidens.math;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class WignerDTest {
    private static final int LMAX = 20;

    private static double[] multiply(double[] a, double[] b, int n) {
        double[] c = new double[n * n];
        for (int i = 0; i < n; i++)
            for (int k = 0; k < n; k++) {
                double aik = a[i * n + k];
                for (int j = 0; j < n; j++) c[i * n + j] += aik * b[k * n + j];
            }
        return c;
    }

    private static double[] identity(int n) {
        double[] id = new double[n * n];
        for (int i = 0; i < n; i++) id[i * n + i] = 1;
        return id;
    }

    /** The defining property Y_l(R r̂) = D^l(R) Y_l(r̂), for proper and improper R. */
    @ParameterizedTest(name = "seed {0}")
    @MethodSource("org.equidens.math.Seeds#seeds")
    void rotatesHarmonics(int seed) {
        SplittableRandom rng = Seeds.rng(seed);
        double[] rot = seed % 4 == 3 ? Rotations.improperRandom(rng) : Rotations.random(rng);
        double[] u = Seeds.direction(rng);
        double[] ru = Rotations.apply(rot, u[0], u[1], u[2]);
        SphericalHarmonics sh = new SphericalHarmonics(LMAX);
        double[] y = new double[SphericalHarmonics.size(LMAX)], yr = new double[y.length];
        sh.compute(u[0], u[1], u[2], y);
        sh.compute(ru[0], ru[1], ru[2], yr);
        double[][] d = WignerD.upTo(LMAX, rot);
        double maxErr = 0;
        for (int l = 0; l <= LMAX; l++) {
            double err = Seeds.maxAbsDiff(Seeds.block(yr, l), Seeds.matVec(d[l], Seeds.block(y, l)));
            maxErr = Math.max(maxErr, err);
            assertTrue(err < 1e-12, "l=" + l + " error " + err);
        }
        assertTrue(maxErr < 1e-12);
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("org.equidens.math.Seeds#seeds")
    void orthogonalAndHomomorphism(int seed) {
        SplittableRandom rng = Seeds.rng(seed);
        double[] r1 = Rotations.random(rng), r2 = Rotations.random(rng);
        double[][] d1 = WignerD.upTo(LMAX, r1), d2 = WignerD.upTo(LMAX, r2);
        double[][] d12 = WignerD.upTo(LMAX, Rotations.multiply(r1, r2));
        double[][] dt = WignerD.upTo(LMAX, Rotations.transpose(r1));
        for (int l = 0; l <= LMAX; l++) {
            int n = 2 * l + 1;
            double[] t = new double[n * n];
            for (int i = 0; i < n; i++)
                for (int j = 0; j < n; j++) t[i * n + j] = d1[l][j * n + i];
            assertTrue(Seeds.maxAbsDiff(multiply(t, d1[l], n), identity(n)) < 1e-12, "DᵀD = I, l=" + l);
            assertTrue(Seeds.maxAbsDiff(dt[l], t) < 1e-12, "D(Rᵀ) = D(R)ᵀ, l=" + l);
            assertTrue(Seeds.maxAbsDiff(multiply(d1[l], d2[l], n), d12[l]) < 1e-12, "D(R1R2) = D(R1)D(R2), l=" + l);
        }
    }

    @Test
    void identityAndInversion() {
        double[] inv = {-1, 0, 0, 0, -1, 0, 0, 0, -1};
        double[][] id = WignerD.upTo(25, Rotations.identity()), par = WignerD.upTo(25, inv);
        for (int l = 0; l <= 25; l++) {
            int n = 2 * l + 1;
            assertEquals(0.0, Seeds.maxAbsDiff(id[l], identity(n)), 1e-15, "l=" + l);
            double[] expected = identity(n);
            if ((l & 1) == 1) for (int i = 0; i < expected.length; i++) expected[i] = -expected[i];
            assertEquals(0.0, Seeds.maxAbsDiff(par[l], expected), 1e-15, "l=" + l);
        }
    }

    @Test
    void l1IsPermutedRotationAndRealMatchesUpTo() {
        double[] rot = Rotations.random(new SplittableRandom(1));
        double[] d1 = WignerD.real(1, rot);
        int[] axis = {1, 2, 0}; // y, z, x
        for (int i = 0; i < 3; i++)
            for (int j = 0; j < 3; j++) assertEquals(rot[3 * axis[i] + axis[j]], d1[3 * i + j], 0);
        double[][] all = WignerD.upTo(7, rot);
        for (int l = 0; l <= 7; l++) assertEquals(0.0, Seeds.maxAbsDiff(all[l], WignerD.real(l, rot)), 0);
    }

    /** A rotation about z by α acts on the (m, −m) pair as a 2D rotation by mα: a sign/ordering check. */
    @Test
    void rotationAboutZ() {
        double alpha = 0.7;
        int l = 6, n = 2 * l + 1;
        double[] d = WignerD.real(l, Rotations.axisAngle(0, 0, 1, alpha));
        for (int m = 1; m <= l; m++) {
            // Y_m(R r) ∝ cos(m(φ+α)) = cos mα cos mφ − sin mα sin mφ
            assertEquals(Math.cos(m * alpha), d[(m + l) * n + m + l], 1e-14);
            assertEquals(-Math.sin(m * alpha), d[(m + l) * n - m + l], 1e-14);
            assertEquals(Math.sin(m * alpha), d[(-m + l) * n + m + l], 1e-14);
            assertEquals(Math.cos(m * alpha), d[(-m + l) * n - m + l], 1e-14);
        }
        assertEquals(1.0, d[l * n + l], 1e-15);
    }

    /** Near-singular inputs for Euler-angle methods (rotations by π, about the axes) are no problem. */
    @Test
    void halfTurns() {
        double[][] axes = {{1, 0, 0}, {0, 1, 0}, {0, 0, 1}, {1, 1, 0}, {1, 1, 1}};
        SphericalHarmonics sh = new SphericalHarmonics(LMAX);
        double[] y = new double[SphericalHarmonics.size(LMAX)], yr = new double[y.length];
        double[] u = {0.3, -0.4, 0.866};
        for (double[] ax : axes) {
            double[] rot = Rotations.axisAngle(ax[0], ax[1], ax[2], Math.PI);
            double[] ru = Rotations.apply(rot, u[0], u[1], u[2]);
            sh.compute(u[0], u[1], u[2], y);
            sh.compute(ru[0], ru[1], ru[2], yr);
            double[][] d = WignerD.upTo(LMAX, rot);
            for (int l = 0; l <= LMAX; l++)
                assertTrue(Seeds.maxAbsDiff(Seeds.block(yr, l), Seeds.matVec(d[l], Seeds.block(y, l))) < 1e-12, "l=" + l);
        }
    }
}
