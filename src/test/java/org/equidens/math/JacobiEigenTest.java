package org.equidens.math;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class JacobiEigenTest {
    @ParameterizedTest
    @ValueSource(ints = {1, 2, 3, 5, 8, 17, 30})
    void decomposesRandomSymmetricMatrices(int n) {
        Random rng = new Random(42 + n);
        double[] a = new double[n * n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j <= i; j++) {
                double x = rng.nextGaussian();
                a[i * n + j] = x;
                a[j * n + i] = x;
            }
        }
        JacobiEigen eig = new JacobiEigen(a, n);
        double[] lambda = eig.eigenvalues();
        double[] v = eig.eigenvectors();
        for (int k = 1; k < n; k++) assertTrue(lambda[k - 1] <= lambda[k]);
        for (int i = 0; i < n; i++) {
            for (int k = 0; k < n; k++) {
                double av = 0;
                for (int j = 0; j < n; j++) av += a[i * n + j] * v[j * n + k];
                assertEquals(lambda[k] * v[i * n + k], av, 1e-13 * n);
            }
            for (int j = 0; j < n; j++) {
                double dot = 0;
                for (int k = 0; k < n; k++) dot += v[k * n + i] * v[k * n + j];
                assertEquals(i == j ? 1.0 : 0.0, dot, 1e-14 * n);
            }
        }
    }

    @Test
    void inverseSquareRoot() {
        int n = 6;
        Random rng = new Random(7);
        double[] b = new double[n * n];
        for (int i = 0; i < n * n; i++) b[i] = rng.nextGaussian();
        double[] a = new double[n * n]; // BᵀB + I, positive definite
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                double s = i == j ? 1 : 0;
                for (int k = 0; k < n; k++) s += b[k * n + i] * b[k * n + j];
                a[i * n + j] = s;
            }
        }
        double[] x = new JacobiEigen(a, n).power(-0.5, 1e-13);
        // X A X = I
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                double s = 0;
                for (int k = 0; k < n; k++) for (int m = 0; m < n; m++) s += x[i * n + k] * a[k * n + m] * x[m * n + j];
                assertEquals(i == j ? 1.0 : 0.0, s, 1e-12);
            }
        }
    }

    @Test
    void singularThrows() {
        double[] a = {1, 1, 1, 1};
        assertThrows(ArithmeticException.class, () -> new JacobiEigen(a, 2).power(-0.5, 1e-13));
        assertEquals(2.0, new JacobiEigen(a, 2).eigenvalues()[1], 1e-15);
    }
}
