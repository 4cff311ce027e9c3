package org.equidens.properties;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.equidens.linalg.Blas;
import org.equidens.math.ClebschGordan;

/**
 * Exact, orthonormal Cartesian ↔ real-spherical conversion of tensors, built by successive coupling
 * with the project's real Clebsch–Gordan coefficients: (((1⊗1)→L₂)⊗1→L₃)… with the l=1 index in the
 * real order (y, z, x). Because each coupling is an orthogonal change of basis, the components of
 * a tensor T are t_{λμ} = ⟨B^{λμ}, T⟩ with orthonormal basis tensors, so Σ t² = ‖T‖²_F and D^λ(R)
 * acting on t_λ equals the Cartesian rotation R_{ia}R_{jb}… T_{ab…} (for a symmetric tensor also
 * under improper rotations; the antisymmetric rank-2 part is a pseudovector).
 *
 * <p>Resulting conventions (the project's, same as TENSOAP/featomic): rank 1 (μ_y, μ_z, μ_x);
 * rank 2 α_L0 = −(α_xx+α_yy+α_zz)/√3 (negative, from (1,1)→0 = −δ/√3),
 * α_L2 = (√2α_xy, √2α_yz, (2α_zz−α_xx−α_yy)/√6, √2α_xz, (α_xx−α_yy)/√2); the antisymmetric part
 * α_L1 = ((α_zx−α_xz), (α_xy−α_yx), (α_yz−α_zy))/√2, i.e. (a×b)/√2 in (y,z,x) order for α = a⊗b.
 *
 * <p>Fully symmetric rank n holds λ = n, n−2, …, each once. The coupling path used for λ pairs the
 * first 2t indices, t = (n−λ)/2, into scalars (L: 1,0,1,0,…) and then stretches (L grows by 1 up to
 * λ): for β this is ((1⊗1)→0)⊗1→1 and ((1⊗1)→2)⊗1→3. The basis tensor is the symmetrisation of that
 * path's tensor, normalised; for a symmetric T the component is the path projection divided by that
 * norm, so the sign follows the path (e.g. β_L1 ∝ −(trace vector)).
 *
 * <p>Layout: Cartesian tensors are row-major over indices (x,y,z)=(0,1,2), T[a₁…aₙ]; spherical
 * vectors concatenate the λ blocks in ascending λ, μ = −λ..λ within each.
 */
public final class CartesianTensors {
    /** Cartesian index of real l=1 component m = −1, 0, 1 (y, z, x). */
    private static final int[] CART = {1, 2, 0};

    private CartesianTensors() {}

    /** Rank 1: λ=1 only. */
    public static Decomposition vector() {
        return symmetric(1);
    }

    /** General rank 2: λ=0 (trace) ⊕ λ=1 (antisymmetric part) ⊕ λ=2 (symmetric traceless part). */
    public static Decomposition rank2() {
        List<double[]> blocks = new ArrayList<>();
        for (int lambda = 0; lambda <= 2; lambda++) blocks.add(path(new int[] {1, lambda}));
        return new Decomposition(2, new int[] {0, 1, 2}, stack(blocks), false);
    }

    /** Fully symmetric rank n ≥ 1: λ = n mod 2, …, n−2, n (ascending). */
    public static Decomposition symmetric(int rank) {
        if (rank < 1 || rank > 6) throw new IllegalArgumentException("symmetric rank must be in 1..6 (symmetrisation sums rank! permutations): " + rank);
        int count = rank / 2 + 1;
        int[] lambdas = new int[count];
        List<double[]> blocks = new ArrayList<>();
        for (int k = 0; k < count; k++) {
            int lambda = rank % 2 + 2 * k;
            lambdas[k] = lambda;
            int t = (rank - lambda) / 2;
            int[] ls = new int[rank];
            ls[0] = 1;
            for (int i = 2; i <= rank; i++) ls[i - 1] = i <= 2 * t ? (i % 2 == 1 ? 1 : 0) : ls[i - 2] + 1;
            double[] b = symmetrise(path(ls), 2 * lambda + 1, rank);
            int n = cartesianSize(rank);
            // Schur: the symmetrised path tensors of one λ are orthogonal with a common norm; normalise each row anyway
            for (int mu = 0; mu < 2 * lambda + 1; mu++) {
                double s = 0;
                for (int q = 0; q < n; q++) s += b[mu * n + q] * b[mu * n + q];
                double inv = 1.0 / Math.sqrt(s);
                for (int q = 0; q < n; q++) b[mu * n + q] *= inv;
            }
            blocks.add(b);
        }
        return new Decomposition(rank, lambdas, stack(blocks), true);
    }

    /** 3^rank. */
    public static int cartesianSize(int rank) {
        int n = 1;
        for (int i = 0; i < rank; i++) n *= 3;
        return n;
    }

    /**
     * Coupled basis tensors of one path L₁=1, L₂, …, Lₙ = ls[n−1]: (2Lₙ+1) × 3^n, row μ the tensor B^{Lμ}.
     */
    static double[] path(int[] ls) {
        if (ls[0] != 1) throw new IllegalArgumentException("paths start at L1 = 1");
        int l = 1;
        double[] b = new double[3 * 3]; // (μ, a)
        for (int m = -1; m <= 1; m++) b[(m + 1) * 3 + CART[m + 1]] = 1.0;
        int size = 3;
        for (int k = 1; k < ls.length; k++) {
            int nl = ls[k];
            if (nl < Math.abs(l - 1) || nl > l + 1) throw new IllegalArgumentException("path violates the triangle rule at step " + k);
            double[] cg = ClebschGordan.real(l, 1, nl);
            int nSize = size * 3, nc = 2 * nl + 1;
            double[] out = new double[nc * nSize];
            for (int mu = 0; mu < nc; mu++) {
                for (int big = 0; big < 2 * l + 1; big++) {
                    for (int m = 0; m < 3; m++) {
                        double c = cg[(big * 3 + m) * nc + mu];
                        if (c == 0.0) continue;
                        int cart = CART[m];
                        for (int q = 0; q < size; q++) out[mu * nSize + q * 3 + cart] += c * b[big * size + q];
                    }
                }
            }
            b = out;
            l = nl;
            size = nSize;
        }
        return b;
    }

    /** Average over all index permutations of each row (rows × 3^rank). */
    static double[] symmetrise(double[] b, int rows, int rank) {
        int n = cartesianSize(rank);
        List<int[]> perms = new ArrayList<>();
        permutations(new int[rank], new boolean[rank], 0, perms);
        double[] out = new double[b.length];
        int[] digits = new int[rank];
        for (int flat = 0; flat < n; flat++) {
            for (int i = rank - 1, f = flat; i >= 0; i--, f /= 3) digits[i] = f % 3;
            for (int[] p : perms) {
                int target = 0;
                for (int i = 0; i < rank; i++) target = target * 3 + digits[p[i]];
                for (int r = 0; r < rows; r++) out[r * n + target] += b[r * n + flat];
            }
        }
        double inv = 1.0 / perms.size();
        for (int i = 0; i < out.length; i++) out[i] *= inv;
        return out;
    }

    private static void permutations(int[] cur, boolean[] used, int pos, List<int[]> out) {
        if (pos == cur.length) {
            out.add(cur.clone());
            return;
        }
        for (int i = 0; i < cur.length; i++) {
            if (used[i]) continue;
            used[i] = true;
            cur[pos] = i;
            permutations(cur, used, pos + 1, out);
            used[i] = false;
        }
    }

    private static double[] stack(List<double[]> blocks) {
        int len = 0;
        for (double[] b : blocks) len += b.length;
        double[] out = new double[len];
        int off = 0;
        for (double[] b : blocks) {
            System.arraycopy(b, 0, out, off, b.length);
            off += b.length;
        }
        return out;
    }

    /**
     * R_{a₁b₁}…R_{aₙbₙ} T_{b₁…bₙ} for {@code count} tensors stored one after another. Applies R to the
     * leading index with one gemm and cycles that index to the end, n times.
     */
    public static double[] rotate(double[] t, int rank, double[] rotation, int count) {
        if (rank < 1) throw new IllegalArgumentException("rank must be >= 1: " + rank);
        int n = cartesianSize(rank);
        if (t.length != (long) n * count) throw new IllegalArgumentException("expected " + count + " tensors of rank " + rank);
        if (rotation.length != 9) throw new IllegalArgumentException("rotation must be 3×3");
        double[] out = new double[t.length];
        int rest = n / 3;
        double[] cur = new double[n], tmp = new double[n];
        for (int s = 0; s < count; s++) {
            System.arraycopy(t, s * n, cur, 0, n);
            for (int k = 0; k < rank; k++) {
                Blas.gemm(false, false, 3, rest, 3, 1.0, rotation, cur, 0.0, tmp); // (3 × rest)
                for (int a = 0; a < 3; a++)
                    for (int q = 0; q < rest; q++) cur[q * 3 + a] = tmp[a * rest + q]; // move that index last
            }
            System.arraycopy(cur, 0, out, s * n, n);
        }
        return out;
    }

    /** One tensor: {@link #rotate(double[], int, double[], int)} with count 1. */
    public static double[] rotate(double[] t, int rank, double[] rotation) {
        return rotate(t, rank, rotation, 1);
    }

    /** An orthonormal Cartesian ↔ spherical map for one kind of tensor. */
    public static final class Decomposition {
        private final int rank;
        private final int[] lambdas;
        private final int[] offsets;
        private final double[] basis;
        private final boolean symmetric;

        Decomposition(int rank, int[] lambdas, double[] basis, boolean symmetric) {
            this.rank = rank;
            this.lambdas = lambdas;
            this.basis = basis;
            this.symmetric = symmetric;
            this.offsets = new int[lambdas.length + 1];
            for (int k = 0; k < lambdas.length; k++) offsets[k + 1] = offsets[k] + 2 * lambdas[k] + 1;
        }

        public int rank() {
            return rank;
        }

        /** True if this decomposition covers fully symmetric tensors only. */
        public boolean symmetric() {
            return symmetric;
        }

        /** The λ of each block, ascending. */
        public int[] lambdas() {
            return lambdas.clone();
        }

        /** Offset of block k in a spherical vector. */
        public int offset(int block) {
            return offsets[block];
        }

        /** Block index of λ, or −1. */
        public int blockOf(int lambda) {
            for (int k = 0; k < lambdas.length; k++) if (lambdas[k] == lambda) return k;
            return -1;
        }

        public int sphericalSize() {
            return offsets[lambdas.length];
        }

        public int cartesianSize() {
            return CartesianTensors.cartesianSize(rank);
        }

        /**
         * The orthonormal basis, sphericalSize × 3^rank (row = basis tensor of one (λ, μ)); a copy.
         * For symmetric decompositions the rows span the symmetric subspace only, and
         * {@link #toSpherical} then sees only the symmetric part of its input.
         */
        public double[] basis() {
            return basis.clone();
        }

        /** Spherical components of {@code count} Cartesian tensors (count × sphericalSize). */
        public double[] toSpherical(double[] cartesian, int count) {
            int n = cartesianSize(), m = sphericalSize();
            if (cartesian.length != (long) n * count) throw new IllegalArgumentException("expected " + count + " tensors of " + n + " entries");
            double[] out = new double[count * m];
            if (count > 0) Blas.gemm(false, true, count, m, n, 1.0, cartesian, basis, 0.0, out);
            return out;
        }

        public double[] toSpherical(double[] cartesian) {
            return toSpherical(cartesian, 1);
        }

        /** Cartesian tensors from {@code count} spherical vectors (count × 3^rank). */
        public double[] toCartesian(double[] spherical, int count) {
            int n = cartesianSize(), m = sphericalSize();
            if (spherical.length != (long) m * count) throw new IllegalArgumentException("expected " + count + " vectors of " + m + " components");
            double[] out = new double[count * n];
            if (count > 0) Blas.gemm(false, false, count, n, m, 1.0, spherical, basis, 0.0, out);
            return out;
        }

        public double[] toCartesian(double[] spherical) {
            return toCartesian(spherical, 1);
        }

        /** Block k (2λ+1 values) of every one of {@code count} spherical vectors (count × (2λ+1)). */
        public double[] block(double[] spherical, int count, int block) {
            int m = sphericalSize(), c = offsets[block + 1] - offsets[block];
            double[] out = new double[count * c];
            for (int s = 0; s < count; s++) System.arraycopy(spherical, s * m + offsets[block], out, s * c, c);
            return out;
        }

        @Override
        public String toString() {
            return (symmetric ? "symmetric" : "general") + " rank " + rank + " → λ " + Arrays.toString(lambdas);
        }
    }
}
