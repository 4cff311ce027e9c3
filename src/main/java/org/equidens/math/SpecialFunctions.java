package org.equidens.math;

/**
 * Special functions needed by the radial machinery: Gamma at integers and half-integers (exact
 * products, so GTO normalisations carry no Lanczos error), and the exponentially scaled modified
 * spherical Bessel functions e^(-x) i_l(x), which never overflow and are what a Gaussian-times-Bessel
 * quadrature needs.
 */
public final class SpecialFunctions {
    private static final double SQRT_PI = 1.7724538509055160273;
    private static final double LN_PI = 1.1447298858494001741;

    private SpecialFunctions() {}

    /**
     * Γ(k/2) for a positive integer k, by the recurrence Γ(x+1) = xΓ(x) from Γ(1) = 1 or Γ(1/2) = √π.
     * The product has k/2 roundings, i.e. a relative error of about k·1e-16. Overflows to +∞ for
     * k/2 > 171.
     */
    public static double gammaHalfInteger(int twiceX) {
        if (twiceX <= 0) throw new IllegalArgumentException("Γ(k/2) needs k > 0, got k = " + twiceX);
        double g;
        int start;
        if ((twiceX & 1) == 0) {
            g = 1.0;
            start = 2; // x = 1
        } else {
            g = SQRT_PI;
            start = 1; // x = 1/2
        }
        for (int t = start; t < twiceX; t += 2) g *= 0.5 * t;
        return g;
    }

    /** Γ(x) for x a positive integer or half-integer; throws otherwise. */
    public static double gammaHalfInteger(double x) {
        return gammaHalfInteger(twice(x));
    }

    /**
     * ln|Γ(k/2)| for any integer k that is not a non-positive even number (those are poles). Negative
     * half-integers use the reflection Γ(x)Γ(1−x) = π/sin(πx), with |sin(πx)| = 1.
     */
    public static double logAbsGammaHalfInteger(int twiceX) {
        if (twiceX > 0) {
            double s = (twiceX & 1) == 0 ? 0.0 : 0.5 * LN_PI;
            for (int t = (twiceX & 1) == 0 ? 2 : 1; t < twiceX; t += 2) s += Math.log(0.5 * t);
            return s;
        }
        if ((twiceX & 1) == 0) throw new IllegalArgumentException("Γ has a pole at " + 0.5 * twiceX);
        return LN_PI - logAbsGammaHalfInteger(2 - twiceX);
    }

    /** 2x as an int if x is an integer or half-integer of moderate size, else throws. */
    static int twice(double x) {
        double t = 2.0 * x;
        if (t != Math.rint(t) || Math.abs(t) > 1e6) {
            throw new IllegalArgumentException("not an integer or half-integer: " + x);
        }
        return (int) t;
    }

    /** True if 2x is an integer of moderate size. */
    static boolean isHalfInteger(double x) {
        double t = 2.0 * x;
        return t == Math.rint(t) && Math.abs(t) <= 1e6;
    }

    /**
     * Exponentially scaled modified spherical Bessel functions of the first kind,
     * {@code out[l] = e^(-x) i_l(x)} for l = 0..lmax and x ≥ 0.
     *
     * <p>Why this way: i_0 is known in closed form (scaled: (1 − e^(−2x))/(2x)); the ratios
     * i_l/i_(l−1) come from the continued fraction r_l = x/((2l+1) + x·r_(l+1)), evaluated downward
     * from well above max(lmax, x), which is stable (i_l is the minimal solution of the recurrence)
     * where upward recurrence is not.
     */
    public static void scaledSphericalBesselI(int lmax, double x, double[] out) {
        if (lmax < 0) throw new IllegalArgumentException("lmax < 0");
        if (!(x >= 0) || Double.isInfinite(x)) throw new IllegalArgumentException("x must be finite and ≥ 0: " + x);
        if (x == 0.0) {
            out[0] = 1.0;
            for (int l = 1; l <= lmax; l++) out[l] = 0.0;
            return;
        }
        out[0] = x < 1e-8 ? 1.0 - x + x * x * (2.0 / 3.0) : -Math.expm1(-2.0 * x) / (2.0 * x);
        if (lmax == 0) return;
        // Downward continued fraction for the ratios; start far enough above max(lmax, x) that the
        // neglected tail is below double precision (each step contracts by about x/(2l)).
        int start = lmax + 40 + (int) Math.min(x, 1e6);
        double ratio = 0.0;
        for (int l = start; l > lmax; l--) ratio = x / ((2 * l + 1) + x * ratio);
        // Now ratio = r_(lmax+1). Store r_l in out[l] for l = lmax..1, then multiply upward.
        for (int l = lmax; l >= 1; l--) {
            ratio = x / ((2 * l + 1) + x * ratio);
            out[l] = ratio;
        }
        for (int l = 1; l <= lmax; l++) out[l] *= out[l - 1];
    }
}
