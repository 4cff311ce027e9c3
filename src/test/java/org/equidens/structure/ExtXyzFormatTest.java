package org.equidens.structure;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.equidens.io.ExtXyz;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Header syntax and value typing (ASE conventions), per-atom columns, cells and pbc, plain XYZ. */
class ExtXyzFormatTest {
    @TempDir
    Path tmp;

    private Atoms one(String text) throws IOException {
        Path f = tmp.resolve("t.xyz");
        Files.writeString(f, text, StandardCharsets.UTF_8);
        List<Atoms> all = ExtXyz.readAll(f);
        assertEquals(1, all.size());
        return all.get(0);
    }

    /** header value text → expected Java value. */
    static Stream<Arguments> values() {
        return Stream.of(
                Arguments.of("a=1", 1L),
                Arguments.of("a=-76.3593854027", -76.3593854027),
                Arguments.of("a=\"-152.6962146015\"", -152.6962146015),
                Arguments.of("a=1e-3", 1e-3),
                Arguments.of("a=\"1 2 3\"", new long[] {1, 2, 3}),
                Arguments.of("a=\"1 2.5 -3e2\"", new double[] {1, 2.5, -300}),
                Arguments.of("mu=\"  5.6932847e+00    8.6583020e+00    9.0954025e+00 \"", new double[] {5.6932847, 8.6583020, 9.0954025}),
                Arguments.of("alpha=\"9.89 -0.0 0.01 \"", new double[] {9.89, -0.0, 0.01}),
                Arguments.of("a=T", true),
                Arguments.of("a=F", false),
                Arguments.of("a=True", true),
                Arguments.of("a=false", false),
                Arguments.of("a=\"T F T\"", new boolean[] {true, false, true}),
                Arguments.of("flag", true),
                Arguments.of("a=hello", "hello"),
                Arguments.of("a=\"hello world\"", "hello world"),
                Arguments.of("a='single quoted'", "single quoted"),
                Arguments.of("a=\"say \\\"hi\\\"\"", "say \"hi\""),
                Arguments.of("a=\"C:\\data\\x\"", "C:\\data\\x"),
                Arguments.of("a={1 2 3}", new long[] {1, 2, 3}),
                Arguments.of("a=[1, 2, 3]", new long[] {1, 2, 3}),
                Arguments.of("a=[[1.5, 2], [3, 4]]", new double[] {1.5, 2, 3, 4}),
                Arguments.of("a = 5", 5L),
                Arguments.of("a=\"\"", ""),
                Arguments.of("a=\"1 two\"", "1 two"),
                Arguments.of("a=nan", Double.NaN),
                Arguments.of("a=99999999999999999999", 1e20),
                Arguments.of("a=1.2.3", "1.2.3"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("values")
    void headerValues(String header, Object expected) throws IOException {
        Atoms a = one("1\n" + header + " Properties=species:S:1:pos:R:3\nH 0 0 0\n");
        String key = header.startsWith("flag") ? "flag" : header.startsWith("mu") ? "mu" : header.startsWith("alpha") ? "alpha" : "a";
        Map<String, Object> want = new LinkedHashMap<>();
        want.put(key, expected);
        AtomsAssert.assertSameMap(want, a.info(), header);
    }

    @Test
    void keyValueSplitting() {
        Map<String, String> kv = ExtXyz.splitKeyValues(" Lattice=\"1 0 0 0 1 0 0 0 1\"  Properties=species:S:1:pos:R:3  bare "
                + "\"quoted key\"=7 x='a b' y={c d}");
        assertEquals(List.of("Lattice", "Properties", "bare", "quoted key", "x", "y"), List.copyOf(kv.keySet()));
        assertEquals("1 0 0 0 1 0 0 0 1", kv.get("Lattice"));
        assertNull(kv.get("bare"));
        assertEquals("a b", kv.get("x"));
        assertEquals("c d", kv.get("y"));
        assertEquals("7", kv.get("quoted key"));
        assertEquals(Map.of("k", "2"), ExtXyz.splitKeyValues("k=1 k=2")); // later duplicates win, as in ASE
    }

    @Test
    void plainXyz() throws IOException {
        Atoms a = one("3\nwater, from a plain XYZ file (Å)\no 0.0 0.0 0.1173\nh 0.0 0.7572 -0.4692\nH 0.0 -0.7572 -0.4692");
        assertArrayEquals(new String[] {"O", "H", "H"}, a.symbols()); // canonical capitalisation
        assertEquals("water, from a plain XYZ file (Å)", a.info().get("comment")); // UTF-8 text is fine
        assertFalse(a.hasCell());
        assertFalse(a.isPeriodic());
        assertEquals(-0.4692, a.x(2, 2), 0); // last line without a newline
        Atoms empty = one("1\n\nHe 0 0 0\n");
        assertTrue(empty.info().isEmpty());
    }

    @Test
    void latticeAndPbc() throws IOException {
        Atoms a = one("1\nLattice=\"4 0 0 1 5 0 0.5 0.5 6\" Properties=species:S:1:pos:R:3\nNa 0 0 0\n");
        assertArrayEquals(new double[] {4, 0, 0, 1, 5, 0, 0.5, 0.5, 6}, a.cell(), 0);
        assertArrayEquals(new boolean[] {true, true, true}, a.pbc()); // ASE: Lattice without pbc = periodic
        Atoms slab = one("1\nlattice=\"4 0 0 0 5 0 0 0 20\" pbc=\"T T F\"\nNa 0 0 0\n");
        assertArrayEquals(new boolean[] {true, true, false}, slab.pbc());
        assertTrue(slab.info().isEmpty()); // Lattice/pbc are recognised in any case and not copied to info
        Atoms boxed = one("1\nLattice=\"10 0 0 0 10 0 0 0 10\" pbc=\"F F F\"\nAr 0 0 0\n");
        assertTrue(boxed.hasCell());
        assertFalse(boxed.isPeriodic());
        Atoms zero = one("1\nLattice=\"0.0 0.0 0.0 0.0 0.0 0.0 0.0 0.0 0.0\" Properties=\"species:S:1:pos:R:3\"\nO 0 0 0\n");
        assertFalse(zero.hasCell());
        assertArrayEquals(new boolean[3], zero.pbc());
        // ASE writes a molecule read from an all-zero Lattice back as pbc="T T T" without a Lattice
        Atoms aseMolecule = one("3\nProperties=species:S:1:pos:R:3 potential=-76.3489282585 pbc=\"T T T\"\n"
                + "O 0.066334 0.0 0.003701\nH -0.526383 -0.769327 -0.029366\nH -0.526383 0.769327 -0.029366\n");
        assertFalse(aseMolecule.hasCell());
        assertArrayEquals(new boolean[3], aseMolecule.pbc());
        Atoms zeroWithPbc = one("1\nLattice=\"0 0 0 0 0 0 0 0 0\" pbc=\"T T T\"\nO 0 0 0\n");
        assertArrayEquals(new boolean[3], zeroWithPbc.pbc());
        // a slab cell with a zero c vector and no pbc: periodic along a and b only
        Atoms slab2 = one("1\nLattice=\"4 0 0 0 5 0 0 0 0\"\nNa 0 0 0\n");
        assertArrayEquals(new boolean[] {true, true, false}, slab2.pbc());
        Atoms numeric = one("1\nLattice=\"5 0 0 0 5 0 0 0 5\" pbc=\"1 0 1\"\nO 0 0 0\n");
        assertArrayEquals(new boolean[] {true, false, true}, numeric.pbc());
    }

    @Test
    void perAtomColumns() throws IOException {
        Atoms a = one("2\nProperties=species:S:1:pos:R:3:forces:R:3:tags:I:1:fixed:L:1:label:S:1:charge:R:1 energy=-1.5\n"
                + "O 0 0 0  0.1 0.2 0.3  7 T  first  -0.8\n"
                + "H 1 0 0 -0.1 -0.2 -0.3 -2 F second 0.4\n");
        assertEquals(List.of("forces", "tags", "fixed", "label", "charge"), List.copyOf(a.arrays().keySet()));
        assertArrayEquals(new double[] {0.1, 0.2, 0.3, -0.1, -0.2, -0.3}, (double[]) a.arrays().get("forces"), 0);
        assertArrayEquals(new long[] {7, -2}, (long[]) a.arrays().get("tags"));
        assertArrayEquals(new boolean[] {true, false}, (boolean[]) a.arrays().get("fixed"));
        assertArrayEquals(new String[] {"first", "second"}, (String[]) a.arrays().get("label"));
        assertArrayEquals(new double[] {-0.8, 0.4}, (double[]) a.arrays().get("charge"), 0);
        assertEquals(-1.5, a.info().get("energy"));
        // atomic numbers instead of symbols
        Atoms z = one("2\nProperties=Z:I:1:pos:R:3\n8 0 0 0\n1 0 0 1\n");
        assertArrayEquals(new String[] {"O", "H"}, z.symbols());
        assertTrue(z.arrays().isEmpty());
        // Properties quoted, lower-case type letters
        Atoms q = one("1\nProperties=\"species:s:1:pos:r:3:m:r:1\"\nC 0 0 0 12\n");
        assertArrayEquals(new double[] {12}, (double[]) q.arrays().get("m"), 0);
    }

    @Test
    void lineEndingsBomBlankTailAndEmptyFrames() throws IOException {
        Path f = tmp.resolve("crlf.xyz");
        String text = "\uFEFF2\r\nProperties=species:S:1:pos:R:3 e=1\r\nH 0 0 0\r\nH 0 0 0.74\r\n0\r\npbc=\"F F F\"\r\n\r\n  \r\n";
        Files.writeString(f, text, StandardCharsets.UTF_8);
        List<Atoms> all = ExtXyz.readAll(f);
        assertEquals(2, all.size());
        assertEquals(0.74, all.get(0).x(1, 2), 0);
        assertEquals(1L, all.get(0).info().get("e"));
        assertEquals(0, all.get(1).size());
        assertEquals(2, ExtXyz.countFrames(f));
    }

    /** The number parser is exact: the same double as Double.parseDouble for any decimal text. */
    @Test
    void numbersParseExactly() {
        Random rnd = new Random(42);
        for (int i = 0; i < 20000; i++) {
            double d = switch (i % 4) {
                case 0 -> rnd.nextGaussian() * 10;
                case 1 -> Double.longBitsToDouble(rnd.nextLong());
                case 2 -> rnd.nextDouble() * Math.pow(10, rnd.nextInt(40) - 20);
                default -> Math.round(rnd.nextGaussian() * 1e6) / 1e6;
            };
            if (!Double.isFinite(d)) continue;
            for (String s : new String[] {Double.toString(d), String.format(Locale.ROOT, "%.10f", d),
                    String.format(Locale.ROOT, "%.6e", d), String.format(Locale.ROOT, "%.17g", d)}) {
                Object v = ExtXyz.parseValue(s);
                double got = v instanceof Long l ? l : (Double) v;
                assertEquals(Double.doubleToLongBits(Double.parseDouble(s)), Double.doubleToLongBits(got), s);
            }
        }
    }

    /** A file written by ASE 3.22.1 (ase.io.write, format extxyz): triclinic cell, mixed pbc, calculator results. */
    @Test
    void readsWhatAseWrites() {
        List<Atoms> all = ExtXyz.readAll(Path.of("src/test/resources/extxyz/written_by_ase_3.22.xyz"));
        assertEquals(2, all.size());
        Atoms a = all.get(0);
        assertArrayEquals(new String[] {"Fe", "O", "O"}, a.symbols());
        assertArrayEquals(new double[] {4.1, 0, 0, -1.15, 5.17, 0, 0.59, 2.33, 6.25}, a.cell(), 0);
        assertArrayEquals(new boolean[] {true, false, true}, a.pbc());
        assertArrayEquals(new double[] {0, 0.1, 0.2, 1.5, -0.25, 3.125, 1e-7, 2, 3}, a.positions(), 0);
        assertEquals("two words \"quoted\"", a.info().get("note"));
        assertArrayEquals(new double[] {1.5, 2.5, -3}, (double[]) a.info().get("vec"), 0);
        assertArrayEquals(new long[] {1, 2, 3}, (long[]) a.info().get("ivec"));
        assertEquals(true, a.info().get("flag"));
        assertEquals(7L, a.info().get("n"));
        assertArrayEquals(new double[] {0.5, -0.25, -0.25}, (double[]) a.arrays().get("charge"), 0);
        assertArrayEquals(new long[] {1, 2, 3}, (long[]) a.arrays().get("tag2"));
        Atoms w = all.get(1); // ASE writes calculator results as an info key and a column
        assertFalse(w.hasCell());
        assertEquals(-76.3593854027, w.info().get("energy"));
        assertArrayEquals(new double[] {0.1, 0, -0.2, 0, 0.3, 0, -0.1, -0.3, 0.2}, (double[]) w.arrays().get("forces"), 0);
    }
}
