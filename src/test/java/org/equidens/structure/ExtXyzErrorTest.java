package org.equidens.structure;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import java.util.stream.Stream;
import org.equidens.io.ExtXyz;
import org.equidens.io.InputException;
import org.equidens.io.StructureIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Each broken file gives one InputException "file:line: problem" with the right 1-based line. */
class ExtXyzErrorTest {
    @TempDir
    Path tmp;

    private static final String H = "Properties=species:S:1:pos:R:3 pbc=\"F F F\"\n";
    private static final String GOOD = "3\n" + H + "O 0 0 0\nH 0.7 0.6 0\nH -0.7 0.6 0\n";

    /** name, file text, line of the error, text the message must contain. */
    static Stream<Arguments> broken() {
        return Stream.of(
                Arguments.of("truncated at end of file", "3\n" + H + "O 0 0 0\nH 1 0 0\n", 5, "truncated frame"),
                Arguments.of("truncated, next frame follows", "3\n" + H + "O 0 0 0\nH 1 0 0\n" + GOOD, 5, "truncated frame"),
                Arguments.of("truncated second frame", GOOD + "3\n" + H + "O 0 0 0\n", 9, "truncated frame"),
                Arguments.of("no header line", "1\n", 2, "truncated frame"),
                Arguments.of("count is a word", "three\n" + H + "O 0 0 0\n", 1, "bad atom count"),
                Arguments.of("negative count", "-3\n" + H + "O 0 0 0\n", 1, "bad atom count"),
                Arguments.of("count with text", "3 atoms\n" + H + "O 0 0 0\nH 0 0 1\nH 0 1 0\n", 1, "bad atom count"),
                Arguments.of("fractional count", "3.0\n" + H + "O 0 0 0\nH 0 0 1\nH 0 1 0\n", 1, "bad atom count"),
                Arguments.of("count too large for the file", "1000000000\n" + H + "O 0 0 0\n", 1, "more than the file can hold"),
                Arguments.of("too many atom lines", "2\n" + H + "O 0 0 0\nH 0 0 1\nH 0 1 0\n", 5, "bad atom count"),
                Arguments.of("bad number 1.2.3", "1\n" + H + "O 1.2.3 0 0\n", 3, "bad number '1.2.3'"),
                Arguments.of("bad number 1,5", "1\n" + H + "O 0 1,5 0\n", 3, "bad number '1,5'"),
                Arguments.of("Fortran exponent", "1\n" + H + "O 0 0 1.0D+00\n", 3, "bad number"),
                Arguments.of("NaN coordinate", "1\n" + H + "O nan 0 0\n", 3, "non-finite coordinate 'nan'"),
                Arguments.of("NaN capitalised", "1\n" + H + "O 0 NaN 0\n", 3, "non-finite"),
                Arguments.of("infinite coordinate", "1\n" + H + "O 0 0 -inf\n", 3, "non-finite"),
                Arguments.of("Infinity coordinate", "1\n" + H + "O Infinity 0 0\n", 3, "non-finite"),
                Arguments.of("overflowing coordinate", "1\n" + H + "O 1e999 0 0\n", 3, "non-finite"),
                Arguments.of("coordinate beyond 1e6", "1\n" + H + "O 0 0 2.5e6\n", 3, "out of range"),
                Arguments.of("NaN in second frame", GOOD + "1\n" + H + "O 0 0 nan\n", 8, "non-finite"),
                Arguments.of("unknown element", "1\n" + H + "Xx 0 0 0\n", 3, "unknown element symbol 'Xx'"),
                Arguments.of("number as element", "1\n" + H + "8 0 0 0\n", 3, "unknown element symbol '8'"),
                Arguments.of("too few columns", "1\n" + H + "O 0 0\n", 3, "expected 4 columns"),
                Arguments.of("too many columns", "1\n" + H + "O 0 0 0 1\n", 3, "expected 4 columns"),
                Arguments.of("columns vs Properties", "1\nProperties=species:S:1:pos:R:3:forces:R:3\nO 0 0 0\n", 3,
                        "expected 7 columns (species:S:1:pos:R:3:forces:R:3), found 4"),
                Arguments.of("bad integer column", "1\nProperties=species:S:1:pos:R:3:tag:I:1\nO 0 0 0 1.5\n", 3, "bad integer '1.5'"),
                Arguments.of("bad logical column", "1\nProperties=species:S:1:pos:R:3:fix:L:1\nO 0 0 0 yes\n", 3, "bad logical 'yes'"),
                Arguments.of("unterminated quote", "1\nProperties=species:S:1:pos:R:3 alpha=\"9.89 -0.0 0.01\nO 0 0 0\n", 2,
                        "unterminated quote"),
                Arguments.of("unterminated brace", "1\nProperties=species:S:1:pos:R:3 v={1 2\nO 0 0 0\n", 2, "unterminated '{'"),
                Arguments.of("= without key", "1\nProperties=species:S:1:pos:R:3 =5\nO 0 0 0\n", 2, "without a key"),
                Arguments.of("Lattice with 8 numbers", "1\nLattice=\"1 0 0 0 1 0 0 0\"\nO 0 0 0\n", 2, "Lattice needs 9 numbers"),
                Arguments.of("Lattice with NaN", "1\nLattice=\"1 0 0 0 1 0 0 0 nan\"\nO 0 0 0\n", 2, "Lattice value 'nan'"),
                Arguments.of("Lattice with a word", "1\nLattice=\"1 0 0 0 1 0 0 0 x\"\nO 0 0 0\n", 2, "bad number 'x' in Lattice"),
                Arguments.of("periodic along a zero vector", "1\nLattice=\"5 0 0 0 5 0 0 0 0\" pbc=\"T T T\"\nO 0 0 0\n", 2,
                        "along c but that lattice vector is zero"),
                Arguments.of("pbc with 2 flags", "1\nLattice=\"5 0 0 0 5 0 0 0 5\" pbc=\"T T\"\nO 0 0 0\n", 2, "pbc needs 3 flags"),
                Arguments.of("pbc with a word", "1\nLattice=\"5 0 0 0 5 0 0 0 5\" pbc=\"T T yes\"\nO 0 0 0\n", 2, "bad pbc flag 'yes'"),
                Arguments.of("Properties bad type", "1\nProperties=species:S:1:pos:X:3\nO 0 0 0\n", 2, "type 'X'"),
                Arguments.of("Properties bad count", "1\nProperties=species:S:1:pos:R:three\nO 0 0 0\n", 2, "count 'three'"),
                Arguments.of("Properties not triples", "1\nProperties=species:S:1:pos:R\nO 0 0 0\n", 2, "triples"),
                Arguments.of("Properties without pos", "1\nProperties=species:S:1:xyz:R:3\nO 0 0 0\n", 2, "no pos:R:3"),
                Arguments.of("Properties without species", "1\nProperties=name:S:1:pos:R:3\nO 0 0 0\n", 2, "no species"),
                Arguments.of("Properties pos not R:3", "1\nProperties=species:S:1:pos:R:2\nO 0 0\n", 2, "pos must be R:3"),
                Arguments.of("Properties duplicate", "1\nProperties=species:S:1:pos:R:3:q:R:1:q:R:1\nO 0 0 0 1 1\n", 2, "twice"),
                Arguments.of("bad Z", "1\nProperties=Z:I:1:pos:R:3\n0 0 0 0\n", 3, "unknown atomic number 0"),
                Arguments.of("blank line between frames", GOOD + "\n" + GOOD, 6, "blank line where an atom count was expected"),
                Arguments.of("empty file", "", 1, "empty file"),
                Arguments.of("only blank lines", "\n\n  \n", 1, "empty file"),
                Arguments.of("NUL byte", GOOD.replace("H 0.7", "H\0 0.7"), 4, "not a text file"),
                Arguments.of("control byte in header", "1\nProperties=species:S:1:pos:R:3 \u0001\nO 0 0 0\n", 2, "not a text file"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("broken")
    void brokenFileNamesFileAndLine(String name, String text, int line, String problem) throws IOException {
        Path f = tmp.resolve("broken.xyz");
        Files.writeString(f, text, StandardCharsets.UTF_8);
        InputException e = assertThrows(InputException.class, () -> ExtXyz.readAll(f), name);
        assertEquals(f + ":" + line + ": ", e.getMessage().substring(0, (f + ":" + line + ": ").length()),
                "message: " + e.getMessage());
        assertTrue(e.getMessage().contains(problem), "message: " + e.getMessage());
        assertFalse(e.getMessage().contains("\n"), "one line");
        // the other entry points report the same (random access parses the frame it needs)
        InputException viaIo = assertThrows(InputException.class, () -> StructureIO.readAll(f));
        assertEquals(e.getMessage(), viaIo.getMessage());
    }

    /** Frame-structure errors are found by countFrames and by skipping to a later frame too. */
    static Stream<Arguments> structural() {
        return Stream.of(
                Arguments.of("truncated at end", GOOD + "3\n" + H + "O 0 0 0\n", 9, "truncated frame"),
                Arguments.of("bad count", GOOD + "x\n", 6, "bad atom count"),
                Arguments.of("no header", GOOD + "3\n", 7, "truncated frame"),
                Arguments.of("binary", GOOD + "3\n" + H + "O 0 0 0\n\0\0\0\n", 9, "not a text file"),
                Arguments.of("empty", "", 1, "empty file"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("structural")
    void structuralErrorsWhenCounting(String name, String text, int line, String problem) throws IOException {
        Path f = tmp.resolve("structure.xyz");
        Files.writeString(f, text, StandardCharsets.UTF_8);
        InputException e = assertThrows(InputException.class, () -> ExtXyz.countFrames(f), name);
        assertTrue(e.getMessage().startsWith(f + ":" + line + ": "), e.getMessage());
        assertTrue(e.getMessage().contains(problem), e.getMessage());
        if (!text.isEmpty()) {
            InputException r = assertThrows(InputException.class, () -> ExtXyz.read(f, 1), name);
            assertTrue(r.getMessage().startsWith(f + ":" + line + ": "), r.getMessage());
        }
    }

    @Test
    void binaryFilesAreNotText() throws IOException {
        byte[] garbage = new byte[4096];
        new Random(1).nextBytes(garbage);
        Path f = tmp.resolve("garbage.xyz");
        Files.write(f, garbage);
        InputException e = assertThrows(InputException.class, () -> ExtXyz.readAll(f));
        assertTrue(e.getMessage().startsWith(f + ":1: not a text file"), e.getMessage());
        // a real binary file: a NumPy array renamed .xyz
        Path npy = tmp.resolve("array.xyz");
        Files.copy(Path.of("data/water-monomers-pbe/fixtures/aux_overlap_00000.npy"), npy);
        InputException n = assertThrows(InputException.class, () -> ExtXyz.readAll(npy));
        assertTrue(n.getMessage().startsWith(npy + ":1: not a text file"), n.getMessage());
        assertThrows(InputException.class, () -> ExtXyz.countFrames(npy));
        // invalid UTF-8 on an atom line
        byte[] bad = (GOOD.replace("H 0.7", "H\u00e9 0.7")).getBytes(StandardCharsets.ISO_8859_1);
        Path u = tmp.resolve("latin1.xyz");
        Files.write(u, bad);
        InputException ue = assertThrows(InputException.class, () -> ExtXyz.readAll(u));
        assertTrue(ue.getMessage().startsWith(u + ":4: not a text file"), ue.getMessage());
    }

    @Test
    void missingFileAndBadIndex() throws IOException {
        Path missing = tmp.resolve("missing.xyz");
        InputException e = assertThrows(InputException.class, () -> ExtXyz.readAll(missing));
        assertTrue(e.getMessage().startsWith(missing.toString()), e.getMessage());
        Path f = tmp.resolve("two.xyz");
        Files.writeString(f, GOOD + GOOD);
        assertTrue(assertThrows(InputException.class, () -> ExtXyz.read(f, 2)).getMessage().contains("out of range: the file has 2 frames"));
        assertTrue(assertThrows(InputException.class, () -> ExtXyz.read(f, -3)).getMessage().contains("out of range"));
        assertEquals(2, ExtXyz.countFrames(f));
    }
}
