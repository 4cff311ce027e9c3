package org.equidens.descriptor;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;
import org.equidens.descriptor.EquivariantPowerSpectrum.Normalisation;
import org.equidens.descriptor.EquivariantPowerSpectrum.PairSelection;
import org.equidens.descriptor.EquivariantPowerSpectrum.Parities;
import org.equidens.structure.Atoms;

/**
 * The λ-SOAP descriptor of structures: {@link SphericalExpansion} ρ coupled with itself by
 * {@link EquivariantPowerSpectrum} (ρ⊗ρ), one hyperparameter record for both steps.
 *
 * <p><b>Output</b> ({@link #compute}): a {@link BlockMap} per structure with keys (λ, σ, centre
 * species), samples ("system", "atom") = (structure index, atom index in the structure), component
 * "o3_mu" = −λ..λ, properties ("l_1", "l_2", "neighbor_1_type", "n_1", "neighbor_2_type", "n_2")
 * ordered by the (l1, l2) pair, then (a1, n1), then (a2, n2), species ascending by Z.
 *
 * <p><b>One dense block</b> ({@link #block}): rows are all centres in structure order, whatever their
 * species. This is well defined because the property set of a (λ, σ) block does not depend on the
 * centre species: it is fixed by l_max, N, the pair selection and the neighbour species, and the
 * neighbour species are the same for every centre of a structure (the hypers' list, or else the
 * structure's own species sorted by Z). Fix {@link SphericalExpansion.Hypers#species()} to make the
 * features of structures with different compositions line up.
 *
 * <p><b>Default pair selection: {@link PairSelection#L1_LE_L2_WEIGHTED}.</b> For ρ⊗ρ the (l2, l1)
 * block is (−1)^{l1+l2+λ} times the (l1, l2) block with (a1,n1)↔(a2,n2) swapped, so storing l1 ≤ l2
 * with l1 &lt; l2 scaled by √2 gives exactly the dot products, norms and hence linear and ζ kernels of
 * all ordered pairs (TENSOAP/SALTED convention) with about half the memory and time.
 */
public final class LambdaSoap {
    /**
     * @param expansion     hyperparameters of the spherical expansion
     * @param lambdaMax     largest λ of {@link #compute}
     * @param parities      σ computed by {@link #compute}
     * @param normalisation per-environment normalisation of each block
     * @param pairs         (l1, l2) selection (see the class comment)
     */
    public record Hypers(SphericalExpansion.Hypers expansion, int lambdaMax, Parities parities, Normalisation normalisation,
                         PairSelection pairs) implements Serializable {
        public Hypers {
            if (expansion == null) throw new IllegalArgumentException("expansion hyperparameters must be given");
            new EquivariantPowerSpectrum.Hypers(lambdaMax, parities, normalisation, pairs); // validates
        }

        /** Both parities, no normalisation, l1 ≤ l2 with √2 weights. */
        public static Hypers of(SphericalExpansion.Hypers expansion, int lambdaMax) {
            return new Hypers(expansion, lambdaMax, Parities.BOTH, Normalisation.NONE, PairSelection.L1_LE_L2_WEIGHTED);
        }

        /** The coupling step's hyperparameters. */
        public EquivariantPowerSpectrum.Hypers power() {
            return new EquivariantPowerSpectrum.Hypers(lambdaMax, parities, normalisation, pairs);
        }

        public Hypers withPairs(PairSelection p) {
            return new Hypers(expansion, lambdaMax, parities, normalisation, p);
        }

        public Hypers withNormalisation(Normalisation n) {
            return new Hypers(expansion, lambdaMax, parities, n, pairs);
        }

        public Hypers withParities(Parities p) {
            return new Hypers(expansion, lambdaMax, p, normalisation, pairs);
        }
    }

    private final Hypers hypers;
    private final SphericalExpansion expansion;
    private final EquivariantPowerSpectrum power;

    public LambdaSoap(Hypers hypers) {
        this.hypers = hypers;
        this.expansion = new SphericalExpansion(hypers.expansion());
        this.power = new EquivariantPowerSpectrum(hypers.power());
    }

    public Hypers hypers() {
        return hypers;
    }

    /** The expansion calculator (e.g. to reuse one expansion for several blocks). */
    public SphericalExpansion expansion() {
        return expansion;
    }

    public EquivariantPowerSpectrum powerSpectrum() {
        return power;
    }

    /** All blocks λ ≤ λmax of the configured parities for one structure (system label 0). */
    public BlockMap compute(Atoms structure) {
        return compute(structure, 0);
    }

    /** The same with samples labelled ("system", "atom") = (system, atom). */
    public BlockMap compute(Atoms structure, int system) {
        return power.compute(expansion.compute(structure, system));
    }

    /** One BlockMap per structure, system labels 0, 1, .... */
    public List<BlockMap> compute(List<Atoms> structures) {
        List<BlockMap> out = new ArrayList<>(structures.size());
        for (int s = 0; s < structures.size(); s++) out.add(compute(structures.get(s), s));
        return out;
    }

    /** Whether ρ⊗ρ has a (λ, σ) block at this l_max: some l1, l2 ≤ l_max with |l1−l2| ≤ λ ≤ l1+l2 and (−1)^{l1+l2+λ} = σ. */
    public static boolean hasBlock(int lmax, int lambda, int sigma) {
        for (int l1 = 0; l1 <= lmax; l1++)
            for (int l2 = 0; l2 <= lmax; l2++)
                if (Math.abs(l1 - l2) <= lambda && lambda <= l1 + l2 && (((l1 + l2 + lambda) & 1) == 0) == (sigma == 1)) return true;
        return false;
    }

    /**
     * Block (λ, σ) of one structure as one dense (centres, 2λ+1, features) array, centres = atoms in
     * structure order (those of {@link SphericalExpansion.Hypers#centerSpecies()} if set), samples
     * ("system", "atom") = (0, atom). Only this block is computed; λ and σ need not be within the
     * hypers' λmax / parities.
     *
     * @throws IllegalArgumentException if ρ⊗ρ has no such block at this l_max (see {@link #hasBlock})
     */
    public Block block(Atoms structure, int lambda, int sigma) {
        return block(expansion.compute(structure), lambda, sigma);
    }

    /** {@link #block(Atoms, int, int)} from an expansion already computed with {@link #expansion()}. */
    public Block block(Expansion e, int lambda, int sigma) {
        if (!hasBlock(e.lmax(), lambda, sigma))
            throw new IllegalArgumentException("λ-SOAP has no block λ=" + lambda + ", σ=" + sigma + " at l_max=" + e.lmax());
        if (e.centres() == 0) return new Block(e.samples(), Labels.mu(lambda), properties(e, lambda, sigma), new double[0]);
        return inCentreOrder(power.computeBlock(e, e, lambda, sigma), e, lambda, sigma);
    }

    /**
     * The per-centre-species blocks (λ, σ) of {@code map} as one block whose rows are the centres of
     * {@code e} in structure order (the property set must not depend on the centre species).
     */
    static Block inCentreOrder(BlockMap map, Expansion e, int lambda, int sigma) {
        int[] zs = e.distinctCenterSpecies();
        Block first = map.block(lambda, sigma, zs[0]);
        Labels props = first.properties();
        int slab = (2 * lambda + 1) * props.size();
        double[] out = new double[Math.multiplyExact(e.centres(), slab)];
        int[] next = new int[zs.length];
        for (int i = 0; i < e.centres(); i++) {
            int z = Arrays.binarySearch(zs, e.centerSpecies(i));
            Block b = map.block(lambda, sigma, zs[z]);
            if (!b.properties().equals(props)) throw new IllegalStateException("property sets differ between centre species");
            System.arraycopy(b.values(), b.sampleOffset(next[z]++), out, i * slab, slab);
        }
        return new Block(e.samples(), Labels.mu(lambda), props, out);
    }

    /** Property labels of block (λ, σ) for an expansion (computed on a single zero centre; cheap). */
    private Labels properties(Expansion e, int lambda, int sigma) {
        Expansion one = new Expansion(e.lmax(), e.radialCount(), e.species(), new int[] {e.species(0)});
        return power.computeBlock(one, one, lambda, sigma).blocks().get(0).properties();
    }

    /**
     * Streams the λ-SOAP of a large structure in chunks of at most {@code chunk} consecutive centres:
     * the expansion is computed once for all centres (small: (l_max+1)²·S·N per centre), the coupled
     * features chunk by chunk, so peak memory is that of one chunk's features, not the whole
     * structure's (λ ≤ 7 at l_max 8 is ~0.6 MB per centre even with √2-weighted l1 ≤ l2 pairs).
     * Each chunk's BlockMap has samples ("system", "atom") = (0, atom) of its own centres.
     */
    public void forEachChunk(Atoms structure, int chunk, Consumer<BlockMap> consumer) {
        forEachChunk(expansion.compute(structure), chunk, consumer);
    }

    /** {@link #forEachChunk(Atoms, int, Consumer)} from an existing expansion. */
    public void forEachChunk(Expansion e, int chunk, Consumer<BlockMap> consumer) {
        if (chunk < 1) throw new IllegalArgumentException("chunk must be >= 1: " + chunk);
        for (int from = 0; from < e.centres(); from += chunk) consumer.accept(power.compute(e.centres(from, Math.min(e.centres(), from + chunk))));
    }
}
