package org.equidens.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.equidens.basis.BasisFunctions;
import org.equidens.basis.Integrals;
import org.equidens.kernel.SparseSelection;
import org.equidens.structure.Atoms;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * k-fold cross-validation of η for a response model on real water data. The held-out errors it
 * reports are recomputed by another route: for every fold, a model trained through the per-structure
 * metric path with M_k = S_k on the other folds and M_k = 0 on the held-out one (same sparse set and
 * kernels; η scaled by N_train/N so the minimiser is the same), then predicted on the held-out
 * molecules and scored with their overlap matrices.
 */
class CoefficientCrossValidationTest {
    private static final int[] TRAIN = {100, 101, 103, 104, 105, 107, 3, 40, 250, 333};
    private static final double[] ETAS = {1e-10, 1e-6, 1e-2};
    private static final int FOLDS = 3;

    @BeforeAll
    static void load() {
        CoefficientModelTest.load();
    }

    private static CoefficientOptions options(double eta) {
        return CoefficientModelTest.options(6, eta, CoefficientOptions.Solver.DIRECT);
    }

    @Test
    void heldOutErrorsMatchAnIndependentRefitAndTheBestEtaIsUsed() {
        List<Atoms> atoms = CoefficientModelTest.structures(TRAIN);
        List<double[]> ys = CoefficientModelTest.rows(CoefficientModelTest.response, 3, TRAIN);
        CoefficientOptions o = options(1e-8).withEtaSearch(new CoefficientOptions.EtaSearch(ETAS, FOLDS));
        ResponseModel cv = ResponseModel.train(atoms, ys, CoefficientModelTest.data.basis(), o, null);
        List<double[]> table = cv.model().etaCrossValidation();
        assertEquals(ETAS.length, table.size());

        // the folds the trainer uses: a seeded permutation, structure perm[i] in fold i mod FOLDS
        int n = TRAIN.length;
        int[] perm = SparseSelection.random(n, n, o.seed() + 7919).indices(), fold = new int[n];
        for (int i = 0; i < n; i++) fold[perm[i]] = i % FOLDS;
        double[][] overlaps = new double[n][];
        for (int k = 0; k < n; k++) overlaps[k] = Integrals.overlapMatrix(new BasisFunctions(CoefficientModelTest.data.basis(), atoms.get(k)));
        int best = 0;
        for (int e = 0; e < ETAS.length; e++) {
            double err = 0, norm = 0;
            for (int f = 0; f < FOLDS; f++) {
                int held = 0;
                double[][] metrics = new double[n][];
                List<double[]> rhs = new ArrayList<>();
                for (int k = 0; k < n; k++) {
                    boolean out = fold[k] == f;
                    held += out ? 1 : 0;
                    metrics[k] = out ? new double[overlaps[k].length] : overlaps[k];
                    rhs.add(applied(metrics[k], ys.get(k)));
                }
                double eta = ETAS[e] * (n - held) / n;
                ResponseModel m = ResponseModel.trainWithMetrics(atoms, metrics, rhs, CoefficientModelTest.data.basis(), options(eta), null);
                for (int k = 0; k < n; k++) {
                    if (fold[k] != f) continue;
                    double[] p = m.predict(List.of(atoms.get(k))).get(0), d = p.clone();
                    for (int i = 0; i < d.length; i++) d[i] -= ys.get(k)[i];
                    err += quadratic(overlaps[k], d);
                    norm += quadratic(overlaps[k], ys.get(k));
                }
            }
            double percent = 100 * Math.sqrt(err / norm);
            assertEquals(ETAS[e], table.get(e)[0]);
            assertEquals(percent, table.get(e)[1], 1e-6 * percent, "held-out % RMSE at η = " + ETAS[e]);
            if (table.get(e)[1] < table.get(best)[1]) best = e;
        }
        assertEquals(ETAS[best], cv.model().options().eta(), "the model is trained with the best η of the grid");
        assertTrue(table.get(ETAS.length - 1)[1] > table.get(best)[1], "η = 1e-2 over-regularises");
        ResponseModel fixed = ResponseModel.train(atoms, ys, CoefficientModelTest.data.basis(), options(ETAS[best]), null);
        List<Atoms> test = CoefficientModelTest.structures(500, 501);
        for (int t = 0; t < test.size(); t++)
            assertArrayEquals(fixed.predict(test).get(t), cv.predict(test).get(t), 1e-12 * CoefficientModelTest.maxAbs(fixed.predict(test).get(t)));
    }

    /** M applied to each of the three direction rows of y. */
    private static double[] applied(double[] m, double[] y) {
        int nc = (int) Math.round(Math.sqrt(m.length));
        double[] out = new double[y.length];
        for (int d = 0; d < 3; d++)
            for (int i = 0; i < nc; i++) {
                double s = 0;
                for (int j = 0; j < nc; j++) s += m[i * nc + j] * y[d * nc + j];
                out[d * nc + i] = s;
            }
        return out;
    }

    private static double quadratic(double[] s, double[] v) {
        double[] sv = applied(s, v);
        double q = 0;
        for (int i = 0; i < v.length; i++) q += v[i] * sv[i];
        return q;
    }
}
