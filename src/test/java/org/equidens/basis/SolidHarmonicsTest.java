package org.equidens.basis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The Cartesian tables of r^l Y_lm: convention (order, signs), orthonormality, harmonicity. */
class SolidHarmonicsTest {

    /** ∫ x^a y^b z^c dΩ over the unit sphere (exact). */
    static double sphereMoment(int a, int b, int c) {
        if (a % 2 != 0 || b % 2 != 0 || c % 2 != 0) return 0;
        return 2 * SolidHarmonics.gammaHalfInteger(a + 1) * SolidHarmonics.gammaHalfInteger(b + 1)
                * SolidHarmonics.gammaHalfInteger(c + 1) / SolidHarmonics.gammaHalfInteger(a + b + c + 3);
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 2, 3, 4, 5, 6, 7, 8, 10, 12})
    void orthonormalOnTheSphere(int l) {
        int nc = SolidHarmonics.ncart(l);
        double[] t = SolidHarmonics.coefficients(l);
        int[] p = SolidHarmonics.powers(l);
        for (int m1 = 0; m1 < 2 * l + 1; m1++) {
            for (int m2 = 0; m2 < 2 * l + 1; m2++) {
                double s = 0;
                for (int c1 = 0; c1 < nc; c1++) {
                    double v1 = t[m1 * nc + c1];
                    if (v1 == 0) continue;
                    for (int c2 = 0; c2 < nc; c2++) {
                        double v2 = t[m2 * nc + c2];
                        if (v2 == 0) continue;
                        s += v1 * v2 * sphereMoment(p[3 * c1] + p[3 * c2], p[3 * c1 + 1] + p[3 * c2 + 1],
                                p[3 * c1 + 2] + p[3 * c2 + 2]);
                    }
                }
                assertEquals(m1 == m2 ? 1.0 : 0.0, s, 1e-12, "l=" + l + " m1=" + (m1 - l) + " m2=" + (m2 - l));
            }
        }
    }

    /** Hobson's theorem (used by the integrals) needs ∇² S_lm = 0. */
    @ParameterizedTest
    @ValueSource(ints = {0, 1, 2, 3, 5, 7, 9, 12, 16})
    void harmonic(int l) {
        if (l < 2) return;
        int nc = SolidHarmonics.ncart(l), nc2 = SolidHarmonics.ncart(l - 2);
        double[] t = SolidHarmonics.coefficients(l);
        int[] p = SolidHarmonics.powers(l);
        for (int m = 0; m < 2 * l + 1; m++) {
            double[] lap = new double[nc2];
            double scale = 0;
            for (int c = 0; c < nc; c++) {
                double v = t[m * nc + c];
                scale = Math.max(scale, Math.abs(v));
                int i = p[3 * c], j = p[3 * c + 1], k = p[3 * c + 2];
                if (i >= 2) lap[SolidHarmonics.cartIndex(i - 2, j, k)] += v * i * (i - 1);
                if (j >= 2) lap[SolidHarmonics.cartIndex(i, j - 2, k)] += v * j * (j - 1);
                if (k >= 2) lap[SolidHarmonics.cartIndex(i, j, k - 2)] += v * k * (k - 1);
            }
            for (double v : lap) assertEquals(0, v / scale, 1e-11, "l=" + l + " m=" + (m - l));
        }
    }

    @Test
    void lowOrdersAreTheDocumentedPolynomials() {
        double[] v = new double[5];
        double x = 0.3, y = -0.7, z = 1.1;
        SolidHarmonics.evaluate(1, x, y, z, v, 0);
        double c1 = Math.sqrt(3 / (4 * Math.PI));
        assertEquals(c1 * y, v[0], 1e-15);
        assertEquals(c1 * z, v[1], 1e-15);
        assertEquals(c1 * x, v[2], 1e-15);
        SolidHarmonics.evaluate(2, x, y, z, v, 0);
        double c2 = Math.sqrt(15 / (4 * Math.PI));
        assertEquals(c2 * x * y, v[0], 1e-15);
        assertEquals(c2 * y * z, v[1], 1e-15);
        assertEquals(Math.sqrt(5 / (16 * Math.PI)) * (3 * z * z - (x * x + y * y + z * z)), v[2], 1e-15);
        assertEquals(c2 * x * z, v[3], 1e-15);
        assertEquals(c2 / 2 * (x * x - y * y), v[4], 1e-15);
        double[] f = new double[7];
        SolidHarmonics.evaluate(3, x, y, z, f, 0);
        // m=-2: xyz, m=+3: x(x²-3y²), m=-3: y(3x²-y²), all positive multiples
        assertEquals(Math.sqrt(105 / (4 * Math.PI)) * x * y * z, f[1], 1e-14);
        assertEquals(Math.sqrt(35 / (32 * Math.PI)) * x * (x * x - 3 * y * y), f[6], 1e-14);
        assertEquals(Math.sqrt(35 / (32 * Math.PI)) * y * (3 * x * x - y * y), f[0], 1e-14);
    }

    /** No Condon–Shortley sign: cos(mφ) and sin(|m|φ) parts enter with +P_l^|m| ≥ 0. */
    @ParameterizedTest
    @ValueSource(ints = {1, 2, 3, 4, 5, 6, 7, 10})
    void positiveSignConvention(int l) {
        double[] v = new double[2 * l + 1];
        double theta = 0.15; // small θ: P_l^m(cos θ) > 0 for all m (no sign change before the first zero)
        for (int m = -l; m <= l; m++) {
            if (m == 0) continue;
            int am = Math.abs(m);
            double phi = m > 0 ? 0 : Math.PI / (2 * am); // cos(mφ)=1 resp. sin(|m|φ)=1
            double x = Math.sin(theta) * Math.cos(phi), y = Math.sin(theta) * Math.sin(phi), z = Math.cos(theta);
            SolidHarmonics.evaluate(l, x, y, z, v, 0);
            assertTrue(v[m + l] > 0, "l=" + l + " m=" + m + " value " + v[m + l]);
        }
        SolidHarmonics.evaluate(l, 0, 0, 1, v, 0);
        assertEquals(Math.sqrt((2 * l + 1) / (4 * Math.PI)), v[l], 1e-13);
    }
}
