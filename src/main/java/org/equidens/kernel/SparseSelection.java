package org.equidens.kernel;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import org.equidens.linalg.Blas;

/**
 * Choice of the sparse (active) environments of a sparse GPR.
 *
 * <p>The default is farthest-point sampling (FPS) on the normalised λ=0 features, per species, and
 * the result is kept <b>in FPS order</b>. FPS order has the prefix property: the first m picks are
 * exactly what an FPS asked for m points would return, and they are the m most diverse ones the
 * greedy finds. So the per-λ truncation M_λ = round(M0·exp(−0.05λ²)) ({@link #sizeForLambda}) keeps a
 * well-spread subset. (SALTED truncates sparse sets stored in dataset order, which biases high-λ
 * sets toward early structures.)
 *
 * <p>CUR (leverage scores with deflation) and seeded random selection are alternatives; both also
 * return indices in pick order, so prefixes are meaningful there too.
 */
public final class SparseSelection {
    private SparseSelection() {}

    /**
     * Indices in pick order, and for FPS the Hausdorff distance at each pick: distances[k] is the
     * largest distance of any point to the first k picks, which is the distance at which point k was
     * picked (distances[0] = +∞). It never increases with k; its size says how well the first k
     * points cover the set. CUR and random selections carry NaN distances.
     */
    public record Selection(int[] indices, double[] distances) {
        public Selection {
            if (indices.length != distances.length) throw new IllegalArgumentException("length mismatch");
        }

        public int size() {
            return indices.length;
        }

        /** The first m picks (m is capped at the size). */
        public Selection prefix(int m) {
            int k = Math.min(m, indices.length);
            return new Selection(Arrays.copyOf(indices, k), Arrays.copyOf(distances, k));
        }
    }

    /** How FPS picks its first point. */
    public record Start(boolean fromMean, long seed) {
        /** A uniformly random first point drawn from SplittableRandom(seed). */
        public static Start seeded(long seed) {
            return new Start(false, seed);
        }

        /**
         * The point farthest from the mean feature vector: deterministic, and an outlier, which is
         * what FPS would reach within a couple of picks anyway.
         */
        public static Start meanOutlier() {
            return new Start(true, 0L);
        }
    }

    /** M_λ = round(M0·exp(−0.05λ²)), at least 1 (for M0 ≥ 1). */
    public static int sizeForLambda(int m0, int lambda) {
        if (m0 < 0 || lambda < 0) throw new IllegalArgumentException("negative size or λ");
        if (m0 == 0) return 0;
        return (int) Math.max(1, Math.round(m0 * Math.exp(-0.05 * lambda * lambda)));
    }

    /**
     * FPS on rows of the n×f matrix x (Euclidean distance), starting from {@code first}. Distances
     * to the newest pick come from one gemv per step (‖a−b‖² = ‖a‖²+‖b‖²−2a·b, clamped at 0); ties go to
     * the lowest index, so the result is deterministic.
     */
    public static Selection farthestPoint(double[] x, int n, int f, int count, int first) {
        if (x.length != (long) n * f) throw new IllegalArgumentException("x must be n×f");
        if (count < 0 || count > n) throw new IllegalArgumentException("cannot pick " + count + " of " + n + " points");
        if (count == 0) return new Selection(new int[0], new double[0]);
        if (first < 0 || first >= n) throw new IllegalArgumentException("first index out of range: " + first);
        double[] sq = new double[n];
        for (int i = 0; i < n; i++) {
            double s = 0;
            for (int q = 0; q < f; q++) s += x[i * f + q] * x[i * f + q];
            sq[i] = s;
        }
        double[] minD2 = new double[n];
        Arrays.fill(minD2, Double.POSITIVE_INFINITY);
        int[] picks = new int[count];
        double[] dist = new double[count];
        double[] row = new double[f], dots = new double[n];
        picks[0] = first;
        dist[0] = Double.POSITIVE_INFINITY;
        for (int k = 1; k < count; k++) {
            int s = picks[k - 1];
            minD2[s] = -1.0; // selected: never picked again
            System.arraycopy(x, s * f, row, 0, f);
            Blas.gemv(false, n, f, 1.0, x, row, 0.0, dots);
            int best = -1;
            double bestD = -1.0;
            for (int i = 0; i < n; i++) {
                if (minD2[i] < 0) continue;
                double d2 = Math.max(0.0, sq[i] + sq[s] - 2.0 * dots[i]);
                if (d2 < minD2[i]) minD2[i] = d2;
                if (minD2[i] > bestD) {
                    bestD = minD2[i];
                    best = i;
                }
            }
            picks[k] = best;
            dist[k] = Math.sqrt(bestD);
        }
        return new Selection(picks, dist);
    }

    /** Index of the row farthest (Euclidean) from the mean row; lowest index on ties. */
    public static int farthestFromMean(double[] x, int n, int f) {
        if (n < 1) throw new IllegalArgumentException("no points");
        double[] mean = new double[f];
        for (int i = 0; i < n; i++)
            for (int q = 0; q < f; q++) mean[q] += x[i * f + q];
        for (int q = 0; q < f; q++) mean[q] /= n;
        int best = 0;
        double bestD = -1;
        for (int i = 0; i < n; i++) {
            double s = 0;
            for (int q = 0; q < f; q++) {
                double d = x[i * f + q] - mean[q];
                s += d * d;
            }
            if (s > bestD) {
                bestD = s;
                best = i;
            }
        }
        return best;
    }

    /** FPS of {@code count} environments on normalised λ=0 features (the space k0 lives in). */
    public static Selection farthestPoint(EquivariantFeatures scalar, int count, Start start) {
        if (scalar.lambda() != 0) throw new IllegalArgumentException("FPS runs on λ=0 features");
        EquivariantFeatures p = scalar.normalised();
        int n = p.samples(), f = p.features();
        int first = start.fromMean() ? farthestFromMean(p.data(), n, f) : new SplittableRandom(start.seed()).nextInt(n);
        return farthestPoint(p.data(), n, f, count, first);
    }

    /**
     * FPS per species: for every species value in {@code species} (one per sample), min(count,
     * atoms of that species) picks among that species' environments, as indices into the full
     * sample list, in FPS order. With a seeded start each species draws its first point from its own
     * stream, split in ascending species order from SplittableRandom(seed).
     */
    public static Map<Integer, Selection> farthestPointPerSpecies(EquivariantFeatures scalar, int[] species, int count, Start start) {
        if (species.length != scalar.samples()) throw new IllegalArgumentException("one species per sample expected");
        TreeMap<Integer, int[]> members = groupBySpecies(species);
        SplittableRandom root = new SplittableRandom(start.seed());
        Map<Integer, Selection> out = new LinkedHashMap<>();
        for (Map.Entry<Integer, int[]> e : members.entrySet()) {
            int[] idx = e.getValue();
            Start st = start.fromMean() ? start : Start.seeded(root.split().nextLong());
            Selection local = farthestPoint(scalar.select(idx), Math.min(count, idx.length), st);
            int[] global = new int[local.size()];
            for (int k = 0; k < global.length; k++) global[k] = idx[local.indices()[k]];
            out.put(e.getKey(), new Selection(global, local.distances()));
        }
        return out;
    }

    /** Sample indices of each species, ascending. */
    public static TreeMap<Integer, int[]> groupBySpecies(int[] species) {
        TreeMap<Integer, Integer> counts = new TreeMap<>();
        for (int s : species) counts.merge(s, 1, Integer::sum);
        TreeMap<Integer, int[]> out = new TreeMap<>();
        TreeMap<Integer, Integer> fill = new TreeMap<>();
        for (Map.Entry<Integer, Integer> e : counts.entrySet()) {
            out.put(e.getKey(), new int[e.getValue()]);
            fill.put(e.getKey(), 0);
        }
        for (int i = 0; i < species.length; i++) {
            int k = fill.get(species[i]);
            out.get(species[i])[k] = i;
            fill.put(species[i], k + 1);
        }
        return out;
    }

    /**
     * CUR row selection: repeatedly take the row with the largest leverage score
     * ℓ_i = Σ_{t&lt;k} U_it² (U the top-k left singular vectors of the current X), then deflate X by
     * projecting every row orthogonally to the picked row, so the next pick adds a new direction
     * instead of a near-copy. U comes from the symmetric eigendecomposition of the smaller of XXᵀ and
     * XᵀX (Blas). Cost: count eigendecompositions of size min(n, f) — fine for selecting a few hundred
     * points from moderate sets; FPS is the cheap default. Rows left with zero residual are taken
     * last, in index order.
     */
    public static Selection cur(double[] x, int n, int f, int count, int rank) {
        if (x.length != (long) n * f) throw new IllegalArgumentException("x must be n×f");
        if (count < 0 || count > n) throw new IllegalArgumentException("cannot pick " + count + " of " + n + " points");
        if (rank < 1) throw new IllegalArgumentException("rank must be >= 1");
        double[] a = x.clone();
        boolean[] taken = new boolean[n];
        int[] picks = new int[count];
        double[] nan = new double[count];
        Arrays.fill(nan, Double.NaN);
        double[] row = new double[f], proj = new double[n];
        for (int t = 0; t < count; t++) {
            double[] lev = leverage(a, n, f, rank);
            int best = -1;
            double bestL = -1;
            for (int i = 0; i < n; i++) {
                if (!taken[i] && lev[i] > bestL) {
                    bestL = lev[i];
                    best = i;
                }
            }
            picks[t] = best;
            taken[best] = true;
            System.arraycopy(a, best * f, row, 0, f);
            double norm = Math.sqrt(Blas.dot(row, row));
            if (norm == 0.0) continue;
            for (int q = 0; q < f; q++) row[q] /= norm;
            Blas.gemv(false, n, f, 1.0, a, row, 0.0, proj);
            Blas.gemm(false, false, n, f, 1, -1.0, proj, row, 1.0, a); // a -= (a·v) vᵀ
        }
        return new Selection(picks, nan);
    }

    /** Row leverage scores of the rank-k truncated SVD of a (n×f). */
    static double[] leverage(double[] a, int n, int f, int rank) {
        double[] lev = new double[n];
        if (n <= f) {
            double[] g = new double[n * n];
            Blas.gemm(false, true, n, n, f, 1.0, a, a, 0.0, g);
            Blas.Eigen e = Blas.symmetricEigen(g, n);
            double tol = 1e-12 * Math.max(e.values()[n - 1], 0.0);
            for (int t = 0; t < Math.min(rank, n); t++) {
                int k = n - 1 - t;
                if (!(e.values()[k] > tol)) break;
                for (int i = 0; i < n; i++) lev[i] += e.vector(i, k) * e.vector(i, k);
            }
        } else {
            double[] g = new double[f * f];
            Blas.syrkTransposed(f, n, 1.0, a, 0.0, g);
            Blas.Eigen e = Blas.symmetricEigen(g, f);
            double tol = 1e-12 * Math.max(e.values()[f - 1], 0.0);
            int k = 0;
            while (k < Math.min(rank, f) && e.values()[f - 1 - k] > tol) k++;
            if (k == 0) return lev;
            double[] v = new double[f * k];
            for (int q = 0; q < f; q++)
                for (int t = 0; t < k; t++) v[q * k + t] = e.vector(q, f - 1 - t) / Math.sqrt(e.values()[f - 1 - t]);
            double[] u = new double[n * k];
            Blas.gemm(false, false, n, k, f, 1.0, a, v, 0.0, u); // U = X V Σ^{-1}
            for (int i = 0; i < n; i++)
                for (int t = 0; t < k; t++) lev[i] += u[i * k + t] * u[i * k + t];
        }
        return lev;
    }

    /** {@code count} distinct indices of 0..n−1 drawn with SplittableRandom(seed), in draw order. */
    public static Selection random(int n, int count, long seed) {
        if (count < 0 || count > n) throw new IllegalArgumentException("cannot pick " + count + " of " + n + " points");
        int[] perm = new int[n];
        for (int i = 0; i < n; i++) perm[i] = i;
        SplittableRandom rng = new SplittableRandom(seed);
        for (int k = 0; k < count; k++) {
            int j = k + rng.nextInt(n - k);
            int t = perm[k];
            perm[k] = perm[j];
            perm[j] = t;
        }
        double[] nan = new double[count];
        Arrays.fill(nan, Double.NaN);
        return new Selection(Arrays.copyOf(perm, count), nan);
    }
}
