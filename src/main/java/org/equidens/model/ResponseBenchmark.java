package org.equidens.model;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.equidens.io.Dataset;
import org.equidens.io.InputException;
import org.equidens.kernel.SparseSelection;
import org.equidens.structure.Atoms;

/**
 * The seed paper's Fig. 1 protocol on a response dataset (water-monomers-pbe): N random training
 * molecules (seeded permutation, first N), the rest as test; the equivariant λ⊗1 model against
 * SALTER with identical hyperparameters; per-molecule errors of the rotated copies; α from predicted
 * coefficients against the dataset's {@code alpha_df} (pure model error) and CPKS {@code alpha}
 * (bounded below by the density-fitting floor); learning curves on a fixed test set (the complement
 * of the largest curve size in the same permutation); wall times.
 *
 * <p><b>Rotated copies</b>: structures among the first {@code rotatedFrames} whose sorted interatomic
 * distances agree to 1e-4 Å are copies of one geometry. Reported per group: the relative spread
 * (max−min)/mean of the per-molecule % errors, of the predicted response norms Σ_d c_dᵀSc_d (exactly
 * invariant for an equivariant model) and of the reference norms (the noise of the reference data).
 */
public final class ResponseBenchmark {
    private ResponseBenchmark() {}

    /** What to run. {@code curve} may be empty; {@code salter} false skips the baseline; testLimit 0 = every other structure. */
    public record Settings(int train, long seed, CoefficientOptions options, int[] curve, boolean salter, int rotatedFrames, boolean neutralise, int testLimit) {}

    /** One learning-curve point. */
    public record CurvePoint(int train, int test, double rmsePercent, double salterRmsePercent, double alphaDfRmse, double seconds) {}

    /** Per rotated group: member indices, relative spreads of % errors (model, SALTER), predicted and reference norms. */
    public record RotatedGroup(int[] members, double errorSpread, double salterErrorSpread, double predictionNormSpread, double referenceNormSpread,
                               double[] percent, double[] salterPercent) {}

    /** The benchmark's figures. */
    public record Result(int train, int test, double rmsePercent, double salterRmsePercent, double alphaRmse, double alphaDfRmse,
                         double salterAlphaDfRmse, double maxResponseCharge, double rotatedErrorSpread, double salterRotatedErrorSpread,
                         double rotatedPredictionSpread, double rotatedReferenceSpread, List<RotatedGroup> groups, double trainSeconds,
                         double validateSeconds, double salterTrainSeconds, CoefficientTraining.SolveInfo solve, List<CurvePoint> curve,
                         int[] testIndices, CoefficientMetrics.PerStructure[] perStructure, ResponseModel model,
                         double exactRotationSpread, double salterExactRotationSpread, int[] trainIndices) {
        public double ratio() {
            return salterRmsePercent / rmsePercent;
        }
    }

    /** Runs the benchmark; progress lines go to {@code log} (may be null). */
    public static Result run(Dataset d, Settings s, PrintWriter log) {
        if (!d.hasTarget("response")) throw InputException.at(d.yaml(), "the benchmark needs a 'response' target");
        int n = d.size();
        if (s.train() < 1 || s.train() >= n) throw new InputException("training size must be in 1.." + (n - 1) + ", got " + s.train());
        int[] perm = SparseSelection.random(n, n, s.seed()).indices();
        double[] all = d.coefficients("response").data();
        int[] train = Arrays.copyOf(perm, s.train()), test = Arrays.copyOfRange(perm, s.train(), s.testLimit() > 0 ? Math.min(n, s.train() + s.testLimit()) : n);
        List<double[]> alphaDf = reference(d, "alpha_df", test), alpha = reference(d, "alpha", test);

        long t0 = System.nanoTime();
        if (log != null) log.printf("equivariant λ⊗1 model, N = %d:%n", s.train());
        ResponseModel model = ResponseModel.train(subset(d, train), targets(d, all, train), d.basis(), s.options(), log);
        double trainSec = CoefficientTraining.sec(t0);
        long t1 = System.nanoTime();
        List<Atoms> testAtoms = subset(d, test);
        List<double[]> testRef = targets(d, all, test);
        List<double[]> pred = model.predict(testAtoms);
        CoefficientMetrics.PerStructure[] ps = CoefficientMetrics.compute(testAtoms, d.basis(), pred, testRef, null, 3, true, s.neutralise());
        double validateSec = CoefficientTraining.sec(t1);
        double rmse = CoefficientMetrics.summary(ps).rmsePercent();
        if (log != null) log.printf("  test %d: %% RMSE %.4f  [train %.1f s, validate %.1f s]%n", test.length, rmse, trainSec, validateSec);

        double salterRmse = Double.NaN, salterSec = Double.NaN, salterAlpha = Double.NaN;
        CoefficientMetrics.PerStructure[] sps = null;
        SalterModel salterModel = null;
        if (s.salter()) {
            long t2 = System.nanoTime();
            if (log != null) log.printf("SALTER (density model per Cartesian component), N = %d:%n", s.train());
            SalterModel salter = SalterModel.train(subset(d, train), targets(d, all, train), d.basis(), s.options(), log);
            salterModel = salter;
            salterSec = CoefficientTraining.sec(t2);
            sps = CoefficientMetrics.compute(testAtoms, d.basis(), salter.predict(testAtoms), testRef, null, 3, true, s.neutralise());
            salterRmse = CoefficientMetrics.summary(sps).rmsePercent();
            salterAlpha = CoefficientMetrics.alphaRmse(sps, alphaDf);
            if (log != null) log.printf("  test %d: %% RMSE %.4f  [train %.1f s]%n", test.length, salterRmse, salterSec);
        }

        // rotated copies
        List<RotatedGroup> groups = new ArrayList<>();
        Map<String, List<Integer>> byShape = new LinkedHashMap<>();
        for (int t = 0; t < test.length; t++) {
            if (test[t] >= s.rotatedFrames()) continue;
            byShape.computeIfAbsent(shapeKey(d.structures().get(test[t])), k -> new ArrayList<>()).add(t);
        }
        double worst = 0, worstSalter = 0, worstPred = 0, worstRef = 0;
        for (List<Integer> g : byShape.values()) {
            if (g.size() < 2) continue;
            int[] members = new int[g.size()];
            double[] pc = new double[g.size()], sc = new double[g.size()], pn = new double[g.size()], rn = new double[g.size()];
            for (int q = 0; q < g.size(); q++) {
                int t = g.get(q);
                members[q] = test[t];
                pc[q] = ps[t].percent();
                sc[q] = sps == null ? Double.NaN : sps[t].percent();
                rn[q] = ps[t].variance();
                pn[q] = predictedNorm(testAtoms.get(t), d, pred.get(t));
            }
            RotatedGroup rg = new RotatedGroup(members, spread(pc), spread(sc), spread(pn), spread(rn), pc, sc);
            groups.add(rg);
            worst = Math.max(worst, rg.errorSpread());
            worstSalter = Math.max(worstSalter, rg.salterErrorSpread());
            worstPred = Math.max(worstPred, rg.predictionNormSpread());
            worstRef = Math.max(worstRef, rg.referenceNormSpread());
        }
        // exact rigid copies: a few test molecules and their references rotated by seeded random rotations
        double exact = 0, exactSalter = Double.NaN;
        java.util.SplittableRandom rng = new java.util.SplittableRandom(s.seed() + 17);
        List<double[]> rots = new ArrayList<>();
        for (int q = 0; q < 5; q++) rots.add(org.equidens.math.Rotations.random(rng));
        for (int t = 0; t < Math.min(5, test.length); t++) {
            List<Atoms> copies = new ArrayList<>();
            List<double[]> refs = new ArrayList<>();
            for (double[] r : rots) {
                copies.add(testAtoms.get(t).transformed(r));
                refs.add(rotateResponse(d, testAtoms.get(t), testRef.get(t), r));
            }
            exact = Math.max(exact, percentSpread(copies, d, model.predict(copies), refs));
            if (salterModel != null) exactSalter = Math.max(Double.isNaN(exactSalter) ? 0 : exactSalter, percentSpread(copies, d, salterModel.predict(copies), refs));
        }
        double qmax = 0;
        for (CoefficientMetrics.PerStructure p : ps) for (double q : p.chargePredicted()) qmax = Math.max(qmax, Math.abs(q));

        // learning curves on a fixed test set
        List<CurvePoint> curve = new ArrayList<>();
        int maxN = 0;
        for (int c : s.curve()) maxN = Math.max(maxN, c);
        if (maxN > 0) {
            if (maxN >= n) throw new InputException("learning-curve size " + maxN + " leaves no test structures");
            int[] cTest = Arrays.copyOfRange(perm, maxN, n);
            List<Atoms> cAtoms = subset(d, cTest);
            List<double[]> cRef = targets(d, all, cTest), cDf = reference(d, "alpha_df", cTest);
            org.equidens.util.Progress.Task curveBar = org.equidens.util.Progress.task("learning curve", s.curve().length);
            for (int c : s.curve()) {
                long tc = System.nanoTime();
                int[] tr = Arrays.copyOf(perm, c);
                ResponseModel m = ResponseModel.train(subset(d, tr), targets(d, all, tr), d.basis(), s.options(), null);
                CoefficientMetrics.PerStructure[] cp = CoefficientMetrics.compute(cAtoms, d.basis(), m.predict(cAtoms), cRef, null, 3, true, s.neutralise());
                double sr = Double.NaN;
                if (s.salter()) {
                    SalterModel sm = SalterModel.train(subset(d, tr), targets(d, all, tr), d.basis(), s.options(), null);
                    sr = CoefficientMetrics.summary(CoefficientMetrics.compute(cAtoms, d.basis(), sm.predict(cAtoms), cRef, null, 3, true, false)).rmsePercent();
                }
                CurvePoint point = new CurvePoint(c, cTest.length, CoefficientMetrics.summary(cp).rmsePercent(), sr,
                        CoefficientMetrics.alphaRmse(cp, cDf), CoefficientTraining.sec(tc));
                curve.add(point);
                if (log != null) log.printf("  curve N=%d: %% RMSE %.4f, SALTER %.4f, α_df RMSE %.4f bohr³  [%.1f s]%n", c, point.rmsePercent(),
                        point.salterRmsePercent(), point.alphaDfRmse(), point.seconds());
                curveBar.step();
            }
            curveBar.close();
        }
        return new Result(train.length, test.length, rmse, salterRmse, CoefficientMetrics.alphaRmse(ps, alpha), CoefficientMetrics.alphaRmse(ps, alphaDf),
                salterAlpha, qmax, worst, worstSalter, worstPred, worstRef, groups, trainSec, validateSec, salterSec, model.solveInfo(), curve, test, ps, model,
                exact, exactSalter, train);
    }

    private static double percentSpread(List<Atoms> copies, Dataset d, List<double[]> pred, List<double[]> refs) {
        CoefficientMetrics.PerStructure[] ps = CoefficientMetrics.compute(copies, d.basis(), pred, refs, null, 3, false, false);
        double[] pc = new double[ps.length];
        for (int i = 0; i < ps.length; i++) pc[i] = ps[i].percent();
        return spread(pc);
    }

    /** Response coefficients (3 × ncoef, internal order) of the rotated structure: every block → R · C · D^λ(R)ᵀ. */
    static double[] rotateResponse(Dataset d, Atoms a, double[] c, double[] r) {
        org.equidens.basis.BasisFunctions bf = new org.equidens.basis.BasisFunctions(d.basis(), a);
        int nc = bf.size();
        double[] out = new double[c.length];
        for (int sh = 0; sh < bf.shells(); sh++) {
            int l = bf.shellL(sh), off = bf.shellOffset(sh), n = 2 * l + 1;
            double[] dl = org.equidens.math.WignerD.real(l, r);
            for (int dd = 0; dd < 3; dd++)
                for (int mu = 0; mu < n; mu++) {
                    double v = 0;
                    for (int e = 0; e < 3; e++)
                        for (int nu = 0; nu < n; nu++) v += r[3 * dd + e] * dl[mu * n + nu] * c[e * nc + off + nu];
                    out[dd * nc + off + mu] = v;
                }
        }
        return out;
    }

    static double predictedNorm(Atoms a, Dataset d, double[] c) {
        org.equidens.basis.BasisFunctions bf = new org.equidens.basis.BasisFunctions(d.basis(), a);
        return CoefficientMetrics.quadratic(c, org.equidens.basis.Integrals.overlapMatrix(bf), 3, bf.size());
    }

    static double spread(double[] v) {
        double lo = Double.POSITIVE_INFINITY, hi = Double.NEGATIVE_INFINITY, mean = 0;
        for (double x : v) {
            lo = Math.min(lo, x);
            hi = Math.max(hi, x);
            mean += x;
        }
        mean /= v.length;
        return mean == 0 ? 0 : (hi - lo) / Math.abs(mean);
    }

    /** Sorted interatomic distances and species, rounded to 1e-4 Å: equal for rigidly rotated copies. */
    static String shapeKey(Atoms a) {
        List<String> parts = new ArrayList<>();
        double[] p = a.positions();
        for (int i = 0; i < a.size(); i++)
            for (int j = i + 1; j < a.size(); j++) {
                double dx = p[3 * i] - p[3 * j], dy = p[3 * i + 1] - p[3 * j + 1], dz = p[3 * i + 2] - p[3 * j + 2];
                String[] sp = {a.symbol(i), a.symbol(j)};
                Arrays.sort(sp);
                parts.add(sp[0] + sp[1] + String.format("%.4f", Math.sqrt(dx * dx + dy * dy + dz * dz)));
            }
        parts.sort(null);
        return String.join(",", parts);
    }

    static List<Atoms> subset(Dataset d, int[] idx) {
        List<Atoms> out = new ArrayList<>();
        for (int i : idx) out.add(d.structures().get(i));
        return out;
    }

    /** Response coefficients (3 × ncoef, internal order) of the given structures. */
    public static List<double[]> targets(Dataset d, double[] all, int[] idx) {
        int nc = d.targets().get("response").shape()[2];
        List<double[]> out = new ArrayList<>();
        for (int i : idx) out.add(Arrays.copyOfRange(all, i * 3 * nc, (i + 1) * 3 * nc));
        return out;
    }

    /** A 9-component reference property per structure (nulls where absent). */
    public static List<double[]> reference(Dataset d, String property, int[] idx) {
        String key = d.referenceProperty(property);
        List<double[]> out = new ArrayList<>();
        for (int i : idx) {
            double[] v = key == null ? null : d.structures().get(i).infoVector(key);
            out.add(v != null && v.length == 9 ? v : null);
        }
        return out;
    }
}
