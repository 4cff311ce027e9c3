package org.equidens.math;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

class ClebschGordanTest {
    private static final double S2 = Math.sqrt(0.5), S3 = Math.sqrt(1.0 / 3), S6 = Math.sqrt(1.0 / 6);

    /** Value at (m1, m2, μ) of a real table. */
    private static double at(double[] c, int l1, int l2, int lambda, int m1, int m2, int mu) {
        return c[((m1 + l1) * (2 * l2 + 1) + (m2 + l2)) * (2 * lambda + 1) + mu + lambda];
    }

    @Test
    void complexSmallKnownValues() {
        assertEquals(S3, ClebschGordan.complex(1, 1, 1, -1, 0, 0), 1e-16);
        assertEquals(-S3, ClebschGordan.complex(1, 0, 1, 0, 0, 0), 1e-16);
        assertEquals(S2, ClebschGordan.complex(1, 1, 1, 0, 1, 1), 1e-16);
        assertEquals(-S2, ClebschGordan.complex(1, 0, 1, 1, 1, 1), 1e-16);
        assertEquals(0.0, ClebschGordan.complex(1, 0, 1, 0, 1, 0), 0);
        assertEquals(1.0, ClebschGordan.complex(1, 1, 1, 1, 2, 2), 1e-16);
        assertEquals(Math.sqrt(2.0 / 3), ClebschGordan.complex(1, 0, 1, 0, 2, 0), 1e-16);
        assertEquals(-Math.sqrt(0.4), ClebschGordan.complex(2, 0, 1, 0, 1, 0), 1e-16);
        assertEquals(0.0, ClebschGordan.complex(1, 0, 1, 0, 3, 0), 0); // triangle
        assertEquals(0.0, ClebschGordan.complex(1, 1, 1, 0, 2, 0), 0); // M ≠ m1+m2
        assertEquals(0.0, ClebschGordan.complex(1, 2, 2, 0, 2, 2), 0); // |m1| > l1
    }

    /** Exact values from sympy (independent rational arithmetic), printed to 25 digits. */
    @ParameterizedTest(name = "<{0} {1} {2} {3}|{4} {5}>")
    @CsvSource({
        "20, 3, 20, -3, 20, 0, 0.1906791915121616881402672",
        "20, 0, 20, 0, 20, 0, 0.1893204324277519848993627",
        "20, 0, 20, 0, 40, 0, 0.4204138755899678419435811",
        "20, 10, 20, -10, 0, 0, 0.1561737618886060655241029",
        "17, 5, 19, -7, 13, -2, -0.1997548737902060137157372",
        "20, 20, 20, -19, 1, 1, 0.05902813361009552704631298",
        "15, -4, 20, 9, 25, 5, 0.2431269260879172345688253",
        "12, 6, 11, -6, 7, 0, -0.1737845472558730854741218",
        "20, -13, 18, 12, 30, -1, 0.1719719098813889570255709",
        "19, 0, 20, 0, 21, 0, -0.1943463065529687014979145",
        "13, -9, 19, 4, 23, -5, 0.2798176521018002958631332",
        "19, 19, 17, -17, 6, 2, 0.3539246735587331661524134",
        "17, -3, 14, -8, 20, -11, 0.02260324869291483325138285",
        "17, 8, 18, -9, 31, -1, 0.2454999721845787247140324",
        "13, 3, 20, 4, 11, 7, 0.2613536293332752031307257",
        "10, -5, 20, 17, 12, 12, -0.3923334605396370690226400",
        "10, -2, 14, 1, 4, -1, 0.2418072881815003408620302",
        "19, 6, 16, 12, 30, 18, 0.2961590324855305308091252",
        "13, -13, 15, 12, 23, -1, -0.0007717556471369893348806294",
        "14, 8, 19, -9, 26, -1, 0.2761914973761189344366232",
    })
    void complexLargeLIsCorrectlyRounded(int l1, int m1, int l2, int m2, int L, int M, String exact) {
        double expected = Double.parseDouble(exact);
        assertEquals(expected, ClebschGordan.complex(l1, m1, l2, m2, L, M), Math.ulp(expected));
    }

    /** Σ_{m1} ⟨l1 m1 l2 M−m1|L M⟩⟨l1 m1 l2 M−m1|L' M⟩ = δ_{LL'} for every l1, l2 ≤ 20 pair sampled. */
    @ParameterizedTest(name = "l1={0} l2={1}")
    @MethodSource("complexPairs")
    void complexOrthogonality(int l1, int l2) {
        double maxErr = 0;
        for (int M = -(l1 + l2); M <= l1 + l2; M++) {
            int lo = Math.max(Math.abs(l1 - l2), Math.abs(M)), nL = l1 + l2 - lo + 1;
            double[][] c = new double[nL][2 * l1 + 1]; // c[L - lo][m1 + l1]
            for (int L = lo; L <= l1 + l2; L++)
                for (int m1 = -l1; m1 <= l1; m1++) c[L - lo][m1 + l1] = ClebschGordan.complex(l1, m1, l2, M - m1, L, M);
            for (int i = 0; i < nL; i++)
                for (int j = i; j < nL; j++) {
                    double s = 0;
                    for (int k = 0; k <= 2 * l1; k++) s += c[i][k] * c[j][k];
                    maxErr = Math.max(maxErr, Math.abs(s - (i == j ? 1 : 0)));
                }
        }
        assertTrue(maxErr < 1e-14, "error " + maxErr);
    }

    static Stream<Arguments> complexPairs() {
        return Stream.of(Arguments.of(0, 0), Arguments.of(1, 1), Arguments.of(2, 3), Arguments.of(6, 4),
                Arguments.of(12, 12), Arguments.of(20, 7), Arguments.of(20, 20));
    }

    @Test
    void complexSymmetries() {
        SplittableRandom rng = new SplittableRandom(11);
        for (int t = 0; t < 500; t++) {
            int l1 = rng.nextInt(21), l2 = rng.nextInt(21), L = Math.abs(l1 - l2) + rng.nextInt(l1 + l2 - Math.abs(l1 - l2) + 1);
            int m1 = rng.nextInt(-l1, l1 + 1), m2 = rng.nextInt(-l2, l2 + 1), M = m1 + m2;
            double c = ClebschGordan.complex(l1, m1, l2, m2, L, M);
            int sign = ((l1 + l2 - L) & 1) == 0 ? 1 : -1;
            assertEquals(sign * c, ClebschGordan.complex(l2, m2, l1, m1, L, M), 0, "swap");
            assertEquals(sign * c, ClebschGordan.complex(l1, -m1, l2, -m2, L, -M), 0, "m → −m");
        }
    }

    @Test
    void realKnownValuesL1L1() {
        double[] c0 = ClebschGordan.real(1, 1, 0);
        for (int a = -1; a <= 1; a++)
            for (int b = -1; b <= 1; b++) assertEquals(a == b ? -S3 : 0, at(c0, 1, 1, 0, a, b, 0), 1e-15);

        // (1,1)→1 is the cross product /√2 in (y, z, x) order: μ=0 (z) = (x·y' − y·x')/√2 ... as C[y,x] = −1/√2.
        double[] c1 = ClebschGordan.real(1, 1, 1);
        assertEquals(-S2, at(c1, 1, 1, 1, -1, 1, 0), 1e-15);
        assertEquals(S2, at(c1, 1, 1, 1, 1, -1, 0), 1e-15);
        SplittableRandom rng = new SplittableRandom(5);
        double[] p = Seeds.gaussianVector(rng, 3), q = Seeds.gaussianVector(rng, 3); // (x, y, z)
        double[] cross = {p[1] * q[2] - p[2] * q[1], p[2] * q[0] - p[0] * q[2], p[0] * q[1] - p[1] * q[0]};
        double[] coupled = couple(1, 1, 1, yzx(p), yzx(q));
        double[] expected = yzx(cross);
        for (int i = 0; i < 3; i++) assertEquals(expected[i] * S2, coupled[i], 1e-15);

        double[] c2 = ClebschGordan.real(1, 1, 2);
        double[][] expected2 = new double[5][9]; // [μ][(m1+1)*3 + m2+1], y=-1, z=0, x=1
        expected2[0][0 * 3 + 2] = S2; expected2[0][2 * 3 + 0] = S2;
        expected2[1][0 * 3 + 1] = S2; expected2[1][1 * 3 + 0] = S2;
        expected2[2][0] = -S6; expected2[2][4] = 2 * S6; expected2[2][8] = -S6;
        expected2[3][1 * 3 + 2] = S2; expected2[3][2 * 3 + 1] = S2;
        expected2[4][8] = S2; expected2[4][0] = -S2;
        for (int mu = -2; mu <= 2; mu++)
            for (int a = -1; a <= 1; a++)
                for (int b = -1; b <= 1; b++)
                    assertEquals(expected2[mu + 2][(a + 1) * 3 + b + 1], at(c2, 1, 1, 2, a, b, mu), 1e-15,
                            "μ=" + mu + " m1=" + a + " m2=" + b);
    }

    private static double[] yzx(double[] v) {
        return new double[] {v[1], v[2], v[0]};
    }

    /** out_μ = Σ C^{λμ}_{m1 m2} a_m1 b_m2. */
    static double[] couple(int l1, int l2, int lambda, double[] a, double[] b) {
        double[] c = ClebschGordan.real(l1, l2, lambda);
        int n2 = 2 * l2 + 1, nl = 2 * lambda + 1;
        double[] out = new double[nl];
        for (int i = 0; i < a.length; i++)
            for (int j = 0; j < n2; j++) {
                double ab = a[i] * b[j];
                if (ab == 0) continue;
                int base = (i * n2 + j) * nl;
                for (int k = 0; k < nl; k++) out[k] += c[base + k] * ab;
            }
        return out;
    }

    @Test
    void triangleFailureAndSharing() {
        double[] c = ClebschGordan.real(1, 2, 4);
        assertEquals(3 * 5 * 9, c.length);
        for (double v : c) assertEquals(0.0, v, 0);
        assertSame(ClebschGordan.real(3, 4, 5), ClebschGordan.real(3, 4, 5));
        assertThrows(IllegalArgumentException.class, () -> ClebschGordan.real(-1, 1, 1));
    }

    /** Σ_{m1m2} C^{λμ} C^{λ'μ'} = δδ and Σ_{λμ} C^{λμ}_{m1m2} C^{λμ}_{m1'm2'} = δδ (real CG is orthogonal). */
    @ParameterizedTest(name = "l1={0} l2={1}")
    @MethodSource("realPairs")
    void realOrthogonalityAndCompleteness(int l1, int l2) {
        int n1 = 2 * l1 + 1, n2 = 2 * l2 + 1, rows = n1 * n2;
        // Stack all λ blocks into a rows × rows matrix M[(m1,m2)][(λ,μ)]; it must be orthogonal.
        double[] m = new double[rows * rows];
        int col = 0;
        for (int lambda = Math.abs(l1 - l2); lambda <= l1 + l2; lambda++) {
            double[] c = ClebschGordan.real(l1, l2, lambda);
            int nl = 2 * lambda + 1;
            for (int r = 0; r < rows; r++)
                for (int k = 0; k < nl; k++) m[r * rows + col + k] = c[r * nl + k];
            col += nl;
        }
        assertEquals(rows, col);
        double maxErr = 0;
        for (int i = 0; i < rows; i++)
            for (int j = i; j < rows; j++) {
                double cols = 0, rws = 0;
                for (int k = 0; k < rows; k++) {
                    cols += m[k * rows + i] * m[k * rows + j];
                    rws += m[i * rows + k] * m[j * rows + k];
                }
                double d = i == j ? 1 : 0;
                maxErr = Math.max(maxErr, Math.max(Math.abs(cols - d), Math.abs(rws - d)));
            }
        assertTrue(maxErr < 1e-13, "error " + maxErr);
    }

    static Stream<Arguments> realPairs() {
        Stream<Arguments> small = IntStream.rangeClosed(0, 6).boxed()
                .flatMap(a -> IntStream.rangeClosed(0, 6).mapToObj(b -> Arguments.of(a, b)));
        return Stream.concat(small, Stream.of(Arguments.of(10, 9), Arguments.of(15, 3), Arguments.of(20, 6)));
    }

    @Test
    void couplingIdentityExamples() {
        assertEquals(-0.4886025119029199, identityFactor(1, 1, 0), 1e-15);
        assertEquals(-0.3989422804014327, identityFactor(2, 1, 1), 1e-15);
    }

    private static double identityFactor(int l1, int l2, int lambda) {
        return Math.sqrt((2 * l1 + 1) * (2 * l2 + 1) / (4 * Math.PI * (2 * lambda + 1)))
                * ClebschGordan.complex(l1, 0, l2, 0, lambda, 0);
    }

    /** Σ C^{λμ}_{l1m1,l2m2} Y_{l1m1} Y_{l2m2} = factor·Y_λμ (same direction; l1+l2+λ even). */
    @ParameterizedTest(name = "seed {0}")
    @MethodSource("org.equidens.math.Seeds#seeds")
    void couplingIdentity(int seed) {
        SplittableRandom rng = Seeds.rng(seed);
        int lmax = 10;
        double[] u = Seeds.direction(rng);
        SphericalHarmonics sh = new SphericalHarmonics(2 * lmax);
        double[] y = new double[SphericalHarmonics.size(2 * lmax)];
        sh.compute(u[0], u[1], u[2], y);
        double maxErr = 0;
        for (int l1 = 0; l1 <= lmax; l1++)
            for (int l2 = 0; l2 <= lmax; l2++)
                for (int lambda = Math.abs(l1 - l2); lambda <= l1 + l2; lambda += 2) {
                    double[] out = couple(l1, l2, lambda, Seeds.block(y, l1), Seeds.block(y, l2));
                    double f = identityFactor(l1, l2, lambda);
                    double[] yl = Seeds.block(y, lambda);
                    for (int k = 0; k < out.length; k++) maxErr = Math.max(maxErr, Math.abs(out[k] - f * yl[k]));
                }
        assertTrue(maxErr < 1e-13, "error " + maxErr);
    }

    /** Odd l1+l2+λ: the same-direction coupling vanishes (antisymmetric for l1 = l2), a parity check. */
    @Test
    void oddCouplingOfEqualHarmonicsVanishes() {
        SphericalHarmonics sh = new SphericalHarmonics(6);
        double[] y = new double[SphericalHarmonics.size(6)];
        sh.compute(0.3, -0.5, 0.8, y);
        for (int l = 1; l <= 6; l++)
            for (int lambda = 1; lambda <= 2 * l - 1; lambda += 2) {
                double[] out = couple(l, l, lambda, Seeds.block(y, l), Seeds.block(y, l));
                for (double v : out) assertEquals(0.0, v, 1e-15);
            }
    }

    @Test
    void concurrentFirstUseIsConsistent() throws Exception {
        int threads = 4;
        double[][] got = new double[threads][];
        Thread[] ts = new Thread[threads];
        for (int t = 0; t < threads; t++) {
            int id = t;
            ts[t] = new Thread(() -> got[id] = ClebschGordan.real(9, 8, 7));
            ts[t].start();
        }
        for (Thread t : ts) t.join();
        for (int t = 1; t < threads; t++) assertSame(got[0], got[t]);
    }
}
