package org.equidens.descriptor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.equidens.math.GaussLegendre;
import org.equidens.math.JacobiEigen;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class GtoRadialBasisTest {
    private static final GaussLegendre GL = new GaussLegendre(40);

    /** ∫_0^upper r² f_m(r) f_n(r) dr for all m, n by composite Gauss–Legendre. */
    static double[] gram(int size, double upper, java.util.function.BiConsumer<Double, double[]> f) {
        double[] g = new double[size * size];
        double[] v = new double[size];
        int panels = 60;
        for (int p = 0; p < panels; p++) {
            double lo = upper * p / panels;
            double hi = upper * (p + 1) / panels;
            for (int i = 0; i < GL.size(); i++) {
                double r = GL.node(i, lo, hi);
                double w = GL.weight(i, lo, hi) * r * r;
                f.accept(r, v);
                for (int a = 0; a < size; a++) for (int b = 0; b < size; b++) g[a * size + b] += w * v[a] * v[b];
            }
        }
        return g;
    }

    @ParameterizedTest
    @CsvSource({"1, 1.0", "2, 5.5", "4, 2.5", "8, 5.5", "12, 4.0", "16, 6.0", "20, 3.0"})
    void orthonormalByQuadrature(int size, double rc) {
        GtoRadialBasis basis = new GtoRadialBasis(size, rc);
        double[] scratch = new double[size];
        double upper = 0;
        for (int n = 0; n < size; n++) upper = Math.max(upper, basis.sigma(n) * (Math.sqrt(2 * n + 3) + 10)); // tails < e^-50
        double[] g = gram(size, upper, (r, out) -> basis.evaluate(r, out, scratch));
        double[] prim = gram(size, upper, (r, out) -> {
            basis.evaluatePrimitives(r, out);
            for (int n = 0; n < size; n++) out[n] *= basis.norm(n);
        });
        double[] s = basis.overlap();
        double[] eig = new JacobiEigen(s, size).eigenvalues();
        double condition = eig[size - 1] / eig[0];
        double tol = 1e-14 + 2e-16 * condition * size; // Löwdin's intrinsic loss: ~ε·cond(S)
        double worst = 0;
        for (int a = 0; a < size; a++) {
            assertEquals(1.0, s[a * size + a], 1e-14, "normalised primitive overlap");
            for (int b = 0; b < size; b++) {
                assertEquals(s[a * size + b], prim[a * size + b], 1e-13, "analytic overlap vs quadrature");
                worst = Math.max(worst, Math.abs(g[a * size + b] - (a == b ? 1 : 0)));
            }
        }
        System.out.printf("GTO N=%d rc=%.1f: cond(S)=%.2e, max |<B_m|B_n> - δ| = %.2e%n", size, rc, condition, worst);
        assertTrue(worst < tol, "orthonormality error " + worst + " (tol " + tol + ")");
    }

    @Test
    void widthsAndNormalisation() {
        GtoRadialBasis basis = new GtoRadialBasis(8, 5.5);
        assertEquals(5.5 / 8, basis.sigma(0), 1e-15);
        assertEquals(5.5 / 8, basis.sigma(1), 1e-15);
        assertEquals(5.5 * 2 / 8, basis.sigma(4), 1e-15);
        // N_0 = √(2/(σ³ Γ(3/2))) = √(4/(σ³ √π))
        double s0 = basis.sigma(0);
        assertEquals(Math.sqrt(4 / (s0 * s0 * s0 * Math.sqrt(Math.PI))), basis.norm(0), 1e-14);
        // O·diag(1/N_n) = S^(−1/2) is symmetric
        double[] o = basis.orthonormalizer();
        for (int m = 0; m < 8; m++) {
            for (int n = 0; n < 8; n++) {
                assertEquals(o[m * 8 + n] / basis.norm(n), o[n * 8 + m] / basis.norm(m), 1e-12 * Math.abs(o[m * 8 + n] / basis.norm(n)) + 1e-14);
            }
        }
    }

    @Test
    void overlapIndependentOfRadius() {
        double[] a = new GtoRadialBasis(10, 1.0).overlap();
        double[] b = new GtoRadialBasis(10, 7.3).overlap();
        for (int i = 0; i < a.length; i++) assertEquals(a[i], b[i], 1e-13);
    }

    @Test
    void singularOverlapIsAnError() {
        for (int size : new int[] {21, 25, 31}) {
            ArithmeticException e = assertThrows(ArithmeticException.class, () -> new GtoRadialBasis(size, 5.0));
            assertTrue(e.getMessage().contains("singular"));
        }
        assertThrows(IllegalArgumentException.class, () -> new GtoRadialBasis(0, 5.0));
        assertThrows(IllegalArgumentException.class, () -> new GtoRadialBasis(4, -1.0));
    }
}
