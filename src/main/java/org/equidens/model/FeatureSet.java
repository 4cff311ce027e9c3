package org.equidens.model;

import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;
import org.equidens.io.InputException;
import org.equidens.kernel.EquivariantFeatures;

/**
 * Atomic features of a set of structures: structure s owns atoms offsets[s]..offsets[s+1]−1, atom i
 * has species[i], and blocks.get(λ) holds every atom's λ features in that order. λ=0 is required (the
 * ζ factor and the sparse selection use it). For per-atom targets use one "structure" per atom
 * ({@link #perAtomOffsets}).
 *
 * <p>Which parity a block carries is the caller's choice: a proper tensor's λ is learned from σ=+1
 * λ-SOAP, the antisymmetric (pseudovector) λ=1 part of a general rank-2 tensor from σ=−1 features.
 */
public record FeatureSet(int[] offsets, int[] species, Map<Integer, EquivariantFeatures> blocks) {
    public FeatureSet {
        if (offsets.length < 1 || offsets[0] != 0) throw new InputException("structure offsets must start at 0");
        for (int s = 1; s < offsets.length; s++)
            if (offsets[s] < offsets[s - 1]) throw new InputException("structure offsets must not decrease");
        int atoms = offsets[offsets.length - 1];
        if (species.length != atoms) throw new InputException("expected " + atoms + " species, got " + species.length);
        if (!blocks.containsKey(0)) throw new InputException("λ=0 features are required");
        for (Map.Entry<Integer, EquivariantFeatures> e : blocks.entrySet()) {
            if (e.getValue().lambda() != e.getKey()) throw new InputException("block keyed λ=" + e.getKey() + " holds λ=" + e.getValue().lambda());
            if (e.getValue().samples() != atoms) throw new InputException("block λ=" + e.getKey() + " has " + e.getValue().samples() + " samples for " + atoms + " atoms");
        }
        blocks = Collections.unmodifiableMap(new TreeMap<>(blocks));
    }

    public int structures() {
        return offsets.length - 1;
    }

    public int atoms() {
        return offsets[offsets.length - 1];
    }

    public int atomsIn(int structure) {
        return offsets[structure + 1] - offsets[structure];
    }

    /** The λ block; an input error if missing. */
    public EquivariantFeatures block(int lambda) {
        EquivariantFeatures f = blocks.get(lambda);
        if (f == null) throw new InputException("no λ=" + lambda + " features");
        return f;
    }

    /** 0, 1, …, n: every atom its own structure (per-atom targets). */
    public static int[] perAtomOffsets(int n) {
        int[] o = new int[n + 1];
        for (int i = 0; i <= n; i++) o[i] = i;
        return o;
    }

    /** The given structures, in that order. */
    public FeatureSet subset(int[] structures) {
        int n = 0;
        for (int s : structures) n += atomsIn(s);
        int[] atomIdx = new int[n], off = new int[structures.length + 1], sp = new int[n];
        int k = 0;
        for (int t = 0; t < structures.length; t++) {
            for (int i = offsets[structures[t]]; i < offsets[structures[t] + 1]; i++) {
                atomIdx[k] = i;
                sp[k++] = species[i];
            }
            off[t + 1] = k;
        }
        Map<Integer, EquivariantFeatures> b = new TreeMap<>();
        for (Map.Entry<Integer, EquivariantFeatures> e : blocks.entrySet()) b.put(e.getKey(), e.getValue().select(atomIdx));
        return new FeatureSet(off, sp, b);
    }
}
