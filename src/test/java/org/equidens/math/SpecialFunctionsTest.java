package org.equidens.math;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SpecialFunctionsTest {
    private static final double SQRT_PI = Math.sqrt(Math.PI);

    @Test
    void gammaAtIntegersAndHalfIntegers() {
        assertEquals(SQRT_PI, SpecialFunctions.gammaHalfInteger(1), 4e-16);
        assertEquals(1.0, SpecialFunctions.gammaHalfInteger(2));
        assertEquals(0.5 * SQRT_PI, SpecialFunctions.gammaHalfInteger(3), 4e-16);
        assertEquals(0.75 * SQRT_PI, SpecialFunctions.gammaHalfInteger(5), 1e-15);
        assertEquals(362880.0, SpecialFunctions.gammaHalfInteger(20));
        assertEquals(362880.0, SpecialFunctions.gammaHalfInteger(10.0));
        // Γ(21/2) = 19!!/2^10 √π
        double dfact = 1;
        for (int k = 1; k <= 19; k += 2) dfact *= k;
        assertEquals(dfact / 1024 * SQRT_PI, SpecialFunctions.gammaHalfInteger(21), 1e-14 * dfact / 1024 * SQRT_PI);
        assertThrows(IllegalArgumentException.class, () -> SpecialFunctions.gammaHalfInteger(0));
        assertThrows(IllegalArgumentException.class, () -> SpecialFunctions.gammaHalfInteger(1.3));
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 3, 7, 30, 61, 200})
    void logGammaConsistent(int twiceX) {
        assertEquals(Math.log(SpecialFunctions.gammaHalfInteger(twiceX)), SpecialFunctions.logAbsGammaHalfInteger(twiceX),
                1e-13 * Math.max(1, Math.abs(SpecialFunctions.logAbsGammaHalfInteger(twiceX))));
    }

    @Test
    void logGammaNegativeHalfIntegers() {
        // Γ(−1/2) = −2√π, Γ(−3/2) = 4√π/3
        assertEquals(Math.log(2 * SQRT_PI), SpecialFunctions.logAbsGammaHalfInteger(-1), 1e-15);
        assertEquals(Math.log(4 * SQRT_PI / 3), SpecialFunctions.logAbsGammaHalfInteger(-3), 1e-15);
        assertThrows(IllegalArgumentException.class, () -> SpecialFunctions.logAbsGammaHalfInteger(-2));
    }

    @ParameterizedTest
    @ValueSource(doubles = {1e-9, 1e-4, 0.03, 0.4, 1, 2.5, 7, 19, 45, 130, 700})
    void scaledBesselMatchesSeries(double x) {
        int lmax = 30;
        double[] out = new double[lmax + 1];
        SpecialFunctions.scaledSphericalBesselI(lmax, x, out);
        for (int l = 0; l <= lmax; l++) {
            double expected = BigReference.scaledBesselI(l, x);
            if (expected < 1e-290) continue; // below the double range: only require no garbage
            double err = Math.abs(out[l] - expected) / expected;
            assertTrue(err < 5e-15, "l=" + l + " x=" + x + ": " + out[l] + " vs " + expected + " rel " + err);
        }
    }

    @Test
    void scaledBesselClosedForms() {
        double[] out = new double[3];
        for (double x : new double[] {3, 10, 30}) {
            SpecialFunctions.scaledSphericalBesselI(2, x, out);
            double e = Math.exp(-x);
            assertEquals(Math.sinh(x) / x * e, out[0], 1e-15 * out[0]);
            assertEquals((x * Math.cosh(x) - Math.sinh(x)) / (x * x) * e, out[1], 1e-14 * out[1]);
        }
        SpecialFunctions.scaledSphericalBesselI(2, 0.0, out);
        assertEquals(1.0, out[0]);
        assertEquals(0.0, out[1]);
    }
}
