package org.equidens.realspace;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import org.equidens.basis.BasisFunctions;
import org.equidens.basis.BasisSet;
import org.equidens.basis.Shell;
import org.equidens.linalg.Blas;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Fitting grid fields onto a basis, molecules and cells, with and without the charge constraint. */
class GridFitTest {
    /** A small smooth basis (every function resolved on a 0.2-bohr grid), so that fits can be exact. */
    static final BasisSet SMOOTH = new BasisSet("smooth", Map.of(
            "O", List.of(new Shell(0, new double[] {1.5}, new double[] {1}), new Shell(0, new double[] {0.4}, new double[] {1}),
                    new Shell(1, new double[] {0.8}, new double[] {1}), new Shell(2, new double[] {0.6}, new double[] {1})),
            "H", List.of(new Shell(0, new double[] {0.5}, new double[] {1}), new Shell(1, new double[] {0.7}, new double[] {1}))));

    static BasisFunctions water(SplittableRandom rng) {
        double[] c = {0, 0, 0, 1.43, 1.1, 0, -1.43, 1.1, 0};
        for (int i = 0; i < 9; i++) c[i] += 0.2 * (rng.nextDouble() - 0.5) + 3;
        return new BasisFunctions(SMOOTH, new String[] {"O", "H", "H"}, c);
    }

    static IntStream seeds() {
        return IntStream.range(0, 6);
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void fieldsInTheSpanAreRecoveredAndTheChargeConstraintHolds(int seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        BasisFunctions bf = water(rng);
        boolean periodic = seed % 2 == 1;
        double[] cell = {7.0, 0, 0, 0.8, 6.5, 0, 0, -0.5, 7.5};
        RealSpaceBasis rb = periodic ? RealSpaceBasis.periodic(bf, cell, new boolean[] {true, true, true}) : RealSpaceBasis.molecule(bf);
        double[] pos = new double[9];
        for (int a = 0; a < 3; a++) System.arraycopy(bf.centre(a), 0, pos, 3 * a, 3);
        Grid g = periodic ? Grid.ofCell(cell, 0.2) : Grid.enclosing(pos, 0.2, 9);
        int n = bf.size();
        double[] c = new double[n];
        for (int f = 0; f < n; f++) c[f] = rng.nextGaussian();
        VolumetricData d = new VolumetricData(g, rb.evaluate(c, g));
        double[] q = rb.integrals();
        double charge = 0;
        for (int f = 0; f < n; f++) charge += c[f] * q[f];
        for (GridFit.Metric m : GridFit.Metric.values()) {
            GridFit.Result r = GridFit.fit(rb, d, m, null);
            double[] s = rb.overlapMatrix();
            double diff = GridFit.relativeDifference(r.coefficients(), c, s);
            assertTrue(diff < (m == GridFit.Metric.GRID ? 1e-4 : 1e-6), m + ": coefficients off by " + diff);
            assertTrue(r.relativeL2() < 1e-5, m + ": L2 " + r.relativeL2());
            assertEquals(charge, r.charge(), 1e-6 * Math.max(1, Math.abs(charge)));
            // constrained to another charge: exactly that charge, and the least change in the metric
            GridFit.Result k = GridFit.fit(rb, d, m, charge + 0.1);
            assertEquals(charge + 0.1, k.charge(), 1e-10);
            assertTrue(k.relativeL2() > r.relativeL2());
        }
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void latticeSummedOverlapIsSymmetricPositiveDefiniteAndMatchesTheGrid(int seed) {
        SplittableRandom rng = new SplittableRandom(100 + seed);
        BasisFunctions bf = water(rng);
        double[] cell = {6.0 + rng.nextDouble(), 0, 0, 0.5, 6.5, 0, 0.3, -0.4, 6.0 + rng.nextDouble()};
        RealSpaceBasis rb = RealSpaceBasis.periodic(bf, cell, new boolean[] {true, true, true});
        double[] s = rb.overlapMatrix();
        double[] g = rb.gridOverlap(Grid.ofCell(cell, 0.15));
        int n = bf.size();
        double max = 0;
        for (int i = 0; i < n * n; i++) max = Math.max(max, Math.abs(s[i] - g[i]));
        assertTrue(max < 1e-7, "analytic lattice sum vs grid quadrature: " + max);
        Blas.cholesky(s.clone(), n); // throws unless positive definite
    }
}
