package org.equidens.realspace;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import org.equidens.io.Dataset;
import org.equidens.linalg.Blas;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Targeted sampling, LIFS, and Fig. 7 of the paper in equidens' setting. */
class SamplingTest {
    static final Path DATA = Path.of("data/water-monomers-pbe");

    static IntStream seeds() {
        return IntStream.range(0, 10);
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void targetedSamplingIsSeededDistinctAndAvoidsEmptySpace(int seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        double[] v = new double[5000];
        for (int i = 0; i < v.length; i++) v[i] = i < 2500 ? 0 : (rng.nextBoolean() ? 1 : -1) * rng.nextDouble();
        int[] a = TargetedSampling.sample(v, 300, 5.0, seed);
        assertArrayEquals(a, TargetedSampling.sample(v, 300, 5.0, seed), "same seed, same draw");
        assertEquals(300, Arrays.stream(a).distinct().count(), "without replacement");
        for (int g : a) assertTrue(g >= 2500, "a point where the field is zero was drawn");
        // the first m draws of a larger sample are the sample of size m (draw order)
        int[] b = TargetedSampling.sample(v, 100, 5.0, seed);
        assertArrayEquals(b, Arrays.copyOf(a, 100));
    }

    @Test
    void targetedSamplingFollowsTheWeights() {
        // two values: p ∝ exp(−1/(2σ²n²)); with σ = 1, n = 1 vs n = 0.5 the weights are e^{-1/2} : e^{-2}
        int n = 2000;
        double[] v = new double[n];
        for (int i = 0; i < n; i++) v[i] = i % 2 == 0 ? 1.0 : -0.5; // |n| is used
        double ratio = Math.exp(-0.5) / Math.exp(-2);
        double sum = 0;
        int trials = 200;
        for (int t = 0; t < trials; t++) {
            int first = TargetedSampling.sample(v, 20, 1.0, 100 + t)[0];
            sum += first % 2 == 0 ? 1 : 0;
        }
        double expected = ratio / (ratio + 1); // probability that the first draw is an n = 1 point
        assertEquals(expected, sum / trials, 4 * Math.sqrt(expected * (1 - expected) / trials));
    }

    /** Features from a random d×r matrix: rank r vectors in R^d. */
    static PointFeatures lowRank(int d, int r, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        double[] basis = new double[r * d];
        for (int i = 0; i < basis.length; i++) basis[i] = rng.nextGaussian();
        return new PointFeatures() {
            @Override
            public int size() {
                return d;
            }

            @Override
            public void compute(double[] p, double[] out) {
                // coefficients from the point's coordinates: deterministic, generic
                double[] w = new double[r];
                for (int k = 0; k < r; k++) w[k] = Math.sin(1.3 * (k + 1) * p[0] + 0.7 * p[1] * (k + 2) + p[2] * k * k * 0.31);
                Blas.gemv(true, r, d, 1.0, basis, w, 0.0, out);
            }
        };
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void lifsKeepsExactlyTheRankAndItsResidualsAreTrueLeastSquaresResiduals(int seed) {
        SplittableRandom rng = new SplittableRandom(50 + seed);
        int d = 30, r = 7 + seed % 9, n = 400;
        PointFeatures f = lowRank(d, r, seed);
        double[] pts = new double[3 * n];
        for (int i = 0; i < pts.length; i++) pts[i] = 3 * rng.nextDouble();
        // repeat some points: duplicates are never independent
        System.arraycopy(pts, 0, pts, 3, 3);
        Lifs.Selection s = Lifs.select(pts, n, f, 1e-6, 1000);
        assertEquals(r, s.accepted().length, "rank-r features: r points");
        assertEquals(0, s.accepted()[0]);
        assertTrue(s.accepted()[1] != 1, "the duplicate of the first point was accepted");
        // each accepted residual equals the least-squares residual against the previously accepted features
        double[] x = new double[d];
        List<double[]> kept = new ArrayList<>();
        for (int i = 0; i < s.accepted().length; i++) {
            f.compute(Arrays.copyOfRange(pts, 3 * s.accepted()[i], 3 * s.accepted()[i] + 3), x);
            double res = leastSquaresResidual(kept, x);
            assertEquals(res, s.residuals()[i], 1e-8, "residual of accepted point " + i);
            assertTrue(s.residuals()[i] > 1e-6);
            kept.add(x.clone());
        }
        // a tolerance above every residual keeps only the first point; maxAccepted is honoured
        assertEquals(1, Lifs.select(pts, n, f, 0.999999, 1000).accepted().length > 0 ? 1 : 0);
        assertEquals(3, Lifs.select(pts, n, f, 1e-6, 3).accepted().length);
    }

    @Test
    void lifsStaysOrthonormalOverManyNearlyDependentCandidates() {
        // features of nearby points on a smooth basis: strongly collinear; the residuals must stay true
        Dataset ds = Dataset.load(DATA);
        RealSpaceBasis rb = RealSpaceBasis.molecule(ds.basisFunctions(0));
        SplittableRandom rng = new SplittableRandom(3);
        int n = 3000;
        double[] pts = new double[3 * n];
        for (int i = 0; i < pts.length; i++) pts[i] = 4 * rng.nextDouble() - 2;
        Lifs.Selection s = Lifs.select(pts, n, new BasisValueFeatures(rb), 0.05, 196);
        int k = s.accepted().length;
        assertTrue(k > 50, "kept " + k);
        // the selected feature rows are well conditioned: smallest singular value relative to largest
        double[] phi = new double[k * 196];
        double[] sel = new double[3 * k];
        for (int i = 0; i < k; i++) System.arraycopy(pts, 3 * s.accepted()[i], sel, 3 * i, 3);
        rb.values(sel, k, phi);
        for (int i = 0; i < k; i++) { // normalise rows: the criterion is scale free
            double nn = 0;
            for (int j = 0; j < 196; j++) nn += phi[i * 196 + j] * phi[i * 196 + j];
            nn = Math.sqrt(nn);
            for (int j = 0; j < 196; j++) phi[i * 196 + j] /= nn;
        }
        double[] gram = new double[k * k];
        Blas.gemm(false, true, k, k, 196, 1.0, phi, phi, 0.0, gram);
        // Cholesky of the Gram matrix of the normalised rows, in acceptance order: L_ii is the relative
        // residual of row i against the rows before it, which is what LIFS reported if Q stayed orthonormal
        Blas.cholesky(gram, k);
        for (int i = 0; i < k; i++) {
            assertEquals(s.residuals()[i], gram[i * k + i], 1e-7 + 1e-5 * s.residuals()[i], "residual of kept point " + i);
            assertTrue(s.residuals()[i] > 0.05);
        }
        Set<Integer> unique = new HashSet<>();
        for (int a : s.accepted()) unique.add(a);
        assertEquals(k, unique.size());
    }

    static double leastSquaresResidual(List<double[]> kept, double[] x) {
        double nx = Math.sqrt(Blas.dot(x, x));
        if (kept.isEmpty()) return 1.0;
        int k = kept.size(), d = x.length;
        double[] a = new double[k * k], b = new double[k];
        for (int i = 0; i < k; i++) {
            b[i] = Blas.dot(kept.get(i), x);
            for (int j = 0; j < k; j++) a[i * k + j] = Blas.dot(kept.get(i), kept.get(j));
        }
        double[] g = Blas.solveSpd(a, k, b, 1);
        double[] r = x.clone();
        for (int i = 0; i < k; i++) for (int j = 0; j < d; j++) r[j] -= g[i] * kept.get(i)[j];
        return Math.sqrt(Blas.dot(r, r)) / nx;
    }

    /**
     * Fig. 7 in our setting: learn a molecule's response coefficients from field values at sampled
     * points; LIFS needs several times fewer points than TS alone for the same full-grid accuracy.
     */
    @Test
    void lifsReachesTargetedSamplingAccuracyWithSeveralTimesFewerPoints() {
        Dataset ds = Dataset.load(DATA);
        int[] budgets = {50, 100, 175, 300, 500, 1000, 2000};
        List<String> names = new ArrayList<>();
        List<SamplingStudy.Result> results = new ArrayList<>();
        double[] response = ds.coefficients("response").data();
        for (int frame : new int[] {0, 250, 777}) {
            RealSpaceBasis rb = RealSpaceBasis.molecule(ds.basisFunctions(frame));
            VolumetricData field;
            String name;
            if (frame == 0) {
                field = CubeFile.read(DATA.resolve("cubes/response_z_00000.cube")).data();
                name = "frame 0 (Psi4 cube, ρ1_z)";
            } else { // synthesised: the reference coefficients on a 0.2-bohr grid with a 6-bohr margin
                double[] c = Arrays.copyOfRange(response, (3 * frame + 2) * 196, (3 * frame + 3) * 196);
                double[] pos = new double[9];
                for (int a = 0; a < 3; a++) System.arraycopy(ds.basisFunctions(frame).centre(a), 0, pos, 3 * a, 3);
                Grid g = Grid.enclosing(pos, 0.2, 6);
                field = new VolumetricData(g, rb.evaluate(c, g));
                name = "frame " + frame + " (synthesised, ρ1_z)";
            }
            SamplingStudy.Result r = SamplingStudy.run(rb, field, new BasisValueFeatures(rb),
                    SamplingStudy.Settings.standard(budgets, field, 7));
            System.out.println(name + "\n" + SamplingStudy.table(r));
            names.add(name);
            results.add(r);
            // at a fixed small budget LIFS's error is several times lower
            double ts = SamplingStudy.find(r.ts(), 175).normalisedMae();
            double lifs = SamplingStudy.find(r.lifs(), 175).normalisedMae();
            assertTrue(lifs < ts / 2.5, name + ": at 175 points LIFS ε " + lifs + " vs TS ε " + ts);
            // TS needs several times more points to match the full LIFS set
            SamplingStudy.Point last = r.lifs().get(r.lifs().size() - 1);
            int needed = Integer.MAX_VALUE;
            for (SamplingStudy.Point p : r.ts()) {
                if (p.normalisedMae() <= last.normalisedMae()) {
                    needed = p.points();
                    break;
                }
            }
            System.out.printf("%s: TS needs %s points to match LIFS's %d (ε %.3g %%)%n", name,
                    needed == Integer.MAX_VALUE ? "> 2000" : String.valueOf(needed), last.points(), 100 * last.normalisedMae());
            assertTrue(needed >= 2.5 * last.points(), name + ": TS matched LIFS with " + needed + " points");
        }
        Path png = Path.of("target/realspace-ts-lifs.png");
        SamplingStudy.plot(png, "Learning response coefficients from sampled points (TS vs TS+LIFS)", names, results);
        assertTrue(png.toFile().length() > 1000);
    }
}
