package org.equidens.math;

/**
 * Real Wigner D matrices for {@link SphericalHarmonics}' real harmonics, built directly from a 3×3
 * rotation matrix with the Ivanic–Ruedenberg recursion (J. Phys. Chem. 100, 6342 (1996), with the
 * 1998 erratum). No Euler angles, so no gimbal-lock singularities, and only products of matrix
 * entries: error ~1e-14 up to l=30 (measured on Y(Rr̂) = D·Y(r̂)), growing to ~1e-13 at l=40 and
 * ~1e-11 at l=60.
 *
 * <p>Convention: D^l is (2l+1)² row-major, D[μ][μ'] at (μ+l)(2l+1)+(μ'+l), such that
 * Y_l(R r̂) = D^l(R)·Y_l(r̂) as vectors over m. Hence D^1 = P·R·Pᵀ with P the permutation to
 * (y, z, x), and D(R1·R2) = D(R1)·D(R2). Works for improper R as well (D^l(−I) = (−1)^l·I).
 */
public final class WignerD {
    private WignerD() {}

    /** D^l(R) for a row-major 3×3 rotation matrix. */
    public static double[] real(int l, double[] rotation) {
        double[][] all = upTo(l, rotation);
        return all[l];
    }

    /** D^0..D^lmax for a row-major 3×3 rotation matrix; element l has length (2l+1)². */
    public static double[][] upTo(int lmax, double[] rotation) {
        if (lmax < 0) throw new IllegalArgumentException("lmax must be >= 0: " + lmax);
        if (rotation.length != 9) throw new IllegalArgumentException("rotation must have 9 entries");
        double[][] d = new double[lmax + 1][];
        d[0] = new double[] {1.0};
        if (lmax == 0) return d;
        // Real l=1 harmonics are (y, z, x): m=-1 ↔ y (1), m=0 ↔ z (2), m=1 ↔ x (0).
        int[] axis = {1, 2, 0};
        double[] r1 = new double[9];
        for (int i = 0; i < 3; i++)
            for (int j = 0; j < 3; j++) r1[3 * i + j] = rotation[3 * axis[i] + axis[j]];
        d[1] = r1;
        for (int l = 2; l <= lmax; l++) d[l] = next(l, r1, d[l - 1]);
        return d;
    }

    private static double[] next(int l, double[] r1, double[] prev) {
        int n = 2 * l + 1;
        double[] out = new double[n * n];
        for (int m = -l; m <= l; m++) {
            int am = Math.abs(m);
            double d0 = m == 0 ? 1.0 : 0.0;
            for (int mp = -l; mp <= l; mp++) {
                double den = Math.abs(mp) < l ? (double) (l + mp) * (l - mp) : (2.0 * l) * (2.0 * l - 1.0);
                double u = Math.sqrt((double) (l + m) * (l - m) / den);
                double v = 0.5 * Math.sqrt((1.0 + d0) * (l + am - 1.0) * (l + am) / den) * (1.0 - 2.0 * d0);
                double w = -0.5 * Math.sqrt((l - am - 1.0) * (l - am) / den) * (1.0 - d0);
                double sum = 0.0;
                if (u != 0.0) sum += u * p(0, l, m, mp, r1, prev);
                if (v != 0.0) {
                    double vv;
                    if (m == 0) {
                        vv = p(1, l, 1, mp, r1, prev) + p(-1, l, -1, mp, r1, prev);
                    } else if (m > 0) {
                        boolean one = m == 1;
                        vv = p(1, l, m - 1, mp, r1, prev) * (one ? Math.sqrt(2.0) : 1.0)
                                - (one ? 0.0 : p(-1, l, -m + 1, mp, r1, prev));
                    } else {
                        boolean one = m == -1;
                        vv = (one ? 0.0 : p(1, l, m + 1, mp, r1, prev))
                                + p(-1, l, -m - 1, mp, r1, prev) * (one ? Math.sqrt(2.0) : 1.0);
                    }
                    sum += v * vv;
                }
                if (w != 0.0) {
                    double ww = m > 0
                            ? p(1, l, m + 1, mp, r1, prev) + p(-1, l, -m - 1, mp, r1, prev)
                            : p(1, l, m - 1, mp, r1, prev) - p(-1, l, -m + 1, mp, r1, prev);
                    sum += w * ww;
                }
                out[(m + l) * n + mp + l] = sum;
            }
        }
        return out;
    }

    /** Ivanic–Ruedenberg's P: i ∈ {−1,0,1}, a ∈ [−(l−1), l−1], b ∈ [−l, l]; prev = D^{l−1}. */
    private static double p(int i, int l, int a, int b, double[] r1, double[] prev) {
        int np = 2 * l - 1;
        int row = (a + l - 1) * np;
        double ri1 = r1[3 * (i + 1) + 2], rim1 = r1[3 * (i + 1)];
        if (b == l) return ri1 * prev[row + np - 1] - rim1 * prev[row];
        if (b == -l) return ri1 * prev[row] + rim1 * prev[row + np - 1];
        return r1[3 * (i + 1) + 1] * prev[row + b + l - 1];
    }
}
