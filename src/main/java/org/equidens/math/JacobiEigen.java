package org.equidens.math;

/**
 * Eigendecomposition of a small real symmetric matrix by cyclic Jacobi rotations. Meant for N ≲ 30
 * (radial-basis overlaps), where its O(N³) per sweep is negligible and its high relative accuracy
 * and orthogonal eigenvectors matter more than speed; no native LAPACK call is needed for this.
 */
public final class JacobiEigen {
    private final int n;
    private final double[] values;
    private final double[] vectors;

    /**
     * Decomposes the symmetric n×n row-major matrix {@code a} (only read, the upper and lower
     * triangles are averaged) as A = V·diag(λ)·Vᵀ, eigenvalues ascending.
     */
    public JacobiEigen(double[] a, int n) {
        if (n < 1 || a.length < n * n) throw new IllegalArgumentException("matrix too small for n = " + n);
        this.n = n;
        double[] m = new double[n * n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                double x = 0.5 * (a[i * n + j] + a[j * n + i]);
                if (!Double.isFinite(x)) throw new IllegalArgumentException("matrix has non-finite entries");
                m[i * n + j] = x;
            }
        }
        double[] v = new double[n * n];
        for (int i = 0; i < n; i++) v[i * n + i] = 1.0;
        double norm2 = 0;
        for (double x : m) norm2 += x * x;
        for (int sweep = 0; sweep < 100; sweep++) {
            double off = 0;
            for (int p = 0; p < n; p++) for (int q = p + 1; q < n; q++) off += m[p * n + q] * m[p * n + q];
            if (off <= 1e-36 * norm2 || off == 0) break;
            for (int p = 0; p < n - 1; p++) {
                for (int q = p + 1; q < n; q++) {
                    double apq = m[p * n + q];
                    if (apq == 0.0) continue;
                    double theta = (m[q * n + q] - m[p * n + p]) / (2.0 * apq);
                    double t = Math.copySign(1.0, theta) / (Math.abs(theta) + Math.sqrt(theta * theta + 1.0));
                    if (Double.isInfinite(theta * theta)) t = 0.5 / theta;
                    double c = 1.0 / Math.sqrt(t * t + 1.0);
                    double s = t * c;
                    rotateColumns(m, n, p, q, c, s);
                    rotateRows(m, n, p, q, c, s);
                    m[p * n + q] = 0.0;
                    m[q * n + p] = 0.0;
                    rotateColumns(v, n, p, q, c, s);
                }
            }
        }
        // Sort ascending.
        values = new double[n];
        vectors = new double[n * n];
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) order[i] = i;
        final double[] diag = new double[n];
        for (int i = 0; i < n; i++) diag[i] = m[i * n + i];
        java.util.Arrays.sort(order, (x, y) -> Double.compare(diag[x], diag[y]));
        for (int k = 0; k < n; k++) {
            int src = order[k];
            values[k] = diag[src];
            for (int i = 0; i < n; i++) vectors[i * n + k] = v[i * n + src];
        }
    }

    /** A ← A·J with J the rotation in the (p, q) plane. */
    private static void rotateColumns(double[] a, int n, int p, int q, double c, double s) {
        for (int k = 0; k < n; k++) {
            double akp = a[k * n + p];
            double akq = a[k * n + q];
            a[k * n + p] = c * akp - s * akq;
            a[k * n + q] = s * akp + c * akq;
        }
    }

    /** A ← Jᵀ·A. */
    private static void rotateRows(double[] a, int n, int p, int q, double c, double s) {
        for (int k = 0; k < n; k++) {
            double apk = a[p * n + k];
            double aqk = a[q * n + k];
            a[p * n + k] = c * apk - s * aqk;
            a[q * n + k] = s * apk + c * aqk;
        }
    }

    public int size() {
        return n;
    }

    /** Eigenvalues, ascending (a copy). */
    public double[] eigenvalues() {
        return values.clone();
    }

    /** Eigenvectors as the columns of a row-major n×n matrix V (a copy). */
    public double[] eigenvectors() {
        return vectors.clone();
    }

    /**
     * f(A) = V·diag(f(λ))·Vᵀ for f(λ) = λ^power, row-major. Throws if some eigenvalue is not above
     * {@code relativeTolerance}·max|λ| (a singular or indefinite matrix has no inverse square root).
     */
    public double[] power(double power, double relativeTolerance) {
        double maxAbs = 0;
        for (double x : values) maxAbs = Math.max(maxAbs, Math.abs(x));
        if (values[0] <= relativeTolerance * maxAbs) {
            throw new ArithmeticException("matrix is singular or not positive definite: smallest eigenvalue "
                    + values[0] + ", largest " + values[n - 1]);
        }
        double[] f = new double[n];
        for (int k = 0; k < n; k++) f[k] = Math.pow(values[k], power);
        double[] out = new double[n * n];
        for (int i = 0; i < n; i++) {
            for (int j = i; j < n; j++) {
                double s = 0;
                for (int k = 0; k < n; k++) s += vectors[i * n + k] * f[k] * vectors[j * n + k];
                out[i * n + j] = s;
                out[j * n + i] = s;
            }
        }
        return out;
    }
}
