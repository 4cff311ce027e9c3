package org.equidens.kernel;

import org.equidens.linalg.Blas;
import org.equidens.math.ClebschGordan;
import org.equidens.util.Threads;

/**
 * The λ⊗1 kernel of the vector-field paper (Rossi et al., eq. 2) for the density response:
 * <pre>
 *   K^{λ⊗1}_{μk,μ'k'}(i,j) = Σ_{l=|λ−1|}^{λ+1} C^{lm}_{λμ,1k} C^{lm'}_{λμ',1k'} K^l_{mm'}(i,j) · k0(i,j)^{ζ−1}
 * </pre>
 * with real Clebsch–Gordan coefficients ({@link ClebschGordan#real}), K^{λ±1} from proper (σ=+1)
 * λ-SOAP and K^λ from pseudo (σ=−1) λ-SOAP (λ=0: only l=1), and the ζ factor from the normalised
 * λ=0 kernel k0 (as {@link SphericalKernel}).
 *
 * <p><b>Why explicit "vector-field features".</b> K^l = X_l Y_lᵀ is a dot product of λ-SOAP blocks, so
 * the CG sum is a dot product too: with T_l[(μ,k), m] = C^{lm}_{λμ,1k} the matrix
 * Φ_i = [T_{λ−1} X^{λ−1}_i | T_λ X^λ_i | T_{λ+1} X^{λ+1}_i] (3(2λ+1) rows, features of the three l
 * concatenated) gives Σ_l T_l K^l_ij T_lᵀ = Φ_i Φ_jᵀ. One gemm then makes the whole kernel, and the
 * same code serves the density (Φ = P^λ, 2λ+1 rows) and the response. Φ_i(R·env) = (D^λ(R) ⊗ R) Φ_i
 * because the real CG intertwine D^λ⊗D^1 with D^l.
 *
 * <p><b>Rows and field directions.</b> Rows are (μ, d) with μ = −λ..λ and d the <em>Cartesian</em>
 * field direction x, y, z (row index μ'·3 + d, μ' = μ+λ). The CG tables use the real l=1 index
 * k = −1, 0, +1 ≡ (y, z, x); the map is explicit in {@link #CARTESIAN_TO_K}: x ↔ k=+1, y ↔ k=−1,
 * z ↔ k=0. So the 3 × 3 block acting on d is the Cartesian rotation R itself.
 *
 * <p><b>Parity.</b> Under inversion proper l=λ±1 blocks change by (−1)^{λ±1} and the pseudo l=λ
 * block by −(−1)^λ: all three by (−1)^{λ+1}, the parity of ∂c^λ/∂E. So Φ transforms with the full
 * O(3) representation D^λ(R) ⊗ R, proper and improper R alike.
 *
 * <p><b>Normalisation (SALTED's choice)</b>: each environment's Φ_i is divided by
 * √‖Φ_iΦ_iᵀ‖_F, so the diagonal 3(2λ+1) block of the linear kernel has unit Frobenius norm (SALTED
 * divides K_ij by √(‖K_ii‖_F‖K_jj‖_F), the same thing since k0(i,i)=1). The norm is rotation
 * invariant, so normalising keeps equivariance. The relative weight of the three l channels is that
 * of the raw (unnormalised) λ-SOAP, as in SALTED. A zero environment stays zero.
 */
public final class VectorFieldKernel {
    /** Index k+1 (k the real l=1 m) of Cartesian field direction d = x, y, z. */
    public static final int[] CARTESIAN_TO_K = {2, 0, 1};

    /**
     * Per-environment matrices Φ_i (rows × features), row-major: sample i, row r, feature f at
     * (i·rows + r)·features + f. For a response block rows = 3(2λ+1) ordered (μ, d); for a density
     * block rows = 2λ+1.
     */
    public record Features(int samples, int rows, int features, double[] data) {
        public Features {
            if (samples < 0 || rows < 1 || features < 0) throw new IllegalArgumentException("bad shape");
            if (data.length != (long) samples * rows * features)
                throw new IllegalArgumentException("need " + (long) samples * rows * features + " values, got " + data.length);
        }

        public int sampleLength() {
            return rows * features;
        }

        /** The samples at the given indices (copy). */
        public Features select(int[] idx) {
            int len = sampleLength();
            double[] out = new double[idx.length * len];
            for (int k = 0; k < idx.length; k++) System.arraycopy(data, idx[k] * len, out, k * len, len);
            return new Features(idx.length, rows, features, out);
        }

        /** Wraps an equivariant block (rows = 2λ+1), no copy. */
        public static Features of(EquivariantFeatures f) {
            return new Features(f.samples(), f.components(), f.features(), f.data());
        }
    }

    private VectorFieldKernel() {}

    /** T_l (3(2λ+1) × (2l+1)), rows (μ, d) with d Cartesian. */
    public static double[] couplingMatrix(int lambda, int l) {
        double[] cg = ClebschGordan.real(lambda, 1, l);
        int nl = 2 * l + 1, rows = 3 * (2 * lambda + 1);
        double[] t = new double[rows * nl];
        for (int mu = 0; mu < 2 * lambda + 1; mu++)
            for (int d = 0; d < 3; d++) {
                int k = CARTESIAN_TO_K[d];
                for (int m = 0; m < nl; m++) t[(mu * 3 + d) * nl + m] = cg[(mu * 3 + k) * nl + m];
            }
        return t;
    }

    /**
     * Φ for output λ from the λ-SOAP blocks of the same environments: {@code lower} = proper λ−1
     * (null for λ=0), {@code pseudo} = pseudo λ (null for λ=0), {@code upper} = proper λ+1. Not
     * normalised (see {@link #normalised}).
     */
    public static Features features(int lambda, EquivariantFeatures lower, EquivariantFeatures pseudo, EquivariantFeatures upper) {
        if (lambda < 0) throw new IllegalArgumentException("λ must be >= 0");
        EquivariantFeatures[] parts = lambda == 0 ? new EquivariantFeatures[] {upper} : new EquivariantFeatures[] {lower, pseudo, upper};
        int[] ls = lambda == 0 ? new int[] {1} : new int[] {lambda - 1, lambda, lambda + 1};
        int n = -1, ftot = 0;
        for (int p = 0; p < parts.length; p++) {
            if (parts[p] == null) throw new IllegalArgumentException("λ=" + lambda + " needs the l=" + ls[p] + " block");
            if (parts[p].lambda() != ls[p]) throw new IllegalArgumentException("expected an l=" + ls[p] + " block, got " + parts[p].lambda());
            if (n >= 0 && parts[p].samples() != n) throw new IllegalArgumentException("blocks describe different environments");
            n = parts[p].samples();
            ftot += parts[p].features();
        }
        int rows = 3 * (2 * lambda + 1);
        double[] out = new double[n * rows * ftot];
        int col = 0;
        for (int p = 0; p < parts.length; p++) {
            EquivariantFeatures x = parts[p];
            int nl = 2 * ls[p] + 1, f = x.features();
            double[] t = couplingMatrix(lambda, ls[p]);
            double[] tmp = new double[rows * f];
            for (int i = 0; i < n; i++) {
                // T_l (rows × nl) · X_i (nl × f): a small gemm per environment
                double[] xi = new double[nl * f];
                System.arraycopy(x.data(), i * nl * f, xi, 0, nl * f);
                Blas.gemm(false, false, rows, f, nl, 1.0, t, xi, 0.0, tmp);
                for (int r = 0; r < rows; r++) System.arraycopy(tmp, r * f, out, (i * rows + r) * ftot + col, f);
            }
            col += f;
        }
        return new Features(n, rows, ftot, out);
    }

    /** √‖Φ_iΦ_iᵀ‖_F for each environment (the scale that {@link #normalised} divides by). */
    public static double[] scales(Features x) {
        int rows = x.rows(), f = x.features();
        double[] out = new double[x.samples()];
        double[] phi = new double[rows * f], g = new double[rows * rows];
        for (int i = 0; i < x.samples(); i++) {
            System.arraycopy(x.data(), i * rows * f, phi, 0, rows * f);
            Blas.gemm(false, true, rows, rows, f, 1.0, phi, phi, 0.0, g);
            double s = 0;
            for (double v : g) s += v * v;
            out[i] = Math.sqrt(Math.sqrt(s));
        }
        return out;
    }

    /** Φ_i / √‖Φ_iΦ_iᵀ‖_F (zero environments stay zero). */
    public static Features normalised(Features x) {
        return normaliseInPlace(new Features(x.samples(), x.rows(), x.features(), x.data().clone()));
    }

    /** As {@link #normalised}, overwriting x's data (for freshly built features: no second copy); returns x. */
    public static Features normaliseInPlace(Features x) {
        double[] sc = scales(x);
        int len = x.sampleLength();
        double[] data = x.data();
        for (int i = 0; i < x.samples(); i++) {
            double inv = sc[i] == 0 ? 0.0 : 1.0 / sc[i];
            for (int q = 0; q < len; q++) data[i * len + q] *= inv;
        }
        return x;
    }

    /**
     * The kernel (N_x·rows) × (N_y·rows) = Φ_x Φ_yᵀ with each (i, j) block times k0(i,j)^{ζ−1};
     * x0/y0 are the <em>normalised</em> λ=0 features (unit rows) of the same environments. Inputs
     * are used as given (normalise them first for the documented kernel).
     */
    public static double[] compute(SphericalKernel zeta, EquivariantFeatures x0, Features x, EquivariantFeatures y0, Features y) {
        if (x.rows() != y.rows() || x.features() != y.features()) throw new IllegalArgumentException("feature shapes differ");
        if (x0.samples() != x.samples() || y0.samples() != y.samples()) throw new IllegalArgumentException("λ=0 features describe other environments");
        int m = x.samples() * x.rows(), n = y.samples() * y.rows();
        double[] k = new double[m * n];
        if (m == 0 || n == 0) return k;
        if (x.features() > 0) Blas.gemm(false, true, m, n, x.features(), 1.0, x.data(), y.data(), 0.0, k);
        if (zeta.zeta() == 1.0) return k;
        int nx = x.samples(), ny = y.samples(), c = x.rows();
        double[] k0 = new double[nx * ny];
        Blas.gemm(false, true, nx, ny, x0.features(), 1.0, x0.data(), y0.data(), 0.0, k0);
        Threads.parallelFor(0, nx, i -> {
            for (int j = 0; j < ny; j++) {
                double fct = zeta.factor(k0[i * ny + j]);
                for (int r = 0; r < c; r++) {
                    int off = (i * c + r) * n + j * c;
                    for (int q = 0; q < c; q++) k[off + q] *= fct;
                }
            }
        });
        return k;
    }
}
