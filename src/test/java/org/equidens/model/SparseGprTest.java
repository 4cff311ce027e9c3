package org.equidens.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.equidens.kernel.EquivariantFeatures;
import org.equidens.kernel.SparseSelection;
import org.equidens.kernel.SphericalKernel;
import org.equidens.kernel.Synthetic;
import org.equidens.linalg.Blas;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class SparseGprTest {
    /** λ=0 and λ features of n environments with F features (full-rank kernels when n(2λ+1) ≤ F). */
    static EquivariantFeatures[] randomFeatures(SplittableRandom rng, int n, int lambda, int f) {
        double[] x0 = new double[n * 8], xl = new double[n * (2 * lambda + 1) * f];
        for (int i = 0; i < x0.length; i++) x0[i] = 1.0 + 0.3 * rng.nextGaussian(); // positive: k0 > 0
        for (int i = 0; i < xl.length; i++) xl[i] = rng.nextGaussian();
        return new EquivariantFeatures[] {new EquivariantFeatures(0, n, 8, x0), new EquivariantFeatures(lambda, n, f, xl)};
    }

    static double relErr(double[] a, double[] ref) {
        return Synthetic.maxAbsDiff(a, ref) / Synthetic.maxAbs(ref);
    }

    /** With every environment sparse, SoR in the RKHS equals full kernel ridge regression (K+ηI)⁻¹y. */
    @ParameterizedTest(name = "seed {0}")
    @MethodSource("org.equidens.kernel.Synthetic#seeds")
    void fullSparseSetIsKernelRidge(int seed) {
        SplittableRandom rng = Synthetic.rng(seed);
        int n = 15, lambda = 1, c = 3, p = n * c;
        EquivariantFeatures[] x = randomFeatures(rng, n, lambda, 80), t = randomFeatures(rng, 7, lambda, 80);
        SphericalKernel kernel = new SphericalKernel(2);
        double[] k = kernel.compute(x[0], x[1]);
        double[] y = new double[p];
        for (int i = 0; i < p; i++) y[i] = rng.nextGaussian();
        double eta = 1e-3;
        RkhsProjector proj = RkhsProjector.of(k, p, 1e-12);
        assertEquals(p, proj.rank());
        SparseGpr gpr = SparseGpr.fit(proj, proj.project(k, p), p, y, eta);
        double[] kr = k.clone();
        for (int i = 0; i < p; i++) kr[i * p + i] += eta;
        double[] cKrr = Blas.solveSpd(kr, p, y, 1);
        double[] kt = kernel.compute(t[0], t[1], x[0], x[1]);
        double[] expected = new double[7 * c];
        Blas.gemv(false, 7 * c, p, 1.0, kt, cKrr, 0.0, expected);
        double err = relErr(gpr.predictFromKernel(kt, 7 * c), expected);
        assertTrue(err < 1e-9, "SoR vs KRR " + err);
        assertTrue(relErr(gpr.predict(proj.project(kt, 7 * c), 7 * c), expected) < 1e-9);
        assertTrue(relErr(gpr.sparseWeights(), cKrr) < 1e-8);
    }

    /** y = K_NM c lies in the RKHS span: as η → 0 the fit recovers c and predicts new points exactly. */
    @ParameterizedTest(name = "seed {0}")
    @MethodSource("org.equidens.kernel.Synthetic#seeds")
    void reproducesTargetInSpan(int seed) {
        SplittableRandom rng = Synthetic.rng(seed);
        int n = 60, m = 12, lambda = 2, c = 5, p = m * c;
        EquivariantFeatures[] x = randomFeatures(rng, n, lambda, 80), t = randomFeatures(rng, 10, lambda, 80);
        int[] sparse = SparseSelection.farthestPoint(x[0], m, SparseSelection.Start.seeded(seed)).indices();
        EquivariantFeatures s0 = x[0].select(sparse), sl = x[1].select(sparse);
        SphericalKernel kernel = new SphericalKernel(seed % 2 == 0 ? 2 : 1.5);
        double[] kmm = kernel.compute(s0, sl), knm = kernel.compute(x[0], x[1], s0, sl), ktm = kernel.compute(t[0], t[1], s0, sl);
        double[] cTrue = new double[p];
        for (int i = 0; i < p; i++) cTrue[i] = rng.nextGaussian();
        double[] y = new double[n * c], yt = new double[10 * c];
        Blas.gemv(false, n * c, p, 1.0, knm, cTrue, 0.0, y);
        Blas.gemv(false, 10 * c, p, 1.0, ktm, cTrue, 0.0, yt);
        RkhsProjector proj = RkhsProjector.of(kmm, p, 1e-12);
        SparseGpr gpr = SparseGpr.fit(proj, proj.project(knm, n * c), n * c, y, 1e-12);
        double train = relErr(gpr.predictFromKernel(knm, n * c), y), test = relErr(gpr.predictFromKernel(ktm, 10 * c), yt);
        assertTrue(train < 1e-8 && test < 1e-8, "train " + train + " test " + test);
        assertTrue(relErr(gpr.sparseWeights(), cTrue) < 1e-6);
    }

    /** VᵀK_MM V = I on the kept space; a duplicated sparse environment lowers the rank by 2λ+1. */
    @ParameterizedTest(name = "seed {0}")
    @MethodSource("org.equidens.kernel.Synthetic#seeds")
    void projectorWhitens(int seed) {
        SplittableRandom rng = Synthetic.rng(seed);
        int m = 8, lambda = 1, c = 3;
        EquivariantFeatures[] x = randomFeatures(rng, m, lambda, 40);
        int[] withDuplicate = {0, 1, 2, 3, 4, 5, 6, 7, 3};
        EquivariantFeatures s0 = x[0].select(withDuplicate), sl = x[1].select(withDuplicate);
        int p = withDuplicate.length * c;
        double[] kmm = new SphericalKernel(2).compute(s0, sl);
        RkhsProjector proj = RkhsProjector.of(kmm, p, 1e-10);
        assertEquals(m * c, proj.rank());
        int d = proj.rank();
        double[] kv = Blas.multiply(kmm, proj.matrix(), p, p, d);
        double[] vkv = new double[d * d];
        Blas.gemm(true, false, d, d, p, 1.0, proj.matrix(), kv, 0.0, vkv);
        for (int i = 0; i < d; i++)
            for (int j = 0; j < d; j++) assertEquals(i == j ? 1.0 : 0.0, vkv[i * d + j], 1e-9);
    }

    /** Metric-weighted normal equations: S = I is the plain fit; diagonal S = row scaling; general S solves the weighted loss. */
    @ParameterizedTest(name = "seed {0}")
    @MethodSource("org.equidens.kernel.Synthetic#seeds")
    void metricVariant(int seed) {
        SplittableRandom rng = Synthetic.rng(seed);
        int blocks = 6, rows = 7, d = 9;
        double eta = 1e-4;
        NormalEquations plain = new NormalEquations(d), identity = new NormalEquations(d), diag = new NormalEquations(d),
                scaled = new NormalEquations(d), general = new NormalEquations(d);
        double[][] psis = new double[blocks][], ys = new double[blocks][], ss = new double[blocks][];
        for (int b = 0; b < blocks; b++) {
            double[] psi = new double[rows * d], y = new double[rows];
            for (int i = 0; i < psi.length; i++) psi[i] = rng.nextGaussian();
            for (int i = 0; i < rows; i++) y[i] = rng.nextGaussian();
            double[] id = new double[rows * rows], dg = new double[rows * rows], sPsi = psi.clone(), sy = y.clone();
            for (int i = 0; i < rows; i++) {
                id[i * rows + i] = 1;
                double w = 0.2 + rng.nextDouble();
                dg[i * rows + i] = w;
                for (int q = 0; q < d; q++) sPsi[i * d + q] *= Math.sqrt(w);
                sy[i] *= Math.sqrt(w);
            }
            double[] a = new double[rows * rows];
            for (int i = 0; i < a.length; i++) a[i] = rng.nextGaussian();
            double[] s = new double[rows * rows];
            Blas.gemm(false, true, rows, rows, rows, 1.0, a, a, 0.0, s);
            for (int i = 0; i < rows; i++) s[i * rows + i] += 0.5;
            plain.add(psi, rows, y);
            identity.add(psi, rows, id, y);
            diag.add(psi, rows, dg, y);
            scaled.add(sPsi, rows, sy);
            general.add(psi, rows, s, y);
            psis[b] = psi;
            ys[b] = y;
            ss[b] = s;
        }
        assertTrue(relErr(identity.solve(eta), plain.solve(eta)) < 1e-12);
        assertTrue(relErr(diag.solve(eta), scaled.solve(eta)) < 1e-12);
        double[] w = general.solve(eta), grad = new double[d];
        for (int q = 0; q < d; q++) grad[q] = eta * w[q];
        double scale = 0;
        for (int b = 0; b < blocks; b++) {
            double[] r = new double[rows];
            Blas.gemv(false, rows, d, 1.0, psis[b], w, 0.0, r);
            for (int i = 0; i < rows; i++) r[i] -= ys[b][i];
            double[] sr = new double[rows];
            Blas.gemv(false, rows, rows, 1.0, ss[b], r, 0.0, sr);
            Blas.gemv(true, rows, d, 1.0, psis[b], sr, 1.0, grad);
            scale = Math.max(scale, Synthetic.maxAbs(ss[b]) * Synthetic.maxAbs(psis[b]) * Synthetic.maxAbs(ys[b]));
        }
        assertTrue(Synthetic.maxAbs(grad) < 1e-10 * scale, "gradient of the weighted loss " + Synthetic.maxAbs(grad));
        assertEquals(blocks * rows, general.rows());
    }
}
