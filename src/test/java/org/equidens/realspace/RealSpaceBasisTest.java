package org.equidens.realspace;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import org.equidens.basis.BasisFunctions;
import org.equidens.basis.Integrals;
import org.equidens.io.Dataset;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Screened, chunked evaluation against the plain per-point evaluation of BasisFunctions, molecules and cells. */
class RealSpaceBasisTest {
    static Dataset ds;
    static BasisFunctions bf;

    @BeforeAll
    static void load() {
        ds = Dataset.load(Path.of("data/water-monomers-pbe"));
        bf = ds.basisFunctions(0);
    }

    static IntStream seeds() {
        return IntStream.range(0, 8);
    }

    /** Random points around the molecule, from the nuclei out to 14 bohr. */
    static double[] randomPoints(SplittableRandom rng, int n, double spread) {
        double[] p = new double[3 * n];
        for (int i = 0; i < n; i++) {
            int a = rng.nextInt(3);
            double r = spread * Math.pow(rng.nextDouble(), 2);
            double z = 2 * rng.nextDouble() - 1, phi = 2 * Math.PI * rng.nextDouble(), s = Math.sqrt(1 - z * z);
            double[] c = bf.centre(a);
            p[3 * i] = c[0] + r * s * Math.cos(phi);
            p[3 * i + 1] = c[1] + r * s * Math.sin(phi);
            p[3 * i + 2] = c[2] + r * z;
        }
        return p;
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void moleculeValuesMatchThePlainEvaluation(int seed) {
        SplittableRandom rng = new SplittableRandom(1000 + seed);
        int n = 700;
        double[] pts = randomPoints(rng, n, 14);
        RealSpaceBasis rb = RealSpaceBasis.molecule(bf);
        double[] fast = new double[n * bf.size()], ref = new double[n * bf.size()];
        rb.values(pts, n, fast);
        bf.evaluate(pts, n, ref);
        double max = 0;
        for (int i = 0; i < ref.length; i++) max = Math.max(max, Math.abs(fast[i] - ref[i]));
        assertTrue(max < 1e-10, "max |Δφ| = " + max);
    }

    @Test
    void gridFieldMatchesThePlainEvaluationAtEveryPoint() {
        double[] c = Arrays.copyOfRange(ds.coefficients("response").data(), 2 * 196, 3 * 196);
        Grid g = new Grid(new double[] {-5.1, -4.3, -3.7}, new double[] {0.41, 0.05, 0, 0, 0.37, 0.08, 0.02, 0, 0.43},
                new int[] {23, 21, 19});
        double[] fast = RealSpaceBasis.molecule(bf).evaluate(c, g);
        double[] ref = new double[g.size()];
        bf.evaluateSum(c, g.allPoints(), g.size(), ref);
        double max = 0, scale = 0;
        for (int i = 0; i < ref.length; i++) {
            max = Math.max(max, Math.abs(fast[i] - ref[i]));
            scale = Math.max(scale, Math.abs(ref[i]));
        }
        assertTrue(max < 1e-11 * Math.max(1, scale) + 1e-10, "max |Δ| = " + max);
        // several coefficient vectors at once give the same fields
        double[][] two = RealSpaceBasis.molecule(bf).evaluate(new double[][] {c, c}, g);
        assertEquals(0, maxDiff(two[1], fast), 1e-13);
    }

    /** A water molecule in a small cubic cell (8 bohr), so that many images overlap. */
    static RealSpaceBasis periodicWater(double[] cell, boolean[] pbc) {
        return RealSpaceBasis.periodic(bf, cell, pbc);
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void periodicValuesAreLatticeSumsAndPeriodic(int seed) {
        SplittableRandom rng = new SplittableRandom(2000 + seed);
        double[] cell = {9.0, 0, 0, 1.5, 8.5, 0, -0.7, 0.9, 10.0}; // triclinic
        boolean[] pbc = seed % 2 == 0 ? new boolean[] {true, true, true} : new boolean[] {true, true, false};
        RealSpaceBasis rb = periodicWater(cell, pbc);
        int n = 40;
        double[] pts = randomPoints(rng, n, 10);
        double[] fast = new double[n * bf.size()];
        rb.values(pts, n, fast);
        // brute force: Σ_T φ(r − T) over a generous box of translations
        double[] ref = new double[n * bf.size()];
        double[] shifted = new double[3 * n];
        double[] tmp = new double[n * bf.size()];
        int m = 5;
        for (int a = -m; a <= m; a++) {
            for (int b = -m; b <= m; b++) {
                for (int c = pbc[2] ? -m : 0; c <= (pbc[2] ? m : 0); c++) {
                    for (int p = 0; p < n; p++) {
                        for (int k = 0; k < 3; k++) {
                            shifted[3 * p + k] = pts[3 * p + k] - (a * cell[k] + b * cell[3 + k] + c * cell[6 + k]);
                        }
                    }
                    bf.evaluate(shifted, n, tmp);
                    for (int i = 0; i < ref.length; i++) ref[i] += tmp[i];
                }
            }
        }
        assertTrue(maxDiff(fast, ref) < 1e-9, "max |Δ| = " + maxDiff(fast, ref));
        // moving every point by a lattice vector changes nothing
        double[] moved = pts.clone();
        for (int p = 0; p < n; p++) for (int k = 0; k < 3; k++) moved[3 * p + k] += 2 * cell[k] - cell[3 + k];
        double[] again = new double[n * bf.size()];
        rb.values(moved, n, again);
        assertTrue(maxDiff(again, fast) < 1e-10, "not periodic: " + maxDiff(again, fast));
    }

    @Test
    void periodicGridOverlapApproachesTheLatticeSummedAnalyticOverlap() {
        // a cell grid integrates products of (smooth) lattice-summed functions; keep only smooth functions
        double[] cell = {8.0, 0, 0, 0, 8.0, 0, 0, 0, 8.0};
        RealSpaceBasis rb = RealSpaceBasis.periodic(bf, cell, new boolean[] {true, true, true});
        double[] s = rb.overlapMatrix();
        Grid g = Grid.ofCell(cell, 0.1);
        // w = Σ_g φ_f · 1 · ΔV is ∫_cell Σ_T φ_f = ∫ φ_f: the analytic integrals, for the s functions smooth on this grid
        double[] ones = new double[g.size()];
        Arrays.fill(ones, 1.0);
        double[] w = rb.project(new VolumetricData(g, ones));
        double[] q = Integrals.integrals(bf);
        double[] exponent = new double[bf.size()];
        for (int sh = 0; sh < bf.shells(); sh++) {
            double e = Arrays.stream(bf.shellExponents(sh)).max().orElseThrow();
            for (int m = 0; m < 2 * bf.shellL(sh) + 1; m++) exponent[bf.shellOffset(sh) + m] = e;
        }
        int checked = 0;
        for (int f = 0; f < bf.size(); f++) {
            if (exponent[f] > 5) continue; // too tight for a 0.1 bohr grid
            assertEquals(q[f], w[f], 1e-7 * Math.max(1, Math.abs(q[f])), "function " + f);
            checked++;
        }
        assertTrue(checked > 3);
        // S is symmetric positive definite and has the plain overlap as its T = 0 part plus image terms
        double[] s0 = Integrals.overlapMatrix(bf);
        double diag = 0;
        for (int f = 0; f < bf.size(); f++) diag = Math.max(diag, Math.abs(s[f * bf.size() + f] - s0[f * bf.size() + f]));
        assertTrue(diag > 1e-3, "images should add to the diagonal of diffuse functions");
    }

    static double maxDiff(double[] a, double[] b) {
        double m = 0;
        for (int i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i] - b[i]));
        return m;
    }
}
