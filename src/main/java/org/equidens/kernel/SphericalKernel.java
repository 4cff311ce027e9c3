package org.equidens.kernel;

import org.equidens.linalg.Blas;
import org.equidens.util.Threads;

/**
 * The SA-GPR λ-kernel with the ζ nonlinearity kept equivariant:
 * K^λ_{μμ'}(i,j) = (P̃^λ_i·P̃^λ_j)_{μμ'} · k0(i,j)^{ζ−1}, k0(i,j) = P̃^0_i·P̃^0_j,
 * with P̃ the per-environment normalised features ({@link EquivariantFeatures#normalised()}: each
 * (2λ+1)×F block divided by its Frobenius norm, so trace K^λ(i,i) = 1 and k0(i,i) = 1). For λ=0 this
 * is k0^ζ. Only the invariant factor is raised to a power: raising K^λ itself would destroy
 * equivariance. K(Ri, Rj) = D^λ(R) K(i,j) D^λ(R)ᵀ follows because P̃^λ(Ri) = D^λ P̃^λ(i) and k0 is
 * invariant.
 *
 * <p>Layout of a kernel between N and M environments: the (N·(2λ+1)) × (M·(2λ+1)) row-major matrix
 * with row (i, μ) = i(2λ+1)+μ+λ and column (j, μ') likewise, i.e. the gemm of the two feature
 * matrices followed by the elementwise ζ factor on each (2λ+1)² block. This is the form regression
 * uses directly (Ψ = K_NM·V).
 *
 * <p>Non-integer ζ: k0 is clipped at 0 before the power. For power-spectrum features of non-negative
 * atom densities k0 ≥ 0 exactly (it is a rotational average of a density overlap), so the clip only
 * removes round-off negatives; for signed features (e.g. LODE mixtures) a negative k0 raised to a
 * non-integer power has no real value (Java gives NaN). Clipping means "as dissimilar as possible"
 * and keeps the kernel continuous. Integer ζ needs no clip (the power is real and, by the Schur product
 * theorem, the kernel stays positive semi-definite); non-integer Hadamard powers are not guaranteed
 * PSD, which the RKHS eigenvalue cutoff of the sparse model absorbs.
 */
public final class SphericalKernel {
    private final double zeta;
    private final boolean integerZeta;

    /** @param zeta the exponent ζ ≥ 1 (ζ=1: linear kernel; SA-GPR practice: 2) */
    public SphericalKernel(double zeta) {
        if (!(zeta >= 1.0) || !Double.isFinite(zeta)) throw new IllegalArgumentException("zeta must be a finite number >= 1: " + zeta);
        this.zeta = zeta;
        this.integerZeta = zeta == Math.rint(zeta);
    }

    public double zeta() {
        return zeta;
    }

    /** k0^{ζ−1} with the documented clip for non-integer ζ. */
    public double factor(double k0) {
        if (zeta == 1.0) return 1.0;
        if (zeta == 2.0) return k0;
        if (integerZeta) return Math.pow(k0, zeta - 1.0);
        return k0 > 0.0 ? Math.pow(k0, zeta - 1.0) : 0.0;
    }

    /** The linear normalised λ=0 kernel k0 (N×M); inputs are normalised here. */
    public static double[] scalar(EquivariantFeatures x0, EquivariantFeatures y0) {
        requireScalar(x0);
        requireScalar(y0);
        return dotKernel(x0.normalised(), y0.normalised());
    }

    /**
     * K^λ between environments x and y (normalised here). x0/y0 are the λ=0 features of the same
     * environments (same sample order), used for the ζ factor.
     */
    public double[] compute(EquivariantFeatures x0, EquivariantFeatures x, EquivariantFeatures y0, EquivariantFeatures y) {
        return computeNormalised(x0.normalised(), x.normalised(), y0.normalised(), y.normalised());
    }

    /** As {@link #compute} for inputs already normalised (saves re-normalising a fixed sparse set). */
    public double[] computeNormalised(EquivariantFeatures x0, EquivariantFeatures x, EquivariantFeatures y0, EquivariantFeatures y) {
        requireScalar(x0);
        requireScalar(y0);
        if (x.lambda() != y.lambda()) throw new IllegalArgumentException("λ differs: " + x.lambda() + " vs " + y.lambda());
        if (x0.samples() != x.samples() || y0.samples() != y.samples())
            throw new IllegalArgumentException("λ=0 and λ features must describe the same environments");
        if (x0.features() != y0.features() || x.features() != y.features())
            throw new IllegalArgumentException("feature counts differ between the two sets");
        double[] k = dotKernel(x, y);
        if (zeta == 1.0) return k;
        double[] k0 = x.lambda() == 0 && x0 == x && y0 == y ? k.clone() : dotKernel(x0, y0);
        applyFactor(k, k0, x.samples(), y.samples(), x.components());
        return k;
    }

    /** The equivariant kernel of environment set x with itself. */
    public double[] compute(EquivariantFeatures x0, EquivariantFeatures x) {
        return compute(x0, x, x0, x);
    }

    /**
     * Structure kernel K(A,B) = Σ_{i∈A} Σ_{j∈B} K(i,j), for tensors that are sums of atomic
     * contributions. Structure s owns samples offsets[s]..offsets[s+1]−1. Result: (S_x·c) × (S_y·c).
     */
    public double[] structureKernel(EquivariantFeatures x0, EquivariantFeatures x, int[] xOffsets,
                                    EquivariantFeatures y0, EquivariantFeatures y, int[] yOffsets) {
        int c = x.components();
        double[] k = compute(x0, x, y0, y);
        double[] rows = sumRows(k, c, y.samples() * c, xOffsets);
        return sumColumns(rows, (xOffsets.length - 1) * c, c, yOffsets);
    }

    /**
     * Sums row blocks per structure: k is (samples·c) × cols, structure s owns samples
     * offsets[s]..offsets[s+1]−1; returns (S·c) × cols. Parallel over structures.
     */
    public static double[] sumRows(double[] k, int c, int cols, int[] offsets) {
        if (c < 1 || cols < 1 || k.length % ((long) c * cols) != 0) throw new IllegalArgumentException("k is not (samples·c) × cols");
        int s = checkOffsets(offsets, k.length / ((long) c * cols));
        double[] out = new double[s * c * cols];
        Threads.parallelFor(0, s, st -> {
            for (int i = offsets[st]; i < offsets[st + 1]; i++) {
                for (int mu = 0; mu < c; mu++) {
                    int src = (i * c + mu) * cols, dst = (st * c + mu) * cols;
                    for (int q = 0; q < cols; q++) out[dst + q] += k[src + q];
                }
            }
        });
        return out;
    }

    /** Sums column blocks per structure: k is rows × (samples·c); returns rows × (S·c). */
    public static double[] sumColumns(double[] k, int rows, int c, int[] offsets) {
        if (rows < 1 || c < 1 || k.length % rows != 0 || (k.length / rows) % c != 0) throw new IllegalArgumentException("k is not rows × (samples·c)");
        int cols = k.length / rows;
        int s = checkOffsets(offsets, cols / c);
        int outCols = s * c;
        double[] out = new double[rows * outCols];
        Threads.parallelFor(0, rows, r -> {
            for (int st = 0; st < s; st++) {
                for (int j = offsets[st]; j < offsets[st + 1]; j++) {
                    for (int mu = 0; mu < c; mu++) out[r * outCols + st * c + mu] += k[r * cols + j * c + mu];
                }
            }
        });
        return out;
    }

    private static int checkOffsets(int[] offsets, long samples) {
        if (offsets.length < 1 || offsets[0] != 0 || offsets[offsets.length - 1] != samples)
            throw new IllegalArgumentException("structure offsets must run from 0 to the sample count " + samples);
        for (int s = 1; s < offsets.length; s++)
            if (offsets[s] < offsets[s - 1]) throw new IllegalArgumentException("structure offsets must not decrease");
        return offsets.length - 1;
    }

    /** X·Yᵀ on the (rows × F) matrix views, one gemm. */
    static double[] dotKernel(EquivariantFeatures x, EquivariantFeatures y) {
        int m = x.rows(), n = y.rows();
        double[] k = new double[m * n];
        if (m == 0 || n == 0) return k;
        Blas.gemm(false, true, m, n, x.features(), 1.0, x.data(), y.data(), 0.0, k);
        return k;
    }

    private void applyFactor(double[] k, double[] k0, int n, int m, int c) {
        int cols = m * c;
        Threads.parallelFor(0, n, i -> {
            for (int j = 0; j < m; j++) {
                double f = factor(k0[i * m + j]);
                for (int mu = 0; mu < c; mu++) {
                    int off = (i * c + mu) * cols + j * c;
                    for (int nu = 0; nu < c; nu++) k[off + nu] *= f;
                }
            }
        });
    }

    private static void requireScalar(EquivariantFeatures f) {
        if (f.lambda() != 0) throw new IllegalArgumentException("expected λ=0 features, got λ=" + f.lambda());
    }
}
