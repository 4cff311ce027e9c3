package org.equidens.kernel;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import org.equidens.kernel.SparseSelection.Selection;
import org.equidens.kernel.SparseSelection.Start;
import org.equidens.linalg.Blas;
import org.equidens.model.FeatureSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class SparseSelectionTest {
    private static double[] randomMatrix(SplittableRandom rng, int n, int f) {
        double[] x = new double[n * f];
        for (int i = 0; i < x.length; i++) x[i] = rng.nextGaussian();
        return x;
    }

    private static double dist(double[] x, int f, int i, int j) {
        double s = 0;
        for (int q = 0; q < f; q++) s += (x[i * f + q] - x[j * f + q]) * (x[i * f + q] - x[j * f + q]);
        return Math.sqrt(s);
    }

    /**
     * Distances never increase; distance k is both the distance of pick k to the earlier picks and the
     * Hausdorff distance of the first k picks to the whole set (brute force).
     */
    @ParameterizedTest(name = "seed {0}")
    @MethodSource("org.equidens.kernel.Synthetic#seeds")
    void fpsDistances(int seed) {
        SplittableRandom rng = Synthetic.rng(seed);
        int n = 60, f = 5;
        double[] x = randomMatrix(rng, n, f);
        Selection s = SparseSelection.farthestPoint(x, n, f, 25, rng.nextInt(n));
        assertEquals(Double.POSITIVE_INFINITY, s.distances()[0]);
        assertEquals(25, new HashSet<>(java.util.Arrays.stream(s.indices()).boxed().toList()).size(), "distinct");
        for (int k = 1; k < s.size(); k++) {
            assertTrue(s.distances()[k] <= s.distances()[k - 1], "non-increasing at " + k);
            double toPrev = Double.POSITIVE_INFINITY;
            for (int j = 0; j < k; j++) toPrev = Math.min(toPrev, dist(x, f, s.indices()[k], s.indices()[j]));
            assertEquals(toPrev, s.distances()[k], 1e-9);
            double hausdorff = 0;
            for (int i = 0; i < n; i++) {
                double m = Double.POSITIVE_INFINITY;
                for (int j = 0; j < k; j++) m = Math.min(m, dist(x, f, i, s.indices()[j]));
                hausdorff = Math.max(hausdorff, m);
            }
            assertEquals(hausdorff, s.distances()[k], 1e-9);
        }
    }

    /** FPS of m points is the m-prefix of FPS of M points; same seed, same result; other seeds differ. */
    @ParameterizedTest(name = "seed {0}")
    @MethodSource("org.equidens.kernel.Synthetic#seeds")
    void prefixAndDeterminism(int seed) {
        SplittableRandom rng = Synthetic.rng(seed);
        FeatureSet fs = Synthetic.features(Synthetic.clouds(rng, 8, 4, 7, 2), 0, 3, 2);
        int n = fs.atoms();
        Selection full = SparseSelection.farthestPoint(fs.block(0), n, Start.seeded(seed));
        for (int m : new int[] {1, 2, 5, n / 2, n - 1}) {
            Selection part = SparseSelection.farthestPoint(fs.block(0), m, Start.seeded(seed));
            assertArrayEquals(full.prefix(m).indices(), part.indices(), "prefix " + m);
            assertArrayEquals(full.prefix(m).distances(), part.distances(), 0.0);
        }
        assertArrayEquals(full.indices(), SparseSelection.farthestPoint(fs.block(0), n, Start.seeded(seed)).indices());
        assertEquals(new SplittableRandom(seed).nextInt(n), full.indices()[0], "seeded first point");
        // the whole set is picked exactly once
        Set<Integer> all = new HashSet<>();
        for (int i : full.indices()) all.add(i);
        assertEquals(n, all.size());
        assertTrue(full.distances()[n - 1] >= 0);
        // mean-outlier start is deterministic and is the farthest point from the mean
        Selection m1 = SparseSelection.farthestPoint(fs.block(0), 5, Start.meanOutlier());
        EquivariantFeatures p = fs.block(0).normalised();
        assertEquals(SparseSelection.farthestFromMean(p.data(), n, p.features()), m1.indices()[0]);
        assertArrayEquals(m1.indices(), SparseSelection.farthestPoint(fs.block(0), 5, Start.meanOutlier()).indices());
    }

    /** Per-species FPS: only that species, capped count, FPS order (non-increasing distances), seeded. */
    @ParameterizedTest(name = "seed {0}")
    @MethodSource("org.equidens.kernel.Synthetic#seeds")
    void perSpecies(int seed) {
        SplittableRandom rng = Synthetic.rng(seed);
        FeatureSet fs = Synthetic.features(Synthetic.clouds(rng, 6, 4, 7, 3), 0, 2, 3);
        Map<Integer, Selection> sel = SparseSelection.farthestPointPerSpecies(fs.block(0), fs.species(), 7, Start.seeded(seed));
        Map<Integer, Selection> again = SparseSelection.farthestPointPerSpecies(fs.block(0), fs.species(), 7, Start.seeded(seed));
        for (Map.Entry<Integer, Selection> e : sel.entrySet()) {
            long available = java.util.Arrays.stream(fs.species()).filter(s -> s == e.getKey()).count();
            assertEquals(Math.min(7, available), e.getValue().size());
            for (int i : e.getValue().indices()) assertEquals((int) e.getKey(), fs.species()[i]);
            for (int k = 1; k < e.getValue().size(); k++) assertTrue(e.getValue().distances()[k] <= e.getValue().distances()[k - 1]);
            assertArrayEquals(e.getValue().indices(), again.get(e.getKey()).indices());
        }
    }

    @Test
    void differentSeedsDifferSomewhere() {
        SplittableRandom rng = Synthetic.rng(99);
        FeatureSet fs = Synthetic.features(Synthetic.clouds(rng, 10, 4, 7, 1), 0, 3, 1);
        Set<Integer> firsts = new HashSet<>();
        for (long s = 0; s < 10; s++) firsts.add(SparseSelection.farthestPoint(fs.block(0), 3, Start.seeded(s)).indices()[0]);
        assertTrue(firsts.size() > 1);
    }

    @Test
    void sizesForLambda() {
        int[] expected = {100, 95, 82, 64, 45, 29, 17};
        for (int l = 0; l < expected.length; l++) assertEquals(expected[l], SparseSelection.sizeForLambda(100, l), "λ=" + l);
        assertEquals(1, SparseSelection.sizeForLambda(3, 10));
        assertEquals(0, SparseSelection.sizeForLambda(0, 2));
    }

    /** CUR on a rank-r matrix: r picks span the row space; picks are distinct; duplicates are not re-picked early. */
    @ParameterizedTest(name = "seed {0}")
    @MethodSource("org.equidens.kernel.Synthetic#seeds")
    void curSpansRowSpace(int seed) {
        SplittableRandom rng = Synthetic.rng(seed);
        int n = 40, f = seed % 2 == 0 ? 12 : 60, r = 5; // both n > f and n < f branches
        double[] a = randomMatrix(rng, n, r), b = randomMatrix(rng, r, f);
        double[] x = Blas.multiply(a, b, n, r, f);
        System.arraycopy(x, 0, x, f, f); // row 1 duplicates row 0
        Selection s = SparseSelection.cur(x, n, f, r, r);
        Set<Integer> distinct = new HashSet<>();
        for (int i : s.indices()) distinct.add(i);
        assertEquals(r, distinct.size());
        assertTrue(!(distinct.contains(0) && distinct.contains(1)), "picked both duplicates");
        double[] rows = new double[r * f];
        for (int k = 0; k < r; k++) System.arraycopy(x, s.indices()[k] * f, rows, k * f, f);
        double[] g = new double[r * r];
        Blas.gemm(false, true, r, r, f, 1.0, rows, rows, 0.0, g);
        double[] ev = Blas.symmetricEigen(g, r).values();
        assertTrue(ev[0] > 1e-8 * ev[r - 1], "selected rows are rank deficient: " + ev[0] / ev[r - 1]);
    }

    @Test
    void randomSelection() {
        Selection a = SparseSelection.random(50, 20, 7), b = SparseSelection.random(50, 20, 7), c = SparseSelection.random(50, 30, 7);
        assertArrayEquals(a.indices(), b.indices());
        assertArrayEquals(a.indices(), c.prefix(20).indices());
        Set<Integer> d = new HashSet<>();
        for (int i : c.indices()) {
            assertTrue(i >= 0 && i < 50);
            d.add(i);
        }
        assertEquals(30, d.size());
        assertNotEquals(java.util.Arrays.toString(a.indices()), java.util.Arrays.toString(SparseSelection.random(50, 20, 8).indices()));
    }
}
