package org.equidens.basis;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.equidens.io.InputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Gaussian94/Psi4 .gbs reading, including every kind of malformed input. */
class GbsParserTest {
    @TempDir
    Path dir;

    Path write(String text) throws IOException {
        Path p = dir.resolve("basis.gbs");
        Files.writeString(p, text);
        return p;
    }

    @Test
    void bundledJkfitBasis() {
        BasisSet b = GbsParser.parse(Psi4FixtureTest.DATA.resolve("basis/aug-cc-pvtz-jkfit.gbs"));
        assertEquals("aug-cc-pvtz-jkfit", b.name());
        assertEquals(List.of("H", "O"), List.copyOf(b.all().keySet()));
        List<Shell> h = b.shells("H");
        assertEquals(14, h.size());
        assertEquals(0, h.get(0).l());
        assertArrayEquals(new double[] {9.5302493300}, h.get(0).exponents());
        assertEquals(3, h.get(9).l()); // F
        assertEquals(0, h.get(10).l()); // the diffuse S after the F: file order is kept
        assertEquals(104, b.functionCount("O"));
        assertEquals(46, b.functionCount("H"));
        assertEquals(4, b.maxL());
    }

    @Test
    void fortranNumbersSpShellsCommentsAndHighL() throws IOException {
        Path p = write("""
                ! a comment
                spherical

                ****
                c 0      ! lower-case symbol
                SP   2   1.00
                  0.1D+02   0.5D0  0.25d0
                  1.0E+00   0.5    0.75
                L 1 1.00
                  2.0  1.0  1.0
                L 1 1.00
                  2.0  1.0
                K   1   2.00
                  0.5   1.0
                I 1 1.0
                  1.5 1.0
                ****
                H 0
                S 1 1.00
                  3.0 1.0
                """);
        BasisSet b = GbsParser.parse(p);
        List<Shell> c = b.shells("C");
        assertEquals(7, c.size());
        assertEquals(0, c.get(0).l());
        assertEquals(1, c.get(1).l());
        assertArrayEquals(new double[] {10.0, 1.0}, c.get(0).exponents());
        assertArrayEquals(new double[] {0.25, 0.75}, c.get(1).coefficients());
        assertEquals(0, c.get(2).l()); // "L" with three columns = SP
        assertEquals(1, c.get(3).l());
        assertEquals(8, c.get(4).l()); // "L" with two columns = l 8
        assertEquals(7, c.get(5).l()); // K = 7 (J skipped)
        assertArrayEquals(new double[] {2.0}, c.get(5).exponents()); // scale² × exponent
        assertEquals(6, c.get(6).l());
        assertEquals(1, b.shells("H").size());
    }

    @Test
    void contractedShellIsNormalisedWithNormalisedPrimitives() {
        // two primitives with equal exponents = one primitive: coefficients refer to normalised primitives
        Shell s = new Shell(2, new double[] {1.3, 1.3}, new double[] {0.4, 0.6});
        Shell t = new Shell(2, new double[] {1.3}, new double[] {1.0});
        double[] ds = s.normalizedCoefficients(), dt = t.normalizedCoefficients();
        assertEquals(dt[0], ds[0] + ds[1], 1e-14);
        assertEquals(0.4 / 0.6, ds[0] / ds[1], 1e-14);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "unknown element   | ****\\nXx 0\\nS 1 1.00\\n 1.0 1.0\\n****\\n                 | 2 | unknown element 'Xx'",
        "unknown shell J   | ****\\nH 0\\nJ 1 1.00\\n 1.0 1.0\\n****\\n                   | 3 | unknown shell type 'J'",
        "unknown shell SPD | ****\\nH 0\\nSPD 1 1.00\\n 1.0 1.0 1.0\\n****\\n             | 3 | unknown shell type 'SPD'",
        "bad exponent      | ****\\nH 0\\nS 1 1.00\\n 1.0x 1.0\\n****\\n                  | 4 | bad exponent '1.0x'",
        "bad coefficient   | ****\\nH 0\\nS 1 1.00\\n 1.0 abc\\n****\\n                   | 4 | bad coefficient 'abc'",
        "zero exponent     | ****\\nH 0\\nS 1 1.00\\n 0.0 1.0\\n****\\n                   | 4 | exponent must be positive",
        "negative exponent | ****\\nH 0\\nS 1 1.00\\n -2.0D0 1.0\\n****\\n                | 4 | exponent must be positive",
        "NaN exponent      | ****\\nH 0\\nS 1 1.00\\n NaN 1.0\\n****\\n                   | 4 | bad exponent 'NaN'",
        "truncated by ***  | ****\\nH 0\\nS 2 1.00\\n 1.0 1.0\\n****\\n                   | 5 | truncated shell",
        "truncated at EOF  | ****\\nH 0\\nS 3 1.00\\n 1.0 1.0\\n 2.0 1.0\\n              | 3 | truncated shell",
        "truncated by next | ****\\nH 0\\nS 2 1.00\\n 1.0 1.0\\nP 1 1.00\\n 1.0 1.0\\n  | 5 | truncated shell",
        "too many columns  | ****\\nH 0\\nS 1 1.00\\n 1.0 1.0 3.0\\n****\\n               | 4 | expected 2 numbers",
        "bad prim count    | ****\\nH 0\\nS two 1.00\\n 1.0 1.0\\n****\\n                 | 3 | bad number of primitives",
        "zero prim count   | ****\\nH 0\\nS 0 1.00\\n****\\n                            | 3 | must be positive",
        "bad scale         | ****\\nH 0\\nS 1 x\\n 1.0 1.0\\n****\\n                      | 3 | bad scale factor",
        "bad header        | ****\\nH 1\\nS 1 1.00\\n 1.0 1.0\\n****\\n                   | 2 | expected an element header",
        "empty element     | ****\\nH 0\\n****\\n                                       | 2 | has no shells",
        "duplicate element | ****\\nH 0\\nS 1 1.0\\n 1 1\\n****\\nH 0\\nS 1 1.0\\n 1 1\\n | 6 | defined twice",
        "cartesian         | cartesian\\n****\\nH 0\\nS 1 1.00\\n 1.0 1.0\\n****\\n        | 1 | Cartesian basis sets are not supported",
        "junk shell line   | ****\\nH 0\\nS 1\\n 1.0 1.0\\n****\\n                        | 3 | expected a shell header",
    })
    void malformedInputNamesFileAndLine(String label, String text, int line, String problem) throws IOException {
        Path p = write(text.replace("\\n", "\n"));
        InputException e = assertThrows(InputException.class, () -> GbsParser.parse(p), label);
        String msg = e.getMessage();
        assertTrue(msg.startsWith(p + ":" + line + ": "), label + ": " + msg);
        assertTrue(msg.contains(problem), label + ": " + msg);
    }

    @Test
    void emptyFileAndMissingFile() throws IOException {
        Path p = write("spherical\n! nothing\n");
        InputException e = assertThrows(InputException.class, () -> GbsParser.parse(p));
        assertTrue(e.getMessage().startsWith(p.toString()));
        InputException e2 = assertThrows(InputException.class, () -> GbsParser.parse(dir.resolve("none.gbs")));
        assertTrue(e2.getMessage().contains("none.gbs"));
    }

    @Test
    void letters() {
        assertEquals(7, GbsParser.angularMomentum("K"));
        assertEquals(7, GbsParser.angularMomentum("k"));
        assertEquals(-1, GbsParser.angularMomentum("J"));
        assertEquals(4, GbsParser.angularMomentum("G"));
    }
}
