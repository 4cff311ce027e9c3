package org.equidens.basis;

import java.util.Locale;
import java.util.function.IntFunction;

/**
 * How a quantum-chemistry code orders (and signs) the 2l+1 functions of a shell, relative to
 * equidens' internal order m = -l..l (see {@link SolidHarmonics}).
 *
 * <p>Why a table: coefficient vectors and integral matrices from different codes differ only by
 * this per-shell signed permutation, so adding a code is one entry: the list of internal m values
 * in the code's order, and optionally a sign per m (code function = sign × internal function).
 * Atom and shell order are the same everywhere (atoms in structure order, shells in basis-file
 * order); only the order within a shell changes.
 *
 * <ul>
 *   <li>{@link #INTERNAL}: m = -l..l.</li>
 *   <li>{@link #PSI4}: m = 0, +1, -1, +2, -2, …, +l, -l, all signs + (l=1: z, x, y). Verified
 *       against Psi4 1.3.2's own overlap and Coulomb matrices up to l=4 (Psi4FixtureTest).</li>
 *   <li>{@link #PYSCF}: l=1 as x, y, z (libcint's Cartesian p order); l ≠ 1: m = -l..l, all signs +.
 *       Checked against libcint's published cart2sph coefficients for d and f (positive multiples
 *       of our functions); not (yet) against PySCF integrals.</li>
 * </ul>
 */
public enum MOrder {
    INTERNAL(l -> {
        int[] m = new int[2 * l + 1];
        for (int k = 0; k < m.length; k++) m[k] = k - l;
        return m;
    }),
    PSI4(l -> {
        int[] m = new int[2 * l + 1];
        for (int k = 1; k <= l; k++) {
            m[2 * k - 1] = k;
            m[2 * k] = -k;
        }
        return m;
    }),
    PYSCF(l -> {
        if (l == 1) return new int[] {1, -1, 0};
        int[] m = new int[2 * l + 1];
        for (int k = 0; k < m.length; k++) m[k] = k - l;
        return m;
    });

    private final IntFunction<int[]> order;
    private final SignRule sign;

    /** Sign of the code's function (l, m) relative to the internal one: +1 or -1. */
    @FunctionalInterface
    public interface SignRule {
        int sign(int l, int m);
    }

    MOrder(IntFunction<int[]> order) {
        this(order, (l, m) -> 1);
    }

    MOrder(IntFunction<int[]> order, SignRule sign) {
        this.order = order;
        this.sign = sign;
    }

    /** Lower-case name, as used in configuration files ("internal", "psi4", "pyscf"). */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The convention called {@code name} (case-insensitive). */
    public static MOrder byName(String name) {
        for (MOrder o : values()) if (o.label().equalsIgnoreCase(name.strip())) return o;
        StringBuilder known = new StringBuilder();
        for (MOrder o : values()) known.append(known.length() == 0 ? "" : ", ").append(o.label());
        throw new IllegalArgumentException("unknown basis-function order '" + name + "' (known: " + known + ")");
    }

    /** Internal m of each of the code's 2l+1 functions of a shell, in the code's order. */
    public int[] mValues(int l) {
        return order.apply(l);
    }

    /** Sign s with code function = s × internal function. */
    public int sign(int l, int m) {
        return sign.sign(l, m);
    }

    /**
     * Signed permutation for a whole structure: code function c equals sign[c] × internal function
     * perm[c]. Returns perm; fills signs (length size()).
     */
    public int[] permutation(BasisFunctions bf, double[] signs) {
        int n = bf.size();
        int[] perm = new int[n];
        for (int s = 0; s < bf.shells(); s++) {
            int l = bf.shellL(s), o = bf.shellOffset(s);
            int[] ms = mValues(l);
            for (int k = 0; k < ms.length; k++) {
                perm[o + k] = o + ms[k] + l;
                signs[o + k] = sign(l, ms[k]);
            }
        }
        return perm;
    }

    /**
     * Coefficients (or one-index integrals) in this code's order → internal order. {@code v} may
     * hold several stacked vectors (length a multiple of size(), e.g. 3 response vectors).
     * Because functions map to ± functions, coefficients and integrals transform alike.
     */
    public double[] toInternal(BasisFunctions bf, double[] v) {
        int n = bf.size();
        bf.checkLength(v.length, "coefficient vector");
        double[] sg = new double[n];
        int[] perm = permutation(bf, sg);
        double[] out = new double[v.length];
        for (int r = 0; r < v.length; r += n) {
            for (int c = 0; c < n; c++) out[r + perm[c]] = sg[c] * v[r + c];
        }
        return out;
    }

    /** Inverse of {@link #toInternal(BasisFunctions, double[])}. */
    public double[] fromInternal(BasisFunctions bf, double[] v) {
        int n = bf.size();
        bf.checkLength(v.length, "coefficient vector");
        double[] sg = new double[n];
        int[] perm = permutation(bf, sg);
        double[] out = new double[v.length];
        for (int r = 0; r < v.length; r += n) {
            for (int c = 0; c < n; c++) out[r + c] = sg[c] * v[r + perm[c]];
        }
        return out;
    }

    /** n×n matrix (row-major) in this code's order → internal order (both indices). */
    public double[] matrixToInternal(BasisFunctions bf, double[] m) {
        int n = bf.size();
        if (m.length != n * n) throw new IllegalArgumentException("need a " + n + "x" + n + " matrix");
        double[] sg = new double[n];
        int[] perm = permutation(bf, sg);
        double[] out = new double[n * n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) out[perm[i] * n + perm[j]] = sg[i] * sg[j] * m[i * n + j];
        }
        return out;
    }

    /** Inverse of {@link #matrixToInternal(BasisFunctions, double[])}. */
    public double[] matrixFromInternal(BasisFunctions bf, double[] m) {
        int n = bf.size();
        if (m.length != n * n) throw new IllegalArgumentException("need a " + n + "x" + n + " matrix");
        double[] sg = new double[n];
        int[] perm = permutation(bf, sg);
        double[] out = new double[n * n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) out[i * n + j] = sg[i] * sg[j] * m[perm[i] * n + perm[j]];
        }
        return out;
    }
}
