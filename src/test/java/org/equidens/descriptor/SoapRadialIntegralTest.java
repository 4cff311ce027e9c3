package org.equidens.descriptor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.stream.Stream;
import org.equidens.math.GaussLegendre;
import org.equidens.math.SpecialFunctions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The analytic (1F1, Kummer form) radial integral against an independent route: direct quadrature of
 * I_nl(r) = (πσ²)^(−3/4) 4π ∫ ρ² B_n(ρ) e^(−(ρ−r)²/(2σ²)) [e^(−x) i_l(x)] dρ, x = ρr/σ², which uses
 * only the orthonormal basis and the scaled Bessel function (no hypergeometric function).
 */
class SoapRadialIntegralTest {
    private static final GaussLegendre GL = new GaussLegendre(32);

    /** (σ, rc, N, lmax): the featomic test, the overflow case of the brief, wide and narrow densities. */
    static Stream<Arguments> hypers() {
        return Stream.of(
                Arguments.of(0.3, 5.5, 8, 8),
                Arguments.of(0.1, 6.0, 10, 6),
                Arguments.of(0.5, 4.5, 6, 6),
                Arguments.of(1.0, 3.0, 5, 12),
                Arguments.of(0.2, 5.0, 12, 10),
                Arguments.of(0.05, 8.0, 6, 4));
    }

    static double[] quadrature(SoapRadialIntegral integral, double r) {
        int size = integral.radialSize();
        int lmax = integral.maxAngular();
        double sigma = integral.atomicWidth();
        GtoRadialBasis basis = integral.basis();
        double[] out = new double[integral.length()];
        double[] b = new double[size];
        double[] scratch = new double[size];
        double[] bessel = new double[lmax + 1];
        double lo = Math.max(0, r - 14 * sigma);
        double hi = r + 14 * sigma;
        int panels = 24;
        double pref = Math.pow(Math.PI * sigma * sigma, -0.75) * 4 * Math.PI;
        for (int p = 0; p < panels; p++) {
            double a = lo + (hi - lo) * p / panels;
            double c = lo + (hi - lo) * (p + 1) / panels;
            for (int i = 0; i < GL.size(); i++) {
                double rho = GL.node(i, a, c);
                double w = GL.weight(i, a, c) * pref * rho * rho * Math.exp(-(rho - r) * (rho - r) / (2 * sigma * sigma));
                basis.evaluate(rho, b, scratch);
                SpecialFunctions.scaledSphericalBesselI(lmax, rho * r / (sigma * sigma), bessel);
                for (int l = 0; l <= lmax; l++) for (int n = 0; n < size; n++) out[l * size + n] += w * bessel[l] * b[n];
            }
        }
        return out;
    }

    @ParameterizedTest
    @MethodSource("hypers")
    void analyticMatchesQuadrature(double sigma, double rc, int size, int lmax) {
        SoapRadialIntegral integral = SoapRadialIntegral.of(size - 1, lmax, rc, sigma);
        double[] values = new double[integral.length()];
        double worst = 0;
        for (double r : new double[] {0.0, 1e-3, 0.011, 0.37, 1.1, 0.5 * rc, rc - 0.3, rc}) {
            integral.compute(r, values, null);
            double[] expected = quadrature(integral, r);
            double scale = 0;
            for (double x : expected) scale = Math.max(scale, Math.abs(x));
            for (int k = 0; k < values.length; k++) {
                assertTrue(Double.isFinite(values[k]), "finite");
                double err = Math.abs(values[k] - expected[k]);
                worst = Math.max(worst, err / scale);
                assertTrue(err <= 5e-12 * scale, "σ=" + sigma + " r=" + r + " l=" + k / size + " n=" + k % size
                        + ": " + values[k] + " vs quadrature " + expected[k]);
            }
        }
        System.out.printf("radial integral σ=%.2f rc=%.1f N=%d lmax=%d: max |analytic − quadrature| / max|I| = %.2e%n",
                sigma, rc, size, lmax, worst);
    }

    /** 4th-order central differences of the analytic values; I_nl(−r) = (−1)^l I_nl(r) handles r ≈ 0. */
    @ParameterizedTest
    @MethodSource("hypers")
    void derivativeMatchesFiniteDifferences(double sigma, double rc, int size, int lmax) {
        SoapRadialIntegral integral = SoapRadialIntegral.of(size - 1, lmax, rc, sigma);
        int len = integral.length();
        double[] values = new double[len];
        double[] grad = new double[len];
        double[][] f = new double[4][len];
        double h = 2e-3 * sigma;
        for (double r : new double[] {0.0, 0.5 * h, 0.2, 0.5 * rc, rc - 0.1, rc}) {
            integral.compute(r, values, grad);
            double[] offsets = {-2 * h, -h, h, 2 * h};
            for (int k = 0; k < 4; k++) {
                double x = r + offsets[k];
                integral.compute(Math.abs(x), f[k], null);
                if (x < 0) for (int l = 1; l <= lmax; l += 2) for (int n = 0; n < size; n++) f[k][l * size + n] *= -1;
            }
            double scale = 0;
            for (int k = 0; k < len; k++) scale = Math.max(scale, Math.abs(grad[k]));
            scale = Math.max(scale, 1e-3 / sigma);
            for (int k = 0; k < len; k++) {
                double fd = (f[0][k] - 8 * f[1][k] + 8 * f[2][k] - f[3][k]) / (12 * h);
                assertEquals(fd, grad[k], 1e-8 * scale, "σ=" + sigma + " r=" + r + " l=" + k / size + " n=" + k % size);
            }
        }
    }

    @Test
    void valuesAtOrigin() {
        SoapRadialIntegral integral = SoapRadialIntegral.of(7, 8, 5.5, 0.3);
        double[] v = new double[integral.length()];
        double[] g = new double[integral.length()];
        integral.compute(0.0, v, g);
        for (int l = 1; l <= 8; l++) for (int n = 0; n < 8; n++) assertEquals(0.0, v[l * 8 + n]);
        for (int l = 0; l <= 8; l++) {
            for (int n = 0; n < 8; n++) {
                if (l != 1) assertEquals(0.0, g[l * 8 + n], "only l = 1 has a non-zero slope at r = 0");
            }
        }
        boolean someNonZero = false;
        for (int n = 0; n < 8; n++) someNonZero |= g[8 + n] != 0.0;
        assertTrue(someNonZero);
    }

    @Test
    void narrowGaussianLargeCutoffStaysFinite() {
        // σ = 0.1 Å, rc = 6 Å: z = a²r²/(a+b) ≈ 1800 at the cutoff, where e^(−ar²)·1F1 overflows if
        // evaluated as written.
        SoapRadialIntegral integral = SoapRadialIntegral.of(9, 10, 6.0, 0.1);
        double[] v = new double[integral.length()];
        double[] g = new double[integral.length()];
        for (double r = 0; r <= 6.0; r += 0.01) {
            integral.compute(r, v, g);
            for (int k = 0; k < v.length; k++) {
                assertTrue(Double.isFinite(v[k]) && Double.isFinite(g[k]), "r=" + r);
            }
        }
    }

    @Test
    void rejectsBadInput() {
        assertThrows(IllegalArgumentException.class, () -> SoapRadialIntegral.of(3, 2, 5.0, 0.0));
        assertThrows(IllegalArgumentException.class, () -> SoapRadialIntegral.of(3, -1, 5.0, 0.3));
        SoapRadialIntegral integral = SoapRadialIntegral.of(3, 2, 5.0, 0.3);
        assertThrows(IllegalArgumentException.class, () -> integral.compute(-1, new double[12], null));
    }
}
