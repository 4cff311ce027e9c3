package org.equidens.basis;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Random;
import org.equidens.io.InputException;
import org.junit.jupiter.api.Test;

/** The per-code m-order table and the whole-structure reordering of vectors and matrices. */
class MOrderTest {

    @Test
    void tables() {
        assertArrayEquals(new int[] {-2, -1, 0, 1, 2}, MOrder.INTERNAL.mValues(2));
        assertArrayEquals(new int[] {0, 1, -1, 2, -2, 3, -3}, MOrder.PSI4.mValues(3));
        assertArrayEquals(new int[] {0, 1, -1}, MOrder.PSI4.mValues(1)); // z, x, y
        assertArrayEquals(new int[] {1, -1, 0}, MOrder.PYSCF.mValues(1)); // x, y, z
        assertArrayEquals(new int[] {-2, -1, 0, 1, 2}, MOrder.PYSCF.mValues(2));
        assertArrayEquals(new int[] {0}, MOrder.PSI4.mValues(0));
        assertEquals(MOrder.PSI4, MOrder.byName(" Psi4 "));
        assertEquals(MOrder.PYSCF, MOrder.byName("pyscf"));
        assertThrows(IllegalArgumentException.class, () -> MOrder.byName("orca"));
        for (MOrder o : MOrder.values()) {
            for (int l = 0; l <= 7; l++) {
                int[] m = o.mValues(l).clone();
                java.util.Arrays.sort(m);
                assertArrayEquals(MOrder.INTERNAL.mValues(l), m, o + " is not a permutation at l=" + l);
            }
        }
    }

    static BasisFunctions sample() {
        Random rnd = new Random(1);
        return TestSupport.structure(new double[] {0, 0, 0, 1, 0, 0},
                List.of(TestSupport.randomShell(rnd, 0, 1, 1, 2), TestSupport.randomShell(rnd, 2, 1, 1, 2)),
                List.of(TestSupport.randomShell(rnd, 1, 1, 1, 2), TestSupport.randomShell(rnd, 3, 1, 1, 2)));
    }

    @Test
    void psi4VectorOrder() {
        BasisFunctions bf = sample(); // s, d | p, f : 1 + 5 + 3 + 7 = 16
        assertEquals(16, bf.size());
        double[] internal = new double[16];
        for (int i = 0; i < 16; i++) internal[i] = i;
        double[] psi4 = MOrder.PSI4.fromInternal(bf, internal);
        // s: 0; d (internal 1..5 = m -2..2) → m 0,+1,-1,+2,-2 = 3,4,2,5,1; p (6..8) → 7,8,6; f (9..15) → 12,13,11,14,10,15,9
        assertArrayEquals(new double[] {0, 3, 4, 2, 5, 1, 7, 8, 6, 12, 13, 11, 14, 10, 15, 9}, psi4);
        assertArrayEquals(internal, MOrder.PSI4.toInternal(bf, psi4));
        double[] pyscf = MOrder.PYSCF.fromInternal(bf, internal);
        assertArrayEquals(new double[] {0, 1, 2, 3, 4, 5, 8, 6, 7, 9, 10, 11, 12, 13, 14, 15}, pyscf);
    }

    @Test
    void stackedVectorsAndMatricesRoundTrip() {
        BasisFunctions bf = sample();
        int n = bf.size();
        Random rnd = new Random(2);
        double[] v = new double[3 * n];
        for (int i = 0; i < v.length; i++) v[i] = rnd.nextGaussian();
        for (MOrder o : MOrder.values()) {
            double[] w = o.toInternal(bf, v);
            assertArrayEquals(v, o.fromInternal(bf, w));
            // each stacked row is reordered the same way
            double[] row1 = o.toInternal(bf, java.util.Arrays.copyOfRange(v, n, 2 * n));
            assertArrayEquals(row1, java.util.Arrays.copyOfRange(w, n, 2 * n));
        }
        double[] s = Integrals.overlapMatrix(bf);
        for (MOrder o : MOrder.values()) {
            double[] code = o.matrixFromInternal(bf, s);
            assertArrayEquals(s, o.matrixToInternal(bf, code));
            // consistency with vectors: (P s)_i = code-order row sums
            double[] ones = new double[n];
            java.util.Arrays.fill(ones, 1);
            double[] internalOnes = o.toInternal(bf, ones);
            double[] sx = new double[n];
            for (int i = 0; i < n; i++) for (int j = 0; j < n; j++) sx[i] += s[i * n + j] * internalOnes[j];
            double[] codeSx = new double[n];
            for (int i = 0; i < n; i++) for (int j = 0; j < n; j++) codeSx[i] += code[i * n + j];
            assertArrayEquals(o.fromInternal(bf, sx), codeSx, 1e-14);
        }
    }

    @Test
    void wrongLengthIsAnInputError() {
        BasisFunctions bf = sample();
        InputException e = assertThrows(InputException.class, () -> MOrder.PSI4.toInternal(bf, new double[15]));
        assertEquals(true, e.getMessage().contains("16"));
        assertThrows(InputException.class, () -> bf.checkLength(0, "x"));
        bf.checkLength(32, "two vectors");
    }
}
