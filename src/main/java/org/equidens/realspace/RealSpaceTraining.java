package org.equidens.realspace;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import org.equidens.basis.BasisFunctions;
import org.equidens.basis.BasisSet;
import org.equidens.basis.Integrals;
import org.equidens.io.InputException;
import org.equidens.linalg.Blas;
import org.equidens.model.CoefficientOptions;
import org.equidens.model.ResponseModel;
import org.equidens.structure.Atoms;
import org.equidens.util.Threads;

/**
 * Real-space training of the response model (issue 6 part 4): the same λ⊗1 kernels, sparse sets and
 * weights as {@link ResponseModel#train}, but the loss is on response values at sampled grid points
 * instead of on density-fitted coefficients, so the fitting error of the reference coefficients is not
 * learned.
 *
 * <p>For molecule k with m sampled points r_g, values n_kd(r_g) (d = x, y, z) and the basis-value
 * matrix B_k (m × ncoef, φ_f(r_g)), the per-molecule loss is the paper's plain mean-square error on the
 * sampled points, w_k Σ_g Σ_d (B_k c_kd − n_kd(r_g))², which is cᵀ(w_k B_kᵀB_k)c − 2cᵀ(w_k B_kᵀ n_kd) + const:
 * the coefficient regression with metric M_k = w_k B_kᵀB_k + μ S_k in place of the overlap S_k and
 * right-hand side b_kd = w_k B_kᵀ n_kd in place of S_k c_kd. So the existing solver is reused unchanged.
 *
 * <p>Choices (Feng, Zhang and Jiang 2025 train on TS + LIFS points with an unweighted MSE):
 * <ul>
 *   <li><b>No 1/p weights.</b> TS draws points with p ∝ exp(−1/(2σ²n²)), which vanishes where the field does;
 *       importance weights 1/p would hand the whole loss to the few low-|n| points drawn. Points count
 *       equally, as in the paper.</li>
 *   <li><b>w_k = tr(S_k)/tr(B_kᵀB_k)</b>: each molecule's metric has the trace of its overlap, so every
 *       molecule weighs as in coefficient training whatever its point count, and η and the PCG
 *       preconditioner (built on the on-site overlap) keep their meaning.</li>
 *   <li><b>μ S_k</b> (relative ridge, default 1e-6): the combinations of basis functions the points
 *       cannot see (B_k's null space when m is small) are held small in the overlap norm, or, with
 *       anchors, close to given coefficients (the density-fitted ones): functions narrower than the grid
 *       spacing are seen at zero or one grid point, with a weight set by where the grid falls relative
 *       to the nucleus, which no model of the atomic environment can learn.</li>
 * </ul>
 *
 * <p>The points of a molecule are either sampled ({@link Samples}: TS + LIFS, {@link #sample}) or the
 * whole grid ({@link Projection}): then B_kᵀB_k is the grid overlap G_k, computed from the basis and the
 * grid geometry, and B_kᵀn_kd are 3 × ncoef numbers, so every grid point enters the loss at the cost of
 * a few sampled ones. Results: docs/realspace-results.md.
 */
public final class RealSpaceTraining {
    /** Default relative ridge μ of S_k in the metric. */
    public static final double DEFAULT_RIDGE = 1e-6;

    private RealSpaceTraining() {}

    /**
     * Sampled response values of one structure.
     *
     * @param pointsBohr 3m coordinates (bohr)
     * @param values     m × 3, row per point: ρ1_x, ρ1_y, ρ1_z (the dataset's sign convention)
     */
    public record Samples(double[] pointsBohr, double[] values) implements Data {
        @Override
        public Terms terms(Atoms atoms, BasisSet basis, double ridge) {
            return RealSpaceTraining.terms(atoms, basis, this, ridge);
        }

        @Override
        public double[] errorTerms(Terms t, double[] c) {
            int m = count(), nc = t.rhs().length / 3;
            double[] fitted = new double[m * 3];
            Blas.gemm(false, true, m, 3, nc, 1.0, t.basisValues(), c, 0.0, fitted);
            double num = 0, den = 0;
            for (int i = 0; i < 3 * m; i++) {
                num += (fitted[i] - values[i]) * (fitted[i] - values[i]);
                den += values[i] * values[i];
            }
            return new double[] {num, den};
        }

        public Samples {
            if (pointsBohr.length % 3 != 0 || values.length != pointsBohr.length)
                throw new IllegalArgumentException("need 3 coordinates and 3 values per point");
        }

        public int count() {
            return pointsBohr.length / 3;
        }
    }

    /** What the real-space loss of one molecule is made from: sampled points, or a whole grid through its projections. */
    public sealed interface Data permits Samples, Projection {
        /** The molecule's metric and right-hand side. */
        Terms terms(Atoms atoms, BasisSet basis, double ridge);

        /** {Σ (fitted − reference)², Σ reference²} over the molecule's points (weights as in its loss, ridge left out). */
        double[] errorTerms(Terms t, double[] coefficients);
    }

    /**
     * The whole grid of a molecule, kept as what the loss needs of it: the grid geometry (so
     * G = Σ_g φφᵀ ΔV can be recomputed from the basis), the projections b_d = Σ_g φ(r_g) n_d(r_g) ΔV
     * (3 × ncoef, internal m order) and the norms Σ_g n_d² ΔV (3). The loss Σ_g ΔV (B c − n_d)² over every
     * grid point is then cᵀGc − 2cᵀb_d + ‖n_d‖²: uniform weights, no sampling error.
     */
    public record Projection(Grid grid, double[] projections, double[] norms) implements Data {
        public Projection {
            if (norms.length != 3 || projections.length % 3 != 0) throw new IllegalArgumentException("need 3 × ncoef projections and 3 norms");
        }

        /** The projections of the x, y, z fields (one grid) onto the functions of {@code basis} on {@code atoms}. */
        public static Projection of(Atoms atoms, BasisSet basis, VolumetricData[] fields) {
            Grid g = fields[0].grid();
            RealSpaceBasis rb = RealSpaceBasis.of(new BasisFunctions(basis, atoms), atoms);
            int nc = rb.size();
            double[] p = new double[3 * nc], norms = new double[3];
            for (int d = 0; d < 3; d++) {
                if (!fields[d].grid().sameAs(g, 1e-6)) throw new InputException("the x, y and z response fields are on different grids");
                System.arraycopy(rb.project(fields[d]), 0, p, d * nc, nc);
                double s = 0;
                for (double v : fields[d].values()) s += v * v;
                norms[d] = s * g.voxelVolume();
            }
            return new Projection(g, p, norms);
        }

        @Override
        public Terms terms(Atoms atoms, BasisSet basis, double ridge) {
            if (!(ridge >= 0) || Double.isInfinite(ridge)) throw new InputException("ridge must be >= 0, got " + ridge);
            BasisFunctions bf = new BasisFunctions(basis, atoms);
            RealSpaceBasis rb = RealSpaceBasis.of(bf, atoms);
            int nc = rb.size();
            if (projections.length != 3 * nc) throw new InputException("projections hold " + projections.length / 3 + " functions, the basis has " + nc);
            double[] g = rb.gridOverlap(grid);
            double[] s = Integrals.overlapMatrix(bf);
            double trG = 0, trS = 0;
            for (int f = 0; f < nc; f++) {
                trG += g[f * nc + f];
                trS += s[f * nc + f];
            }
            double w = trS / trG;
            double[] ridgePart = new double[nc * nc];
            for (int i = 0; i < nc * nc; i++) {
                ridgePart[i] = ridge * s[i];
                g[i] = w * g[i] + ridgePart[i];
            }
            double[] rhs = projections.clone();
            for (int i = 0; i < rhs.length; i++) rhs[i] *= w;
            return new Terms(g, rhs, null, w, ridgePart);
        }

        @Override
        public double[] errorTerms(Terms t, double[] c) {
            // Σ ΔV (Bc − n)² = cᵀGc − 2cᵀb + ‖n‖² with G = (M − μS)/w
            int nc = projections.length / 3;
            double num = 0, den = 0;
            double[] mc = new double[nc], gm = new double[nc * nc];
            for (int i = 0; i < nc * nc; i++) gm[i] = t.metric()[i] - t.ridgePart()[i];
            for (int d = 0; d < 3; d++) {
                double[] cd = java.util.Arrays.copyOfRange(c, d * nc, (d + 1) * nc);
                Blas.gemv(false, nc, nc, 1.0 / t.weight(), gm, cd, 0.0, mc);
                double cgc = 0, cb = 0;
                for (int f = 0; f < nc; f++) {
                    cgc += cd[f] * mc[f];
                    cb += cd[f] * projections[d * nc + f];
                }
                num += Math.max(0, cgc - 2 * cb + norms[d]);
                den += norms[d];
            }
            return new double[] {num, den};
        }
    }

    /**
     * How points are chosen per molecule.
     *
     * @param points        points kept per molecule (with LIFS: at most; LIFS on basis values keeps ≤ ncoef)
     * @param pool          TS candidates drawn for LIFS (ignored without LIFS)
     * @param sigma         TS σ in bohr³/e; ≤ 0 (auto): 1/(90th percentile of |ρ1|) per molecule
     * @param lifsTolerance LIFS relative-residual tolerance in (0, 1); 0: TS only
     */
    public record Sampling(int points, int pool, double sigma, double lifsTolerance) {
        public Sampling {
            if (points < 1) throw new InputException("points per molecule must be >= 1, got " + points);
            if (lifsTolerance != 0 && !(lifsTolerance > 0 && lifsTolerance < 1))
                throw new InputException("LIFS tolerance must be in (0, 1) or 0 (TS only), got " + lifsTolerance);
            if (lifsTolerance > 0 && pool < points) throw new InputException("TS pool " + pool + " is smaller than points " + points);
            if (Double.isNaN(sigma) || Double.isInfinite(sigma)) throw new InputException("TS sigma must be a finite number, got " + sigma);
        }
    }

    /** The seed of a molecule's TS draw: a mix of the run's seed and the frame, so frames draw independently and reproducibly. */
    public static long frameSeed(long seed, int frame) {
        long z = seed + 0x9E3779B97F4A7C15L * (frame + 1L);
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /**
     * TS (+ LIFS) points of one molecule from its three response fields on one grid. TS weights use the
     * magnitude |ρ1| = √(ρ1_x² + ρ1_y² + ρ1_z²), so one point set serves the three directions (one
     * metric per molecule); LIFS uses the basis values at the points ({@link BasisValueFeatures}), the
     * rows of the fit itself.
     */
    public static Samples sample(Atoms atoms, BasisSet basis, VolumetricData[] fields, Sampling s, long seed) {
        if (fields.length != 3) throw new IllegalArgumentException("need the x, y and z response fields");
        Grid g = fields[0].grid();
        for (int d = 1; d < 3; d++)
            if (!fields[d].grid().sameAs(g, 1e-6)) throw new InputException("the x, y and z response fields are on different grids");
        int size = g.size();
        double[] mag = new double[size];
        for (int i = 0; i < size; i++) {
            double a = fields[0].values()[i], b = fields[1].values()[i], c = fields[2].values()[i];
            mag[i] = Math.sqrt(a * a + b * b + c * c);
        }
        double sigma = s.sigma() > 0 ? s.sigma() : TargetedSampling.sigmaAt(TargetedSampling.absQuantile(mag, 0.9));
        int[] chosen;
        if (s.lifsTolerance() > 0) {
            int pool = Math.min(s.pool(), size);
            int[] ts = TargetedSampling.sample(mag, pool, sigma, seed);
            double[] pts = new double[3 * pool];
            for (int i = 0; i < pool; i++) System.arraycopy(g.point(ts[i]), 0, pts, 3 * i, 3);
            RealSpaceBasis rb = RealSpaceBasis.of(new BasisFunctions(basis, atoms), atoms);
            Lifs.Selection sel = Lifs.select(pts, pool, new BasisValueFeatures(rb), s.lifsTolerance(), s.points());
            chosen = new int[sel.accepted().length];
            for (int i = 0; i < chosen.length; i++) chosen[i] = ts[sel.accepted()[i]];
        } else {
            chosen = TargetedSampling.sample(mag, Math.min(s.points(), size), sigma, seed);
        }
        int m = chosen.length;
        double[] pts = new double[3 * m], vals = new double[3 * m];
        for (int i = 0; i < m; i++) {
            System.arraycopy(g.point(chosen[i]), 0, pts, 3 * i, 3);
            for (int d = 0; d < 3; d++) vals[3 * i + d] = fields[d].values()[chosen[i]];
        }
        return new Samples(pts, vals);
    }

    /** The regression terms of one molecule: metric M_k (ncoef²), right-hand side b_k (3 × ncoef), and B_k (m × ncoef). */
    public record Terms(double[] metric, double[] rhs, double[] basisValues, double weight, double[] ridgePart) {}

    /** M_k = w B_kᵀB_k + μ S_k and b_kd = w B_kᵀ n_kd with w = tr(S_k)/tr(B_kᵀB_k) (see the class comment). */
    public static Terms terms(Atoms atoms, BasisSet basis, Samples samples, double ridge) {
        if (!(ridge >= 0) || Double.isInfinite(ridge)) throw new InputException("ridge must be >= 0, got " + ridge);
        BasisFunctions bf = new BasisFunctions(basis, atoms);
        RealSpaceBasis rb = RealSpaceBasis.of(bf, atoms);
        int nc = rb.size(), m = samples.count();
        if (m == 0) throw new InputException("no sampled points");
        double[] b = new double[m * nc];
        rb.values(samples.pointsBohr(), m, b);
        double[] a = new double[nc * nc];
        Blas.syrkTransposed(nc, m, 1.0, b, 0.0, a);
        double[] s = Integrals.overlapMatrix(bf);
        double trA = 0, trS = 0;
        for (int f = 0; f < nc; f++) {
            trA += a[f * nc + f];
            trS += s[f * nc + f];
        }
        if (!(trA > 0)) throw new InputException("the basis functions vanish at every sampled point");
        double w = trS / trA;
        for (int i = 0; i < nc * nc; i++) {
            s[i] *= ridge;
            a[i] = w * a[i] + s[i];
        }
        double[] rhs = new double[3 * nc];
        Blas.gemm(true, false, 3, nc, m, w, samples.values(), b, 0.0, rhs); // (m×3)ᵀ · (m×nc)
        return new Terms(a, rhs, b, w, s);
    }

    /**
     * Trains the response model on sampled values.
     *
     * @param structures training structures (Å)
     * @param samples    their sampled points and response values, same order
     * @param ridge      relative ridge μ (≥ 0)
     * @param log        progress lines, or null
     */
    public static Result train(List<Atoms> structures, List<? extends Data> samples, BasisSet basis, CoefficientOptions options, double ridge,
                               PrintWriter log) {
        return train(structures, samples, null, basis, options, ridge, log);
    }

    /**
     * As {@link #train(List, List, BasisSet, CoefficientOptions, double, PrintWriter)}, with the ridge
     * μ S_k pulling each molecule's coefficients toward {@code anchors} (3 × ncoef per structure, e.g.
     * density-fitted reference coefficients) instead of toward zero: the loss gains μ Σ_d ‖c_kd − a_kd‖²_S,
     * which pins the combinations the grid cannot resolve (functions narrower than the spacing) at the
     * anchor while the grid decides the rest.
     */
    public static Result train(List<Atoms> structures, List<? extends Data> samples, List<double[]> anchors, BasisSet basis,
                               CoefficientOptions options, double ridge, PrintWriter log) {
        int n = structures.size();
        if (anchors != null && anchors.size() != n) throw new IllegalArgumentException("one anchor per structure");
        if (samples.size() != n) throw new IllegalArgumentException("one sample set per structure");
        long t0 = System.nanoTime();
        Terms[] terms = new Terms[n];
        Threads.parallelFor(0, n, k -> {
            terms[k] = samples.get(k).terms(structures.get(k), basis, ridge);
            if (anchors != null && ridge > 0) {
                double[] a = anchors.get(k), rhs = terms[k].rhs();
                int nc = rhs.length / 3;
                if (a.length != 3 * nc) throw new IllegalArgumentException("anchor of structure " + k + ": expected 3×" + nc + " coefficients");
                double[] s = Integrals.overlapMatrix(new BasisFunctions(basis, structures.get(k)));
                Blas.gemm(false, false, 3, nc, nc, ridge, a, s, 1.0, rhs); // b += μ a S (S symmetric)
            }
        });
        double[][] metrics = new double[n][];
        List<double[]> rhs = new ArrayList<>();
        long points = 0;
        for (int k = 0; k < n; k++) {
            metrics[k] = terms[k].metric();
            rhs.add(terms[k].rhs());
            Data dk = samples.get(k);
            points += dk instanceof Samples sk ? sk.count() : ((Projection) dk).grid().size();
        }
        if (log != null)
            log.printf("  real-space loss: %d grid points on %d molecules (%.1f per molecule), ridge %.1e  [%.1f s]%n", points, n,
                    (double) points / n, ridge, (System.nanoTime() - t0) * 1e-9);
        ResponseModel model = ResponseModel.trainWithMetrics(structures, metrics, rhs, basis, options, log);
        // error on the sampled points of the training molecules: Σ (B c − n)² / Σ n² over all of them
        List<double[]> pred = model.predict(structures);
        double[] num = new double[n], den = new double[n];
        Threads.parallelFor(0, n, k -> {
            double[] e = samples.get(k).errorTerms(terms[k], pred.get(k));
            num[k] = e[0];
            den[k] = e[1];
        });
        double sn = 0, sd = 0;
        for (int k = 0; k < n; k++) {
            sn += num[k];
            sd += den[k];
        }
        double rel = Math.sqrt(sn / sd);
        if (log != null) log.printf("  relative L2 on the training molecules' points: %.4f %%%n", 100 * rel);
        return new Result(model, rel, points);
    }

    /** A trained model with its relative L2 error on the training points and the number of points. */
    public record Result(ResponseModel model, double trainingPointError, long points) {}
}
