package org.equidens.math;

/**
 * Real spherical harmonics in featomic's convention (the project convention): orthonormal, order
 * m = -l..l at flat index l²+l+m, and no Condon–Shortley sign in the result, so l=1 is
 * √(3/4π)·(y, z, x)/r and Y_lm ∝ +P_l^|m|(cosθ)·cos(mφ) for m&gt;0, ∝ +sin(|m|φ) for m&lt;0.
 *
 * <p>Evaluated as solid harmonics r^l·Y_lm = √2·F_l^|m|(z, r²)·{Re, Im}(x+iy)^|m|, where F_l^m is
 * the fully normalised associated Legendre function divided by sin^mθ (a polynomial in z and r²).
 * Both factors come from recurrences that never divide by sinθ, so there is no pole on the z axis;
 * the normalised three-term recurrence in l is stable to high l (tested to l=25 at 1e-12 and
 * beyond). Holds no per-call state besides precomputed coefficients, but keep one instance per
 * thread anyway (the contract with callers allows scratch state).
 */
public final class SphericalHarmonics {
    private final int lmax;
    /** F_l^m = a[l,m]·z·F_{l-1}^m − b[l,m]·r²·F_{l-2}^m, stored at index(l, m) for m ≥ 0. */
    private final double[] a;
    private final double[] b;
    /** F_m^m (constant, since (x+iy)^m carries the sin^mθ). */
    private final double[] diag;

    public SphericalHarmonics(int lmax) {
        if (lmax < 0) throw new IllegalArgumentException("lmax must be >= 0: " + lmax);
        this.lmax = lmax;
        int n = size(lmax);
        a = new double[n];
        b = new double[n];
        diag = new double[lmax + 1];
        diag[0] = Math.sqrt(1.0 / (4.0 * Math.PI));
        for (int m = 1; m <= lmax; m++) diag[m] = diag[m - 1] * Math.sqrt((2.0 * m + 1.0) / (2.0 * m));
        for (int m = 0; m <= lmax; m++) {
            for (int l = m + 1; l <= lmax; l++) {
                double l2m2 = (double) l * l - (double) m * m;
                a[index(l, m)] = Math.sqrt((4.0 * l * l - 1.0) / l2m2);
                b[index(l, m)] = l == m + 1 ? 0.0
                        : Math.sqrt(((l - 1.0) * (l - 1.0) - (double) m * m) * (2.0 * l + 1.0) / ((2.0 * l - 3.0) * l2m2));
            }
        }
    }

    public int lmax() {
        return lmax;
    }

    public static int index(int l, int m) {
        return l * l + l + m;
    }

    public static int size(int lmax) {
        return (lmax + 1) * (lmax + 1);
    }

    /** Y_lm of the direction of (x,y,z) (need not be unit; zero vector → ẑ) into out[index(l,m)]. */
    public void compute(double x, double y, double z, double[] out) {
        double r = Math.sqrt(x * x + y * y + z * z);
        if (!(r > 1e-150 && r < 1e150)) r = Math.hypot(Math.hypot(x, y), z); // squares under/overflowed
        if (r == 0.0) {
            evaluate(0.0, 0.0, 1.0, 1.0, out);
            return;
        }
        evaluate(x / r, y / r, z / r, 1.0, out);
    }

    /** Same, times r^l: the real solid harmonics r^l Y_lm(r̂), polynomial in x,y,z (zero vector ok). */
    public void computeSolid(double x, double y, double z, double[] out) {
        evaluate(x, y, z, x * x + y * y + z * z, out);
    }

    private void evaluate(double x, double y, double z, double r2, double[] out) {
        if (out.length < size(lmax)) throw new IllegalArgumentException("output shorter than (lmax+1)^2");
        final double sqrt2 = Math.sqrt(2.0);
        double re = 1.0; // Re (x+iy)^m
        double im = 0.0; // Im (x+iy)^m
        for (int m = 0; m <= lmax; m++) {
            if (m > 0) {
                double t = re * x - im * y;
                im = re * y + im * x;
                re = t;
            }
            double cosPart = m == 0 ? 1.0 : sqrt2 * re;
            double sinPart = sqrt2 * im;
            double fPrev = 0.0;
            double f = diag[m];
            for (int l = m; l <= lmax; l++) {
                if (l > m) {
                    int k = index(l, m);
                    double next = a[k] * z * f - b[k] * r2 * fPrev;
                    fPrev = f;
                    f = next;
                }
                int c = l * l + l;
                out[c + m] = f * cosPart;
                if (m > 0) out[c - m] = f * sinPart;
            }
        }
    }
}
