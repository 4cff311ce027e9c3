package org.equidens.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.equidens.kernel.SparseSelection;
import org.equidens.kernel.SphericalKernel;
import org.equidens.kernel.Synthetic;
import org.equidens.kernel.Synthetic.Structure;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CrossValidationTest {
    /** Design rows and targets of a synthetic invariant (λ=0) structure property. */
    record Data(double[] psi, double[] y, double[] clean, int rows, int d) {}

    /** Two-body invariant E = Σ_{i≠j} w(sp_i) e^{−r²/2} (1 + sp_j/2); per-structure rows. */
    static double energy(Structure s) {
        double e = 0;
        double[] p = s.positions();
        for (int i = 0; i < s.size(); i++)
            for (int j = 0; j < s.size(); j++) {
                if (i == j) continue;
                double dx = p[3 * j] - p[3 * i], dy = p[3 * j + 1] - p[3 * i + 1], dz = p[3 * j + 2] - p[3 * i + 2];
                e += (s.species()[i] == 0 ? 1.0 : -0.6) * Math.exp(-0.5 * (dx * dx + dy * dy + dz * dz)) * (1 + 0.5 * s.species()[j]);
            }
        return e;
    }

    /** Builds a feature map on {@code train} (20 sparse environments per species) and the rows of each set. */
    static Data[] data(long seed, double noise, int... sizes) {
        SplittableRandom rng = new SplittableRandom(seed);
        List<List<Structure>> sets = new java.util.ArrayList<>();
        for (int n : sizes) sets.add(Synthetic.clouds(rng, n, 3, 6, 2));
        FeatureSet train = Synthetic.features(sets.get(0), 0, 4, 2);
        Map<Integer, SparseSelection.Selection> sel = SparseSelection.farthestPointPerSpecies(train.block(0), train.species(), 20, SparseSelection.Start.seeded(seed));
        Map<Integer, int[]> sparse = new java.util.TreeMap<>();
        sel.forEach((k, v) -> sparse.put(k, v.indices()));
        RkhsFeatureMap map = RkhsFeatureMap.build(train, 0, sparse, new SphericalKernel(2), 1e-10);
        Data[] out = new Data[sizes.length];
        for (int k = 0; k < sizes.length; k++) {
            List<Structure> set = sets.get(k);
            double[] psi = k == 0 ? map.structurePsi(train) : map.structurePsi(Synthetic.features(set, 0, 4, 2));
            double[] y = new double[set.size()], clean = new double[set.size()];
            for (int s = 0; s < set.size(); s++) {
                clean[s] = energy(set.get(s));
                y[s] = clean[s] + noise * rng.nextGaussian();
            }
            out[k] = new Data(psi, y, clean, set.size(), map.dimension());
        }
        return out;
    }

    static double rmse(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) s += (a[i] - b[i]) * (a[i] - b[i]);
        return Math.sqrt(s / a.length);
    }

    /** Targets in the RKHS span, y = Ψ w_true + noise with w_true ~ N(0, I): the Bayes-optimal η is σ². */
    static Data[] spanData(long seed, double noise, int train, int test) {
        Data[] d = data(seed, 0.0, train, test);
        SplittableRandom rng = new SplittableRandom(seed + 17);
        double[] w = new double[d[0].d()];
        for (int i = 0; i < w.length; i++) w[i] = rng.nextGaussian();
        Data[] out = new Data[2];
        for (int k = 0; k < 2; k++) {
            SparseGpr truth = SparseGpr.of(null, w, 0);
            double[] clean = truth.predict(d[k].psi(), d[k].rows()), y = clean.clone();
            for (int i = 0; i < y.length; i++) y[i] += noise * rng.nextGaussian();
            out[k] = new Data(d[k].psi(), y, clean, d[k].rows(), d[k].d());
        }
        return out;
    }

    /**
     * Targets in the RKHS span with noise σ: the Bayes-optimal η is σ² (w_true ~ N(0, I)). CV must pick
     * an η within a factor 10 of σ², whose test error is within 20 % of the best η on the grid; on
     * noise-free data it must pick a much smaller η. Deterministic by seed.
     */
    @ParameterizedTest(name = "seed {0}")
    @ValueSource(ints = {0, 1, 2, 3})
    void picksSensibleEta(int seed) {
        double sigma = 0.3;
        double[] grid = CrossValidation.logGrid(1e-8, 1e2, 21);
        Data[] noisy = spanData(seed, sigma, 200, 200);
        Data[] clean = spanData(seed, 0.0, 200, 200);
        Data tr = noisy[0], te = noisy[1];
        int[] groups = CrossValidation.uniformGroups(tr.rows(), 1);
        CrossValidation.Result cv = CrossValidation.eta(tr.psi(), tr.rows(), tr.d(), tr.y(), groups, 5, grid, seed);
        CrossValidation.Result cvClean = CrossValidation.eta(clean[0].psi(), tr.rows(), tr.d(), clean[0].y(), groups, 5, grid, seed);
        double best = Double.POSITIVE_INFINITY, chosen = 0;
        for (int e = 0; e < grid.length; e++) {
            SparseGpr g = SparseGpr.fit(null, tr.psi(), tr.rows(), tr.y(), grid[e]);
            double err = rmse(g.predict(te.psi(), te.rows()), te.clean());
            best = Math.min(best, err);
            if (e == cv.best()) chosen = err;
        }
        System.out.printf("CV seed %d (D=%d): noisy η=%.1e (σ²=%.2f; test %.4f, best on grid %.4f), clean η=%.1e%n", seed, tr.d(), cv.bestEta(),
                sigma * sigma, chosen, best, cvClean.bestEta());
        assertEquals(grid.length, cv.errors().length);
        assertTrue(chosen <= 1.2 * best, "chosen η test error " + chosen + " vs best " + best);
        assertTrue(cv.bestEta() > 0.1 * sigma * sigma && cv.bestEta() < 10 * sigma * sigma, "η " + cv.bestEta() + " far from σ² " + sigma * sigma);
        assertTrue(cvClean.bestEta() < 1e-2 * cv.bestEta(), "noise-free data should pick a much smaller η: " + cvClean.bestEta());
        CrossValidation.Result again = CrossValidation.eta(tr.psi(), tr.rows(), tr.d(), tr.y(), groups, 5, grid, seed);
        assertArrayEquals(cv.errors(), again.errors(), 0.0);
        for (double err : cv.errors()) assertTrue(Double.isFinite(err));
    }
}
