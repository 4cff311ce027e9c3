package org.equidens.math;

/**
 * Gauss–Legendre nodes and weights on [−1, 1], by Newton iteration on P_n from the asymptotic initial
 * guesses. Exact for polynomials of degree ≤ 2n−1; used for radial quadratures (basis
 * orthonormality, reference radial integrals).
 */
public final class GaussLegendre {
    private final double[] nodes;
    private final double[] weights;

    public GaussLegendre(int n) {
        if (n < 1) throw new IllegalArgumentException("n must be ≥ 1");
        nodes = new double[n];
        weights = new double[n];
        for (int i = 0; i < (n + 1) / 2; i++) {
            double x = Math.cos(Math.PI * (i + 0.75) / (n + 0.5));
            double dp = 0;
            for (int iter = 0; iter < 100; iter++) {
                double p0 = 1.0;
                double p1 = x;
                for (int k = 2; k <= n; k++) {
                    double p2 = ((2 * k - 1) * x * p1 - (k - 1) * p0) / k;
                    p0 = p1;
                    p1 = p2;
                }
                if (n == 1) p0 = 1.0;
                dp = n * (x * p1 - p0) / (x * x - 1.0);
                double dx = p1 / dp;
                x -= dx;
                if (Math.abs(dx) <= 1e-16 * Math.max(1.0, Math.abs(x))) {
                    // one more evaluation of the derivative at the converged node
                    p0 = 1.0;
                    p1 = x;
                    for (int k = 2; k <= n; k++) {
                        double p2 = ((2 * k - 1) * x * p1 - (k - 1) * p0) / k;
                        p0 = p1;
                        p1 = p2;
                    }
                    if (n == 1) p0 = 1.0;
                    dp = n * (x * p1 - p0) / (x * x - 1.0);
                    break;
                }
            }
            double w = 2.0 / ((1.0 - x * x) * dp * dp);
            nodes[i] = -x;
            weights[i] = w;
            nodes[n - 1 - i] = x;
            weights[n - 1 - i] = w;
        }
        if (n % 2 == 1) nodes[n / 2] = 0.0;
    }

    public int size() {
        return nodes.length;
    }

    /** Node i mapped to [lo, hi]. */
    public double node(int i, double lo, double hi) {
        return 0.5 * (hi + lo) + 0.5 * (hi - lo) * nodes[i];
    }

    /** Weight i for the interval [lo, hi]. */
    public double weight(int i, double lo, double hi) {
        return 0.5 * (hi - lo) * weights[i];
    }
}
