package org.equidens.model;

import org.equidens.util.Progress;
import java.util.List;
import org.equidens.basis.BasisFunctions;
import org.equidens.basis.Integrals;
import org.equidens.linalg.Blas;
import org.equidens.properties.Multipoles;
import org.equidens.structure.Atoms;
import org.equidens.util.Threads;

/**
 * SALTED's error metrics in the overlap metric S_k of each structure's auxiliary basis:
 * ε_k = Σ_d Δc_dᵀ S_k Δc_d (d over the rows: 1 for a density, 3 field directions for a response),
 * v_k = Σ_d (c_d − c̄_d)ᵀ S_k (c_d − c̄_d) with c̄ the species baseline (zero for a response), the
 * per-structure % error 100·√(ε_k/v_k) and the set's % RMSE = 100·√(Σε/Σv). For responses also the
 * polarizability α_jk = ∫ r_j ρ1_k of predicted and reference coefficients and ∫ρ1_k.
 *
 * <p>The neutrality correction is optional and reported, never silent: with it each predicted ρ1_k
 * is shifted by the minimal change in the overlap norm that makes ∫ρ1_k = 0,
 * Δc = −(tᵀc)·S⁻¹t/(tᵀS⁻¹t), t the integrals of the basis functions, which keeps α origin independent.
 */
public final class CoefficientMetrics {
    private CoefficientMetrics() {}

    /** Per structure: errors, variance, and for responses α and ∫ρ1 (nulls otherwise). */
    public record PerStructure(double error, double variance, double[] alphaPredicted, double[] alphaReference, double[] chargePredicted) {
        /** 100·√(ε/v). */
        public double percent() {
            return variance > 0 ? 100 * Math.sqrt(error / variance) : Double.NaN;
        }
    }

    /** Set summary. */
    public record Summary(double rmsePercent, double meanPercent, double maxPercent) {}

    /**
     * Metrics of every structure (parallel). {@code baselines} may be null (response) or hold, per
     * structure, the baseline vector (same shape as the reference).
     *
     * @param rows        1 (density) or 3 (response x, y, z)
     * @param response    compute α and ∫ρ1 (rows must be 3)
     * @param neutralise  apply the neutrality correction to predictions before computing α
     */
    public static PerStructure[] compute(List<Atoms> structures, org.equidens.basis.BasisSet basis, List<double[]> predicted,
                                         List<double[]> reference, List<double[]> baselines, int rows, boolean response, boolean neutralise) {
        PerStructure[] out = new PerStructure[structures.size()];
        Progress.Task bar = Progress.task("metrics (overlap, moments)", structures.size());
        Threads.parallelFor(0, structures.size(), k -> {
            BasisFunctions bf = new BasisFunctions(basis, structures.get(k));
            int nc = bf.size();
            double[] s = Integrals.overlapMatrix(bf);
            double[] p = predicted.get(k), r = reference.get(k);
            double[] diff = new double[p.length], ref = new double[p.length];
            for (int i = 0; i < p.length; i++) {
                diff[i] = p[i] - r[i];
                ref[i] = r[i] - (baselines == null ? 0 : baselines.get(k)[i]);
            }
            double e = quadratic(diff, s, rows, nc), v = quadratic(ref, s, rows, nc);
            double[] ap = null, ar = null, q = null;
            if (response) {
                Multipoles.Moments m = Multipoles.moments(bf);
                double[] pc = neutralise ? neutralised(p, s, m.charges(), nc) : p;
                q = Multipoles.responseCharges(m, p);
                ap = Multipoles.polarizability(m, pc);
                ar = Multipoles.polarizability(m, r);
            }
            out[k] = new PerStructure(e, v, ap, ar, q);
            bar.step();
        });
        bar.close();
        return out;
    }

    /** Σ_d x_dᵀ S x_d. */
    static double quadratic(double[] x, double[] s, int rows, int nc) {
        double[] sx = new double[rows * nc];
        Blas.gemm(false, false, rows, nc, nc, 1.0, x, s, 0.0, sx);
        return Blas.dot(x, sx);
    }

    /** Minimal-overlap-norm neutrality correction of each row (see the class comment). */
    public static double[] neutralised(double[] c, double[] s, double[] t, int nc) {
        double[] sinvT = Blas.solveSpd(s, nc, t, 1);
        double tst = 0;
        for (int i = 0; i < nc; i++) tst += t[i] * sinvT[i];
        double[] out = c.clone();
        for (int row = 0; row < c.length / nc; row++) {
            double q = 0;
            for (int i = 0; i < nc; i++) q += t[i] * c[row * nc + i];
            for (int i = 0; i < nc; i++) out[row * nc + i] -= q * sinvT[i] / tst;
        }
        return out;
    }

    /** % RMSE = 100·√(Σε/Σv), mean and max per-structure %. */
    public static Summary summary(PerStructure[] ps) {
        double e = 0, v = 0, mean = 0, max = 0;
        for (PerStructure p : ps) {
            e += p.error();
            v += p.variance();
            mean += p.percent();
            max = Math.max(max, p.percent());
        }
        return new Summary(100 * Math.sqrt(e / v), mean / ps.length, max);
    }

    /** RMSE over all 9 components of predicted α against a reference per structure (bohr³). */
    public static double alphaRmse(PerStructure[] ps, List<double[]> reference) {
        double sq = 0;
        int n = 0;
        for (int k = 0; k < ps.length; k++) {
            double[] ref = reference.get(k);
            if (ref == null) continue;
            for (int c = 0; c < 9; c++) {
                double d = ps[k].alphaPredicted()[c] - ref[c];
                sq += d * d;
            }
            n++;
        }
        return n == 0 ? Double.NaN : Math.sqrt(sq / (9.0 * n));
    }
}
