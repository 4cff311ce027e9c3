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

    /**
     * The errors of a predicted field against a reference on the same grid, as {@code cube --compare}
     * reports them: relative L2, normalised MAE ε, and the planar averages along voxel axis
     * {@code axis} compared as max |ā_pred − ā_ref| / max |ā_ref| (what a slab or interface study reads
     * off a profile, so it is reported beside the pointwise errors). When the reference's planar
     * average vanishes (below 1e-8 of its largest |value|, e.g. a response across a mirror plane
     * normal to the field), the relative figure is NaN: it would only compare rounding noise.
     */
    public static Comparison compare(VolumetricData predicted, VolumetricData reference, int axis) {
        if (!predicted.grid().sameAs(reference.grid(), 1e-5)) {
            throw new IllegalArgumentException("the fields are on different grids: " + predicted.grid() + " and " + reference.grid());
        }
        double[] p = predicted.planarAverage(axis).value(), r = reference.planarAverage(axis).value();
        double maxDiff = 0, maxRef = 0;
        for (int t = 0; t < r.length; t++) {
            maxDiff = Math.max(maxDiff, Math.abs(p[t] - r[t]));
            maxRef = Math.max(maxRef, Math.abs(r[t]));
        }
        double maxValue = 0;
        for (double v : reference.values()) maxValue = Math.max(maxValue, Math.abs(v));
        return new Comparison(relativeL2(predicted.values(), reference.values()),
                normalisedMae(predicted.values(), reference.values()), maxDiff, maxRef > 1e-8 * maxValue ? maxDiff / maxRef : Double.NaN);
    }

    /** Result of {@link #compare}: the planar-average difference both absolute (field units) and relative (NaN if the reference's is 0). */
    public record Comparison(double relativeL2, double normalisedMae, double planarMaxAbsDiff, double planarRelative) {}

    private static void check(double[] p, double[] r) {
        if (p.length != r.length) throw new IllegalArgumentException(p.length + " predicted values for " + r.length + " reference values");
    }
}
