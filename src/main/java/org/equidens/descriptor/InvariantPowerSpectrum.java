package org.equidens.descriptor;

import java.util.Arrays;
import java.util.TreeMap;
import java.util.stream.IntStream;
import org.equidens.util.Threads;

/**
 * The invariant SOAP power spectrum in featomic's convention and layout (SoapPowerSpectrum):
 * <pre>
 *   p^{ab}_{n1 n2 l}(i) = w_{ab} · (−1)^l/√(2l+1) · Σ_m c^a_{i,n1 lm} c^b_{i,n2 lm},   a ≤ b,
 * </pre>
 * w_{aa} = 1 and w_{ab} = √2 for a &lt; b, so storing each unordered species pair once keeps the
 * Euclidean norm (and linear kernels) of the full a,b-ordered feature vector. The factor
 * (−1)^l/√(2l+1) is the real CG coefficient (l m, l m') → 0 0 = (−1)^l/√(2l+1)·δ_{mm'}, so p is
 * exactly the λ=0 block of {@link EquivariantPowerSpectrum} restricted to a ≤ b (times w_{ab}).
 * No normalisation (as featomic).
 *
 * <p>Per centre the F = S(S+1)/2·(lmax+1)·N² features are flattened as [(a ≤ b)][l][n1][n2],
 * species pairs in lexicographic order of ascending atomic numbers — the layout of featomic's
 * reference array (property labels "neighbor_1_type", "neighbor_2_type", "l", "n_1", "n_2").
 */
public final class InvariantPowerSpectrum {
    private static final String[] PROPERTY_NAMES = {"neighbor_1_type", "neighbor_2_type", "l", "n_1", "n_2"};

    private InvariantPowerSpectrum() {}

    /** Property labels of an expansion's power spectrum, in storage order. */
    public static Labels properties(Expansion e) {
        int s = e.speciesCount(), n = e.radialCount(), lmax = e.lmax();
        int[] v = new int[featureCount(e) * 5];
        int r = 0;
        for (int a = 0; a < s; a++)
            for (int b = a; b < s; b++)
                for (int l = 0; l <= lmax; l++)
                    for (int n1 = 0; n1 < n; n1++)
                        for (int n2 = 0; n2 < n; n2++) {
                            v[r++] = e.species(a);
                            v[r++] = e.species(b);
                            v[r++] = l;
                            v[r++] = n1;
                            v[r++] = n2;
                        }
        return new Labels(PROPERTY_NAMES, v);
    }

    /** Features per centre: S(S+1)/2·(lmax+1)·N². */
    public static int featureCount(Expansion e) {
        int s = e.speciesCount(), n = e.radialCount();
        return Math.multiplyExact(s * (s + 1) / 2 * (e.lmax() + 1), n * n);
    }

    /** (centres × F) row-major, centres in expansion order. */
    public static double[] computeFlat(Expansion e) {
        int f = featureCount(e), centres = e.centres();
        double[] out = new double[Math.multiplyExact(centres, f)];
        Runnable work = () -> IntStream.range(0, centres).parallel().forEach(i -> centre(e, i, out, i * f));
        if (centres > 1) Threads.pool().submit(work).join();
        else work.run();
        return out;
    }

    /** As a BlockMap: keys (0, +1, centre species), component "o3_mu" = 0, properties {@link #properties}. */
    public static BlockMap compute(Expansion e) {
        double[] flat = computeFlat(e);
        int f = featureCount(e);
        Labels props = properties(e), mu = Labels.mu(0);
        int[] centers = e.centerSpecies();
        TreeMap<Key, Block> blocks = new TreeMap<>();
        for (int z : e.distinctCenterSpecies()) {
            int[] rows = IntStream.range(0, centers.length).filter(i -> centers[i] == z).toArray();
            double[] v = new double[rows.length * f];
            for (int k = 0; k < rows.length; k++) System.arraycopy(flat, rows[k] * f, v, k * f, f);
            blocks.put(new Key(0, 1, z), new Block(e.samples().select(rows), mu, props, v));
        }
        return new BlockMap(blocks);
    }

    private static void centre(Expansion e, int i, double[] out, int o) {
        double[] c = e.values();
        int s = e.speciesCount(), n = e.radialCount(), k = e.lmStride(), base = i * e.centreStride();
        for (int a = 0; a < s; a++)
            for (int b = a; b < s; b++)
                for (int l = 0; l <= e.lmax(); l++, o += n * n) {
                    double f = ((l & 1) == 0 ? 1.0 : -1.0) / Math.sqrt(2 * l + 1) * (a < b ? Math.sqrt(2.0) : 1.0);
                    Arrays.fill(out, o, o + n * n, 0.0);
                    for (int m = -l; m <= l; m++) {
                        int lm = base + (l * l + l + m) * k;
                        int ca = lm + a * n, cb = lm + b * n;
                        for (int n1 = 0; n1 < n; n1++) {
                            double x = c[ca + n1];
                            if (x == 0.0) continue;
                            int row = o + n1 * n;
                            for (int n2 = 0; n2 < n; n2++) out[row + n2] += x * c[cb + n2];
                        }
                    }
                    for (int j = o; j < o + n * n; j++) out[j] *= f;
                }
    }
}
