package org.equidens.basis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Random;
import org.equidens.io.InputException;
import org.equidens.structure.Atoms;
import org.junit.jupiter.api.Test;

/** Layout of the functions of a structure and their point values. */
class BasisFunctionsTest {

    @Test
    void layoutOfWater() {
        BasisSet basis = GbsParser.parse(Psi4FixtureTest.DATA.resolve("basis/aug-cc-pvtz-jkfit.gbs"));
        Atoms w = Atoms.molecule(new String[] {"H", "O", "H"}, new double[] {0, 0.7, 0.5, 0, 0, 0, 0, -0.7, 0.5});
        BasisFunctions bf = new BasisFunctions(basis, w);
        assertEquals(196, bf.size());
        assertEquals(46, bf.atomSize(0));
        assertEquals(46, bf.atomOffset(1));
        assertEquals(150, bf.atomOffset(2));
        assertEquals(Map.of("H", 46, "O", 104), bf.functionsPerSpecies());
        assertEquals(4, bf.maxL());
        // bohr conversion
        assertEquals(0.7 / Units.BOHR_IN_ANGSTROM, bf.centre(0)[1], 1e-15);
        Atoms bad = Atoms.molecule(new String[] {"C"}, new double[3]);
        InputException e = assertThrows(InputException.class, () -> new BasisFunctions(basis, bad));
        assertTrue(e.getMessage().contains("C"), e.getMessage());
    }

    @Test
    void pointValuesMatchTheDefinition() {
        Random rnd = new Random(9);
        Shell s0 = TestSupport.randomShell(rnd, 0, 2, 0.5, 3), s5 = TestSupport.randomShell(rnd, 5, 3, 0.5, 3);
        Shell s1 = TestSupport.randomShell(rnd, 1, 1, 0.5, 3);
        double[] c = {0.1, 0.2, 0.3, -1.0, 0.5, 0.7};
        BasisFunctions bf = TestSupport.structure(c, List.of(s0, s5), List.of(s1));
        int n = bf.size();
        double[] pts = new double[3 * 50];
        for (int i = 0; i < pts.length; i++) pts[i] = 3 * rnd.nextGaussian();
        double[] out = new double[50 * n];
        bf.evaluate(pts, 50, out);
        double[] ylm = new double[11];
        for (int p = 0; p < 50; p++) {
            int f = 0;
            Shell[] shells = {s0, s5, s1};
            int[] atom = {0, 0, 1};
            for (int k = 0; k < 3; k++) {
                Shell s = shells[k];
                double x = pts[3 * p] - c[3 * atom[k]], y = pts[3 * p + 1] - c[3 * atom[k] + 1], z = pts[3 * p + 2] - c[3 * atom[k] + 2];
                double r2 = x * x + y * y + z * z, rad = 0;
                double[] e = s.exponents(), d = s.normalizedCoefficients();
                for (int i = 0; i < e.length; i++) rad += d[i] * Math.exp(-e[i] * r2);
                SolidHarmonics.evaluate(s.l(), x, y, z, ylm, 0);
                for (int m = 0; m < s.size(); m++, f++) {
                    assertEquals(rad * ylm[m], out[p * n + f], 1e-14 * Math.max(1, Math.abs(rad * ylm[m])));
                }
            }
        }
        // p functions: internal m = -1, 0, +1 are y, z, x with positive sign
        double[] one = new double[n];
        bf.evaluate(new double[] {-1.0 + 0.5, 0.5, 0.7}, 1, one);
        int po = bf.shellOffset(2);
        assertTrue(one[po + 2] > 0 && Math.abs(one[po]) < 1e-16 && Math.abs(one[po + 1]) < 1e-16);
        // evaluateSum = Σ c_f φ_f
        double[] coef = new double[n];
        for (int f = 0; f < n; f++) coef[f] = rnd.nextGaussian();
        double[] sum = new double[50];
        bf.evaluateSum(coef, pts, 50, sum);
        for (int p = 0; p < 50; p++) {
            double s = 0;
            for (int f = 0; f < n; f++) s += coef[f] * out[p * n + f];
            assertEquals(s, sum[p], 1e-13);
        }
    }
}
