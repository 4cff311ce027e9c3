package org.equidens.realspace;

import org.equidens.linalg.Blas;

/**
 * Linearly independent feature selection (LIFS, eq. 6 of Feng, Zhang and Jiang 2025): candidates are
 * examined in order and one is kept when its feature vector x is not (nearly) a linear combination of
 * those already kept, i.e. when the relative residual ‖x − P x‖ / ‖x‖ of its projection P onto their
 * span exceeds a tolerance.
 *
 * <p>Why incremental Gram–Schmidt: the kept features' span is held as an orthonormal basis Q (one row
 * per kept point), so the residual of a candidate is x − Qᵀ(Q x), two matrix–vector products, instead
 * of a fresh least-squares problem per candidate. The projection is done twice (classical
 * Gram–Schmidt with one re-orthogonalisation, "twice is enough"), which keeps Q orthonormal to
 * round-off even after hundreds of nearly dependent candidates. An accepted candidate adds its
 * normalised residual as a new row of Q. Once Q has as many rows as the feature length the span is
 * everything and the selection stops.
 */
public final class Lifs {
    private static final int BLOCK = 256; // candidates whose features are computed together

    private Lifs() {}

    /**
     * @param accepted  indices (into the candidate list) of the kept points, in order of acceptance
     * @param residuals relative residual of each kept point when it was accepted
     * @param examined  candidates looked at before the selection stopped
     */
    public record Selection(int[] accepted, double[] residuals, int examined) {}

    /**
     * Selects points among candidates (flat, bohr, in the order they are to be examined, e.g. TS draw
     * order; the first is always kept unless its features vanish).
     *
     * @param tolerance   a candidate is kept when its relative residual exceeds this (0 < tol < 1)
     * @param maxAccepted stop after this many kept points
     */
    public static Selection select(double[] candidates, int n, PointFeatures features, double tolerance, int maxAccepted) {
        // many small matrix-vector products, between parallel feature batches: OpenBLAS threads would only spin
        return Blas.singleThreaded(() -> selectInternal(candidates, n, features, tolerance, maxAccepted));
    }

    private static Selection selectInternal(double[] candidates, int n, PointFeatures features, double tolerance, int maxAccepted) {
        if (!(tolerance > 0 && tolerance < 1)) throw new IllegalArgumentException("tolerance must be in (0, 1)");
        int d = features.size();
        int cap = Math.min(Math.min(maxAccepted, d), n);
        // rows: orthonormal basis of the kept features. Grown by doubling, never allocated at cap·d up
        // front: the native gemv copies the whole Java array on every call, so a q sized for 1344
        // features × 1344 rows (ghost SOAP features) made each candidate cost two 14 MB copies.
        double[] q = new double[Math.max(1, Math.min(cap, 32)) * d];
        int[] kept = new int[cap];
        double[] res = new double[cap];
        int k = 0;
        double[] block = new double[BLOCK * d];
        double[] x = new double[d];
        double[] h = new double[Math.max(1, cap)];
        int examined = 0;
        outer:
        for (int b0 = 0; b0 < n && k < cap; b0 += BLOCK) {
            int nb = Math.min(BLOCK, n - b0);
            double[] pts = new double[3 * nb];
            System.arraycopy(candidates, 3 * b0, pts, 0, 3 * nb);
            features.computeAll(pts, nb, block);
            for (int i = 0; i < nb; i++) {
                examined++;
                System.arraycopy(block, i * d, x, 0, d);
                double norm0 = norm(x);
                if (!(norm0 > 0)) continue;
                if (k > 0) {
                    for (int pass = 0; pass < 2; pass++) {
                        Blas.gemv(false, k, d, 1.0, q, x, 0.0, h); // h = Q x
                        Blas.gemv(true, k, d, -1.0, q, h, 1.0, x); // x −= Qᵀ h
                    }
                }
                double norm = norm(x);
                double rel = norm / norm0;
                if (rel > tolerance) {
                    if ((k + 1) * d > q.length) q = java.util.Arrays.copyOf(q, Math.min(cap, 2 * k) * d);
                    for (int j = 0; j < d; j++) q[k * d + j] = x[j] / norm;
                    kept[k] = b0 + i;
                    res[k] = rel;
                    k++;
                    if (k == cap) break outer;
                }
            }
        }
        return new Selection(java.util.Arrays.copyOf(kept, k), java.util.Arrays.copyOf(res, k), examined);
    }

    private static double norm(double[] x) {
        double s = 0;
        for (double v : x) s += v * v;
        return Math.sqrt(s);
    }
}
