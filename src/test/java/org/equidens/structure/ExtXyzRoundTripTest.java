package org.equidens.structure;

import static org.equidens.structure.AtomsAssert.assertSameAtoms;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.equidens.io.ExtXyz;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Writing then reading gives identical Atoms, bit for bit. */
class ExtXyzRoundTripTest {
    @TempDir
    Path tmp;

    static Stream<Path> dataFiles() {
        return Stream.of(ExtXyzDataTest.PBE, ExtXyzDataTest.MONOMERS, ExtXyzDataTest.DIMERS, ExtXyzDataTest.BULK);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dataFiles")
    void dataFilesRoundTrip(Path file) throws IOException {
        List<Atoms> all = ExtXyz.readAll(file);
        Path out = tmp.resolve("copy.xyz");
        ExtXyz.write(out, all);
        List<Atoms> back = ExtXyz.readAll(out);
        assertEquals(all.size(), back.size());
        for (int i = 0; i < all.size(); i++) assertSameAtoms(all.get(i), back.get(i), file + " frame " + i);
        // writing what was read back gives the same text again
        Path again = tmp.resolve("again.xyz");
        ExtXyz.write(again, back);
        assertEquals(Files.readString(out), Files.readString(again));
    }

    @Test
    void everythingTheFormatCanHold() throws IOException {
        Map<String, Object> info = new LinkedHashMap<>();
        info.put("energy", -76.3593854027);
        info.put("steps", 12L);
        info.put("converged", true);
        info.put("flagged", false);
        info.put("method", "PBE");
        info.put("note", "two words, \"quoted\" and C:\\path");
        info.put("alpha", new double[] {9.89, -0.0, 1e-300, Math.PI, 0.1 + 0.2, -1.5e300, 4.9e-324, 7, 1});
        info.put("counts", new long[] {1, -2, Long.MAX_VALUE});
        info.put("mask", new boolean[] {true, false});
        info.put("tiny", Double.MIN_NORMAL);
        info.put("missing", Double.NaN);
        Map<String, Object> arrays = new LinkedHashMap<>();
        arrays.put("forces", new double[] {0.1, -0.2, 1e-17, 3, 4, 5});
        arrays.put("tags", new long[] {3, -4});
        arrays.put("fixed", new boolean[] {false, true});
        arrays.put("label", new String[] {"a", "b"});
        arrays.put("magmom", new double[] {0.5, -0.5});
        double[] cell = Cell.fromParameters(4.1, 5.3, 6.7, 71.3, 84.9, 102.6).rows();
        Atoms a = new Atoms(new String[] {"Fe", "O"}, new double[] {-0.0, 1 / 3.0, 999_999.999_999, 2.0e-12, -5.551115123125783e-17, 6.02},
                cell, new boolean[] {true, false, true}, info, arrays);
        Atoms molecule = Atoms.molecule(new String[] {"C"}, new double[] {0.1, 0.2, 0.3});
        Atoms empty = new Atoms(new String[0], new double[0], null, null, Map.of("k", 1L), null);
        Path f = tmp.resolve("all.extxyz");
        ExtXyz.write(f, List.of(a, molecule, empty));
        List<Atoms> back = ExtXyz.readAll(f);
        assertSameAtoms(a, back.get(0), "full");
        assertSameAtoms(molecule, back.get(1), "molecule");
        assertSameAtoms(empty, back.get(2), "empty");
        String header = Files.readAllLines(f).get(1);
        assertTrue(header.startsWith("Lattice=\""), header);
        assertTrue(header.contains("Properties=species:S:1:pos:R:3:forces:R:3:tags:I:1:fixed:L:1:label:S:1:magmom:R:1"), header);
        assertTrue(header.endsWith("pbc=\"T F T\""), header);
        assertEquals("Properties=species:S:1:pos:R:3 pbc=\"F F F\"", Files.readAllLines(f).get(5)); // a molecule: no Lattice, pbc F F F
    }

    /** A frame larger than the reader's first array capacity (4096 atoms) grows every column correctly. */
    @Test
    void largeFrameWithEveryColumnType() throws IOException {
        int n = 10_007;
        java.util.SplittableRandom r = new java.util.SplittableRandom(7);
        String[] sym = new String[n];
        double[] pos = new double[3 * n], forces = new double[3 * n];
        long[] tags = new long[n];
        boolean[] fixed = new boolean[n];
        String[] label = new String[n];
        for (int i = 0; i < n; i++) {
            sym[i] = i % 3 == 0 ? "O" : "H";
            for (int k = 0; k < 3; k++) {
                pos[3 * i + k] = 50 * r.nextDouble();
                forces[3 * i + k] = r.nextDouble() - 0.5;
            }
            tags[i] = r.nextLong();
            fixed[i] = r.nextBoolean();
            label[i] = "a" + i;
        }
        Map<String, Object> arrays = new LinkedHashMap<>();
        arrays.put("forces", forces);
        arrays.put("tags", tags);
        arrays.put("fixed", fixed);
        arrays.put("label", label);
        Atoms big = new Atoms(sym, pos, null, null, Map.of(), arrays);
        Path f = tmp.resolve("big.xyz");
        ExtXyz.write(f, List.of(big, Atoms.molecule(new String[] {"C"}, new double[] {0.1, 0.2, 0.3})));
        List<Atoms> back = ExtXyz.readAll(f);
        assertSameAtoms(big, back.get(0), "10 007 atoms");
        assertEquals(1, back.get(1).size());
    }

    @Test
    void writerRejectsWhatItCannotRepresent() {
        Atoms withKey = Atoms.molecule(new String[] {"H"}, new double[3]).withInfo("two words", 1L);
        assertThrows(IllegalArgumentException.class, () -> ExtXyz.format(withKey));
        Atoms reserved = Atoms.molecule(new String[] {"H"}, new double[3]).withInfo("pbc", true);
        assertThrows(IllegalArgumentException.class, () -> ExtXyz.format(reserved));
        Atoms object = Atoms.molecule(new String[] {"H"}, new double[3]).withInfo("x", new Object());
        assertThrows(IllegalArgumentException.class, () -> ExtXyz.format(object));
        Atoms badArray = new Atoms(new String[] {"H", "H"}, new double[6], null, null, null, Map.of("q", new double[3]));
        assertThrows(IllegalArgumentException.class, () -> ExtXyz.format(badArray));
        Atoms spaced = new Atoms(new String[] {"H"}, new double[3], null, null, null, Map.of("s", new String[] {"a b"}));
        assertThrows(IllegalArgumentException.class, () -> ExtXyz.format(spaced));
    }
}
