package org.equidens.math;

/**
 * Kummer's confluent hypergeometric function M(a; b; z) = 1F1(a; b; z) = Σ (a)_k z^k / ((b)_k k!).
 *
 * <p>The SOAP radial integral needs e^(−a r²)·M(A; B; z) with z up to thousands, where M alone
 * overflows. {@link #scaled} therefore returns e^(−z)·M(a; b; z) = M(b−a; b; −z) (Kummer's
 * transformation), which is bounded by a power of z and never overflows. It is evaluated as
 * <ul>
 *   <li>a finite sum of positive terms when b − a is a non-positive integer (the radial integral's
 *       n ≥ l, n − l even case);</li>
 *   <li>the large-z asymptotic series Γ(b)/Γ(a)·z^(a−b)·Σ (b−a)_k (1−a)_k/(k! z^k) when a, b are
 *       (half-)integers, z ≥ 30, the series converges without cancellation and the neglected
 *       e^(−z) branch is below 1e-17 (it terminates when a is a positive integer);</li>
 *   <li>otherwise the Taylor series of M(a; b; z), all of whose terms are positive for a, z > 0,
 *       with power-of-two rescaling of the running sum and e^(−z) applied at the end through a
 *       Cody–Waite split, so no intermediate overflows and no exponent rounding is amplified.</li>
 * </ul>
 * Relative accuracy is a few 1e-16 for moderate z and at worst ~√(number of terms)·1e-16 on the
 * series path. Only b &gt; 0 is supported (all the radial integrals need).
 */
public final class Hypergeometric1F1 {
    private static final double TINY = 1e-17;
    private static final double LN2_HI = 6.93147180369123816490e-01; // ln 2 with trailing zero bits
    private static final double LN2_LO = 1.90821492927058770002e-10; // ln 2 − LN2_HI
    private static final double INV_LN2 = 1.44269504088896338700e+00;
    private static final int RESCALE_BITS = 600;
    private static final double RESCALE_LIMIT = 0x1p600;

    private Hypergeometric1F1() {}

    /**
     * M(a; b; z) for real a, b &gt; 0 and real z. Negative z goes through Kummer's transformation
     * (M(a; b; z) = M(b−a; b; −z)·e^z = {@link #scaled}(b−a, b, −z)); large positive z may overflow to
     * +∞, which is then the correctly rounded answer.
     */
    public static double value(double a, double b, double z) {
        checkB(b);
        if (Double.isNaN(a) || Double.isNaN(z)) return Double.NaN;
        if (isNonPositiveInteger(a)) return polynomial(a, b, z);
        if (z == 0.0) return 1.0;
        if (z < 0) return scaled(b - a, b, -z);
        return series(a, b, z, false);
    }

    /**
     * e^(−z)·M(a; b; z) = M(b−a; b; −z) for z ≥ 0 and b &gt; 0. Never overflows for the radial
     * integral's arguments (it behaves like Γ(b)/Γ(a)·z^(a−b) for large z).
     */
    public static double scaled(double a, double b, double z) {
        checkB(b);
        if (!(z >= 0) || Double.isInfinite(z)) throw new IllegalArgumentException("scaled 1F1 needs finite z ≥ 0, got " + z);
        if (Double.isNaN(a)) return Double.NaN;
        if (z == 0.0) return 1.0;
        double c = b - a;
        if (isNonPositiveInteger(c)) return polynomial(c, b, -z); // positive terms
        if (isNonPositiveInteger(a)) return polynomial(a, b, z) * Math.exp(-z);
        if (z >= 30.0 && a > 0 && SpecialFunctions.isHalfInteger(a) && SpecialFunctions.isHalfInteger(b)) {
            double asym = asymptotic(a, b, z);
            if (!Double.isNaN(asym)) return asym;
        }
        return series(a, b, z, true);
    }

    /** Σ_(k ≤ −a) (a)_k z^k/((b)_k k!) for a non-positive integer a. */
    private static double polynomial(double a, double b, double z) {
        int m = (int) -a;
        double term = 1.0;
        double sum = 1.0;
        for (int k = 0; k < m; k++) {
            term *= (a + k) * z / ((b + k) * (k + 1));
            sum += term;
        }
        return sum;
    }

    /**
     * Taylor series of M(a; b; z), z &gt; 0, with the running sum rescaled by 2^−600 whenever it
     * grows past 2^600; optionally multiplied by e^(−z) at the end.
     */
    private static double series(double a, double b, double z, boolean scaleByExp) {
        double term = 1.0;
        double sum = 1.0;
        int exponent2 = 0;
        long maxTerms = 1000L + 20L * (long) Math.ceil(z) + (long) Math.ceil(Math.abs(a));
        for (long k = 0; ; k++) {
            if (k > maxTerms) throw new ArithmeticException("1F1 series did not converge: a=" + a + " b=" + b + " z=" + z);
            term *= (a + k) * z / ((b + k) * (k + 1));
            sum += term;
            if (Math.abs(sum) > RESCALE_LIMIT) {
                sum = Math.scalb(sum, -RESCALE_BITS);
                term = Math.scalb(term, -RESCALE_BITS);
                exponent2 += RESCALE_BITS;
            }
            // Stop once the terms decrease geometrically and the bounded tail is negligible.
            double nextRatio = Math.abs((a + k + 1) * z / ((b + k + 1) * (k + 2)));
            if (k + 1 > -a && nextRatio < 1.0 && Math.abs(term) * nextRatio / (1.0 - nextRatio) <= TINY * Math.abs(sum)) {
                break;
            }
        }
        if (!scaleByExp) return Math.scalb(sum, exponent2);
        return scaledExp(-z, sum, exponent2);
    }

    /** m·e^x·2^e2 without intermediate overflow: e^x = 2^j·e^r with r = x − j ln 2 (Cody–Waite). */
    private static double scaledExp(double x, double m, int e2) {
        double j = Math.rint(x * INV_LN2);
        double r = (x - j * LN2_HI) - j * LN2_LO;
        return Math.scalb(m * Math.exp(r), (int) j + e2);
    }

    /**
     * Large-z expansion of e^(−z) M(a; b; z) for (half-)integer a &gt; 0, b &gt; 0; NaN if it does not
     * reach double precision without cancellation, or if the dropped e^(−z) branch could matter.
     */
    private static double asymptotic(double a, double b, double z) {
        double c = b - a;
        int ta = SpecialFunctions.twice(a);
        int tb = SpecialFunctions.twice(b);
        double logPrefactor = SpecialFunctions.logAbsGammaHalfInteger(tb) - SpecialFunctions.logAbsGammaHalfInteger(ta)
                + (a - b) * Math.log(z);
        // Neglected branch: Γ(b)/Γ(c)·z^(−a)·e^(−z)·(1 + O(1/z)); compare with the leading Γ(b)/Γ(a)·z^(a−b).
        if (!isNonPositiveInteger(c)) {
            double logNeglected = SpecialFunctions.logAbsGammaHalfInteger(tb) - SpecialFunctions.logAbsGammaHalfInteger(tb - ta)
                    - a * Math.log(z) - z;
            if (logNeglected - logPrefactor > Math.log(TINY)) return Double.NaN;
        }
        double sum = 1.0;
        double term = 1.0;
        double maxTerm = 1.0;
        boolean converged = false;
        for (int k = 0; k < 400; k++) {
            double next = term * (c + k) * (1.0 - a + k) / ((k + 1) * z);
            if (next == 0.0) {
                converged = true;
                break;
            }
            if (Math.abs(next) > Math.abs(term) && k > Math.abs(c) + Math.abs(1.0 - a)) break; // diverging
            term = next;
            sum += term;
            maxTerm = Math.max(maxTerm, Math.abs(term));
            if (Math.abs(term) <= TINY * Math.abs(sum)) {
                converged = true;
                break;
            }
        }
        if (!converged || maxTerm > 8.0 * Math.abs(sum)) return Double.NaN;
        double prefactor;
        if (ta < 340 && tb < 340) {
            prefactor = SpecialFunctions.gammaHalfInteger(tb) / SpecialFunctions.gammaHalfInteger(ta) * Math.pow(z, a - b);
        } else {
            prefactor = Math.exp(logPrefactor);
        }
        return prefactor * sum;
    }

    static boolean isNonPositiveInteger(double x) {
        return x <= 0 && x == Math.rint(x);
    }

    private static void checkB(double b) {
        if (!(b > 0) || Double.isInfinite(b)) throw new IllegalArgumentException("1F1 implemented for finite b > 0, got " + b);
    }
}
