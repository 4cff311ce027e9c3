package org.equidens.basis;

import java.util.Arrays;

/**
 * One contracted shell as written in a basis file: angular momentum l, primitive exponents (bohr⁻²)
 * and contraction coefficients. Following the Gaussian94/Psi4 convention the file coefficients
 * multiply <em>normalised</em> primitives; {@link #normalizedCoefficients()} turns them into the
 * coefficients d_i actually used by equidens:
 *
 * <pre>  φ_lm(r) = Σ_i d_i exp(-a_i r²) r^l Y_lm(r̂),   ∫ φ_lm² = 1,</pre>
 *
 * where Y_lm are the orthonormal real spherical harmonics without Condon–Shortley sign (see
 * {@link SolidHarmonics}). With orthonormal Y the self-overlap does not depend on m, so one set of
 * d_i serves all 2l+1 functions.
 */
public record Shell(int l, double[] exponents, double[] coefficients) {
    public Shell {
        if (l < 0 || l > SolidHarmonics.MAX_L) {
            throw new IllegalArgumentException("angular momentum " + l + " outside 0.." + SolidHarmonics.MAX_L);
        }
        if (exponents.length == 0 || exponents.length != coefficients.length) {
            throw new IllegalArgumentException("need as many coefficients as exponents (and at least one)");
        }
        for (double a : exponents) {
            if (!(a > 0) || !Double.isFinite(a)) throw new IllegalArgumentException("exponent must be positive: " + a);
        }
        exponents = exponents.clone();
        coefficients = coefficients.clone();
    }

    public int size() {
        return 2 * l + 1;
    }

    public int primitives() {
        return exponents.length;
    }

    @Override
    public double[] exponents() {
        return exponents.clone();
    }

    @Override
    public double[] coefficients() {
        return coefficients.clone();
    }

    /** ∫ r^{2l} exp(-a r²) r² dr over [0,∞) = Γ(l+3/2) / (2 a^{l+3/2}). */
    static double radialNorm2(int l, double a) {
        return SolidHarmonics.gammaHalfInteger(2 * l + 3) / (2 * Math.pow(a, l + 1.5));
    }

    /** Coefficients d_i of the unit-normalised contraction (see class doc). */
    public double[] normalizedCoefficients() {
        int n = exponents.length;
        double[] d = new double[n];
        for (int i = 0; i < n; i++) {
            d[i] = coefficients[i] / Math.sqrt(radialNorm2(l, 2 * exponents[i]));
        }
        double s = 0;
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) s += d[i] * d[j] * radialNorm2(l, exponents[i] + exponents[j]);
        }
        if (!(s > 0)) throw new IllegalArgumentException("contraction has zero norm");
        double f = 1 / Math.sqrt(s);
        for (int i = 0; i < n; i++) d[i] *= f;
        return d;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Shell s && s.l == l && Arrays.equals(s.exponents, exponents)
                && Arrays.equals(s.coefficients, coefficients);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * l + Arrays.hashCode(exponents)) + Arrays.hashCode(coefficients);
    }

    @Override
    public String toString() {
        return "Shell[l=" + l + ", exponents=" + Arrays.toString(exponents) + ", coefficients="
                + Arrays.toString(coefficients) + "]";
    }
}
