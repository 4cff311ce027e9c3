package org.equidens.math;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class RotationsTest {
    @ParameterizedTest(name = "seed {0}")
    @MethodSource("org.equidens.math.Seeds#seeds")
    void randomIsOrthogonalWithDetOne(int seed) {
        SplittableRandom rng = Seeds.rng(seed);
        double[] r = Rotations.random(rng);
        double[] rtr = Rotations.multiply(Rotations.transpose(r), r);
        assertTrue(Seeds.maxAbsDiff(rtr, Rotations.identity()) < 1e-14);
        assertEquals(1.0, Rotations.determinant(r), 1e-14);
        assertEquals(-1.0, Rotations.determinant(Rotations.improperRandom(rng)), 1e-14);
    }

    @Test
    void multiplyApplyTransposeAxisAngle() {
        double[] rz = Rotations.axisAngle(0, 0, 2, Math.PI / 2); // x → y
        double[] v = Rotations.apply(rz, 1, 0, 0);
        assertTrue(Seeds.maxAbsDiff(v, new double[] {0, 1, 0}) < 1e-15);
        double[] rx = Rotations.axisAngle(1, 0, 0, Math.PI / 2); // y → z
        double[] w = Rotations.apply(Rotations.multiply(rx, rz), 1, 0, 0);
        assertTrue(Seeds.maxAbsDiff(w, new double[] {0, 0, 1}) < 1e-14);
        double[] back = Rotations.apply(Rotations.transpose(rz), 0, 1, 0);
        assertTrue(Seeds.maxAbsDiff(back, new double[] {1, 0, 0}) < 1e-15);
    }

    /** Haar measure: E[R] = 0, E[R_ij²] = 1/3, and the rotation angle has density (1 − cos θ)/π (E[tr R] = 0). */
    @Test
    void randomIsUniform() {
        SplittableRandom rng = new SplittableRandom(2024);
        int n = 200_000;
        double[] mean = new double[9], sq = new double[9];
        double trace2 = 0;
        for (int s = 0; s < n; s++) {
            double[] r = Rotations.random(rng);
            for (int i = 0; i < 9; i++) {
                mean[i] += r[i] / n;
                sq[i] += r[i] * r[i] / n;
            }
            double tr = r[0] + r[4] + r[8];
            trace2 += tr * tr / n;
        }
        double tol = 5 / Math.sqrt(n); // ~5σ
        for (int i = 0; i < 9; i++) {
            assertEquals(0.0, mean[i], tol, "E[R" + i + "]");
            assertEquals(1.0 / 3, sq[i], tol, "E[R" + i + "²]");
        }
        assertEquals(1.0, trace2, 3 * tol); // E[(tr R)²] = 1 for Haar (character orthonormality)
    }
}
