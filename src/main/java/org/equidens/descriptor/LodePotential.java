package org.equidens.descriptor;

import org.equidens.math.SpecialFunctions;

/**
 * featomic's {@code SmearedPowerLaw} potential of one atom, g_p(r) = γ(p/2, r²/2σ²)/(Γ(p/2) r^p), and
 * its Fourier transform φ̃_p(k), for p = 1..6; p = 0 is the L2-normalised Gaussian
 * (πσ²)^(−3/4) e^(−r²/2σ²) (featomic's convention, so p = 0 LODE equals SOAP).
 *
 * <p>Why these formulas: writing 1/r^p = Γ(p/2)^(−1) ∫_0^∞ t^(p/2−1) e^(−r²t) dt and cutting the
 * integral at t = 1/(2σ²) gives exactly g_p, a superposition of Gaussians; transforming each gives
 * φ̃_p(k) = π^(3/2) (2σ²)^((3−p)/2)/Γ(p/2) · x^((p−3)/2) Γ((3−p)/2, x) with x = k²σ²/2. For p = 1
 * this is 4π e^(−x)/k² (the Coulomb potential of a unit Gaussian charge, Gaussian units). The upper
 * incomplete gammas Γ(1/2 − j, x) and Γ(−j, x) come from Γ(1/2, x) = √π erfc √x and Γ(0, x) = E1(x)
 * by the downward recurrence; x ≤ k_c²σ²/2 stays moderate, so the recurrence loses at most a few
 * digits at the largest x, far below the accuracy the features need. The k = 0 limit exists for p &gt; 3
 * (and p = 0): φ̃_p(0) = π^(3/2)(2σ²)^((3−p)/2)·2/((p−3)Γ(p/2)).
 *
 * <p>Also contains erf/erfc and E1 (no such functions in the JDK).
 */
public final class LodePotential {
    static final int MAX_EXPONENT = 6;
    private static final double SQRT_PI = 1.7724538509055160273;
    private static final double EULER_GAMMA = 0.57721566490153286061;

    private final int exponent;
    private final double smearing;
    private final double fourierPrefactor;

    /**
     * @param exponent p in 0..6
     * @param smearing σ &gt; 0 (Å)
     */
    public LodePotential(int exponent, double smearing) {
        if (exponent < 0 || exponent > MAX_EXPONENT) {
            throw new IllegalArgumentException("LODE exponent p must be in 0.." + MAX_EXPONENT + ", got " + exponent);
        }
        if (!(smearing > 0) || Double.isInfinite(smearing)) {
            throw new IllegalArgumentException("LODE smearing must be finite and > 0, got " + smearing);
        }
        this.exponent = exponent;
        this.smearing = smearing;
        fourierPrefactor = exponent == 0 ? Math.pow(4 * Math.PI * smearing * smearing, 0.75)
                : Math.pow(Math.PI, 1.5) * Math.pow(2 * smearing * smearing, 0.5 * (3 - exponent))
                        / SpecialFunctions.gammaHalfInteger(exponent);
    }

    public int exponent() {
        return exponent;
    }

    public double smearing() {
        return smearing;
    }

    /** φ̃_p(k) for k &gt; 0 (any k for p = 0 or p &gt; 3). */
    public double fourier(double k) {
        double x = 0.5 * k * k * smearing * smearing;
        switch (exponent) {
            case 0:
                return fourierPrefactor * Math.exp(-x);
            case 1:
                return 4 * Math.PI * Math.exp(-x) / (k * k);
            default:
                if (x == 0.0) {
                    if (exponent <= 3) throw new IllegalArgumentException("φ̃_p(0) diverges for p ≤ 3");
                    return fourierPrefactor * 2.0 / (exponent - 3);
                }
                return fourierPrefactor * scaledUpperGamma(exponent, x);
        }
    }

    /** True if the k = 0 term exists and featomic adds it (p = 0 and p &gt; 3); it is dropped for 1 ≤ p ≤ 3. */
    public boolean hasZeroTerm() {
        return exponent == 0 || exponent > 3;
    }

    /** x^((p−3)/2) Γ((3−p)/2, x) for p ≥ 2, x &gt; 0. */
    static double scaledUpperGamma(int p, double x) {
        // a = (3−p)/2; start from a0 = 1/2 (even p) or 0 (odd p) and go down: Γ(a, x) = (Γ(a+1, x) − x^a e^(−x))/a.
        double g;
        double a;
        if ((p & 1) == 0) {
            g = SQRT_PI * erfc(Math.sqrt(x));
            a = 0.5;
        } else {
            g = expIntegralE1(x);
            a = 0.0;
        }
        double target = 0.5 * (3 - p);
        double ex = Math.exp(-x);
        while (a > target) {
            a -= 1.0;
            g = (g - Math.pow(x, a) * ex) / a;
        }
        return Math.pow(x, 0.5 * (p - 3)) * g;
    }

    /** g_p(r), r ≥ 0 (finite at 0). */
    public double value(double r) {
        double s2 = smearing * smearing;
        if (exponent == 0) return Math.pow(Math.PI * s2, -0.75) * Math.exp(-0.5 * r * r / s2);
        double y = 0.5 * r * r / s2;
        double half = 0.5 * exponent;
        if (r == 0.0) return Math.pow(0.5 / s2, half) / SpecialFunctions.gammaHalfInteger(exponent + 2);
        if (exponent == 1 && r > 1e-3 * smearing) return erf(r / (Math.sqrt(2) * smearing)) / r;
        return regularizedLowerGamma(exponent, y) / Math.pow(r, exponent);
    }

    /** P(a, y) = γ(a, y)/Γ(a) for a = twiceA/2 a positive (half-)integer and y ≥ 0. */
    static double regularizedLowerGamma(int twiceA, double y) {
        double a = 0.5 * twiceA;
        if (y < a + 8) {
            // y^a e^(−y)/Γ(a+1) Σ_k y^k/((a+1)...(a+k)), positive terms
            double term = 1.0;
            double sum = 1.0;
            for (int k = 1; k < 1000; k++) {
                term *= y / (a + k);
                sum += term;
                if (term < 1e-17 * sum) break;
            }
            return Math.exp(a * Math.log(y) - y) / SpecialFunctions.gammaHalfInteger(twiceA + 2) * sum;
        }
        return 1.0 - regularizedUpperGamma(twiceA, y);
    }

    /** Q(a, y) = Γ(a, y)/Γ(a) for a = twiceA/2 a positive (half-)integer, by the finite closed forms. */
    static double regularizedUpperGamma(int twiceA, double y) {
        double ey = Math.exp(-y);
        if ((twiceA & 1) == 0) {
            int n = twiceA / 2; // e^(−y) Σ_(k<n) y^k/k!
            double term = ey;
            double sum = term;
            for (int k = 1; k < n; k++) {
                term *= y / k;
                sum += term;
            }
            return sum;
        }
        int n = (twiceA - 1) / 2; // erfc √y + e^(−y) Σ_(k=1..n) y^(k−1/2)/Γ(k+1/2)
        double sy = Math.sqrt(y);
        double sum = erfc(sy);
        double term = ey * sy / (0.5 * SQRT_PI); // k = 1: y^(1/2)/Γ(3/2)
        for (int k = 1; k <= n; k++) {
            sum += term;
            term *= y / (k + 0.5);
        }
        return sum;
    }

    /** erf(x), about 1e-16 absolute. */
    public static double erf(double x) {
        if (x < 0) return -erf(-x);
        if (x < 2.5) return erfSeries(x);
        return 1.0 - erfc(x);
    }

    /** erfc(x); relative accuracy ~1e-15 for x ≥ 2.5 (continued fraction), 1 − erf below. */
    public static double erfc(double x) {
        if (x < 2.5) return 1.0 - erf(x);
        if (x > 27.3) return 0.0;
        // erfc x = e^(−x²)/√π · 1/(x + (1/2)/(x + 1/(x + (3/2)/(x + 2/(x + ...))))), evaluated bottom-up
        double f = x;
        for (int k = 120; k >= 1; k--) f = x + 0.5 * k / f;
        return Math.exp(-x * x) / (SQRT_PI * f);
    }

    /** erf by the everywhere-positive series 2/√π e^(−x²) Σ 2^n x^(2n+1)/(2n+1)!!, 0 ≤ x &lt; 2.5. */
    private static double erfSeries(double x) {
        double x2 = x * x;
        double term = x;
        double sum = x;
        for (int n = 1; n < 200; n++) {
            term *= 2 * x2 / (2 * n + 1);
            sum += term;
            if (term < 1e-17 * sum) break;
        }
        return 2.0 / SQRT_PI * Math.exp(-x2) * sum;
    }

    /** Exponential integral E1(x) = ∫_x^∞ e^(−t)/t dt, x &gt; 0. */
    public static double expIntegralE1(double x) {
        if (!(x > 0)) throw new IllegalArgumentException("E1 needs x > 0: " + x);
        if (x <= 1.0) {
            // −γ − ln x − Σ_(k≥1) (−x)^k/(k·k!)
            double sum = 0;
            double term = 1;
            for (int k = 1; k < 60; k++) {
                term *= -x / k;
                sum += term / k;
                if (Math.abs(term) < 1e-18) break;
            }
            return -EULER_GAMMA - Math.log(x) - sum;
        }
        // E1(x) = e^(−x)/(x + 1 − 1²/(x + 3 − 2²/(x + 5 − ...))), bottom-up
        double f = x + 2 * 200 + 1;
        for (int k = 200; k >= 1; k--) f = x + 2 * k - 1 - (double) k * k / f;
        return Math.exp(-x) / f;
    }
}
