package org.equidens.math;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** CG coupling commutes with rotation: D^λ·(a ⊗ b)_λ = (D^{l1}a ⊗ D^{l2}b)_λ, both parities. */
class CouplingEquivarianceTest {
    private static final int SMALL = 8;
    private static final int[] L1 = {13, 17, 20}, L2 = {10, 15, 20};

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("org.equidens.math.Seeds#seeds")
    void allTriplesUpToL8(int seed) {
        SplittableRandom rng = Seeds.rng(seed);
        double[] rot = seed % 5 == 4 ? Rotations.improperRandom(rng) : Rotations.random(rng);
        double[][] d = WignerD.upTo(2 * SMALL, rot);
        // Under an improper R, D^l carries (−1)^l, so a λ with odd l1+l2+λ is a pseudo-tensor: it
        // picks up an extra sign (e.g. the cross product). Proper rotations: plain equivariance.
        boolean improper = Rotations.determinant(rot) < 0;
        double[][] a = new double[SMALL + 1][], b = new double[SMALL + 1][];
        for (int l = 0; l <= SMALL; l++) {
            a[l] = Seeds.gaussianVector(rng, 2 * l + 1);
            b[l] = Seeds.gaussianVector(rng, 2 * l + 1);
        }
        double maxErr = 0;
        for (int l1 = 0; l1 <= SMALL; l1++)
            for (int l2 = 0; l2 <= SMALL; l2++) {
                double[] ra = Seeds.matVec(d[l1], a[l1]), rb = Seeds.matVec(d[l2], b[l2]);
                for (int lambda = Math.abs(l1 - l2); lambda <= l1 + l2; lambda++) {
                    double parity = improper && ((l1 + l2 + lambda) & 1) == 1 ? -1 : 1;
                    double err = check(l1, l2, lambda, d[lambda], a[l1], b[l2], ra, rb, parity);
                    assertTrue(err < 1e-12, "(" + l1 + "," + l2 + ")→" + lambda + " error " + err);
                    maxErr = Math.max(maxErr, err);
                }
            }
        assertTrue(maxErr < 1e-12);
    }

    /** A few random large triples per seed, l up to 20, using harmonics of random directions as inputs. */
    @ParameterizedTest(name = "seed {0}")
    @MethodSource("org.equidens.math.Seeds#seeds")
    void randomLargeTriplesUpToL20(int seed) {
        SplittableRandom rng = Seeds.rng(seed);
        int lmax = 20;
        double[] rot = Rotations.random(rng);
        double[][] d = WignerD.upTo(lmax, rot);
        SphericalHarmonics sh = new SphericalHarmonics(lmax);
        double[] y1 = new double[SphericalHarmonics.size(lmax)], y2 = new double[y1.length];
        double[] u = Seeds.direction(rng), v = Seeds.direction(rng);
        sh.compute(u[0], u[1], u[2], y1);
        sh.compute(v[0], v[1], v[2], y2);
        for (int t = 0; t < 2; t++) {
            // a small set of l1, l2 so the (slower to build) large tables stay few; λ of both parities
            int l1 = L1[rng.nextInt(L1.length)], l2 = L2[rng.nextInt(L2.length)];
            int lo = Math.abs(l1 - l2), lambda = lo + rng.nextInt(Math.min(lmax, l1 + l2) - lo + 1);
            double[] a = Seeds.block(y1, l1), b = Seeds.block(y2, l2);
            double err = check(l1, l2, lambda, d[lambda], a, b, Seeds.matVec(d[l1], a), Seeds.matVec(d[l2], b), 1);
            assertTrue(err < 1e-12, "(" + l1 + "," + l2 + ")→" + lambda + " error " + err);
        }
    }

    private static double check(int l1, int l2, int lambda, double[] dl, double[] a, double[] b, double[] ra, double[] rb,
            double sign) {
        double[] rotatedAfter = Seeds.matVec(dl, ClebschGordanTest.couple(l1, l2, lambda, a, b));
        for (int i = 0; i < rotatedAfter.length; i++) rotatedAfter[i] *= sign;
        double[] coupledAfter = ClebschGordanTest.couple(l1, l2, lambda, ra, rb);
        return Seeds.maxAbsDiff(rotatedAfter, coupledAfter);
    }
}
