package org.equidens.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CommitteeTest {
    /**
     * Calibrated committee on noisy synthetic data: on an independent test set, the fraction of
     * |error| &lt; σ lies between 60 % and 76 % (68.3 % for a calibrated Gaussian).
     */
    @ParameterizedTest(name = "seed {0}")
    @ValueSource(ints = {0, 1, 2, 3, 4, 5, 6, 7, 8, 9})
    void calibratedCoverage(int seed) {
        double sigma = 0.3;
        CrossValidationTest.Data[] train = CrossValidationTest.spanData(seed, sigma, 200, 400);
        CrossValidationTest.Data[] calib = CrossValidationTest.spanData(seed, sigma, 200, 200);
        CrossValidationTest.Data tr = train[0], test = train[1], val = calib[1];
        int[] groups = CrossValidation.uniformGroups(tr.rows(), 1);
        Committee c = Committee.fit(null, tr.psi(), tr.rows(), tr.d(), tr.y(), groups, 0.01, val.psi(), val.y(), Committee.Options.defaults(seed));
        Committee.Prediction p = c.predict(test.psi(), test.rows());
        int inside = 0;
        for (int i = 0; i < test.rows(); i++) if (Math.abs(test.y()[i] - p.mean()[i]) < p.std()[i]) inside++;
        double frac = inside / (double) test.rows();
        System.out.printf("Committee seed %d: α = %.3f, fraction |error| < σ = %.3f%n", seed, c.alpha(), frac);
        assertEquals(8, c.size());
        assertTrue(frac > 0.60 && frac < 0.76, "coverage " + frac);
    }

    /** The ML factor: α² = mean(r²/s²); the finite-size correction −1/n + (n−3)/(n−1)·mean. */
    @Test
    void calibrationFactor() {
        double[] r = {1, -2, 3}, s = {1, 1, 3};
        double mean = (1 + 4 + 1) / 3.0;
        assertEquals(Math.sqrt(mean), Committee.calibrationFactor(r, s, 8, false), 1e-15);
        assertEquals(Math.sqrt(-1.0 / 8 + 5.0 / 7 * mean), Committee.calibrationFactor(r, s, 8, true), 1e-15);
        assertEquals(1.0, Committee.calibrationFactor(new double[] {2, 0}, new double[] {2, 0}, 8, false), 1e-15);
    }
}
