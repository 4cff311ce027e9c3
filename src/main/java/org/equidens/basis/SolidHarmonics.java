package org.equidens.basis;

/**
 * Real solid harmonics S_lm(x,y,z) = r^l Y_lm(r̂) as explicit Cartesian polynomials, for any l up
 * to {@link #MAX_L}, in equidens' convention.
 *
 * <p>Why self-contained: the integrals need the Cartesian expansion, and the convention must be
 * pinned here, independently of other packages. Convention: Y_lm orthonormal on the unit sphere,
 * no Condon–Shortley sign: Y_lm ∝ +P_l^|m|(cos θ) cos(mφ) for m &gt; 0, ∝ +P_l^|m|(cos θ) sin(|m|φ)
 * for m &lt; 0, with P_l^m(μ) = (1-μ²)^{m/2} d^m P_l/dμ^m. Hence l=1 gives (y, z, x) and l=2 gives
 * (xy, yz, 3z²-r², xz, x²-y²), all with positive prefactors. Index of m within a shell: m + l.
 *
 * <p>Cartesian monomials x^i y^j z^k of degree l are indexed by {@link #cartIndex(int, int, int)}
 * (i descending, then j descending): for l=2: xx, xy, xz, yy, yz, zz.
 *
 * <p>Construction: r^l P_l^m(z/r) e^{±imφ} = (x ± iy)^m · Σ_k c_k z^{l-m-2k} r^{2k}, with
 * c_k = (-1)^k (2l-2k)! / (2^l k! (l-k)! (l-m-2k)!), expanded with the multinomial theorem.
 * Tables are computed once, at class initialisation.
 */
public final class SolidHarmonics {
    /** Largest l with a table (integrals of two shells need Boys orders up to 2·MAX_L). */
    public static final int MAX_L = 16;

    private static final double[][] COEFFS = new double[MAX_L + 1][];
    private static final int[][] POWERS = new int[MAX_L + 1][];
    private static final double[] FACT = new double[4 * MAX_L + 2];

    static {
        FACT[0] = 1;
        for (int i = 1; i < FACT.length; i++) FACT[i] = FACT[i - 1] * i;
        for (int l = 0; l <= MAX_L; l++) {
            COEFFS[l] = build(l);
            int nc = ncart(l);
            int[] p = new int[3 * nc];
            for (int i = l; i >= 0; i--) {
                for (int j = l - i; j >= 0; j--) {
                    int c = cartIndex(i, j, l - i - j);
                    p[3 * c] = i;
                    p[3 * c + 1] = j;
                    p[3 * c + 2] = l - i - j;
                }
            }
            POWERS[l] = p;
        }
    }

    private SolidHarmonics() {}

    /** Number of Cartesian monomials of degree l. */
    public static int ncart(int l) {
        return (l + 1) * (l + 2) / 2;
    }

    /** Index of x^i y^j z^k among the monomials of degree i+j+k. */
    public static int cartIndex(int i, int j, int k) {
        int l = i + j + k;
        return (l - i) * (l - i + 1) / 2 + (l - i - j);
    }

    /**
     * Coefficients, row-major (2l+1) × ncart(l): row m+l holds the Cartesian expansion of S_lm.
     * Returns the shared table: do not modify.
     */
    static double[] table(int l) {
        return COEFFS[l];
    }

    /** A copy of {@link #table(int)}. */
    public static double[] coefficients(int l) {
        checkL(l);
        return COEFFS[l].clone();
    }

    /** Exponents (i, j, k) of monomial c at 3c, 3c+1, 3c+2 (a copy). */
    public static int[] powers(int l) {
        checkL(l);
        return POWERS[l].clone();
    }

    static int[] powersShared(int l) {
        return POWERS[l];
    }

    /** S_lm(x, y, z) for all m, written to out[offset + m + l]. Slow reference path (tests, setup). */
    public static void evaluate(int l, double x, double y, double z, double[] out, int offset) {
        checkL(l);
        int nc = ncart(l);
        double[] t = COEFFS[l];
        int[] p = POWERS[l];
        for (int m = 0; m < 2 * l + 1; m++) {
            double s = 0;
            for (int c = 0; c < nc; c++) {
                double v = t[m * nc + c];
                if (v != 0) s += v * Math.pow(x, p[3 * c]) * Math.pow(y, p[3 * c + 1]) * Math.pow(z, p[3 * c + 2]);
            }
            out[offset + m] = s;
        }
    }

    /** Γ(n/2) for a positive integer n. */
    static double gammaHalfInteger(int n) {
        if (n % 2 == 0) return FACT[n / 2 - 1];
        // Γ(1/2 + k) = (2k)! √π / (4^k k!)
        int k = (n - 1) / 2;
        double g = Math.sqrt(Math.PI);
        for (int i = 0; i < k; i++) g *= (i + 0.5);
        return g;
    }

    private static void checkL(int l) {
        if (l < 0 || l > MAX_L) throw new IllegalArgumentException("l = " + l + " outside 0.." + MAX_L);
    }

    private static double binom(int n, int k) {
        return FACT[n] / (FACT[k] * FACT[n - k]);
    }

    private static double[] build(int l) {
        int nc = ncart(l);
        double[] t = new double[(2 * l + 1) * nc];
        for (int m = -l; m <= l; m++) {
            int am = Math.abs(m);
            double norm = Math.sqrt((m == 0 ? 1.0 : 2.0) * (2 * l + 1) / (4 * Math.PI) * FACT[l - am] / FACT[l + am]);
            int row = (m + l) * nc;
            for (int k = 0; 2 * k <= l - am; k++) {
                double ck = ((k % 2 == 0) ? 1 : -1) * FACT[2 * l - 2 * k]
                        / (Math.pow(2, l) * FACT[k] * FACT[l - k] * FACT[l - am - 2 * k]);
                int zpow = l - am - 2 * k;
                for (int a = 0; a <= k; a++) {
                    for (int b = 0; a + b <= k; b++) {
                        int c = k - a - b;
                        double mult = FACT[k] / (FACT[a] * FACT[b] * FACT[c]);
                        for (int j = 0; j <= am; j++) {
                            double phase;
                            if (m >= 0) {
                                if (j % 2 != 0) continue;
                                phase = (j / 2) % 2 == 0 ? 1 : -1;
                            } else {
                                if (j % 2 == 0) continue;
                                phase = ((j - 1) / 2) % 2 == 0 ? 1 : -1;
                            }
                            int idx = cartIndex(2 * a + am - j, 2 * b + j, 2 * c + zpow);
                            t[row + idx] += norm * ck * mult * binom(am, j) * phase;
                        }
                    }
                }
            }
        }
        return t;
    }
}
