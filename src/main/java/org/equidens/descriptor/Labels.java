package org.equidens.descriptor;

import java.util.Arrays;

/**
 * An immutable table of integer labels with named columns, metatensor-style: one row per entry of
 * an array axis (samples, components or properties of a {@link Block}). Rows are stored row-major
 * in one {@code int[]} (row r, column c at {@code r*width + c}) and must be unique, so a row can be
 * looked up by its values ({@link #position}) through an open-addressing hash table built once at
 * construction. Making conventions data (e.g. "which index holds l1=2, n2=3?") rather than index
 * arithmetic is the point: consumers ask the labels, never recompute offsets.
 */
public final class Labels {
    private final String[] names;
    private final int[] values;
    private final int count;
    /** Open addressing: slot holds row+1, 0 = empty; length a power of two ≥ 2·count. */
    private final int[] table;

    /**
     * @param names column names, distinct and non-empty
     * @param values row-major table, length a multiple of {@code names.length}; copied
     * @throws IllegalArgumentException on a duplicate row, a duplicate name or a ragged table
     */
    public Labels(String[] names, int[] values) {
        if (names.length == 0) throw new IllegalArgumentException("labels need at least one column");
        for (int i = 0; i < names.length; i++) {
            if (names[i] == null || names[i].isEmpty()) throw new IllegalArgumentException("empty label name");
            for (int j = 0; j < i; j++)
                if (names[i].equals(names[j])) throw new IllegalArgumentException("duplicate label name " + names[i]);
        }
        if (values.length % names.length != 0)
            throw new IllegalArgumentException(values.length + " values do not fill rows of " + names.length + " columns");
        this.names = names.clone();
        this.values = values.clone();
        this.count = values.length / names.length;
        int cap = Integer.highestOneBit(Math.max(2, 2 * count - 1)) << 1;
        this.table = new int[cap];
        for (int r = 0; r < count; r++) {
            int slot = hash(this.values, r * names.length, names.length) & (cap - 1);
            while (table[slot] != 0) {
                if (rowEquals(table[slot] - 1, this.values, r * names.length))
                    throw new IllegalArgumentException("duplicate label row " + Arrays.toString(row(r)) + " in " + Arrays.toString(names));
                slot = (slot + 1) & (cap - 1);
            }
            table[slot] = r + 1;
        }
    }

    /** One column {@code name} with values 0..n-1. */
    public static Labels range(String name, int n) {
        int[] v = new int[n];
        for (int i = 0; i < n; i++) v[i] = i;
        return new Labels(new String[] {name}, v);
    }

    /** The component axis of a λ block: column "o3_mu" with values −λ..λ. */
    public static Labels mu(int lambda) {
        int[] v = new int[2 * lambda + 1];
        for (int i = 0; i < v.length; i++) v[i] = i - lambda;
        return new Labels(new String[] {"o3_mu"}, v);
    }

    /** Number of rows. */
    public int size() {
        return count;
    }

    /** Number of columns. */
    public int width() {
        return names.length;
    }

    public String[] names() {
        return names.clone();
    }

    public String name(int column) {
        return names[column];
    }

    /** Column index of a name, or −1. */
    public int column(String name) {
        for (int i = 0; i < names.length; i++) if (names[i].equals(name)) return i;
        return -1;
    }

    public int get(int row, int column) {
        if (row < 0 || row >= count) throw new IndexOutOfBoundsException("row " + row + " of " + count);
        return values[row * names.length + column];
    }

    public int get(int row, String name) {
        return get(row, requireColumn(name));
    }

    /** A copy of one row. */
    public int[] row(int r) {
        if (r < 0 || r >= count) throw new IndexOutOfBoundsException("row " + r + " of " + count);
        return Arrays.copyOfRange(values, r * names.length, (r + 1) * names.length);
    }

    /** A copy of one column. */
    public int[] columnValues(String name) {
        int c = requireColumn(name);
        int[] out = new int[count];
        for (int r = 0; r < count; r++) out[r] = values[r * names.length + c];
        return out;
    }

    /** A copy of the row-major table. */
    public int[] values() {
        return values.clone();
    }

    /** The row holding exactly these values (one per column, in column order), or −1. */
    public int position(int... row) {
        if (row.length != names.length)
            throw new IllegalArgumentException("expected " + names.length + " values " + Arrays.toString(names));
        int slot = hash(row, 0, row.length) & (table.length - 1);
        while (table[slot] != 0) {
            if (rowEquals(table[slot] - 1, row, 0)) return table[slot] - 1;
            slot = (slot + 1) & (table.length - 1);
        }
        return -1;
    }

    /** Rows {@code rows} (in that order) as new labels. */
    public Labels select(int[] rows) {
        int w = names.length;
        int[] v = new int[rows.length * w];
        for (int i = 0; i < rows.length; i++) {
            if (rows[i] < 0 || rows[i] >= count) throw new IndexOutOfBoundsException("row " + rows[i] + " of " + count);
            System.arraycopy(values, rows[i] * w, v, i * w, w);
        }
        return new Labels(names, v);
    }

    /** Indices of the rows whose column {@code name} equals {@code value}, ascending. */
    public int[] rowsWhere(String name, int value) {
        int c = requireColumn(name), n = 0;
        int[] out = new int[count];
        for (int r = 0; r < count; r++) if (values[r * names.length + c] == value) out[n++] = r;
        return Arrays.copyOf(out, n);
    }

    private int requireColumn(String name) {
        int c = column(name);
        if (c < 0) throw new IllegalArgumentException("no label column '" + name + "' in " + Arrays.toString(names));
        return c;
    }

    private boolean rowEquals(int r, int[] other, int from) {
        int w = names.length, base = r * w;
        for (int c = 0; c < w; c++) if (values[base + c] != other[from + c]) return false;
        return true;
    }

    private static int hash(int[] v, int from, int len) {
        int h = 0x9E3779B9;
        for (int i = 0; i < len; i++) h = (h ^ v[from + i]) * 0x01000193 + (h >>> 15);
        return h ^ (h >>> 16);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Labels l && Arrays.equals(names, l.names) && Arrays.equals(values, l.values);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(names) + Arrays.hashCode(values);
    }

    @Override
    public String toString() {
        return "Labels" + Arrays.toString(names) + "×" + count;
    }
}
