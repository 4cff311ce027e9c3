package org.equidens.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.SplittableRandom;
import org.equidens.linalg.Blas;
import org.equidens.math.Rotations;
import org.equidens.model.FeatureSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class SphericalKernelTest {
    private static final int LMAX = 3;
    private static final double[] ZETAS = {1.0, 2.0, 2.5, 3.0};

    /** K(RA, RB) = D K(A,B) Dᵀ and K(RA, B) = D K(A,B), every λ ≤ 3 and several ζ. */
    @ParameterizedTest(name = "seed {0}")
    @MethodSource("org.equidens.kernel.Synthetic#seeds")
    void equivariance(int seed) {
        SplittableRandom rng = Synthetic.rng(seed);
        Synthetic.Structure a = Synthetic.cloud(rng, 5, 2), b = Synthetic.cloud(rng, 6, 2);
        double[] r = seed % 3 == 2 ? Rotations.improperRandom(rng) : Rotations.random(rng);
        FeatureSet fa = Synthetic.features(List.of(a), LMAX, 3, 2), fb = Synthetic.features(List.of(b), LMAX, 3, 2);
        FeatureSet fra = Synthetic.features(List.of(a.rotated(r)), LMAX, 3, 2), frb = Synthetic.features(List.of(b.rotated(r)), LMAX, 3, 2);
        double worst = 0;
        for (double zeta : ZETAS) {
            SphericalKernel kernel = new SphericalKernel(zeta);
            for (int l = 0; l <= LMAX; l++) {
                double[] k = kernel.compute(fa.block(0), fa.block(l), fb.block(0), fb.block(l));
                double[] both = kernel.compute(fra.block(0), fra.block(l), frb.block(0), frb.block(l));
                double[] one = kernel.compute(fra.block(0), fra.block(l), fb.block(0), fb.block(l));
                double scale = Synthetic.maxAbs(k);
                double e1 = Synthetic.maxAbsDiff(both, Synthetic.rotateKernel(k, 5, 6, l, r, true, true)) / scale;
                double e2 = Synthetic.maxAbsDiff(one, Synthetic.rotateKernel(k, 5, 6, l, r, true, false)) / scale;
                assertTrue(e1 < 1e-10, "K(RA,RB) λ=" + l + " ζ=" + zeta + ": " + e1);
                assertTrue(e2 < 1e-10, "K(RA,B) λ=" + l + " ζ=" + zeta + ": " + e2);
                worst = Math.max(worst, Math.max(e1, e2));
            }
        }
        assertTrue(worst < 1e-10);
    }

    /** Self-kernels are symmetric and PSD (integer ζ); non-integer ζ never produces NaN. */
    @ParameterizedTest(name = "seed {0}")
    @MethodSource("org.equidens.kernel.Synthetic#seeds")
    void symmetricPositiveSemidefinite(int seed) {
        SplittableRandom rng = Synthetic.rng(seed);
        FeatureSet f = Synthetic.features(Synthetic.clouds(rng, 3, 4, 6, 2), LMAX, 3, 2);
        int n = f.atoms();
        for (double zeta : ZETAS) {
            SphericalKernel kernel = new SphericalKernel(zeta);
            for (int l = 0; l <= LMAX; l++) {
                double[] k = kernel.compute(f.block(0), f.block(l));
                int p = n * (2 * l + 1);
                for (int i = 0; i < p; i++)
                    for (int j = 0; j < p; j++) assertEquals(k[i * p + j], k[j * p + i], 1e-14, "symmetry");
                double[] ev = Blas.symmetricEigen(k, p).values();
                if (zeta == Math.rint(zeta)) assertTrue(ev[0] > -1e-12 * ev[p - 1], "λ=" + l + " ζ=" + zeta + " min eigenvalue " + ev[0]);
                // normalisation: trace of each diagonal block is 1 (k0(i,i) = 1)
                for (int i = 0; i < n; i++) {
                    double tr = 0;
                    for (int mu = 0; mu < 2 * l + 1; mu++) tr += k[(i * (2 * l + 1) + mu) * p + i * (2 * l + 1) + mu];
                    assertEquals(1.0, tr, 1e-12);
                }
            }
        }
    }

    /** Signed λ=0 features give negative k0; non-integer ζ clips (factor 0) instead of NaN. */
    @ParameterizedTest(name = "seed {0}")
    @MethodSource("org.equidens.kernel.Synthetic#seeds")
    void negativeScalarKernelIsClipped(int seed) {
        SplittableRandom rng = Synthetic.rng(seed);
        int n = 6, f0 = 4, f1 = 3;
        double[] x0 = new double[n * f0], x1 = new double[n * 3 * f1];
        for (int i = 0; i < x0.length; i++) x0[i] = rng.nextGaussian();
        for (int i = 0; i < x1.length; i++) x1[i] = rng.nextGaussian();
        EquivariantFeatures s = new EquivariantFeatures(0, n, f0, x0), v = new EquivariantFeatures(1, n, f1, x1);
        double[] k0 = SphericalKernel.scalar(s, s);
        double[] k = new SphericalKernel(2.5).compute(s, v);
        for (double x : k) assertFalse(Double.isNaN(x));
        for (int i = 0; i < n; i++)
            for (int j = 0; j < n; j++)
                if (k0[i * n + j] < 0)
                    for (int mu = 0; mu < 3; mu++)
                        for (int nu = 0; nu < 3; nu++) assertEquals(0.0, k[(i * 3 + mu) * 3 * n + j * 3 + nu], 0.0);
        // integer ζ keeps the sign: ζ=3 factor k0² ≥ 0, ζ=2 factor k0
        assertEquals(k0[1] * k0[1], new SphericalKernel(3).factor(k0[1]), 1e-15);
        assertEquals(0.0, new SphericalKernel(2.5).factor(-0.3));
        assertThrows(IllegalArgumentException.class, () -> new SphericalKernel(0.5));
        assertThrows(IllegalArgumentException.class, () -> new SphericalKernel(Double.NaN));
    }

    /** Structure kernel = explicit double sum of atomic kernels, and it rotates like the atomic ones. */
    @ParameterizedTest(name = "seed {0}")
    @MethodSource("org.equidens.kernel.Synthetic#seeds")
    void structureSum(int seed) {
        SplittableRandom rng = Synthetic.rng(seed);
        List<Synthetic.Structure> xs = Synthetic.clouds(rng, 3, 2, 5, 2), ys = Synthetic.clouds(rng, 2, 3, 5, 2);
        FeatureSet fx = Synthetic.features(xs, 2, 3, 2), fy = Synthetic.features(ys, 2, 3, 2);
        SphericalKernel kernel = new SphericalKernel(2);
        int l = 2, c = 5;
        double[] atomic = kernel.compute(fx.block(0), fx.block(l), fy.block(0), fy.block(l));
        double[] st = kernel.structureKernel(fx.block(0), fx.block(l), fx.offsets(), fy.block(0), fy.block(l), fy.offsets());
        int cols = fy.atoms() * c, sCols = 2 * c;
        for (int a = 0; a < 3; a++)
            for (int b = 0; b < 2; b++)
                for (int mu = 0; mu < c; mu++)
                    for (int nu = 0; nu < c; nu++) {
                        double sum = 0;
                        for (int i = fx.offsets()[a]; i < fx.offsets()[a + 1]; i++)
                            for (int j = fy.offsets()[b]; j < fy.offsets()[b + 1]; j++) sum += atomic[(i * c + mu) * cols + j * c + nu];
                        assertEquals(sum, st[(a * c + mu) * sCols + b * c + nu], 1e-13);
                    }
        double[] r = Rotations.random(rng);
        List<Synthetic.Structure> rx = xs.stream().map(s -> s.rotated(r)).toList();
        FeatureSet frx = Synthetic.features(rx, 2, 3, 2);
        double[] rst = kernel.structureKernel(frx.block(0), frx.block(l), frx.offsets(), fy.block(0), fy.block(l), fy.offsets());
        double err = Synthetic.maxAbsDiff(rst, Synthetic.rotateKernel(st, 3, 2, l, r, true, false)) / Synthetic.maxAbs(st);
        assertTrue(err < 1e-10, "structure kernel equivariance " + err);
    }

    @Test
    void zeroEnvironmentGivesZeroRowsNotNaN() {
        double[] x0 = {1, 0, 0, 1, 0, 0}, x1 = new double[2 * 3 * 2];
        x1[0] = 1; // first environment has a λ=1 part, the second none
        EquivariantFeatures s = new EquivariantFeatures(0, 2, 3, x0), v = new EquivariantFeatures(1, 2, 2, x1);
        double[] k = new SphericalKernel(2).compute(s, v);
        for (double x : k) assertFalse(Double.isNaN(x));
        for (int mu = 0; mu < 3; mu++)
            for (int q = 0; q < 6; q++) assertEquals(0.0, k[(3 + mu) * 6 + q]);
        assertEquals(1.0, k[0], 1e-15);
    }
}
