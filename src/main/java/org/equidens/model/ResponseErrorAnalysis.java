package org.equidens.model;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.*;
import org.equidens.basis.BasisFunctions;
import org.equidens.basis.Integrals;
import org.equidens.io.Dataset;
import org.equidens.kernel.SparseSelection;
import org.equidens.linalg.Blas;
import org.equidens.math.Rotations;
import org.equidens.structure.Atoms;
import org.equidens.util.Threads;

/**
 * Where the response benchmark's error is: per-molecule errors (rotated copies in frames 0–99 vs
 * distorted geometries, the worst molecules with their geometry, HOH angles inside/outside the
 * training range) and Σε split by (species, l) and (species, l, radial function) as Δc_Bᵀ(SΔc)_B
 * (blocks couple through S, so shares can be negative), with the in-sample error of the training set.
 * Same seeded split as {@link ResponseBenchmark}.
 *
 * <pre>java -Xmx6g -cp target/equidens.jar org.equidens.model.ResponseErrorAnalysis DATASET N M0 [CUTOFF [TEST_LAST [detail] [neutralise]]]</pre>
 * TEST_LAST &gt; 0 tests on the last TEST_LAST molecules of the permutation (the learning curves' test set),
 * 0 on all the others; "detail" adds the channel decomposition and the training-set errors; "neutralise"
 * measures the predictions after the neutrality correction; "coulomb" measures ε and v in the Coulomb
 * metric J (the metric the reference coefficients were fitted in) instead of the overlap; "eta=X" overrides η (evidence runs, not the
 * benchmark); {@code DATASET COUNT copies} measures how exactly the rigid copies of frame 0 among frames
 * 1..COUNT−1 carry rotated copies of its reference response (the data's own equivariance floor).
 */
public final class ResponseErrorAnalysis {
    private ResponseErrorAnalysis() {}

    public static void main(String[] a) {
        Threads.configure(0);
        if (a.length < 3) {
            System.err.println("usage: ResponseErrorAnalysis DATASET N M0 [CUTOFF [TEST_LAST [detail] [neutralise]]]");
            System.exit(2);
        }
        Dataset d = Dataset.load(Path.of(a[0]));
        if (Arrays.asList(a).contains("copies")) {
            dataFloor(d, Integer.parseInt(a[1]));
            return;
        }
        int ntr = Integer.parseInt(a[1]);
        int m0 = Integer.parseInt(a[2]);
        double cutoff = a.length > 3 ? Double.parseDouble(a[3]) : 1e-10;
        int ntest = a.length > 4 ? Integer.parseInt(a[4]) : 0;
        boolean detail = Arrays.asList(a).contains("detail");
        NEUTRALISE = Arrays.asList(a).contains("neutralise");
        COULOMB = Arrays.asList(a).contains("coulomb");
        int n = d.size();
        int[] perm = SparseSelection.random(n, n, 0).indices();
        double[] all = d.coefficients("response").data();
        int[] train = Arrays.copyOf(perm, ntr);
        int[] test = ntest > 0 ? Arrays.copyOfRange(perm, n - ntest, n) : Arrays.copyOfRange(perm, ntr, n);
        CoefficientOptions o = CoefficientOptions.benchmark(m0, 0).withSolver(CoefficientOptions.Solver.AUTO);
        o = new CoefficientOptions(o.descriptor(), o.zeta(), o.eta(), o.sparsePerSpecies(), o.decay(), cutoff, o.solver(),
                o.directMaxDimension(), o.cgTolerance(), o.cgMaxIterations(), o.baseline(), o.seed());
        for (String arg : a) if (arg.startsWith("eta=")) o = o.withEta(Double.parseDouble(arg.substring(4))); // evidence runs only
        PrintWriter log = new PrintWriter(System.out, true);
        long t0 = System.nanoTime(), c0 = CoefficientTraining.cpuNanos();
        ResponseModel m = ResponseModel.train(ResponseBenchmark.subset(d, train), ResponseBenchmark.targets(d, all, train), d.basis(), o, log);
        System.out.println("train " + CoefficientTraining.stamp(t0, c0));
        ANGLE_TRAIN = train;
        report("test", d, m, test, all, detail);
        if (detail) report("train", d, m, train, all, false);
    }

    static void report(String name, Dataset d, ResponseModel m, int[] idx, double[] all, boolean detail) {
        List<Atoms> ta = ResponseBenchmark.subset(d, idx);
        List<double[]> ref = ResponseBenchmark.targets(d, all, idx);
        long t1 = System.nanoTime(), c1 = CoefficientTraining.cpuNanos();
        List<double[]> pred = m.predict(ta);
        System.out.println(name + " predict " + CoefficientTraining.stamp(t1, c1));
        int ns = idx.length;
        double[] err = new double[ns], var = new double[ns];
        TreeMap<String, double[]> parts = new TreeMap<>(); // key → {error contribution, variance contribution}
        for (int k = 0; k < ns; k++) {
            Atoms at = ta.get(k);
            BasisFunctions bf = new BasisFunctions(d.basis(), at);
            int nc = bf.size();
            double[] s = COULOMB ? Integrals.coulombMatrix(bf) : Integrals.overlapMatrix(bf);
            double[] p = NEUTRALISE ? CoefficientMetrics.neutralised(bf, pred.get(k)) : pred.get(k), r = ref.get(k);
            double[] diff = new double[3 * nc];
            for (int i = 0; i < diff.length; i++) diff[i] = p[i] - r[i];
            double[] sd = new double[3 * nc], sr = new double[3 * nc];
            Blas.gemm(false, false, 3, nc, nc, 1.0, diff, s, 0.0, sd);
            Blas.gemm(false, false, 3, nc, nc, 1.0, r, s, 0.0, sr);
            err[k] = Blas.dot(diff, sd);
            var[k] = Blas.dot(r, sr);
            if (!detail) continue;
            int[] nIndex = new int[64];
            int lastAtom = -1;
            for (int sh = 0; sh < bf.shells(); sh++) {
                int atom = bf.shellAtom(sh), l = bf.shellL(sh), off = bf.shellOffset(sh);
                if (atom != lastAtom) { Arrays.fill(nIndex, 0); lastAtom = atom; }
                int nn = nIndex[l]++;
                double[] ex = bf.shellExponents(sh);
                double minExp = Arrays.stream(ex).min().getAsDouble();
                String key = String.format("%s l=%d n=%2d (min exp %.3g)", at.symbol(atom), l, nn, minExp);
                String keyL = String.format("%s l=%d", at.symbol(atom), l);
                for (String kk : new String[] {key, keyL}) {
                    double[] acc = parts.computeIfAbsent(kk, x -> new double[2]);
                    for (int dd = 0; dd < 3; dd++)
                        for (int mu = 0; mu < 2 * l + 1; mu++) {
                            int i = dd * nc + off + mu;
                            acc[0] += diff[i] * sd[i];
                            acc[1] += r[i] * sr[i];
                        }
                }
            }
        }
        double se = 0, sv = 0, seR = 0, svR = 0, seD = 0, svD = 0;
        for (int k = 0; k < ns; k++) {
            se += err[k]; sv += var[k];
            if (idx[k] < 100) { seR += err[k]; svR += var[k]; } else { seD += err[k]; svD += var[k]; }
        }
        System.out.printf("%s %d: %% RMSE %.4f  (frames 0-99: %.4f; frames 100-999: %.4f)%n", name, ns, 100 * Math.sqrt(se / sv),
                100 * Math.sqrt(seR / Math.max(svR, 1e-300)), 100 * Math.sqrt(seD / Math.max(svD, 1e-300)));
        double[] trRange = angleRange(d, ANGLE_TRAIN);
        double seI = 0, svI = 0; int inN = 0;
        for (int k = 0; k < ns; k++) {
            double ang = angle(ta.get(k));
            if (ang >= trRange[0] && ang <= trRange[1]) { seI += err[k]; svI += var[k]; inN++; }
        }
        if (!Double.isNaN(trRange[0])) System.out.printf("  molecules with HOH angle inside the training range [%.1f, %.1f]°: %d, %% RMSE %.4f; outside: %d, %% RMSE %.4f%n",
                trRange[0], trRange[1], inN, 100 * Math.sqrt(seI / svI), ns - inN, 100 * Math.sqrt((se - seI) / Math.max(sv - svI, 1e-300)));
        Integer[] order = new Integer[ns];
        for (int k = 0; k < ns; k++) order[k] = k;
        Arrays.sort(order, (x, y) -> Double.compare(err[y] / var[y], err[x] / var[x]));
        double[] pc = new double[ns];
        for (int k = 0; k < ns; k++) pc[k] = 100 * Math.sqrt(err[k] / var[k]);
        double[] sorted = pc.clone();
        Arrays.sort(sorted);
        System.out.printf("  per-molecule %%: median %.4f, 90th %.4f, max %.4f%n", sorted[ns / 2], sorted[(int) (0.9 * ns)], sorted[ns - 1]);
        double cum = 0;
        for (int q = 0; q < Math.min(15, ns); q++) {
            int k = order[q];
            cum += err[k];
            Atoms at = ta.get(k);
            System.out.printf("  frame %4d: %.3f %%, share of Σε %.1f %% (cum %.1f %%), %s%n", idx[k], pc[k], 100 * err[k] / se, 100 * cum / se, geometry(at));
        }
        if (detail) {
            System.out.println("  contributions Δc_Bᵀ(SΔc)_B / Σε and c_Bᵀ(Sc)_B / Σv:");
            for (Map.Entry<String, double[]> e : parts.entrySet())
                System.out.printf("    %-40s error %7.2f %%   variance %7.2f %%%n", e.getKey(), 100 * e.getValue()[0] / se, 100 * e.getValue()[1] / sv);
        }
    }

    /**
     * The data's own equivariance floor: frames 1..count−1 that are rigid rotations of frame 0 (water
     * monomers; the rotation is rebuilt from the O–H vectors) against frame 0's reference response rotated
     * by the same rotation, as SALTED's per-molecule % error in the overlap metric of frame k.
     */
    static void dataFloor(Dataset d, int count) {
        double[] all = d.coefficients("response").data();
        Atoms a0 = d.structures().get(0);
        double[] f0 = frame(a0);
        double[] c0 = ResponseBenchmark.targets(d, all, new int[] {0}).get(0);
        List<Double> pcs = new ArrayList<>();
        double maxPos = 0;
        for (int k = 1; k < count; k++) {
            Atoms ak = d.structures().get(k);
            if (!shapeMatches(a0, ak)) continue;
            double[] r = Rotations.multiply(frame(ak), Rotations.transpose(f0));
            Atoms rot = a0.transformed(r);
            double[] pr = rot.positions(), pk = ak.positions();
            for (int i = 0; i < 3; i++)
                for (int c = 0; c < 3; c++) maxPos = Math.max(maxPos, Math.abs((pr[3 * i + c] - pr[c]) - (pk[3 * i + c] - pk[c])));
            double[] expect = ResponseBenchmark.rotateResponse(d, a0, c0, r);
            double[] ck = ResponseBenchmark.targets(d, all, new int[] {k}).get(0);
            BasisFunctions bf = new BasisFunctions(d.basis(), ak);
            double[] s = Integrals.overlapMatrix(bf);
            double[] diff = new double[ck.length];
            for (int i = 0; i < diff.length; i++) diff[i] = expect[i] - ck[i];
            pcs.add(100 * Math.sqrt(CoefficientMetrics.quadratic(diff, s, 3, bf.size()) / CoefficientMetrics.quadratic(ck, s, 3, bf.size())));
        }
        double[] v = pcs.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        double ms = 0;
        for (double x : v) ms += x * x;
        System.out.printf("data floor: %d rigid copies of frame 0 among frames 1..%d (positions agree to %.1e Å after the rotation):%n"
                + "  %% difference of the reference response from frame 0's rotated one: median %.4f, max %.4f, RMS %.4f%n",
                v.length, count - 1, maxPos, v[v.length / 2], v[v.length - 1], Math.sqrt(ms / v.length));
    }

    /** Orthonormal frame (columns) of a water molecule: e1 along O→H1, e2 in the molecular plane. */
    static double[] frame(Atoms a) {
        double[] p = a.positions();
        int o = a.symbol(0).equals("O") ? 0 : a.symbol(1).equals("O") ? 1 : 2;
        int[] h = new int[2];
        for (int i = 0, q = 0; i < 3; i++) if (i != o) h[q++] = i;
        double[] u = new double[3], w = new double[3];
        for (int c = 0; c < 3; c++) {
            u[c] = p[3 * h[0] + c] - p[3 * o + c];
            w[c] = p[3 * h[1] + c] - p[3 * o + c];
        }
        double nu = Math.sqrt(u[0] * u[0] + u[1] * u[1] + u[2] * u[2]);
        for (int c = 0; c < 3; c++) u[c] /= nu;
        double dot = u[0] * w[0] + u[1] * w[1] + u[2] * w[2];
        for (int c = 0; c < 3; c++) w[c] -= dot * u[c];
        double nw = Math.sqrt(w[0] * w[0] + w[1] * w[1] + w[2] * w[2]);
        for (int c = 0; c < 3; c++) w[c] /= nw;
        double[] x = {u[1] * w[2] - u[2] * w[1], u[2] * w[0] - u[0] * w[2], u[0] * w[1] - u[1] * w[0]};
        return new double[] {u[0], w[0], x[0], u[1], w[1], x[1], u[2], w[2], x[2]};
    }

    static boolean shapeMatches(Atoms a, Atoms b) {
        if (a.size() != 3 || b.size() != 3) return false;
        for (int i = 0; i < 3; i++) if (!a.symbol(i).equals(b.symbol(i))) return false;
        return ResponseBenchmark.shapeKey(a).equals(ResponseBenchmark.shapeKey(b));
    }

    static int[] ANGLE_TRAIN;
    /** Apply the neutrality correction to every prediction before measuring it. */
    static boolean NEUTRALISE;
    static boolean COULOMB;

    static double[] angleRange(Dataset d, int[] train) {
        double lo = 1e9, hi = -1e9;
        for (int t : train) {
            double x = angle(d.structures().get(t));
            if (Double.isNaN(x)) return new double[] {Double.NaN, Double.NaN};
            lo = Math.min(lo, x);
            hi = Math.max(hi, x);
        }
        return new double[] {lo, hi};
    }

    static double angle(Atoms a) {
        String g = geometry(a);
        if (g.isEmpty()) return Double.NaN;
        return Double.parseDouble(g.substring(g.indexOf("angle ") + 6, g.indexOf("°")));
    }

    static String geometry(Atoms a) {
        double[] p = a.positions();
        int o = -1;
        List<Integer> h = new ArrayList<>();
        for (int i = 0; i < a.size(); i++) if (a.symbol(i).equals("O")) o = i; else if (a.symbol(i).equals("H")) h.add(i);
        if (o < 0 || h.size() != 2 || a.size() != 3) return "";     // geometry summary for water monomers only
        double[] r = new double[2];
        double[][] v = new double[2][3];
        for (int q = 0; q < 2; q++) {
            for (int c = 0; c < 3; c++) v[q][c] = p[3 * h.get(q) + c] - p[3 * o + c];
            r[q] = Math.sqrt(v[q][0] * v[q][0] + v[q][1] * v[q][1] + v[q][2] * v[q][2]);
        }
        double cos = (v[0][0] * v[1][0] + v[0][1] * v[1][1] + v[0][2] * v[1][2]) / (r[0] * r[1]);
        return String.format("r_OH %.3f %.3f Å, angle %.1f°", r[0], r[1], Math.toDegrees(Math.acos(cos)));
    }
}
