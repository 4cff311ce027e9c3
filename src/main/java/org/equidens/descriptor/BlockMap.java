package org.equidens.descriptor;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.TreeMap;

/**
 * A set of {@link Block}s addressed by {@link Key} (λ, σ, centre species), metatensor's TensorMap
 * reduced to what equidens uses. Keys iterate in {@link Key} order. Immutable (the blocks' arrays
 * are shared).
 */
public final class BlockMap {
    private final TreeMap<Key, Block> blocks;

    public BlockMap(Map<Key, Block> blocks) {
        this.blocks = new TreeMap<>(blocks);
    }

    /** Keys in order. */
    public List<Key> keys() {
        return Collections.unmodifiableList(new ArrayList<>(blocks.keySet()));
    }

    public int size() {
        return blocks.size();
    }

    public boolean contains(Key key) {
        return blocks.containsKey(key);
    }

    /** The block for this key, or null. */
    public Block get(Key key) {
        return blocks.get(key);
    }

    /** The block for (λ, σ, centre species); throws if absent. */
    public Block block(int lambda, int sigma, int centerSpecies) {
        Block b = blocks.get(new Key(lambda, sigma, centerSpecies));
        if (b == null) throw new NoSuchElementException("no block λ=" + lambda + " σ=" + sigma + " centre Z=" + centerSpecies);
        return b;
    }

    /** Blocks in key order. */
    public List<Block> blocks() {
        return Collections.unmodifiableList(new ArrayList<>(blocks.values()));
    }

    /** Every block restricted to the samples whose label {@code name} equals {@code value}. */
    public BlockMap selectSamples(String name, int value) {
        TreeMap<Key, Block> out = new TreeMap<>();
        blocks.forEach((k, b) -> out.put(k, b.selectSamples(name, value)));
        return new BlockMap(out);
    }

    @Override
    public String toString() {
        return "BlockMap" + blocks.keySet();
    }
}
