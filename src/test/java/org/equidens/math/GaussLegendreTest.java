package org.equidens.math;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class GaussLegendreTest {
    @ParameterizedTest
    @ValueSource(ints = {1, 2, 5, 16, 64, 200})
    void integratesPolynomialsExactly(int n) {
        GaussLegendre q = new GaussLegendre(n);
        for (int p = 0; p <= Math.min(2 * n - 1, 40); p++) {
            double s = 0;
            for (int i = 0; i < n; i++) s += q.weight(i, 0, 2) * Math.pow(q.node(i, 0, 2), p);
            double exact = Math.pow(2, p + 1) / (p + 1);
            assertEquals(exact, s, 1e-13 * exact, "degree " + p);
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {5})
    void knownNodes(int n) {
        GaussLegendre q = new GaussLegendre(n);
        assertEquals(0.9061798459386640, q.node(4, -1, 1), 1e-15);
        assertEquals(0.2369268850561891, q.weight(4, -1, 1), 1e-15);
        assertEquals(0.5688888888888889, q.weight(2, -1, 1), 1e-15);
    }
}
