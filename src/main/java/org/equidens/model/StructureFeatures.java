package org.equidens.model;

import org.equidens.util.Progress;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import org.equidens.descriptor.Block;
import org.equidens.descriptor.Expansion;
import org.equidens.descriptor.LambdaSoap;
import org.equidens.descriptor.MultiscaleSoap;
import org.equidens.descriptor.SphericalExpansion;
import org.equidens.io.InputException;
import org.equidens.kernel.EquivariantFeatures;
import org.equidens.properties.CartesianTensors.Decomposition;
import org.equidens.structure.Atoms;
import org.equidens.util.Threads;

/**
 * λ-SOAP {@link FeatureSet}s of whole structures, the input of {@link TensorModel}: λ=0 (always: the
 * ζ factor and the sparse selection use it) plus every λ a target needs, computed in parallel over
 * structures (one spherical expansion per structure shared by all its blocks).
 *
 * <p>Parity: a proper tensor's λ parts are learned from σ=+1 features. The only σ=−1 block is λ=1 of
 * a general (non-symmetric) rank-2 target: its antisymmetric part is a pseudovector, which σ=+1 λ=1
 * features cannot represent (they change sign under inversion, the pseudovector does not).
 *
 * <p>Neighbour species: if the hypers leave them open, the union over all given structures is
 * fixed here, so that every structure's features have the same columns (a structure lacking a
 * species would otherwise get a shorter feature vector). A model must keep this list; predicting
 * other structures uses the model's hypers ({@link #resolveSpecies} is then a no-op).
 */
public final class StructureFeatures {
    private StructureFeatures() {}

    /** (λ, σ) pairs a target needs, λ ascending; always starts with (0, +1). */
    public static int[][] blocksFor(Decomposition target) {
        TreeMap<Integer, Integer> m = new TreeMap<>();
        m.put(0, 1);
        for (int lambda : target.lambdas()) m.put(lambda, !target.symmetric() && target.rank() == 2 && lambda == 1 ? -1 : 1);
        int[][] out = new int[m.size()][];
        int k = 0;
        for (Map.Entry<Integer, Integer> e : m.entrySet()) out[k++] = new int[] {e.getKey(), e.getValue()};
        return out;
    }

    /** The hypers with the neighbour species fixed to the union over {@code structures} if not set. */
    public static LambdaSoap.Hypers resolveSpecies(LambdaSoap.Hypers hypers, List<Atoms> structures) {
        SphericalExpansion.Hypers e = hypers.expansion();
        if (e.species() != null) return hypers;
        TreeSet<Integer> zs = new TreeSet<>();
        for (Atoms a : structures) for (int i = 0; i < a.size(); i++) zs.add(a.atomicNumber(i));
        int[] species = zs.stream().mapToInt(Integer::intValue).toArray();
        SphericalExpansion.Hypers fixed = new SphericalExpansion.Hypers(e.cutoff(), e.smoothing(), e.smoothingWidth(), e.gaussianWidth(),
                e.radialFunctions(), e.maxAngular(), e.centerAtomWeight(), e.splineAccuracy(), species, e.centerSpecies());
        return new LambdaSoap.Hypers(fixed, hypers.lambdaMax(), hypers.parities(), hypers.normalisation(), hypers.pairs());
    }

    /**
     * Features of the given structures for the blocks {@link #blocksFor}(target). Centres are the
     * atoms of the hypers' centre species (all atoms if unset), in structure order; the FeatureSet's
     * species are their atomic numbers. The hypers must have their neighbour species fixed.
     *
     * @throws InputException naming the structure index if a structure has no centre or a species
     *                        outside the hypers' list
     */
    public static FeatureSet compute(List<Atoms> structures, LambdaSoap.Hypers hypers, Decomposition target) {
        return compute(structures, hypers, null, blocksFor(target));
    }

    /** As above with an optional long-range part (null = ρ⊗ρ only). */
    public static FeatureSet compute(List<Atoms> structures, LambdaSoap.Hypers hypers, MultiscaleSoap.Potential potential, Decomposition target) {
        return compute(structures, hypers, potential, blocksFor(target));
    }

    /** As above for explicit (λ, σ) blocks; λ must be distinct and include 0. */
    public static FeatureSet compute(List<Atoms> structures, LambdaSoap.Hypers hypers, int[][] blocks) {
        return compute(structures, hypers, null, blocks);
    }

    /**
     * As above; with a {@code potential} (not null) every block is the multi-scale [ρ⊗ρ, w·ρ⊗V] block
     * of {@link MultiscaleSoap} instead of ρ⊗ρ alone.
     */
    public static FeatureSet compute(List<Atoms> structures, LambdaSoap.Hypers hypers, MultiscaleSoap.Potential potential, int[][] blocks) {
        if (hypers.expansion().species() == null) throw new IllegalArgumentException("fix the neighbour species first (resolveSpecies)");
        MultiscaleSoap multiscale = potential == null ? null : new MultiscaleSoap(hypers, potential);
        LambdaSoap soap = multiscale == null ? new LambdaSoap(hypers) : multiscale.soap();
        int[] allowed = hypers.expansion().species(), centres = hypers.expansion().centerSpecies();
        int n = structures.size(), nb = blocks.length;
        if (n == 0) throw new InputException("no structures");
        // centre counts first, so every structure writes straight into its rows (no second copy)
        int[] offsets = new int[n + 1];
        for (int s = 0; s < n; s++) {
            Atoms a = structures.get(s);
            int count = 0;
            for (int i = 0; i < a.size(); i++) {
                int z = a.atomicNumber(i);
                if (Arrays.binarySearch(allowed, z) < 0)
                    throw new InputException("structure " + s + ": species " + a.symbol(i) + " is not among the model's species " + symbols(allowed));
                if (centres == null || Arrays.binarySearch(centres, z) >= 0) count++;
            }
            if (count == 0) throw new InputException("structure " + s + " has no atom of the centre species " + symbols(centres));
            offsets[s + 1] = offsets[s] + count;
        }
        int atoms = offsets[n];
        int[] species = new int[atoms];
        double[][] data = new double[nb][];
        int[] features = new int[nb];
        for (int b = 0; b < nb; b++) {
            for (int c = 0; c < b; c++)
                if (blocks[c][0] == blocks[b][0]) throw new IllegalArgumentException("λ=" + blocks[b][0] + " requested twice");
            if (!LambdaSoap.hasBlock(hypers.expansion().maxAngular(), blocks[b][0], blocks[b][1]))
                throw new InputException("λ-SOAP has no block λ=" + blocks[b][0] + ", σ=" + blocks[b][1] + " at l_max "
                        + hypers.expansion().maxAngular() + " (need λ ≤ 2·l_max)");
            if (multiscale != null && !MultiscaleSoap.hasBlock(hypers.expansion().maxAngular(), potential.lode().maxAngular(), blocks[b][0], blocks[b][1]))
                throw new InputException("ρ⊗V has no block λ=" + blocks[b][0] + ", σ=" + blocks[b][1] + " at LODE l_max "
                        + potential.lode().maxAngular() + " (need λ ≤ l_max(ρ) + l_max(V))");
        }
        java.util.function.IntConsumer one = s -> {
            Expansion e;
            try {
                e = soap.expansion().compute(structures.get(s));
            } catch (InputException x) {
                throw new InputException("structure " + s + ": " + x.getMessage(), x);
            }
            if (e.centres() != offsets[s + 1] - offsets[s]) throw new IllegalStateException("centre count mismatch in structure " + s);
            for (int c = 0; c < e.centres(); c++) species[offsets[s] + c] = e.centerSpecies(c);
            Expansion v;
            try {
                v = multiscale == null ? null : multiscale.potentialExpansion(structures.get(s), e);
            } catch (IllegalArgumentException x) {
                throw new InputException("structure " + s + ": " + x.getMessage(), x);
            }
            for (int b = 0; b < nb; b++) {
                Block block = v == null ? soap.block(e, blocks[b][0], blocks[b][1]) : multiscale.block(e, v, blocks[b][0], blocks[b][1]);
                synchronized (data) {
                    if (data[b] == null) {
                        features[b] = block.propertyCount();
                        data[b] = new double[Math.toIntExact((long) atoms * (2L * blocks[b][0] + 1) * features[b])];
                    }
                }
                if (block.propertyCount() != features[b]) throw new IllegalStateException("feature count differs between structures");
                int slab = (2 * blocks[b][0] + 1) * features[b];
                System.arraycopy(block.values(), 0, data[b], offsets[s] * slab, block.values().length);
            }
        };
        try (Progress.Task bar = Progress.task("λ-SOAP features", n)) {
            one.accept(0);
            bar.step();
            Threads.parallelFor(1, n, s -> {
                one.accept(s);
                bar.step();
            });
        }
        Map<Integer, EquivariantFeatures> out = new TreeMap<>();
        for (int b = 0; b < nb; b++) out.put(blocks[b][0], new EquivariantFeatures(blocks[b][0], atoms, features[b], data[b]));
        return new FeatureSet(offsets, species, out);
    }

    private static String symbols(int[] zs) {
        List<String> s = new ArrayList<>();
        if (zs == null) return "(all)";
        for (int z : zs) s.add(org.equidens.structure.Elements.symbol(z));
        return s.toString();
    }
}
