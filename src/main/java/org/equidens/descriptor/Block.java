package org.equidens.descriptor;

/**
 * One block of a {@link BlockMap}: a dense row-major array of shape (samples, components,
 * properties) with a {@link Labels} table for each axis.
 * <ul>
 *   <li><b>samples</b>: which environment a row describes, e.g. columns ("system", "atom");
 *   <li><b>components</b>: the single equivariant axis, "o3_mu" = −λ..λ (2λ+1 rows) for a λ block; a
 *       rotation R acts on this axis alone, as the real Wigner matrix D^λ(R);
 *   <li><b>properties</b>: the invariant feature index, e.g. for λ-SOAP ("l_1", "l_2",
 *       "neighbor_1_type", "n_1", "neighbor_2_type", "n_2").
 * </ul>
 * Value (s, c, p) is at {@code (s*C + c)*P + p}, so one sample's (2λ+1)×P slab is contiguous (what
 * a kernel between two environments reads). The values array is shared, not copied: blocks are
 * produced by calculators and treated as read-only afterwards.
 */
public final class Block {
    private final Labels samples;
    private final Labels components;
    private final Labels properties;
    private final double[] values;

    public Block(Labels samples, Labels components, Labels properties, double[] values) {
        long n = (long) samples.size() * components.size() * properties.size();
        if (values.length != n)
            throw new IllegalArgumentException("block of " + samples.size() + "×" + components.size() + "×"
                    + properties.size() + " needs " + n + " values, got " + values.length);
        this.samples = samples;
        this.components = components;
        this.properties = properties;
        this.values = values;
    }

    public Labels samples() {
        return samples;
    }

    public Labels components() {
        return components;
    }

    public Labels properties() {
        return properties;
    }

    /** The backing (samples, components, properties) array; not a copy. */
    public double[] values() {
        return values;
    }

    public int sampleCount() {
        return samples.size();
    }

    public int componentCount() {
        return components.size();
    }

    public int propertyCount() {
        return properties.size();
    }

    /** Flat index of (sample, component, property). */
    public int index(int sample, int component, int property) {
        return (sample * components.size() + component) * properties.size() + property;
    }

    public double get(int sample, int component, int property) {
        return values[index(sample, component, property)];
    }

    /** Offset of a sample's contiguous components×properties slab. */
    public int sampleOffset(int sample) {
        return sample * components.size() * properties.size();
    }

    /** The rows {@code rows} (in that order), values copied. */
    public Block selectSamples(int[] rows) {
        int slab = components.size() * properties.size();
        double[] v = new double[rows.length * slab];
        for (int i = 0; i < rows.length; i++) System.arraycopy(values, rows[i] * slab, v, i * slab, slab);
        return new Block(samples.select(rows), components, properties, v);
    }

    /** The samples whose label {@code name} equals {@code value}, e.g. all atoms of one system. */
    public Block selectSamples(String name, int value) {
        return selectSamples(samples.rowsWhere(name, value));
    }

    /** The properties {@code cols} (in that order), values copied. */
    public Block selectProperties(int[] cols) {
        int p = properties.size(), rows = samples.size() * components.size();
        double[] v = new double[rows * cols.length];
        for (int r = 0; r < rows; r++)
            for (int j = 0; j < cols.length; j++) v[r * cols.length + j] = values[r * p + cols[j]];
        return new Block(samples, components, properties.select(cols), v);
    }

    @Override
    public String toString() {
        return "Block(" + samples.size() + " samples, " + components.size() + " components, "
                + properties.size() + " properties)";
    }
}
