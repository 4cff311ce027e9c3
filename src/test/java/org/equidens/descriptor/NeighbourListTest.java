package org.equidens.descriptor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class NeighbourListTest {

    private static String key(int i, int j, int s0, int s1, int s2) {
        return i + "," + j + "," + s0 + "," + s1 + "," + s2;
    }

    /** All (i, j, S) within rc by trying every image in a box of shifts wide enough for the cell. */
    static Map<String, Double> bruteForce(double[] pos, double[] h, boolean[] pbc, double rc, boolean full) {
        int n = pos.length / 3;
        int[] k = new int[3];
        if (h != null) {
            double[] heights = heights(h);
            for (int a = 0; a < 3; a++) k[a] = pbc[a] ? (int) Math.ceil(rc / heights[a]) + 2 : 0;
        }
        Map<String, Double> out = new HashMap<>();
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                for (int s0 = -k[0]; s0 <= k[0]; s0++) {
                    for (int s1 = -k[1]; s1 <= k[1]; s1++) {
                        for (int s2 = -k[2]; s2 <= k[2]; s2++) {
                            if (i == j && s0 == 0 && s1 == 0 && s2 == 0) continue;
                            double r2 = 0;
                            for (int c = 0; c < 3; c++) {
                                double shift = h == null ? 0 : s0 * h[c] + s1 * h[3 + c] + s2 * h[6 + c];
                                double d = pos[3 * j + c] + shift - pos[3 * i + c];
                                r2 += d * d;
                            }
                            if (r2 >= rc * rc) continue;
                            boolean keep = full || i < j || (i == j && (s0 > 0 || (s0 == 0 && (s1 > 0 || (s1 == 0 && s2 > 0)))));
                            if (keep) out.put(key(i, j, s0, s1, s2), Math.sqrt(r2));
                        }
                    }
                }
            }
        }
        return out;
    }

    static double[] heights(double[] h) {
        double[] a = {h[0], h[1], h[2]}, b = {h[3], h[4], h[5]}, c = {h[6], h[7], h[8]};
        double[] bc = cross(b, c), ca = cross(c, a), ab = cross(a, b);
        double v = Math.abs(a[0] * bc[0] + a[1] * bc[1] + a[2] * bc[2]);
        return new double[] {v / norm(bc), v / norm(ca), v / norm(ab)};
    }

    static double[] cross(double[] u, double[] v) {
        return new double[] {u[1] * v[2] - u[2] * v[1], u[2] * v[0] - u[0] * v[2], u[0] * v[1] - u[1] * v[0]};
    }

    static double norm(double[] u) {
        return Math.sqrt(u[0] * u[0] + u[1] * u[1] + u[2] * u[2]);
    }

    static void assertSameAsBruteForce(double[] pos, double[] h, boolean[] pbc, double rc, boolean full) {
        NeighbourList list = NeighbourList.build(pos, h, pbc, rc, full);
        Map<String, Double> expected = bruteForce(pos, h, pbc, rc, full);
        Map<String, Double> seen = new HashMap<>();
        for (int p = 0; p < list.size(); p++) {
            int i = list.first(p), j = list.second(p);
            int s0 = list.shift(p, 0), s1 = list.shift(p, 1), s2 = list.shift(p, 2);
            String key = key(i, j, s0, s1, s2);
            assertTrue(seen.put(key, list.distance(p)) == null, "duplicate pair " + key);
            assertTrue(expected.containsKey(key), "unexpected pair " + key + " at " + list.distance(p));
            assertEquals(expected.get(key), list.distance(p), 1e-12);
            for (int c = 0; c < 3; c++) {
                double shift = h == null ? 0 : s0 * h[c] + s1 * h[3 + c] + s2 * h[6 + c];
                assertEquals(pos[3 * j + c] + shift - pos[3 * i + c], list.vector(p, c), 1e-12);
            }
        }
        assertEquals(expected.size(), list.size(), "pair count");
    }

    static double[] randomCell(Random rng, double length, double skew) {
        double[] h = new double[9];
        for (int a = 0; a < 3; a++) {
            for (int c = 0; c < 3; c++) h[3 * a + c] = (a == c ? length * (0.7 + 0.6 * rng.nextDouble()) : 0) + skew * length * (rng.nextDouble() - 0.5);
        }
        return h;
    }

    /** Random positions anywhere (also outside the cell, to exercise wrapping). */
    static double[] randomPositions(Random rng, double[] h, int n) {
        double[] pos = new double[3 * n];
        for (int i = 0; i < n; i++) {
            double s0 = 1.6 * rng.nextDouble() - 0.3, s1 = 1.6 * rng.nextDouble() - 0.3, s2 = 1.6 * rng.nextDouble() - 0.3;
            for (int c = 0; c < 3; c++) pos[3 * i + c] = s0 * h[c] + s1 * h[3 + c] + s2 * h[6 + c];
        }
        return pos;
    }

    static Stream<Arguments> cells() {
        // (seed, cell length, skew, atoms, cutoff): large and small cells, strongly sheared ones, and
        // cells thinner than the cutoff (several images of the same neighbour, self images).
        return Stream.of(
                Arguments.of(1, 10.0, 0.0, 40, 3.0),
                Arguments.of(2, 10.0, 0.6, 60, 4.5),
                Arguments.of(3, 6.0, 0.9, 30, 5.0),
                Arguments.of(4, 3.0, 0.5, 8, 5.0),
                Arguments.of(5, 2.0, 0.3, 3, 4.0),
                Arguments.of(6, 1.5, 0.8, 1, 3.5),
                Arguments.of(7, 20.0, 0.2, 120, 3.0));
    }

    @ParameterizedTest
    @MethodSource("cells")
    void periodicMatchesBruteForce(long seed, double length, double skew, int atoms, double rc) {
        Random rng = new Random(seed);
        double[] h = randomCell(rng, length, skew);
        double[] pos = randomPositions(rng, h, atoms);
        boolean[] pbc = {true, true, true};
        assertSameAsBruteForce(pos, h, pbc, rc, true);
        assertSameAsBruteForce(pos, h, pbc, rc, false);
    }

    @ParameterizedTest
    @MethodSource("cells")
    void mixedPeriodicityMatchesBruteForce(long seed, double length, double skew, int atoms, double rc) {
        Random rng = new Random(100 + seed);
        double[] h = randomCell(rng, length, skew);
        double[] pos = randomPositions(rng, h, atoms);
        assertSameAsBruteForce(pos, h, new boolean[] {true, false, true}, rc, true);
        assertSameAsBruteForce(pos, h, new boolean[] {false, false, true}, rc, false);
    }

    @Test
    void moleculesMatchBruteForce() {
        Random rng = new Random(9);
        for (int n : new int[] {0, 1, 2, 17, 150}) {
            double[] pos = new double[3 * n];
            for (int k = 0; k < pos.length; k++) pos[k] = 12 * rng.nextDouble() - 100;
            assertSameAsBruteForce(pos, null, null, 3.2, true);
            assertSameAsBruteForce(pos, null, null, 3.2, false);
            assertSameAsBruteForce(pos, new double[9], new boolean[3], 2.0, true); // all-zero cell = none
        }
        // a sparse, elongated molecule (bins capped at O(n))
        double[] chain = new double[3 * 50];
        for (int i = 0; i < 50; i++) chain[3 * i] = 1000.0 * i + (i % 2) * 0.5;
        assertSameAsBruteForce(chain, null, null, 1.0, true);
    }

    @Test
    void tinyCellGivesManyImagesOfOneAtom() {
        double[] h = {1, 0, 0, 0, 1, 0, 0, 0, 1};
        NeighbourList list = NeighbourList.build(new double[] {0.2, 0.3, 0.4}, h, new boolean[] {true, true, true}, 1.5, true);
        // images at distance < 1.5 in a unit cubic lattice: 6 (d=1) + 12 (d=√2) = 18
        assertEquals(18, list.size());
        NeighbourList half = NeighbourList.build(new double[] {0.2, 0.3, 0.4}, h, new boolean[] {true, true, true}, 1.5, false);
        assertEquals(9, half.size());
    }

    /** Liquid-like density, 8000 atoms: linear-time search; full list = 2 × half list; symmetric. */
    @Test
    void largeSystemIsFastAndConsistent() {
        int n = 8000;
        double length = Math.cbrt(n / 0.1); // 0.1 atoms/Å³
        double[] h = {length, 0, 0, 0.3 * length, length, 0, -0.2 * length, 0.1 * length, length};
        // uniform in the cell, then moved by random whole lattice vectors (exercises wrapping, keeps density uniform)
        Random rng = new Random(3);
        double[] pos = new double[3 * n];
        for (int i = 0; i < n; i++) {
            double s0 = rng.nextDouble() + rng.nextInt(3) - 1, s1 = rng.nextDouble() + rng.nextInt(3) - 1, s2 = rng.nextDouble();
            for (int c = 0; c < 3; c++) pos[3 * i + c] = s0 * h[c] + s1 * h[3 + c] + s2 * h[6 + c];
        }
        boolean[] pbc = {true, true, true};
        long t0 = System.nanoTime();
        NeighbourList full = NeighbourList.build(pos, h, pbc, 5.0, true);
        long t1 = System.nanoTime();
        NeighbourList half = NeighbourList.build(pos, h, pbc, 5.0, false);
        System.out.printf("neighbour list: %d atoms, %d full pairs in %.0f ms%n", n, full.size(), (t1 - t0) / 1e6);
        assertEquals(2 * half.size(), full.size());
        int[] perAtom = new int[n];
        for (int p = 0; p < full.size(); p++) perAtom[full.first(p)]++;
        int[] asNeighbour = new int[n];
        for (int p = 0; p < full.size(); p++) asNeighbour[full.second(p)]++;
        for (int i = 0; i < n; i++) assertEquals(perAtom[i], asNeighbour[i]);
        double expected = 0.1 * 4.0 / 3.0 * Math.PI * 125 * n; // ideal-gas pair count
        assertEquals(expected, full.size(), 0.05 * expected);
    }

    @Test
    void validation() {
        assertThrows(IllegalArgumentException.class, () -> NeighbourList.build(new double[3], null, new boolean[] {true, false, false}, 2, true));
        assertThrows(IllegalArgumentException.class, () -> NeighbourList.build(new double[3], new double[] {1, 0, 0, 2, 0, 0, 0, 0, 1}, new boolean[] {true, true, true}, 2, true));
        assertThrows(IllegalArgumentException.class, () -> NeighbourList.build(new double[3], null, null, 0, true));
    }
}
