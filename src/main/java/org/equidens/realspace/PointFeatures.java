package org.equidens.realspace;

/**
 * A feature vector for a point in space, used to decide which sampled grid points carry new
 * information ({@link Lifs}). Implementations: {@link BasisValueFeatures} (the values of the basis
 * functions at the point) and {@link GhostSoapFeatures} (the invariant SOAP power spectrum of the
 * atoms around the point, the point a ghost centre).
 *
 * <p>{@link #compute} need not be thread-safe; {@link #computeAll} is the batch entry point and may run
 * in parallel.
 */
public interface PointFeatures {
    /** Length of the feature vector. */
    int size();

    /** Features of one point (bohr), written to out[0..size()). */
    void compute(double[] pointBohr, double[] out);

    /** Features of n points (flat, bohr) into out[p·size() + i]; by default one point at a time. */
    default void computeAll(double[] pointsBohr, int n, double[] out) {
        int d = size();
        double[] p = new double[3];
        double[] f = new double[d];
        for (int i = 0; i < n; i++) {
            System.arraycopy(pointsBohr, 3 * i, p, 0, 3);
            compute(p, f);
            System.arraycopy(f, 0, out, i * d, d);
        }
    }
}
