package org.equidens.realspace;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.equidens.basis.Units;
import org.equidens.io.InputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Reading and writing Gaussian cube files: round trips, units, several fields, and strict errors. */
class CubeFileTest {
    @TempDir
    Path tmp;

    static IntStream seeds() {
        return IntStream.range(0, 10);
    }

    static Grid randomGrid(SplittableRandom rng) {
        double[] o = {rng.nextDouble() * 10 - 5, rng.nextDouble() * 10 - 5, rng.nextDouble() * 10 - 5};
        double[] v = new double[9];
        for (int a = 0; a < 3; a++) {
            for (int c = 0; c < 3; c++) v[3 * a + c] = (a == c ? 0.3 : 0) + 0.1 * (rng.nextDouble() - 0.5);
        }
        return new Grid(o, v, new int[] {1 + rng.nextInt(9), 1 + rng.nextInt(9), 1 + rng.nextInt(13)});
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void roundTripOfAnyGridAndSeveralFields(int seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        Grid g = randomGrid(rng);
        int nsets = 1 + seed % 3;
        List<double[]> sets = new ArrayList<>();
        for (int s = 0; s < nsets; s++) {
            double[] v = new double[g.size()];
            for (int i = 0; i < v.length; i++) {
                v[i] = (rng.nextBoolean() ? 1 : -1) * Math.pow(10, -rng.nextInt(130)) * (1 + rng.nextDouble());
                if (rng.nextInt(20) == 0) v[i] = 0;
            }
            sets.add(v);
        }
        int[] ids = nsets > 1 ? IntStream.range(0, nsets).map(i -> 10 + i).toArray() : null;
        CubeFile c = new CubeFile("title " + seed, "comment", new int[] {8, 1}, new double[] {8, 1},
                new double[] {0.1, 0.2, 0.3, -1.5, 0.25, 0.75}, g, ids, sets);
        Path f = tmp.resolve("rt" + seed + ".cube");
        c.write(f);
        CubeFile r = CubeFile.read(f);
        assertEquals("title " + seed, r.title());
        assertTrue(r.grid().sameAs(g, 1e-6), r.grid() + " vs " + g);
        assertArrayEquals(c.atomicNumbers(), r.atomicNumbers());
        assertArrayEquals(c.positionsBohr(), r.positionsBohr(), 1e-6);
        assertEquals(nsets, r.fields());
        if (ids == null) assertNull(r.datasetIds());
        else assertArrayEquals(ids, r.datasetIds());
        for (int s = 0; s < nsets; s++) {
            double[] a = sets.get(s), b = r.sets().get(s);
            for (int i = 0; i < a.length; i++) assertEquals(a[i], b[i], 5.01e-6 * Math.abs(a[i]), "set " + s + " value " + i);
        }
    }

    @Test
    void formatsLikePrintf() {
        double[] xs = {1.0, -2.5e-7, 9.999996e-5, 9.999994e-5, 1.23456789e12, 3.3e-120, 0.0, -0.0, 1e-310, 123456.5};
        for (double x : xs) {
            StringBuilder sb = new StringBuilder();
            CubeFile.formatE(x, sb);
            String expected = Math.abs(x) < 1e-300 ? "  0.00000E+00" : String.format(" %12.5E", x);
            assertEquals(expected, sb.toString(), "value " + x);
        }
    }

    @Test
    void negativeCountsMeanAngstromAndTheFifthNumberIsValuesPerPoint() throws IOException {
        String text = "a\nb\n    1    0.529177 0.0 0.0 2\n   -2    0.529177 0.0 0.0\n   -1    0.0 1.0 0.0\n   -3    0.0 0.0 1.0\n"
                + "    8    8.0 0.0 0.0 0.52917721067\n"
                + "1 -1 2 -2 3 -3 4 -4 5\n -5 6 -6\n";
        Path f = tmp.resolve("ang.cube");
        Files.writeString(f, text);
        CubeFile c = CubeFile.read(f);
        assertEquals(2, c.fields());
        assertEquals(Units.angstromToBohr(0.529177), c.grid().origin()[0], 1e-12);
        assertEquals(Units.angstromToBohr(1.0), c.grid().voxel(1)[1], 1e-12);
        assertEquals(1.0, c.positionsBohr()[2], 1e-12);
        assertArrayEquals(new int[] {2, 1, 3}, c.grid().counts());
        assertArrayEquals(new double[] {1, 2, 3, 4, 5, 6}, c.sets().get(0));
        assertArrayEquals(new double[] {-1, -2, -3, -4, -5, -6}, c.sets().get(1));
    }

    @Test
    void negativeAtomCountAnnouncesDatasetIdsAndValuesAreInterleaved() throws IOException {
        String text = "a\nb\n   -1    0.0 0.0 0.0\n    1    0.2 0.0 0.0\n    1    0.0 0.2 0.0\n    2    0.0 0.0 0.2\n"
                + "    1    1.0 0.0 0.0 0.0\n    3   11   12\n   13\n"
                + "1 10 100 2 20 200\n";
        Path f = tmp.resolve("mo.cube");
        Files.writeString(f, text);
        CubeFile c = CubeFile.read(f);
        assertArrayEquals(new int[] {11, 12, 13}, c.datasetIds());
        assertArrayEquals(new double[] {1, 2}, c.sets().get(0));
        assertArrayEquals(new double[] {10, 20}, c.sets().get(1));
        assertArrayEquals(new double[] {100, 200}, c.sets().get(2));
    }

    static Stream<Arguments> broken() {
        String h = "t\nc\n    1    0.0 0.0 0.0\n    2    0.5 0.0 0.0\n    1    0.0 0.5 0.0\n    2    0.0 0.0 0.5\n    1    1.0 0.0 0.0 0.0\n";
        return Stream.of(
                Arguments.of("t\n", 2, "truncated: missing comment line"),
                Arguments.of("t\nc\n", 3, "truncated: missing atom count"),
                Arguments.of("t\nc\n    1    0.0 0.0\n", 3, "missing origin z"),
                Arguments.of("t\nc\n    1    0.0 0.0 0.0 1 7\n", 3, "unexpected '7'"),
                Arguments.of("t\nc\n    1.5  0.0 0.0 0.0\n", 3, "bad integer for atom count"),
                Arguments.of("t\nc\n    1    0.0 0.0 0.0\n    0    0.5 0 0\n", 4, "is zero"),
                Arguments.of("t\nc\n    1    0.0 0.0 0.0\n    2    0.5 0 0\n   -2    0 0.5 0\n", 5, "mixed signs"),
                Arguments.of("t\nc\n    1    0.0 0.0 0.0\n    2    0.5 0 0\n    2    1.0 0 0\n    2    0 0 0.5\n    1 1.0 0 0 0\n", 3, "bad grid"),
                Arguments.of("t\nc\n    1    0.0 0.0 0.0\n    2    0.5 0 0\n    2    0 0.5 0\n    2    0 0 0.5\n    8 8.0 0 0\n", 7, "position of atom 1"),
                Arguments.of(h + "1 2 3\n", 8, "truncated data: the header's 2×1×2 = 4 values, found 3"),
                Arguments.of(h, 8, "found 0"),
                Arguments.of(h + "1 2\n3 4\n5\n", 10, "wrong dimensions"),
                Arguments.of(h + "1 2 3 4x\n", 8, "bad number for value: '4x'"),
                Arguments.of(h + "1 2 3 1d-3\n", 8, "bad number"),
                Arguments.of(h + "1 2\n3 nan\n", 9, "bad number"),
                Arguments.of(h + "1 2 3 1e999\n", 8, "not finite"));
    }

    @ParameterizedTest(name = "{2}")
    @MethodSource("broken")
    void strictErrorsNameFileAndLine(String text, int line, String problem) throws IOException {
        Path f = tmp.resolve("bad.cube");
        Files.writeString(f, text);
        InputException e = assertThrows(InputException.class, () -> CubeFile.read(f));
        assertTrue(e.getMessage().startsWith(f + ":" + line + ": "), e.getMessage());
        assertTrue(e.getMessage().contains(problem), e.getMessage());
        assertFalse(e.getMessage().contains("\n"));
    }

    @Test
    void aMissingFileAndABinaryFileAreInputErrors() throws IOException {
        assertThrows(InputException.class, () -> CubeFile.read(tmp.resolve("nothing.cube")));
        Path bin = tmp.resolve("bin.cube");
        Files.write(bin, new byte[] {0, 1, 2, 10, 3});
        InputException e = assertThrows(InputException.class, () -> CubeFile.read(bin));
        assertTrue(e.getMessage().contains("bin.cube:1: not a text file"), e.getMessage());
    }

    @Test
    void writingIsAtomicAndReplacesAnOldFile() throws IOException {
        Grid g = new Grid(new double[3], new double[] {1, 0, 0, 0, 1, 0, 0, 0, 1}, new int[] {1, 1, 2});
        Path f = tmp.resolve("x.cube");
        Files.writeString(f, "old");
        new CubeFile("t", "c", new int[0], new double[0], new double[0], g, null, List.of(new double[] {1, 2})).write(f);
        assertArrayEquals(new double[] {1, 2}, CubeFile.read(f).sets().get(0));
        // a value that cannot be written leaves the old file and no temporary file
        assertThrows(IllegalArgumentException.class, () -> new CubeFile("t", "c", new int[0], new double[0], new double[0], g,
                null, List.of(new double[] {1, Double.NaN})).write(f));
        assertArrayEquals(new double[] {1, 2}, CubeFile.read(f).sets().get(0));
        try (Stream<Path> s = Files.list(tmp)) {
            assertEquals(1, s.count());
        }
    }
}
