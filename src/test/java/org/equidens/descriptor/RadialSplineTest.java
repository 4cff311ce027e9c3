package org.equidens.descriptor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Random;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RadialSplineTest {
    /** Spline error against the analytic integral at many random points, per l, at several accuracies. */
    @ParameterizedTest
    @CsvSource({"0.3, 5.5, 8, 8, 1e-4", "0.3, 5.5, 8, 8, 1e-8", "0.3, 5.5, 8, 8, 1e-10", "0.1, 6.0, 10, 6, 1e-8", "0.5, 4.5, 6, 6, 1e-8"})
    void meetsRequestedAccuracy(double sigma, double rc, int size, int lmax, double accuracy) {
        SoapRadialIntegral exact = SoapRadialIntegral.of(size - 1, lmax, rc, sigma);
        RadialSpline spline = exact.spline(accuracy);
        int len = exact.length();
        double[] e = new double[len];
        double[] s = new double[len];
        double[] ed = new double[len];
        double[] sd = new double[len];
        Random rng = new Random(11);
        int samples = 2000;
        double[] absSum = new double[lmax + 1];
        double[] relSum = new double[lmax + 1];
        double maxAbs = 0;
        double maxDerivative = 0;
        double derivativeScale = 0;
        for (int t = 0; t < samples; t++) {
            double r = rc * rng.nextDouble();
            exact.compute(r, e, ed);
            spline.compute(r, s, sd);
            for (int l = 0; l <= lmax; l++) {
                for (int n = 0; n < size; n++) {
                    int k = l * size + n;
                    double err = Math.abs(s[k] - e[k]);
                    absSum[l] += err;
                    relSum[l] += e[k] != 0 ? err / Math.abs(e[k]) : 0;
                    maxAbs = Math.max(maxAbs, err);
                    maxDerivative = Math.max(maxDerivative, Math.abs(sd[k] - ed[k]));
                    derivativeScale = Math.max(derivativeScale, Math.abs(ed[k]));
                }
            }
        }
        for (int l = 0; l <= lmax; l++) {
            double meanAbs = absSum[l] / (samples * size);
            double meanRel = relSum[l] / (samples * size);
            assertTrue(meanAbs < accuracy || meanRel < accuracy, "l=" + l + " mean abs " + meanAbs + " mean rel " + meanRel);
        }
        int[] knots = IntStream.rangeClosed(0, lmax).map(spline::knots).toArray();
        System.out.printf("spline σ=%.2f rc=%.1f N=%d lmax=%d acc=%.0e: knots %s, max abs err %.2e, max abs derivative err %.2e (max |I'| %.2e)%n",
                sigma, rc, size, lmax, accuracy, Arrays.toString(knots), maxAbs, maxDerivative, derivativeScale);
        assertTrue(maxAbs < 100 * accuracy, "max error " + maxAbs);
    }

    @Test
    void exactAtKnotsAndMoreKnotsForTighterAccuracy() {
        SoapRadialIntegral exact = SoapRadialIntegral.of(7, 8, 5.5, 0.3);
        RadialSpline coarse = exact.spline(1e-5);
        RadialSpline fine = exact.spline();
        assertEquals(1e-8, fine.accuracy());
        int len = exact.length();
        double[] e = new double[len];
        double[] s = new double[len];
        double[] ed = new double[len];
        double[] sd = new double[len];
        for (int l = 0; l <= 8; l++) {
            assertTrue(fine.knots(l) >= coarse.knots(l));
            assertEquals(1, (fine.knots(l) - 1) % 10 == 0 ? 1 : 0, "10·2^k intervals");
        }
        int knots0 = fine.knots(0);
        for (int i = 0; i < knots0; i += 7) {
            double r = i == knots0 - 1 ? 5.5 : i * (5.5 / (knots0 - 1));
            exact.compute(r, e, ed);
            fine.compute(r, s, sd);
            for (int n = 0; n < 8; n++) {
                assertEquals(e[n], s[n], 1e-14);
                assertEquals(ed[n], sd[n], 1e-12);
            }
        }
    }

    /** The spline's derivative is the derivative of the spline (consistent for finite differences). */
    @Test
    void derivativeConsistentWithSplineValues() {
        RadialSpline spline = SoapRadialIntegral.of(5, 4, 4.0, 0.4).spline(1e-6);
        int len = spline.length();
        double[] v = new double[len];
        double[] d = new double[len];
        double[] plus = new double[len];
        double[] minus = new double[len];
        double h = 1e-6;
        for (double r : new double[] {0.05, 0.77, 1.9, 3.3, 3.9}) {
            spline.compute(r, v, d);
            spline.compute(r + h, plus, null);
            spline.compute(r - h, minus, null);
            for (int k = 0; k < len; k++) assertEquals((plus[k] - minus[k]) / (2 * h), d[k], 1e-7);
        }
    }

    @Test
    void rangeChecks() {
        RadialSpline spline = SoapRadialIntegral.of(3, 2, 3.0, 0.5).spline();
        double[] out = new double[spline.length()];
        spline.compute(3.0, out, null);
        spline.compute(0.0, out, null);
        assertThrows(IllegalArgumentException.class, () -> spline.compute(3.1, out, null));
        assertThrows(IllegalArgumentException.class, () -> spline.compute(-0.1, out, null));
        assertThrows(IllegalArgumentException.class, () -> SoapRadialIntegral.of(3, 2, 3.0, 0.5).spline(0.0));
    }
}
