package org.equidens.model;

import org.equidens.linalg.Blas;

/**
 * The low-dimensional RKHS of a sparse GPR (subset of regressors): K_MM = U Λ Uᵀ, keep the D
 * eigenvalues above {@code relativeCutoff}·λ_max, V = U_D Λ_D^{−1/2}. Then Ψ = K_NM·V are explicit
 * feature vectors whose dot products reproduce the Nyström kernel K_NM K_MM⁺ K_MN, and ridge
 * regression on Ψ is the SoR model with a well-conditioned D×D system instead of the (possibly
 * singular) K_MM. A relative cutoff makes the choice independent of the kernel's overall scale
 * (normalisation, ζ, number of environments), unlike SALTED's absolute 1e-10.
 */
public final class RkhsProjector {
    private final int size;
    private final int rank;
    private final double[] v;
    private final double[] eigenvalues;

    private RkhsProjector(int size, int rank, double[] v, double[] eigenvalues) {
        this.size = size;
        this.rank = rank;
        this.v = v;
        this.eigenvalues = eigenvalues;
    }

    /** Projector of the symmetric P×P kernel kmm (row-major). */
    public static RkhsProjector of(double[] kmm, int p, double relativeCutoff) {
        if (kmm.length != (long) p * p) throw new IllegalArgumentException("K_MM must be P×P");
        if (!(relativeCutoff > 0 && relativeCutoff < 1)) throw new IllegalArgumentException("relative cutoff must lie in (0, 1)");
        Blas.Eigen e = Blas.symmetricEigen(kmm, p);
        double max = p == 0 ? 0 : e.values()[p - 1];
        if (!(max > 0)) throw new ArithmeticException("K_MM has no positive eigenvalue: sparse features are all zero?");
        int d = 0;
        while (d < p && e.values()[p - 1 - d] > relativeCutoff * max) d++;
        double[] v = new double[p * d];
        double[] kept = new double[d];
        for (int t = 0; t < d; t++) {
            int k = p - 1 - t; // descending
            kept[t] = e.values()[k];
            double s = 1.0 / Math.sqrt(kept[t]);
            for (int i = 0; i < p; i++) v[i * d + t] = e.vector(i, k) * s;
        }
        return new RkhsProjector(p, d, v, kept);
    }

    /**
     * A projector read back from disk: V (P×D, row-major) and its kept eigenvalues as written, not
     * recomputed, so a reloaded model predicts bit for bit what the saved one did.
     */
    public static RkhsProjector fromParts(int p, double[] v, double[] eigenvalues) {
        int d = eigenvalues.length;
        if (v.length != (long) p * d) throw new IllegalArgumentException("V must be " + p + "×" + d);
        return new RkhsProjector(p, d, v.clone(), eigenvalues.clone());
    }

    /** P: rows of K_MM (sparse environments × components). */
    public int size() {
        return size;
    }

    /** D: the RKHS dimension kept. */
    public int rank() {
        return rank;
    }

    /** V (P×D, row-major); shared, do not modify. */
    public double[] matrix() {
        return v;
    }

    /** The kept eigenvalues of K_MM, descending. */
    public double[] eigenvalues() {
        return eigenvalues.clone();
    }

    /** Ψ = K·V for a rows×P kernel block (one gemm). */
    public double[] project(double[] k, int rows) {
        if (k.length != (long) rows * size) throw new IllegalArgumentException("kernel block must be rows×" + size);
        double[] psi = new double[rows * rank];
        if (rows > 0 && rank > 0) Blas.gemm(false, false, rows, rank, size, 1.0, k, v, 0.0, psi);
        return psi;
    }

    /** c = V·w: the weights on the sparse kernel columns, so that y = K_*M·c. */
    public double[] sparseWeights(double[] w) {
        if (w.length != rank) throw new IllegalArgumentException("expected " + rank + " weights");
        double[] c = new double[size];
        if (rank > 0) Blas.gemv(false, size, rank, 1.0, v, w, 0.0, c);
        return c;
    }
}
