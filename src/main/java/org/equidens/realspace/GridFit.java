package org.equidens.realspace;

import org.equidens.linalg.Blas;

/**
 * Fits a field given on a grid onto the auxiliary basis: minimise ‖n − Σ c_f φ_f‖² in the overlap
 * metric, i.e. S c = w with w_f = Σ_g φ_f(r_g) n(r_g) ΔV. This is how a reference density or response
 * from any code (a cube file) becomes coefficients equidens can learn, and the inverse check of
 * evaluating coefficients on a grid.
 *
 * <p>Optionally ∫ρ = Σ c_f q_f is held at a given value with a Lagrange multiplier
 * (c = S⁻¹(w − λq)): 0 for a response, the electron count for a density. The fit cannot see what lies
 * outside the grid, so with the analytic metric the grid is taken to hold all of the field (true for a
 * cell; for a molecular cube the field beyond the margin is taken as zero); the grid metric
 * (G = Σ_g φφᵀ ΔV) instead gives the plain least-squares fit to the grid values.
 */
public final class GridFit {
    private GridFit() {}

    /** Which overlap matrix the normal equations use. */
    public enum Metric {
        /**
         * Analytic ∫ φ_f φ_h (lattice summed for a cell). Exact only when the grid quadrature of w is:
         * functions much narrower than the spacing (core s functions of exponent 10³ bohr⁻² on a 0.2
         * bohr grid) are aliased, and S⁻¹ spreads that error over the whole fit.
         */
        ANALYTIC,
        /**
         * The grid's own quadrature G = Σ_g φ φᵀ ΔV plus {@link #DEFAULT_RIDGE}·S: least squares on the
         * grid points, with the combinations the grid cannot see (G's null space) held small in the
         * S norm. The right choice for cube files of ordinary spacing.
         */
        GRID
    }

    /**
     * @param coefficients      fitted c
     * @param charge            ∫ of the fitted field, Σ c_f q_f
     * @param lagrangeMultiplier λ of the charge constraint (0 without one)
     * @param relativeL2        ‖n_fit − n‖ / ‖n‖ on the grid
     * @param normalisedMae     Σ|n_fit − n| / Σ|n| on the grid
     */
    public record Result(double[] coefficients, double charge, double lagrangeMultiplier, double relativeL2,
                         double normalisedMae) {}

    /** Relative weight μ of S added to G in {@link Metric#GRID}. */
    public static final double DEFAULT_RIDGE = 1e-6;

    /**
     * Fits {@code data} onto the functions of {@code basis}.
     *
     * @param charge the value ∫ρ is constrained to, or null for no constraint
     */
    public static Result fit(RealSpaceBasis basis, VolumetricData data, Metric metric, Double charge) {
        double[] s = metric == Metric.ANALYTIC ? basis.overlapMatrix() : gridMetric(basis, data.grid(), DEFAULT_RIDGE);
        return fit(basis, data, s, charge);
    }

    /** G + μ S: the metric of a least-squares fit on the points of {@code grid}, ridge μ in the S norm. */
    public static double[] gridMetric(RealSpaceBasis basis, Grid grid, double ridge) {
        double[] g = basis.gridOverlap(grid);
        if (ridge > 0) {
            double[] s = basis.overlapMatrix();
            for (int i = 0; i < g.length; i++) g[i] += ridge * s[i];
        }
        return g;
    }

    /** Fit with a given metric matrix (n×n SPD), e.g. one computed once and reused for several fields. */
    public static Result fit(RealSpaceBasis basis, VolumetricData data, double[] metricMatrix, Double charge) {
        int n = basis.size();
        double[] w = basis.project(data);
        double[] factor = metricMatrix.clone();
        Blas.cholesky(factor, n);
        double[] q = basis.integrals();
        double[] rhs = new double[2 * n]; // columns: w, q
        for (int f = 0; f < n; f++) {
            rhs[2 * f] = w[f];
            rhs[2 * f + 1] = q[f];
        }
        Blas.choleskySolve(factor, n, rhs, 2);
        double[] c = new double[n];
        double lambda = 0;
        if (charge != null) {
            double qx = 0, qy = 0;
            for (int f = 0; f < n; f++) {
                qx += q[f] * rhs[2 * f];
                qy += q[f] * rhs[2 * f + 1];
            }
            lambda = (qx - charge) / qy;
        }
        double total = 0;
        for (int f = 0; f < n; f++) {
            c[f] = rhs[2 * f] - lambda * rhs[2 * f + 1];
            total += c[f] * q[f];
        }
        double[] fitted = basis.evaluate(c, data.grid());
        return new Result(c, total, lambda, GridMetrics.relativeL2(fitted, data.values()),
                GridMetrics.normalisedMae(fitted, data.values()));
    }

    /** Relative difference of two coefficient vectors in a metric: √((a−b)ᵀS(a−b) / bᵀSb). */
    public static double relativeDifference(double[] a, double[] b, double[] metric) {
        int n = b.length;
        double[] d = new double[n];
        for (int f = 0; f < n; f++) d[f] = a[f] - b[f];
        double[] sd = new double[n], sb = new double[n];
        Blas.gemv(false, n, n, 1.0, metric, d, 0.0, sd);
        Blas.gemv(false, n, n, 1.0, metric, b, 0.0, sb);
        double num = 0, den = 0;
        for (int f = 0; f < n; f++) {
            num += d[f] * sd[f];
            den += b[f] * sb[f];
        }
        return Math.sqrt(num / den);
    }
}
