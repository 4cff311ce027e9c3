package org.equidens.model;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.equidens.descriptor.LambdaSoap;
import org.equidens.io.InputException;
import java.util.stream.IntStream;
import org.equidens.kernel.EquivariantFeatures;
import org.equidens.kernel.SparseSelection.Selection;
import org.equidens.kernel.SphericalKernel;
import org.equidens.properties.CartesianTensors.Decomposition;
import org.equidens.structure.Atoms;

/**
 * SA-GPR design rows without the features of all structures in memory. λ-SOAP of a few structures
 * at a time (a chunk) is computed, each structure's kernel rows against the sparse environments are
 * summed over its centres (Σ_i K(i, M), {@link RkhsFeatureMap#structurePsi}) and projected into the
 * RKHS, and the chunk's features are dropped. Memory then scales with the sparse set and the number
 * of structures (Ψ is structures·(2λ+1) × D), not with the number of atoms: the bulk-water set (96
 * centres per frame) needs about 12 GB for all features of 1000 frames, the streamed rows a few
 * hundred MB.
 *
 * <p>Given the same sparse environments, the rows are the ones the in-memory path computes: each
 * structure's λ-SOAP does not depend on which other structures share its chunk, and a structure's
 * kernel rows are summed over its centres in the same order.
 */
public final class StreamingDesign {
    private StreamingDesign() {}

    /** Features of some structures on demand. */
    public interface Source {
        /** Number of structures the source can compute. */
        int structures();

        /** Features of the given structures (indices into the source), in that order. */
        FeatureSet features(int[] structures);
    }

    /** λ-SOAP blocks {@code blocks} ((λ, σ) pairs, see {@link StructureFeatures#compute}) of {@code structures}, on demand. */
    public static Source lambdaSoap(List<Atoms> structures, LambdaSoap.Hypers hypers, int[][] blocks) {
        return lambdaSoap(structures, hypers, null, blocks);
    }

    /** As above with the long-range part of multi-scale features (null: ρ⊗ρ alone). */
    public static Source lambdaSoap(List<Atoms> structures, LambdaSoap.Hypers hypers, org.equidens.descriptor.MultiscaleSoap.Potential potential,
                                    int[][] blocks) {
        return new Source() {
            @Override
            public int structures() {
                return structures.size();
            }

            @Override
            public FeatureSet features(int[] idx) {
                List<Atoms> sub = new ArrayList<>(idx.length);
                for (int i : idx) sub.add(structures.get(i));
                try {
                    return StructureFeatures.compute(sub, hypers, potential, blocks);
                } catch (InputException e) {
                    // "structure j" counts the chunk: name the structure of the source
                    java.util.regex.Matcher m = java.util.regex.Pattern.compile("^structure (\\d+)").matcher(e.getMessage());
                    if (m.find() && Integer.parseInt(m.group(1)) < idx.length)
                        throw new InputException("structure " + idx[Integer.parseInt(m.group(1))] + e.getMessage().substring(m.end()), e);
                    throw e;
                }
            }
        };
    }

    /**
     * Raw features of chosen centres, in one pass over the structures that hold them.
     *
     * @param structure structure[g][j]: the source structure of centre j of group g
     * @param centre    centre[g][j]: its index among that structure's centres
     * @param lambdas   the blocks to return (each must be in the source's features)
     * @param chunk     structures per feature computation
     * @return out[g][b]: the λ=lambdas[b] features of group g's centres, in the given order
     */
    public static EquivariantFeatures[][] gather(Source src, int[][] structure, int[][] centre, int[] lambdas, int chunk) {
        if (structure.length != centre.length) throw new IllegalArgumentException("one centre list per structure list");
        TreeMap<Integer, List<int[]>> wanted = new TreeMap<>(); // structure → (group, position)
        for (int g = 0; g < structure.length; g++) {
            if (structure[g].length != centre[g].length) throw new IllegalArgumentException("group " + g + ": lengths differ");
            for (int j = 0; j < structure[g].length; j++) wanted.computeIfAbsent(structure[g][j], k -> new ArrayList<>()).add(new int[] {g, j});
        }
        double[][][] data = new double[structure.length][lambdas.length][];
        int[] features = new int[lambdas.length];
        Arrays.fill(features, -1);
        int[] all = wanted.keySet().stream().mapToInt(Integer::intValue).toArray();
        for (int from = 0; from < all.length; from += chunk) {
            int[] idx = Arrays.copyOfRange(all, from, Math.min(all.length, from + chunk));
            FeatureSet fs = src.features(idx);
            for (int b = 0; b < lambdas.length; b++) {
                EquivariantFeatures f = fs.block(lambdas[b]);
                if (features[b] < 0) {
                    features[b] = f.features();
                    for (int g = 0; g < structure.length; g++) data[g][b] = new double[structure[g].length * f.sampleLength()];
                }
                int len = f.sampleLength();
                for (int t = 0; t < idx.length; t++) {
                    for (int[] gj : wanted.get(idx[t])) {
                        int c = centre[gj[0]][gj[1]];
                        if (c < 0 || c >= fs.atomsIn(t)) throw new IllegalArgumentException("structure " + idx[t] + " has no centre " + c);
                        System.arraycopy(f.data(), (fs.offsets()[t] + c) * len, data[gj[0]][b], gj[1] * len, len);
                    }
                }
            }
        }
        EquivariantFeatures[][] out = new EquivariantFeatures[structure.length][lambdas.length];
        for (int g = 0; g < structure.length; g++)
            for (int b = 0; b < lambdas.length; b++) {
                if (structure[g].length == 0) throw new IllegalArgumentException("group " + g + " is empty");
                out[g][b] = new EquivariantFeatures(lambdas[b], structure[g].length, features[b], data[g][b]);
            }
        return out;
    }

    /**
     * One pass over the structures for several models at once: model m (its feature maps, one per λ
     * block) gets the structure-summed Ψ of the structures {@code want[m]} (distinct source indices,
     * in that order). Every structure's features are computed once, however many models want it.
     *
     * @param chunk structures per feature computation (memory: their features)
     * @return psi[m][b], (want[m].length·(2λ_b+1)) × maps[m][b].dimension()
     */
    public static double[][][] psi(Source src, RkhsFeatureMap[][] maps, int[][] want, int chunk) {
        if (maps.length != want.length) throw new IllegalArgumentException("one structure list per model");
        if (chunk < 1) throw new IllegalArgumentException("chunk must be >= 1");
        int n = src.structures();
        int[][] position = new int[maps.length][n];
        boolean[] needed = new boolean[n];
        double[][][] out = new double[maps.length][][];
        for (int m = 0; m < maps.length; m++) {
            Arrays.fill(position[m], -1);
            for (int j = 0; j < want[m].length; j++) {
                int s = want[m][j];
                if (position[m][s] >= 0) throw new IllegalArgumentException("model " + m + " lists structure " + s + " twice");
                position[m][s] = j;
                needed[s] = true;
            }
            out[m] = new double[maps[m].length][];
            for (int b = 0; b < maps[m].length; b++)
                out[m][b] = new double[Math.multiplyExact(want[m].length * (2 * maps[m][b].lambda() + 1), maps[m][b].dimension())];
        }
        int[] all = new int[n];
        int count = 0;
        for (int s = 0; s < n; s++) if (needed[s]) all[count++] = s;
        for (int from = 0; from < count; from += chunk) {
            int[] idx = Arrays.copyOfRange(all, from, Math.min(count, from + chunk));
            FeatureSet fs = src.features(idx);
            for (int m = 0; m < maps.length; m++) {
                int k = 0;
                for (int s : idx) if (position[m][s] >= 0) k++;
                if (k == 0) continue;
                int[] local = new int[k], dest = new int[k];
                k = 0;
                for (int t = 0; t < idx.length; t++)
                    if (position[m][idx[t]] >= 0) {
                        local[k] = t;
                        dest[k++] = position[m][idx[t]];
                    }
                FeatureSet sub = k == idx.length ? fs : fs.subset(local);
                for (int b = 0; b < maps[m].length; b++) {
                    int width = (2 * maps[m][b].lambda() + 1) * maps[m][b].dimension();
                    double[] rows = maps[m][b].structurePsi(sub);
                    for (int t = 0; t < k; t++) System.arraycopy(rows, t * width, out[m][b], dest[t] * width, width);
                }
            }
        }
        return out;
    }

    /** Rows of whole structures: psi is (structures·c) × d; returns the given structures' rows in that order. */
    public static double[] structureRows(double[] psi, int c, int d, int[] structures) {
        int width = c * d;
        double[] out = new double[structures.length * width];
        for (int t = 0; t < structures.length; t++) System.arraycopy(psi, structures[t] * width, out, t * width, width);
        return out;
    }

    /** Species → per-species selections as (structure, centre) pairs, for {@link #gather}. */
    public record Centres(int[] structure, int[] centre) {}

    /**
     * Where atoms of a feature set live: atom i of {@code data} (whose structure t is source structure
     * {@code sourceOf[t]}) is centre i − offsets[t] of that structure.
     */
    public static Centres locate(FeatureSet data, int[] sourceOf, int[] atoms) {
        int[] st = new int[atoms.length], ce = new int[atoms.length];
        int[] off = data.offsets();
        for (int j = 0; j < atoms.length; j++) {
            int pos = Arrays.binarySearch(off, atoms[j]);
            int t = pos >= 0 ? pos : -pos - 2;
            while (t + 1 < off.length && off[t + 1] <= atoms[j]) t++; // empty structures share an offset
            st[j] = sourceOf[t];
            ce[j] = atoms[j] - off[t];
        }
        return new Centres(st, ce);
    }

    /** Per species the first m samples of gathered features (FPS prefixes), m from {@code sizes}. */
    public static Map<Integer, EquivariantFeatures> prefixes(Map<Integer, EquivariantFeatures> full, Map<Integer, int[]> sizes) {
        Map<Integer, EquivariantFeatures> out = new TreeMap<>();
        for (Map.Entry<Integer, EquivariantFeatures> e : full.entrySet()) {
            int m = sizes.get(e.getKey()).length;
            EquivariantFeatures f = e.getValue();
            out.put(e.getKey(), m == f.samples() ? f
                    : new EquivariantFeatures(f.lambda(), m, f.features(), Arrays.copyOf(f.data(), m * f.sampleLength())));
        }
        return out;
    }

    /**
     * One split of a learning curve, streamed: for every training-set size k, its sparse selection,
     * per-λ feature maps and the structure Ψ of its training and test structures.
     *
     * @param passSeconds the two passes over the structures (gathering the sparse features, Ψ)
     */
    public record Split(Map<Integer, Selection>[] selections, RkhsFeatureMap[][] maps, double[][][] trainPsi, double[][][] testPsi,
                        double passSeconds) {}

    /**
     * Feature maps and design rows of several training sets at once (the sizes of one split of a
     * learning curve), without holding the features of all structures: the sparse environments'
     * λ features are gathered in one pass over the structures that hold them, then one more pass
     * computes every size's structure Ψ, a chunk of structures at a time, each structure's features
     * computed once for all sizes.
     *
     * @param pool0      λ=0 features of every source structure (the selections index its subsets)
     * @param selections per size, the sparse selection per species as indices into
     *                   pool0.subset(trains[k]) atoms (FPS order; per-λ prefixes as in {@link TensorModel})
     */
    public static Split forSizes(FeatureSet pool0, Source source, int[][] trains, int[][] tests, Map<Integer, Selection>[] selections,
                                 Decomposition dec, TensorModel.Options options, int chunk) {
        int sizes = trains.length;
        if (tests.length != sizes || selections.length != sizes) throw new IllegalArgumentException("one test set and selection per training set");
        int[] lambdas = dec.lambdas();
        int[] blockLambdas = IntStream.concat(IntStream.of(0), IntStream.of(lambdas)).distinct().sorted().toArray();
        List<int[]> groupStructures = new ArrayList<>(), groupCentres = new ArrayList<>(), groupKey = new ArrayList<>();
        for (int k = 0; k < sizes; k++) {
            FeatureSet ft0 = pool0.subset(trains[k]);
            for (Map.Entry<Integer, Selection> e : selections[k].entrySet()) {
                for (int i : e.getValue().indices())
                    if (ft0.species()[i] != e.getKey()) throw new IllegalArgumentException("sparse atom " + i + " is not of species " + e.getKey());
                Centres c = locate(ft0, trains[k], e.getValue().indices());
                groupStructures.add(c.structure());
                groupCentres.add(c.centre());
                groupKey.add(new int[] {k, e.getKey()});
            }
        }
        long a = System.nanoTime();
        EquivariantFeatures[][] gathered = gather(source, groupStructures.toArray(new int[0][]), groupCentres.toArray(new int[0][]), blockLambdas, chunk);
        double pass = (System.nanoTime() - a) * 1e-9;
        SphericalKernel kernel = new SphericalKernel(options.zeta());
        RkhsFeatureMap[][] maps = new RkhsFeatureMap[sizes][lambdas.length];
        for (int k = 0; k < sizes; k++) {
            for (int b = 0; b < lambdas.length; b++) {
                Map<Integer, int[]> prefix = TensorModel.sparsePrefixes(selections[k], lambdas[b], options);
                Map<Integer, EquivariantFeatures> scalar = new TreeMap<>(), tensor = new TreeMap<>();
                int lb = Arrays.binarySearch(blockLambdas, lambdas[b]);
                for (int g = 0; g < groupKey.size(); g++) {
                    if (groupKey.get(g)[0] != k) continue;
                    scalar.put(groupKey.get(g)[1], gathered[g][0]);
                    tensor.put(groupKey.get(g)[1], gathered[g][lb]);
                }
                maps[k][b] = RkhsFeatureMap.build(lambdas[b], prefixes(scalar, prefix), prefixes(tensor, prefix), kernel, options.relativeCutoff());
            }
        }
        RkhsFeatureMap[][] all = new RkhsFeatureMap[2 * sizes][];
        int[][] want = new int[2 * sizes][];
        for (int k = 0; k < sizes; k++) {
            all[2 * k] = maps[k];
            all[2 * k + 1] = maps[k];
            want[2 * k] = trains[k];
            want[2 * k + 1] = tests[k];
        }
        a = System.nanoTime();
        double[][][] psi = psi(source, all, want, chunk);
        pass += (System.nanoTime() - a) * 1e-9;
        double[][][] trainPsi = new double[sizes][][], testPsi = new double[sizes][][];
        for (int k = 0; k < sizes; k++) {
            trainPsi[k] = psi[2 * k];
            testPsi[k] = psi[2 * k + 1];
        }
        return new Split(selections, maps, trainPsi, testPsi, pass);
    }
}
