package org.equidens.model;

import org.equidens.linalg.Blas;

/**
 * Sparse GPR (subset of regressors) solved in the low-dimensional RKHS of an {@link RkhsProjector}:
 * Ψ = K_NM·V, (ΨᵀΨ + ηI) w = Ψᵀy (or the metric form (ΨᵀSΨ + ηI) w = ΨᵀSy through
 * {@link NormalEquations}), predictions y* = Ψ*·w = K_*M·(V w). In terms of the sparse weights c = V w
 * this is min ‖K_NM c − y‖² + η cᵀK_MM c, the usual SoR objective, but the D×D system is well
 * conditioned because the near-null space of K_MM has been cut away.
 *
 * <p>Rows can be anything that is linear in the atomic kernel: per-atom tensor components, or
 * structure sums (Ψ rows summed over the atoms of a structure, since a structure's tensor is the sum of
 * atomic contributions).
 */
public final class SparseGpr {
    private final RkhsProjector projector;
    private final double eta;
    private final double[] weights;
    private final double[] sparseWeights;

    private SparseGpr(RkhsProjector projector, double eta, double[] weights) {
        this.projector = projector;
        this.eta = eta;
        this.weights = weights;
        this.sparseWeights = projector == null ? null : projector.sparseWeights(weights);
    }

    /** Fits on an explicit design matrix Ψ (rows × D). The projector may be null (Ψ-only model). */
    public static SparseGpr fit(RkhsProjector projector, double[] psi, int rows, double[] y, double eta) {
        NormalEquations ne = new NormalEquations(dimension(projector, psi, rows));
        ne.add(psi, rows, y);
        return fit(projector, ne, eta);
    }

    /** Fits from accumulated normal equations (plain or metric-weighted). */
    public static SparseGpr fit(RkhsProjector projector, NormalEquations equations, double eta) {
        if (projector != null && projector.rank() != equations.dimension())
            throw new IllegalArgumentException("normal equations have dimension " + equations.dimension() + ", projector rank " + projector.rank());
        return new SparseGpr(projector, eta, equations.solve(eta));
    }

    /** Wraps given RKHS weights (e.g. a committee member or a model read back from disk). */
    public static SparseGpr of(RkhsProjector projector, double[] weights, double eta) {
        if (projector != null && projector.rank() != weights.length) throw new IllegalArgumentException("weights do not match the projector rank");
        return new SparseGpr(projector, eta, weights.clone());
    }

    private static int dimension(RkhsProjector projector, double[] psi, int rows) {
        if (projector != null) return projector.rank();
        if (rows <= 0) throw new IllegalArgumentException("need rows to infer the dimension");
        return psi.length / rows;
    }

    public double eta() {
        return eta;
    }

    /** w in the RKHS basis (length D); a copy. */
    public double[] weights() {
        return weights.clone();
    }

    /** c = V·w, weights on the sparse kernel columns (length P); a copy. */
    public double[] sparseWeights() {
        if (sparseWeights == null) throw new IllegalStateException("Ψ-only model has no projector");
        return sparseWeights.clone();
    }

    public RkhsProjector projector() {
        return projector;
    }

    /** y = Ψ·w for rows × D design rows. */
    public double[] predict(double[] psi, int rows) {
        if (psi.length != (long) rows * weights.length) throw new IllegalArgumentException("Ψ must be rows×" + weights.length);
        double[] y = new double[rows];
        if (rows > 0 && weights.length > 0) Blas.gemv(false, rows, weights.length, 1.0, psi, weights, 0.0, y);
        return y;
    }

    /** y = K_*M·c for a rows × P kernel block against the sparse environments. */
    public double[] predictFromKernel(double[] kStarM, int rows) {
        if (sparseWeights == null) throw new IllegalStateException("Ψ-only model has no projector");
        int p = sparseWeights.length;
        if (kStarM.length != (long) rows * p) throw new IllegalArgumentException("kernel must be rows×" + p);
        double[] y = new double[rows];
        if (rows > 0 && p > 0) Blas.gemv(false, rows, p, 1.0, kStarM, sparseWeights, 0.0, y);
        return y;
    }
}
