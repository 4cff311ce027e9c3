package org.equidens.math;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class Hypergeometric1F1Test {
    private static final double TOL = 2e-14;

    private static double worst;

    @org.junit.jupiter.api.AfterAll
    static void report() {
        System.out.printf("1F1: worst relative error over all checks %.2e%n", worst);
    }

    private static void assertRelative(double expected, double actual, double tol, String what) {
        double err = Math.abs(actual - expected) / Math.abs(expected);
        worst = Math.max(worst, err);
        assertTrue(err <= tol, what + ": expected " + expected + " got " + actual + " (rel err " + err + ")");
    }

    @ParameterizedTest
    @ValueSource(doubles = {-60, -20, -3.5, -0.1, 0.0, 1e-9, 0.7, 5, 33, 80, 300})
    void equalParametersGiveExponential(double z) {
        for (double a : new double[] {0.5, 1.5, 2.0, 7.5}) {
            assertRelative(Math.exp(z), Hypergeometric1F1.value(a, a, z), TOL, "M(a;a;z)");
            if (z >= 0) assertRelative(1.0, Hypergeometric1F1.scaled(a, a, z), TOL, "e^-z M(a;a;z)");
        }
    }

    @ParameterizedTest
    @ValueSource(doubles = {-700, -60, -20, -1, -1e-3, 1e-3, 0.25, 4, 40, 200})
    void oneTwoIsExpm1OverZ(double z) {
        assertRelative(Math.expm1(z) / z, Hypergeometric1F1.value(1, 2, z), TOL, "M(1;2;z)");
        if (z > 0) assertRelative(-Math.expm1(-z) / z, Hypergeometric1F1.scaled(1, 2, z), TOL, "e^-z M(1;2;z)");
    }

    /** M(1/2; 3/2; −x²) = √π erf(x)/(2x); for x ≥ 7 erfc(x) &lt; 1e-22 so the value is √π/(2x). */
    @ParameterizedTest
    @ValueSource(doubles = {7, 9.5, 15, 40})
    void errorFunctionTail(double x) {
        assertRelative(Math.sqrt(Math.PI) / (2 * x), Hypergeometric1F1.value(0.5, 1.5, -x * x), TOL, "erf form");
    }

    @ParameterizedTest
    @ValueSource(doubles = {0.3, 1, 2.5, 4})
    void errorFunctionSeries(double x) {
        // erf(x) = 2x/√π · M(1/2; 3/2; −x²) — compare to the high-precision alternating series
        double expected = BigReference.hyp1f1(0.5, 1.5, -x * x, 60).doubleValue();
        assertRelative(expected, Hypergeometric1F1.value(0.5, 1.5, -x * x), TOL, "M(1/2;3/2;-x^2)");
    }

    /** The (A, B) = ((n+l+3)/2, l+3/2) pairs of the radial integral and its derivative (A+1, B+1). */
    static Stream<Arguments> radialArguments() {
        List<Arguments> out = new ArrayList<>();
        double[] zs = {1e-6, 0.05, 0.9, 3.3, 11, 29.99, 30.01, 47, 95, 260, 720, 1850};
        for (int n = 0; n <= 13; n++) {
            for (int l = 0; l <= 10; l++) {
                for (int shift = 0; shift <= 1; shift++) {
                    for (double z : zs) out.add(Arguments.of(0.5 * (n + l + 3) + shift, l + 1.5 + shift, z));
                }
            }
        }
        return out.stream();
    }

    @ParameterizedTest
    @MethodSource("radialArguments")
    void scaledMatchesHighPrecisionSeries(double a, double b, double z) {
        double expected = BigReference.scaledHyp1f1(a, b, z);
        double actual = Hypergeometric1F1.scaled(a, b, z);
        assertRelative(expected, actual, TOL, "e^-z M(" + a + ";" + b + ";" + z + ")");
    }

    /** Kummer's transformation itself, against the alternating series M(b−a; b; −z) in high precision. */
    @ParameterizedTest
    @ValueSource(doubles = {0.2, 2, 9, 25, 44})
    void kummerTransformation(double z) {
        for (int n = 0; n <= 9; n++) {
            for (int l = 0; l <= 6; l++) {
                double a = 0.5 * (n + l + 3);
                double b = l + 1.5;
                double expected = BigReference.hyp1f1(b - a, b, -z, 80).doubleValue();
                assertRelative(expected, Hypergeometric1F1.scaled(a, b, z), TOL, "Kummer n=" + n + " l=" + l);
                assertRelative(expected, Hypergeometric1F1.value(b - a, b, -z), TOL, "value() at negative z");
            }
        }
    }

    @ParameterizedTest
    @ValueSource(doubles = {0.01, 1.7, 12, 66, 500})
    void positiveArgumentValue(double z) {
        for (double[] ab : new double[][] {{0.5, 1.5}, {2, 1.5}, {4.5, 2.5}, {0.3, 7.1}, {-2.5, 3.5}}) {
            double expected = BigReference.hyp1f1(ab[0], ab[1], z, 60).doubleValue();
            assertRelative(expected, Hypergeometric1F1.value(ab[0], ab[1], z), TOL, "M(" + ab[0] + ";" + ab[1] + ";" + z + ")");
        }
    }

    @Test
    void polynomialCases() {
        // M(−2; b; z) = 1 − 2z/b + z²/(b(b+1)); Laguerre-type polynomial, any z.
        for (double z : new double[] {-30, -1, 0.5, 3, 1000}) {
            double b = 2.5;
            double expected = 1 - 2 * z / b + z * z / (b * (b + 1));
            assertEquals(expected, Hypergeometric1F1.value(-2, b, z), 1e-15 * Math.max(1, Math.abs(expected)));
        }
        assertEquals(1.0, Hypergeometric1F1.value(0, 3, 123.0));
    }

    @Test
    void overflowAndErrors() {
        assertEquals(Double.POSITIVE_INFINITY, Hypergeometric1F1.value(1, 1, 800));
        double s = Hypergeometric1F1.scaled(1.5, 1.5, 1e4);
        assertEquals(1.0, s, 1e-14);
        assertThrows(IllegalArgumentException.class, () -> Hypergeometric1F1.value(1, -1, 1));
        assertThrows(IllegalArgumentException.class, () -> Hypergeometric1F1.scaled(1, 2, -1));
    }
}
