package org.equidens.realspace;

/**
 * Errors of a predicted field against a reference on the same grid. On a uniform grid the voxel
 * volume cancels, so both are plain sums over points.
 */
public final class GridMetrics {
    private GridMetrics() {}

    /**
     * Normalised MAE ε = Σ|n̂ − n| / Σ|n| (the paper's eq. 7, ∫|n̂ − n| / ∫|n|). With |n| in the
     * denominator it is defined for responses, whose signed integral is zero.
     */
    public static double normalisedMae(double[] predicted, double[] reference) {
        check(predicted, reference);
        double num = 0, den = 0;
        for (int i = 0; i < reference.length; i++) {
            num += Math.abs(predicted[i] - reference[i]);
            den += Math.abs(reference[i]);
        }
        return num / den;
    }

    /** Relative L2 error ‖n̂ − n‖ / ‖n‖ over the grid. */
    public static double relativeL2(double[] predicted, double[] reference) {
        check(predicted, reference);
        double num = 0, den = 0;
        for (int i = 0; i < reference.length; i++) {
            double d = predicted[i] - reference[i];
            num += d * d;
            den += reference[i] * reference[i];
        }
        return Math.sqrt(num / den);
    }

    private static void check(double[] p, double[] r) {
        if (p.length != r.length) throw new IllegalArgumentException(p.length + " predicted values for " + r.length + " reference values");
    }
}
