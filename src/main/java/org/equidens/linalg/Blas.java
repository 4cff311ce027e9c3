package org.equidens.linalg;

import org.bytedeco.openblas.global.openblas;
import org.bytedeco.openblas.presets.openblas_nolapack;

/**
 * Dense linear algebra through native OpenBLAS/LAPACK (Bytedeco's jars carry the shared library).
 * All matrices are row-major {@code double[]}. This is the project's one backend: anything that is a
 * matrix product or a factorisation goes through here, never through hand-written loops.
 *
 * <p>OpenBLAS spins its threads while waiting; more BLAS threads than free cores makes it collapse.
 * {@link #setThreads(int)} must match the cores this process really uses.
 */
public final class Blas {
    private static final int ROW = openblas.LAPACK_ROW_MAJOR;
    private static volatile int threads = -1;

    private Blas() {}

    /** Sets the number of OpenBLAS threads (≥ 1). */
    public static synchronized void setThreads(int n) {
        if (n < 1) throw new IllegalArgumentException("threads must be ≥ 1");
        openblas_nolapack.blas_set_num_threads(n);
        threads = n;
    }

    /** The thread count set by {@link #setThreads}, or the OPENBLAS_NUM_THREADS default (-1 if unknown). */
    public static int threads() {
        if (threads > 0) return threads;
        String env = System.getenv("OPENBLAS_NUM_THREADS");
        try {
            return env == null ? -1 : Integer.parseInt(env.trim());
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private static int singleDepth;
    private static int savedThreads;

    /**
     * Runs {@code work} with OpenBLAS single-threaded, restoring the previous thread count afterwards
     * (nested and concurrent calls share one section). For code that parallelises over its own Java
     * threads and calls BLAS on small blocks from each of them: threaded OpenBLAS calls from inside a
     * parallel region only contend, and its spinning workers steal the cores the Java threads need.
     */
    public static <T> T singleThreaded(java.util.function.Supplier<T> work) {
        synchronized (Blas.class) {
            if (singleDepth++ == 0) {
                savedThreads = openblas_nolapack.blas_get_num_threads();
                if (savedThreads != 1) openblas_nolapack.blas_set_num_threads(1);
            }
        }
        try {
            return work.get();
        } finally {
            synchronized (Blas.class) {
                if (--singleDepth == 0 && savedThreads != 1) openblas_nolapack.blas_set_num_threads(savedThreads);
            }
        }
    }

    /** C = alpha·op(A)·op(B) + beta·C, with op(A) m×k, op(B) k×n, row-major. */
    public static void gemm(boolean transA, boolean transB, int m, int n, int k, double alpha,
                            double[] a, double[] b, double beta, double[] c) {
        int lda = transA ? m : k;
        int ldb = transB ? k : n;
        openblas.cblas_dgemm(openblas.CblasRowMajor, transA ? openblas.CblasTrans : openblas.CblasNoTrans,
                transB ? openblas.CblasTrans : openblas.CblasNoTrans, m, n, k, alpha, a, lda, b, ldb, beta, c, n);
    }

    /** C (m×n) = A (m×k) · B (k×n). */
    public static double[] multiply(double[] a, double[] b, int m, int k, int n) {
        double[] c = new double[m * n];
        gemm(false, false, m, n, k, 1.0, a, b, 0.0, c);
        return c;
    }

    /** y = alpha·op(A)·x + beta·y, A m×n row-major. */
    public static void gemv(boolean transA, int m, int n, double alpha, double[] a, double[] x, double beta, double[] y) {
        openblas.cblas_dgemv(openblas.CblasRowMajor, transA ? openblas.CblasTrans : openblas.CblasNoTrans,
                m, n, alpha, a, n, x, 1, beta, y, 1);
    }

    /** Full symmetric C (n×n) = alpha·AᵀA + beta·C for A k×n (both triangles filled). */
    public static void syrkTransposed(int n, int k, double alpha, double[] a, double beta, double[] c) {
        openblas.cblas_dsyrk(openblas.CblasRowMajor, openblas.CblasUpper, openblas.CblasTrans, n, k, alpha, a, n, beta, c, n);
        symmetrizeFromUpper(c, n);
    }

    static void symmetrizeFromUpper(double[] c, int n) {
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < i; j++) c[i * n + j] = c[j * n + i];
        }
    }

    public static double dot(double[] x, double[] y) {
        return openblas.cblas_ddot(x.length, x, 1, y, 1);
    }

    /**
     * In-place Cholesky factorisation A = L·Lᵀ of a symmetric positive-definite matrix; the lower
     * triangle of {@code a} holds L afterwards (the upper triangle is zeroed).
     *
     * @throws ArithmeticException if the matrix is not positive definite
     */
    public static void cholesky(double[] a, int n) {
        // A row-major lower triangle is a column-major upper one: call LAPACK in its native layout
        // and skip LAPACKE's two n² transpositions (they cost ~40 % at n = 4000).
        int info = openblas.LAPACKE_dpotrf(openblas.LAPACK_COL_MAJOR, (byte) 'U', n, a, n);
        if (info > 0) throw new ArithmeticException("matrix is not positive definite (leading minor " + info + ")");
        if (info < 0) throw new IllegalArgumentException("dpotrf: bad argument " + (-info));
        for (int i = 0; i < n; i++) {
            for (int j = i + 1; j < n; j++) a[i * n + j] = 0.0;
        }
    }

    /** Solves A·X = B given the Cholesky factor from {@link #cholesky}; B (n×nrhs) is overwritten by X. */
    public static void choleskySolve(double[] factor, int n, double[] b, int nrhs) {
        // Column-major view of the factor (see cholesky): only B, n·nrhs numbers, needs reordering.
        double[] colB = b;
        if (nrhs > 1) {
            colB = new double[b.length];
            for (int i = 0; i < n; i++) for (int r = 0; r < nrhs; r++) colB[r * n + i] = b[i * nrhs + r];
        }
        int info = openblas.LAPACKE_dpotrs(openblas.LAPACK_COL_MAJOR, (byte) 'U', n, nrhs, factor, n, colB, n);
        if (nrhs > 1 && info == 0) {
            for (int i = 0; i < n; i++) for (int r = 0; r < nrhs; r++) b[i * nrhs + r] = colB[r * n + i];
        }
        if (info != 0) throw new IllegalArgumentException("dpotrs: bad argument " + (-info));
    }

    /** Solves the SPD system A·X = B (A copied, not modified); returns X (n×nrhs). */
    public static double[] solveSpd(double[] a, int n, double[] b, int nrhs) {
        double[] f = a.clone();
        cholesky(f, n);
        double[] x = b.clone();
        choleskySolve(f, n, x, nrhs);
        return x;
    }

    /** Eigen-decomposition of a symmetric matrix. */
    public record Eigen(double[] values, double[] vectors, int n) {
        /** Component i of eigenvector k (vectors are the columns). */
        public double vector(int i, int k) {
            return vectors[i * n + k];
        }
    }

    /** Eigenvalues in ascending order and eigenvectors as columns (row-major n×n). A is not modified. */
    public static Eigen symmetricEigen(double[] a, int n) {
        double[] v = a.clone();
        double[] w = new double[n];
        int info = openblas.LAPACKE_dsyevd(ROW, (byte) 'V', (byte) 'U', n, v, n, w);
        if (info != 0) throw new ArithmeticException("dsyevd failed to converge (info " + info + ")");
        return new Eigen(w, v, n);
    }
}
