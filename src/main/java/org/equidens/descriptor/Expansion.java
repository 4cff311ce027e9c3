package org.equidens.descriptor;

import java.util.Arrays;

/**
 * Spherical-expansion coefficients c^a_{i,nlm} of a set of centres i: the input of the (equivariant)
 * power spectrum, filled by the SOAP/LODE expansion code or synthetically in tests.
 *
 * <p><b>Layout</b> (featomic's flattening of one centre, verified against its reference files):
 * each centre owns a contiguous slab of {@link #centreStride()} = (lmax+1)²·S·N doubles ordered
 * <b>[l][m][neighbour species][n]</b>, with (l, m) at the harmonic index l²+l+m (m = −l..l),
 * neighbour species in ascending atomic number, and n = 0..N−1. So
 * {@code index(i,l,m,a,n) = i·stride + ((l²+l+m)·S + a)·N + n}. For fixed (l, m) the S·N values
 * (a, n) are contiguous, which is the vector the power spectrum takes outer products of.
 *
 * <p>All coefficients are assumed to be proper (σ = +1) tensors in their l index, like Y_lm.
 * Samples default to ("system", "atom") = (0, i).
 */
public final class Expansion {
    private final int lmax;
    private final int radialCount;
    private final int[] species;
    private final int[] centerSpecies;
    private final Labels samples;
    private final double[] values;
    private final int lmStride;
    private final int centreStride;

    /** Zero coefficients for {@code centerSpecies.length} centres of one system. */
    public Expansion(int lmax, int radialCount, int[] species, int[] centerSpecies) {
        this(lmax, radialCount, species, centerSpecies, defaultSamples(centerSpecies.length), null);
    }

    /**
     * @param lmax maximum angular order, ≥ 0
     * @param radialCount N, the number of radial functions (n = 0..N−1), ≥ 1
     * @param species neighbour species (atomic numbers), strictly ascending
     * @param centerSpecies the species (atomic number) of each centre
     * @param samples one label row per centre, e.g. ("system", "atom")
     * @param values the coefficients in the layout above (used, not copied), or null for zeros
     */
    public Expansion(int lmax, int radialCount, int[] species, int[] centerSpecies, Labels samples, double[] values) {
        if (lmax < 0) throw new IllegalArgumentException("lmax must be >= 0: " + lmax);
        if (radialCount < 1) throw new IllegalArgumentException("need at least one radial function");
        if (species.length == 0) throw new IllegalArgumentException("need at least one neighbour species");
        for (int a = 1; a < species.length; a++)
            if (species[a] <= species[a - 1])
                throw new IllegalArgumentException("neighbour species must be strictly ascending: " + Arrays.toString(species));
        if (samples.size() != centerSpecies.length)
            throw new IllegalArgumentException(samples.size() + " sample labels for " + centerSpecies.length + " centres");
        this.lmax = lmax;
        this.radialCount = radialCount;
        this.species = species.clone();
        this.centerSpecies = centerSpecies.clone();
        this.samples = samples;
        this.lmStride = species.length * radialCount;
        this.centreStride = (lmax + 1) * (lmax + 1) * lmStride;
        long n = (long) centreStride * centerSpecies.length;
        if (n > Integer.MAX_VALUE - 8) throw new IllegalArgumentException("expansion too large: " + n + " values");
        if (values == null) values = new double[(int) n];
        if (values.length != n) throw new IllegalArgumentException("expected " + n + " values, got " + values.length);
        this.values = values;
    }

    /** Labels ("system", "atom") = (0, i), i = 0..n−1. */
    public static Labels defaultSamples(int n) {
        int[] v = new int[2 * n];
        for (int i = 0; i < n; i++) v[2 * i + 1] = i;
        return new Labels(new String[] {"system", "atom"}, v);
    }

    public int lmax() {
        return lmax;
    }

    /** N, the number of radial functions. */
    public int radialCount() {
        return radialCount;
    }

    /** S, the number of neighbour species. */
    public int speciesCount() {
        return species.length;
    }

    /** Neighbour species (atomic numbers), ascending. */
    public int[] species() {
        return species.clone();
    }

    public int species(int a) {
        return species[a];
    }

    /** Position of atomic number z among the neighbour species, or −1. */
    public int speciesIndex(int z) {
        int a = Arrays.binarySearch(species, z);
        return a >= 0 ? a : -1;
    }

    public int centres() {
        return centerSpecies.length;
    }

    public int centerSpecies(int i) {
        return centerSpecies[i];
    }

    public int[] centerSpecies() {
        return centerSpecies.clone();
    }

    /** Distinct centre species, ascending. */
    public int[] distinctCenterSpecies() {
        return Arrays.stream(centerSpecies).distinct().sorted().toArray();
    }

    public Labels samples() {
        return samples;
    }

    /** Doubles per (l, m): S·N. */
    public int lmStride() {
        return lmStride;
    }

    /** Doubles per centre: (lmax+1)²·S·N. */
    public int centreStride() {
        return centreStride;
    }

    /** The backing array (not a copy). */
    public double[] values() {
        return values;
    }

    /** Flat index of c^{species[a]}_{i, n l m}. */
    public int index(int centre, int l, int m, int a, int n) {
        if (l < 0 || l > lmax || m < -l || m > l || a < 0 || a >= species.length || n < 0 || n >= radialCount)
            throw new IndexOutOfBoundsException("(l=" + l + ", m=" + m + ", a=" + a + ", n=" + n + ")");
        return centre * centreStride + ((l * l + l + m) * species.length + a) * radialCount + n;
    }

    public double get(int centre, int l, int m, int a, int n) {
        return values[index(centre, l, m, a, n)];
    }

    public void set(int centre, int l, int m, int a, int n, double v) {
        values[index(centre, l, m, a, n)] = v;
    }

    public void add(int centre, int l, int m, int a, int n, double v) {
        values[index(centre, l, m, a, n)] += v;
    }

    /** Centres [from, to) as their own expansion (values and sample labels copied), e.g. to couple a large structure in chunks. */
    public Expansion centres(int from, int to) {
        if (from < 0 || to > centres() || from > to) throw new IndexOutOfBoundsException("centres [" + from + ", " + to + ") of " + centres());
        int[] rows = new int[to - from];
        for (int i = from; i < to; i++) rows[i - from] = i;
        return new Expansion(lmax, radialCount, species, Arrays.copyOfRange(centerSpecies, from, to), samples.select(rows),
                Arrays.copyOfRange(values, from * centreStride, to * centreStride));
    }

    /** Same centres and samples as {@code other}? (Required to combine two expansions.) */
    public boolean sameCentres(Expansion other) {
        return Arrays.equals(centerSpecies, other.centerSpecies) && samples.equals(other.samples);
    }
}
