package org.equidens.realspace;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.equidens.io.Plots;
import org.equidens.linalg.Blas;

/**
 * Fig. 7 of Feng, Zhang and Jiang (2025) in equidens' setting: how well a field's basis coefficients
 * are learned from its values at a few sampled grid points, for targeted sampling (TS) alone and for
 * TS followed by LIFS. The "model" is the linear one the basis gives, n(r_g) = Σ_f c_f φ_f(r_g), fitted
 * by ridge least squares on the sampled points; accuracy is measured on the full grid. A point set that
 * makes this fit well posed with few points is the point set worth labelling.
 */
public final class SamplingStudy {
    private SamplingStudy() {}

    /**
     * @param budgets   numbers of sampled points to try
     * @param poolSize  TS points drawn (the LIFS candidates, in draw order); ≥ the largest budget
     * @param sigma     TS σ in the field's inverse units
     * @param tolerance LIFS relative-residual tolerance
     * @param ridge     ridge λ relative to the mean diagonal of ΦᵀΦ (1e-6 is a good value: smaller lets
     *                  TS fits blow up between sparse points, larger biases the diffuse functions)
     * @param seed      TS seed
     */
    public record Settings(int[] budgets, int poolSize, double sigma, double tolerance, double ridge, long seed) {
        /**
         * The settings of the acceptance study: σ = 1/(90th percentile of |n|) (for the water response
         * ≈ 290 bohr³ ≈ 43 Å³, the range the paper uses for densities), 5000 TS candidates, LIFS
         * tolerance 0.1, relative ridge 1e-6.
         */
        public static Settings standard(int[] budgets, VolumetricData field, long seed) {
            double sigma = TargetedSampling.sigmaAt(TargetedSampling.absQuantile(field.values(), 0.9));
            return new Settings(budgets, 5000, sigma, 0.1, 1e-6, seed);
        }
    }

    /**
     * Which point features LIFS uses: {@code basis} ({@link BasisValueFeatures}, the rows of the fit
     * itself) or {@code soap} ({@link GhostSoapFeatures}, the invariant ghost-centre SOAP power spectrum
     * of the atoms around the point, TENSOAP/SALTED default hypers).
     */
    public enum Features {
        BASIS, SOAP;

        /** "basis" or "soap" (case-insensitive). */
        public static Features parse(String name) {
            for (Features f : values()) if (f.name().equalsIgnoreCase(name.trim())) return f;
            throw new org.equidens.io.InputException("unknown point features '" + name + "': use basis or soap");
        }

        /** The features for a field on {@code basis}'s structure, whose atoms ({@code structureAngstrom}, Å) the ghosts see. */
        public PointFeatures create(RealSpaceBasis basis, org.equidens.structure.Atoms structureAngstrom) {
            return this == BASIS ? new BasisValueFeatures(basis) : new GhostSoapFeatures(structureAngstrom);
        }
    }

    /** Error on the full grid after fitting on {@code points} sampled points. */
    public record Point(int points, double normalisedMae, double relativeL2) {}

    /**
     * Both curves. LIFS budgets beyond the number of points it kept are left out, and the full LIFS
     * set is scored as one more point of its curve.
     */
    public record Result(List<Point> ts, List<Point> lifs, int lifsAccepted, int lifsExamined) {}

    public static Result run(RealSpaceBasis basis, VolumetricData field, PointFeatures features, Settings s) {
        Grid g = field.grid();
        double[] values = field.values();
        int pool = Math.min(s.poolSize(), g.size());
        int[] ts = TargetedSampling.sample(values, pool, s.sigma(), s.seed());
        double[] pts = new double[3 * pool];
        for (int i = 0; i < pool; i++) System.arraycopy(g.point(ts[i]), 0, pts, 3 * i, 3);
        int maxBudget = 0;
        for (int b : s.budgets()) maxBudget = Math.max(maxBudget, b);
        Lifs.Selection sel = Lifs.select(pts, pool, features, s.tolerance(), maxBudget);
        int[] lifsIdx = new int[sel.accepted().length];
        for (int i = 0; i < lifsIdx.length; i++) lifsIdx[i] = ts[sel.accepted()[i]];
        // fit every budget first, then evaluate all fits on the grid in one pass (one gemm per chunk)
        List<double[]> fits = new ArrayList<>();
        List<int[]> which = new ArrayList<>(); // {curve (0 TS, 1 LIFS), points}
        boolean lifsAll = false;
        for (int b : s.budgets()) {
            if (b <= pool) {
                fits.add(fit(basis, field, ts, b, s.ridge()));
                which.add(new int[] {0, b});
            }
            if (b <= lifsIdx.length) {
                fits.add(fit(basis, field, lifsIdx, b, s.ridge()));
                which.add(new int[] {1, b});
            }
            lifsAll |= b == lifsIdx.length;
        }
        if (!lifsAll && lifsIdx.length > 0 && lifsIdx.length < maxBudget) { // LIFS ran out of independent points: score all it kept
            fits.add(fit(basis, field, lifsIdx, lifsIdx.length, s.ridge()));
            which.add(new int[] {1, lifsIdx.length});
        }
        double[][] pred = basis.evaluate(fits.toArray(new double[0][]), g);
        List<Point> tsCurve = new ArrayList<>(), lifsCurve = new ArrayList<>();
        for (int i = 0; i < pred.length; i++) {
            Point p = new Point(which.get(i)[1], GridMetrics.normalisedMae(pred[i], values), GridMetrics.relativeL2(pred[i], values));
            (which.get(i)[0] == 0 ? tsCurve : lifsCurve).add(p);
        }
        tsCurve.sort((x, y) -> Integer.compare(x.points(), y.points()));
        lifsCurve.sort((x, y) -> Integer.compare(x.points(), y.points()));
        return new Result(tsCurve, lifsCurve, lifsIdx.length, sel.examined());
    }

    private static double[] fit(RealSpaceBasis basis, VolumetricData field, int[] gridIndex, int m, double ridge) {
        Grid g = field.grid();
        double[] pts = new double[3 * m];
        double[] y = new double[m];
        for (int i = 0; i < m; i++) {
            System.arraycopy(g.point(gridIndex[i]), 0, pts, 3 * i, 3);
            y[i] = field.values()[gridIndex[i]];
        }
        return fitFromPoints(basis, pts, y, m, ridge);
    }

    /**
     * Ridge least squares of c from values y at m points: (ΦᵀΦ + λI) c = Φᵀy with λ = ridge × mean
     * diagonal of ΦᵀΦ (so the ridge is relative, independent of units and of m).
     */
    public static double[] fitFromPoints(RealSpaceBasis basis, double[] points, double[] y, int m, double ridge) {
        int d = basis.size();
        double[] phi = new double[m * d];
        basis.values(points, m, phi);
        double[] a = new double[d * d];
        Blas.syrkTransposed(d, m, 1.0, phi, 0.0, a);
        double tr = 0;
        for (int f = 0; f < d; f++) tr += a[f * d + f];
        double lambda = ridge * tr / d;
        for (int f = 0; f < d; f++) a[f * d + f] += lambda;
        double[] b = new double[d];
        Blas.gemv(true, m, d, 1.0, phi, y, 0.0, b);
        return Blas.solveSpd(a, d, b, 1);
    }

    /** The two curves as a text table (points, ε and relative L2 for TS and TS + LIFS). */
    public static String table(Result r) {
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "%8s  %12s %12s  %12s %12s%n", "points", "TS ε", "TS L2", "LIFS ε", "LIFS L2"));
        List<Integer> all = new ArrayList<>();
        for (Point p : r.ts()) if (!all.contains(p.points())) all.add(p.points());
        for (Point p : r.lifs()) if (!all.contains(p.points())) all.add(p.points());
        all.sort(Integer::compare);
        for (int m : all) {
            Point t = find(r.ts(), m), l = find(r.lifs(), m);
            sb.append(String.format(Locale.ROOT, "%8d  %12s %12s  %12s %12s%n", m,
                    t == null ? "-" : pct(t.normalisedMae()), t == null ? "-" : pct(t.relativeL2()),
                    l == null ? "-" : pct(l.normalisedMae()), l == null ? "-" : pct(l.relativeL2())));
        }
        sb.append(String.format(Locale.ROOT, "LIFS kept %d of %d TS candidates examined%n", r.lifsAccepted(), r.lifsExamined()));
        return sb.toString();
    }

    private static String pct(double x) {
        return String.format(Locale.ROOT, "%.3g %%", 100 * x);
    }

    static Point find(List<Point> list, int m) {
        for (Point p : list) if (p.points() == m) return p;
        return null;
    }

    /** Learning-curve PNG (log-log ε against sampled points), one TS and one TS + LIFS line per named result. */
    public static void plot(Path png, String title, List<String> names, List<Result> results) {
        List<Plots.Series> series = new ArrayList<>();
        for (int i = 0; i < results.size(); i++) {
            Result r = results.get(i);
            series.add(series(names.get(i) + " TS", r.ts()));
            if (!r.lifs().isEmpty()) series.add(series(names.get(i) + " TS+LIFS", r.lifs()));
        }
        Plots.learningCurve(png, title, "sampled grid points", "normalised MAE ε on the full grid", series);
    }

    private static Plots.Series series(String name, List<Point> pts) {
        double[] x = new double[pts.size()], y = new double[pts.size()];
        for (int i = 0; i < x.length; i++) {
            x[i] = pts.get(i).points();
            y[i] = pts.get(i).normalisedMae();
        }
        return new Plots.Series(name, x, y);
    }
}
