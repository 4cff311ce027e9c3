package org.equidens.math;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;

/** High-precision reference values (BigDecimal series), independent of the double code paths. */
final class BigReference {
    private BigReference() {}

    static MathContext mc(int digits) {
        return new MathContext(digits, RoundingMode.HALF_EVEN);
    }

    /** e^x to the given precision: Taylor of x/2^k, then k squarings. */
    static BigDecimal exp(BigDecimal x, int digits) {
        MathContext m = mc(digits + 20);
        boolean negative = x.signum() < 0;
        BigDecimal y = x.abs();
        int k = 0;
        while (y.compareTo(new BigDecimal("0.01")) > 0) {
            y = y.divide(BigDecimal.valueOf(2), m);
            k++;
        }
        BigDecimal sum = BigDecimal.ONE;
        BigDecimal term = BigDecimal.ONE;
        BigDecimal eps = BigDecimal.ONE.movePointLeft(digits + 25);
        for (int i = 1; term.abs().compareTo(eps) > 0; i++) {
            term = term.multiply(y, m).divide(BigDecimal.valueOf(i), m);
            sum = sum.add(term, m);
        }
        for (int i = 0; i < k; i++) sum = sum.multiply(sum, m);
        return negative ? BigDecimal.ONE.divide(sum, m) : sum;
    }

    /**
     * M(a; b; z) by its Taylor series with {@code digits} working digits; stops after the terms have
     * passed their peak and fall below 10^−(digits).
     */
    static BigDecimal hyp1f1(double a, double b, double z, int digits) {
        MathContext m = mc(digits);
        BigDecimal ba = new BigDecimal(a);
        BigDecimal bb = new BigDecimal(b);
        BigDecimal bz = new BigDecimal(z);
        BigDecimal sum = BigDecimal.ONE;
        BigDecimal term = BigDecimal.ONE;
        for (int k = 0; k < 1_000_000; k++) {
            BigDecimal bk = BigDecimal.valueOf(k);
            term = term.multiply(ba.add(bk), m).multiply(bz, m).divide(bb.add(bk).multiply(BigDecimal.valueOf(k + 1L), m), m);
            sum = sum.add(term, m);
            if (term.signum() == 0) break;
            boolean pastPeak = k > Math.abs(z) + Math.abs(a) + 5;
            if (pastPeak && term.abs().compareTo(sum.abs().movePointLeft(digits - 5)) < 0) break;
        }
        return sum;
    }

    /** e^(−z) M(a; b; z) for a &gt; 0, z ≥ 0 (positive series, so 50 digits are ample at any z). */
    static double scaledHyp1f1(double a, double b, double z) {
        BigDecimal s = hyp1f1(a, b, z, 50);
        return s.multiply(exp(new BigDecimal(-z), 50), mc(50)).doubleValue();
    }

    /** e^(−x) i_l(x) by the positive series of i_l. */
    static double scaledBesselI(int l, double x) {
        int digits = 50;
        MathContext m = mc(digits);
        BigDecimal bx = new BigDecimal(x);
        BigDecimal lead = BigDecimal.ONE;
        for (int j = 1; j <= l; j++) lead = lead.multiply(bx, m).divide(BigDecimal.valueOf(2L * j + 1), m); // x^l/(2l+1)!!
        BigDecimal half = bx.multiply(bx, m).divide(BigDecimal.valueOf(2), m);
        BigDecimal sum = BigDecimal.ONE;
        BigDecimal term = BigDecimal.ONE;
        for (int k = 1; k < 100000; k++) {
            term = term.multiply(half, m).divide(BigDecimal.valueOf((long) k * (2L * l + 2L * k + 1)), m);
            sum = sum.add(term, m);
            if (k > x && term.compareTo(sum.movePointLeft(digits - 3)) < 0) break;
        }
        return lead.multiply(sum, m).multiply(exp(bx.negate(), digits), m).doubleValue();
    }
}
