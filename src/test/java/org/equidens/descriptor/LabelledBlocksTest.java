package org.equidens.descriptor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.NoSuchElementException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Labels (lookup, uniqueness, selection), Block indexing and selection, Key order, BlockMap, Expansion layout. */
class LabelledBlocksTest {

    /** Random unique label tables: every row is found at its position, absent rows give −1. */
    @ParameterizedTest(name = "seed {0}")
    @MethodSource("org.equidens.descriptor.SyntheticEnvironments#seeds")
    void lookupFindsEveryRow(int seed) {
        SplittableRandom rng = SyntheticEnvironments.rng(seed);
        int width = 1 + rng.nextInt(6), want = rng.nextInt(300);
        Set<List<Integer>> seen = new HashSet<>();
        int[] v = new int[want * width];
        int rows = 0;
        while (rows < want) {
            int[] r = new int[width];
            for (int c = 0; c < width; c++) r[c] = rng.nextInt(7) - 3;
            if (!seen.add(java.util.Arrays.stream(r).boxed().toList())) {
                if (seen.size() >= Math.pow(7, width)) break;
                continue;
            }
            System.arraycopy(r, 0, v, rows++ * width, width);
        }
        String[] names = new String[width];
        for (int c = 0; c < width; c++) names[c] = "c" + c;
        Labels l = new Labels(names, java.util.Arrays.copyOf(v, rows * width));
        assertEquals(rows, l.size());
        for (int r = 0; r < rows; r++) assertEquals(r, l.position(l.row(r)));
        for (int t = 0; t < 50; t++) {
            int[] r = new int[width];
            for (int c = 0; c < width; c++) r[c] = rng.nextInt(9) - 4;
            boolean present = seen.contains(java.util.Arrays.stream(r).boxed().toList());
            assertEquals(present, l.position(r) >= 0);
        }
        int[] pick = rng.ints(Math.min(rows, 5), 0, Math.max(rows, 1)).distinct().toArray();
        if (rows > 0) {
            Labels s = l.select(pick);
            for (int i = 0; i < pick.length; i++) assertArrayEquals(l.row(pick[i]), s.row(i));
        }
    }

    @Test
    void labelsRejectDuplicatesAndBadShapes() {
        assertThrows(IllegalArgumentException.class, () -> new Labels(new String[] {"a", "b"}, new int[] {1, 2, 1, 2}));
        assertThrows(IllegalArgumentException.class, () -> new Labels(new String[] {"a", "a"}, new int[] {1, 2}));
        assertThrows(IllegalArgumentException.class, () -> new Labels(new String[] {"a", "b"}, new int[] {1, 2, 3}));
        assertThrows(IllegalArgumentException.class, () -> new Labels(new String[] {}, new int[] {}));
        Labels mu = Labels.mu(2);
        assertArrayEquals(new int[] {-2, -1, 0, 1, 2}, mu.columnValues("o3_mu"));
        assertEquals(3, mu.position(1));
        assertEquals(-1, mu.position(3));
        assertThrows(IllegalArgumentException.class, () -> mu.position(1, 2));
        assertThrows(IllegalArgumentException.class, () -> mu.get(0, "nope"));
        assertEquals(new Labels(new String[] {"x"}, new int[] {0, 1, 2}), Labels.range("x", 3));
        assertEquals(0, Labels.range("x", 0).size());
    }

    @Test
    void blockIndexingAndSelection() {
        Labels samples = new Labels(new String[] {"system", "atom"}, new int[] {0, 0, 0, 2, 1, 0});
        Labels props = Labels.range("n", 4);
        double[] v = new double[3 * 3 * 4];
        for (int i = 0; i < v.length; i++) v[i] = i;
        Block b = new Block(samples, Labels.mu(1), props, v);
        assertEquals((2 * 3 + 1) * 4 + 3, b.index(2, 1, 3));
        assertEquals(b.index(2, 1, 3), b.get(2, 1, 3));
        assertEquals(24, b.sampleOffset(2));
        Block sys0 = b.selectSamples("system", 0);
        assertEquals(2, sys0.sampleCount());
        assertEquals(b.get(1, 2, 3), sys0.get(1, 2, 3));
        Block one = b.selectSamples(new int[] {2});
        assertArrayEquals(new int[] {1, 0}, one.samples().row(0));
        assertEquals(b.get(2, 0, 0), one.get(0, 0, 0));
        Block p = b.selectProperties(new int[] {3, 1});
        assertEquals(b.get(1, 2, 3), p.get(1, 2, 0));
        assertEquals(b.get(1, 2, 1), p.get(1, 2, 1));
        assertThrows(IllegalArgumentException.class, () -> new Block(samples, Labels.mu(1), props, new double[5]));
    }

    @Test
    void keysOrderAndBlockMapLookup() {
        assertThrows(IllegalArgumentException.class, () -> new Key(0, 0, 1));
        assertThrows(IllegalArgumentException.class, () -> new Key(-1, 1, 1));
        Block tiny = new Block(Labels.range("atom", 1), Labels.mu(0), Labels.range("n", 1), new double[] {1});
        Block tiny1 = new Block(Labels.range("atom", 1), Labels.mu(1), Labels.range("n", 1), new double[] {1, 2, 3});
        BlockMap m = new BlockMap(Map.of(new Key(1, -1, 1), tiny1, new Key(1, 1, 8), tiny1, new Key(1, 1, 1), tiny1,
                new Key(0, 1, 6), tiny));
        assertEquals(List.of(new Key(0, 1, 6), new Key(1, 1, 1), new Key(1, 1, 8), new Key(1, -1, 1)), m.keys());
        assertEquals(tiny, m.block(0, 1, 6));
        assertNull(m.get(new Key(2, 1, 6)));
        assertThrows(NoSuchElementException.class, () -> m.block(0, -1, 6));
        assertEquals(4, m.selectSamples("atom", 0).size());
    }

    @Test
    void expansionLayoutIsFeatomicFlattening() throws Exception {
        Expansion e = new Expansion(2, 3, new int[] {1, 6, 8}, new int[] {6, 1});
        assertEquals(9 * 3 * 3, e.centreStride());
        assertEquals(e.centreStride() + ((4 + 2 + 1) * 3 + 2) * 3 + 1, e.index(1, 2, 1, 2, 1));
        assertEquals(1, e.speciesIndex(6));
        assertEquals(-1, e.speciesIndex(7));
        assertArrayEquals(new int[] {1, 6}, e.distinctCenterSpecies());
        assertThrows(IndexOutOfBoundsException.class, () -> e.index(0, 1, 2, 0, 0));
        assertThrows(IllegalArgumentException.class, () -> new Expansion(2, 3, new int[] {6, 1}, new int[] {6}));
        assertThrows(IllegalArgumentException.class,
                () -> new Expansion(1, 1, new int[] {1}, new int[] {1}, Expansion.defaultSamples(1), new double[3]));
        // featomic's reference expansion, read through the layout, gives the documented values
        Expansion ref = InvariantPowerSpectrumTest.featomicExpansion();
        int h = ref.speciesIndex(1), c = ref.speciesIndex(6), o = ref.speciesIndex(8);
        double[] hN = {-0.004569356723, 0.007041119966, -0.02160957969, 0.08172882509};
        double[] cN = {0.9327123172, -0.1898901978, 0.1868352713, -0.01296950642};
        for (int n = 0; n < 4; n++) {
            assertEquals(hN[n], ref.get(0, 0, 0, h, n), 1e-11);
            assertEquals(cN[n], ref.get(0, 0, 0, c, n), 1e-10);
        }
        double[] oM = {1.372358396e-4, 1.020627682e-3, 3.612206236e-4};
        for (int m = -1; m <= 1; m++) assertEquals(oM[m + 1], ref.get(0, 1, m, o, 0), 1e-13);
    }
}
