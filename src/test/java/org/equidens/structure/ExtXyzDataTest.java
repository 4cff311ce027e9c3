package org.equidens.structure;

import static org.equidens.structure.AtomsAssert.assertSameAtoms;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.equidens.io.ExtXyz;
import org.equidens.io.StructureIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every xyz file under data/: counts, sample values, cells, pbc, and the three ways of reading agree. */
class ExtXyzDataTest {
    static final Path PBE = Path.of("data/water-monomers-pbe/structures.xyz");
    static final Path MONOMERS = Path.of("data/water-tensors/monomers_1000.xyz");
    static final Path DIMERS = Path.of("data/water-tensors/dimers_1000.xyz");
    static final Path BULK = Path.of("data/water-tensors/bulk_1000.xyz");

    /** file, frames, atoms per frame, periodic, info keys in file order. */
    static Stream<Arguments> files() {
        return Stream.of(
                Arguments.of(PBE, 1000, 3, false, List.of("alpha", "dipole", "energy", "alpha_df")),
                Arguments.of(MONOMERS, 1000, 3, false, List.of("potential", "mu", "alpha", "beta")),
                Arguments.of(DIMERS, 1000, 6, false, List.of("potential", "mu", "alpha", "beta")),
                Arguments.of(BULK, 1000, 96, true, List.of("mu", "alpha", "epsilon")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("files")
    void countsCellsAndKeys(Path file, int frames, int atoms, boolean periodic, List<String> keys) {
        List<Atoms> all = ExtXyz.readAll(file);
        assertEquals(frames, all.size());
        assertEquals(frames, ExtXyz.countFrames(file));
        for (Atoms a : all) {
            assertEquals(atoms, a.size());
            assertEquals(periodic, a.hasCell());
            assertArrayEquals(new boolean[] {periodic, periodic, periodic}, a.pbc());
            assertEquals(keys, List.copyOf(a.info().keySet()));
            assertTrue(a.arrays().isEmpty());
            for (int i = 0; i < atoms; i++) assertEquals(i % 3 == 0 ? "O" : "H", a.symbol(i)); // O H H per water
            for (String k : keys) {
                if (!k.equals("energy") && !k.equals("potential")) assertInstanceOf(double[].class, a.info().get(k), k);
            }
            assertEquals(3, a.infoVector(keys.contains("mu") ? "mu" : "dipole").length);
            assertEquals(9, a.infoVector("alpha").length);
        }
        // random access and streaming give the same frames
        for (int i : new int[] {0, 1, 500, frames - 1}) assertSameAtoms(all.get(i), ExtXyz.read(file, i), "frame " + i);
        assertSameAtoms(all.get(frames - 1), ExtXyz.read(file, -1), "frame -1");
        assertSameAtoms(all.get(7), StructureIO.read(file, 7), "StructureIO frame 7");
        int n = 0;
        try (ExtXyz.FrameReader r = ExtXyz.open(file)) {
            while (r.hasNext()) assertSameAtoms(all.get(n), r.next(), "streamed " + n++);
        }
        assertEquals(frames, n);
        try (Stream<Atoms> s = StructureIO.stream(file)) {
            assertEquals(frames, s.filter(a -> a.size() == atoms).count());
        }
    }

    @Test
    void pbeMonomerValues() {
        List<Atoms> all = ExtXyz.readAll(PBE);
        Atoms a = all.get(0);
        assertArrayEquals(new double[] {0.066334, 0, 0.003701, -0.526383, -0.769327, -0.029366, -0.526383, 0.769327, -0.029366},
                a.positions(), 0);
        assertEquals(-76.3593854027, (Double) a.info().get("energy"), 0);
        double[] alpha = (double[]) a.info().get("alpha");
        assertEquals(9.8907604517, alpha[0], 0);
        assertEquals(-0.0000000001, alpha[1], 0);
        assertEquals(9.6301471185, alpha[8], 0);
        assertArrayEquals(new double[] {-0.7075034479, -0.0, -0.0394708040}, (double[]) a.info().get("dipole"), 0);
        assertEquals(9.5674682046, ((double[]) a.info().get("alpha_df"))[8], 0);
        assertNull(a.cell());
        Atoms last = all.get(999);
        assertArrayEquals(new double[] {-0.740049, -0.307239, 0.965109}, java.util.Arrays.copyOfRange(last.positions(), 6, 9), 0);
    }

    @Test
    void tensorSetValues() {
        Atoms m = ExtXyz.read(MONOMERS, 0);
        assertEquals(-76.3489282585, (Double) m.info().get("potential"), 0); // quoted single number → Double
        assertArrayEquals(new double[] {-0.734398, -0.0, -0.040971}, (double[]) m.info().get("mu"), 0);
        assertEquals(27, m.infoVector("beta").length);
        assertEquals(-0.040971, m.infoVector("mu")[2], 0);
        assertNull(m.cell()); // all-zero Lattice = no cell
        Atoms d = ExtXyz.read(DIMERS, 0);
        assertEquals(-152.6962146015, (Double) d.info().get("potential"), 0);
        assertEquals(2.381571, d.x(3, 2), 0);
        assertEquals(-7.936080, d.infoVector("beta")[26], 0);
    }

    @Test
    void bulkCellsVaryPerFrame() {
        List<Atoms> all = ExtXyz.readAll(BULK);
        Atoms a = all.get(0);
        assertArrayEquals(new double[] {9.67446, 0, 0, 0, 9.67446, 0, 0, 0, 9.67446}, a.cell(), 0);
        assertEquals(Math.pow(9.67446, 3), Cell.of(a).volume(), 1e-9);
        // mu has leading and trailing blanks inside the quotes
        assertArrayEquals(new double[] {5.6932847, 8.6583020, 9.0954025}, (double[]) a.info().get("mu"), 1e-15);
        assertEquals(44.6509465746, a.infoVector("alpha")[0], 0);
        assertEquals(1.91080321802, a.infoVector("epsilon")[8], 0);
        assertArrayEquals(new double[] {8.431800, 8.997170, -4.417560}, java.util.Arrays.copyOf(a.positions(), 3), 0);
        // the README's 9.67446 Å is frame 0 only: the cubic cell differs from frame to frame
        assertEquals(10.25055, all.get(1).cell()[0], 0);
        assertEquals(9.86648, all.get(999).cell()[8], 0);
        double min = Double.MAX_VALUE;
        double max = 0;
        for (Atoms f : all) {
            double[] c = f.cell();
            assertEquals(c[0], c[4], 0);
            assertEquals(c[0], c[8], 0);
            min = Math.min(min, c[0]);
            max = Math.max(max, c[0]);
        }
        assertEquals(9.48310, min, 0);
        assertEquals(10.43991, max, 0);
        // positions are not wrapped into the cell
        assertFalse(java.util.Arrays.stream(all.get(999).positions()).allMatch(x -> x >= 0 && x < 10.5));
        assertEquals(21.752300, all.get(999).x(95, 2), 0);
    }

    @Test
    void monomerSetsShareGeometries() {
        List<Atoms> pbe = ExtXyz.readAll(PBE);
        List<Atoms> tensors = ExtXyz.readAll(MONOMERS);
        for (int i = 0; i < pbe.size(); i++) {
            assertArrayEquals(pbe.get(i).symbols(), tensors.get(i).symbols());
            assertArrayEquals(pbe.get(i).positions(), tensors.get(i).positions(), 0, "frame " + i);
        }
    }

    @Test
    void readingThousandFramesIsFast() {
        for (Path f : List.of(PBE, BULK)) {
            for (int warm = 0; warm < 3; warm++) ExtXyz.readAll(f);
            long best = Long.MAX_VALUE;
            long bestCount = Long.MAX_VALUE;
            for (int rep = 0; rep < 3; rep++) {
                long t0 = System.nanoTime();
                assertEquals(1000, ExtXyz.readAll(f).size());
                long t1 = System.nanoTime();
                ExtXyz.countFrames(f);
                long t2 = System.nanoTime();
                best = Math.min(best, t1 - t0);
                bestCount = Math.min(bestCount, t2 - t1);
            }
            System.out.printf("readAll %s: %.1f ms, countFrames %.1f ms%n", f, best / 1e6, bestCount / 1e6);
            assertTrue(best < 1_000_000_000L, "reading " + f + " took " + best / 1e6 + " ms");
        }
    }
}
