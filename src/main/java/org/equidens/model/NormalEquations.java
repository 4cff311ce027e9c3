package org.equidens.model;

import org.equidens.linalg.Blas;

/**
 * Accumulated normal equations A = Σ ΨᵀSΨ, b = Σ ΨᵀS y of a ridge regression in the RKHS, so data can
 * be added block by block (structure by structure) without holding the whole design matrix, and one
 * accumulation can be solved for many η (cross-validation). S is the identity for ordinary least
 * squares, or a per-structure SPD metric (the density model's overlap/Coulomb matrix), which makes
 * the loss Σ_k (Ψ_k w − y_k)ᵀ S_k (Ψ_k w − y_k) + η‖w‖². η is absolute: the loss is not divided by
 * the number of training rows (TENSOAP's (K+ηI) convention).
 */
public final class NormalEquations {
    private final int d;
    private final double[] a;
    private final double[] b;
    private long rows;

    public NormalEquations(int d) {
        if (d < 0) throw new IllegalArgumentException("negative dimension");
        this.d = d;
        this.a = new double[d * d];
        this.b = new double[d];
    }

    public int dimension() {
        return d;
    }

    /** Number of target rows added so far. */
    public long rows() {
        return rows;
    }

    /** Adds rows×D design rows Ψ with targets y (S = identity). */
    public void add(double[] psi, int n, double[] y) {
        check(psi, n, y);
        if (n == 0 || d == 0) return;
        Blas.syrkTransposed(d, n, 1.0, psi, 1.0, a);
        Blas.gemv(true, n, d, 1.0, psi, y, 1.0, b);
        rows += n;
    }

    /** Adds one block with its symmetric positive-definite metric S (n×n, row-major). */
    public void add(double[] psi, int n, double[] metric, double[] y) {
        check(psi, n, y);
        if (metric.length != (long) n * n) throw new IllegalArgumentException("metric must be n×n");
        if (n == 0 || d == 0) return;
        double[] sPsi = new double[n * d];
        Blas.gemm(false, false, n, d, n, 1.0, metric, psi, 0.0, sPsi);
        Blas.gemm(true, false, d, d, n, 1.0, psi, sPsi, 1.0, a);
        Blas.gemv(true, n, d, 1.0, sPsi, y, 1.0, b); // (SΨ)ᵀ y = Ψᵀ S y for symmetric S
        rows += n;
    }

    /** Adds another accumulation of the same dimension. */
    public void add(NormalEquations other) {
        if (other.d != d) throw new IllegalArgumentException("dimension mismatch");
        for (int i = 0; i < a.length; i++) a[i] += other.a[i];
        for (int i = 0; i < d; i++) b[i] += other.b[i];
        rows += other.rows;
    }

    /**
     * w solving (A + ηI) w = b by native Cholesky.
     *
     * @throws ArithmeticException if A + ηI is not positive definite (η = 0 on rank-deficient data)
     */
    public double[] solve(double eta) {
        if (!(eta >= 0) || !Double.isFinite(eta)) throw new IllegalArgumentException("eta must be finite and >= 0: " + eta);
        double[] m = a.clone();
        for (int i = 0; i < d; i++) m[i * d + i] += eta;
        // the metric branch fills A by gemm: symmetrise so round-off cannot make dpotrf see a non-symmetric matrix
        for (int i = 0; i < d; i++)
            for (int j = 0; j < i; j++) m[i * d + j] = m[j * d + i] = 0.5 * (m[i * d + j] + m[j * d + i]);
        Blas.cholesky(m, d);
        double[] w = b.clone();
        Blas.choleskySolve(m, d, w, 1);
        return w;
    }

    /** A (D×D), a copy. */
    public double[] matrix() {
        return a.clone();
    }

    /** b (D), a copy. */
    public double[] vector() {
        return b.clone();
    }

    private void check(double[] psi, int n, double[] y) {
        if (psi.length != (long) n * d) throw new IllegalArgumentException("Ψ must be rows×" + d);
        if (y.length != n) throw new IllegalArgumentException("expected " + n + " targets, got " + y.length);
    }
}
