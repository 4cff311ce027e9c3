package org.equidens.structure;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class CellTest {
    /** Cubic, orthorhombic, hexagonal, monoclinic, triclinic, a skewed left-handed one. */
    static Stream<Arguments> cells() {
        return Stream.of(
                Arguments.of("cubic", Cell.orthorhombic(9.67446, 9.67446, 9.67446)),
                Arguments.of("orthorhombic", Cell.orthorhombic(3, 4, 5)),
                Arguments.of("hexagonal", Cell.fromParameters(3.2, 3.2, 5.2, 90, 90, 120)),
                Arguments.of("monoclinic", Cell.fromParameters(5, 6, 7, 90, 103.5, 90)),
                Arguments.of("triclinic", Cell.fromParameters(4.1, 5.3, 6.7, 71.3, 84.9, 102.6)),
                Arguments.of("left-handed skew", new Cell(new double[] {4, 0.5, -0.3, 1.2, 5, 0.7, 0.4, -6, 0.9})));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cells")
    void reciprocalVectorsAreDual(String name, Cell cell) {
        double[] a = cell.rows();
        double[] b = cell.reciprocal();
        for (int i = 0; i < 3; i++) {
            for (int j = 0; j < 3; j++) {
                double d = a[3 * i] * b[3 * j] + a[3 * i + 1] * b[3 * j + 1] + a[3 * i + 2] * b[3 * j + 2];
                assertEquals(i == j ? 1 : 0, d, 1e-13, name + " a" + i + "·b" + j);
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cells")
    void volumeIsTripleProductAndFromParameters(String name, Cell cell) {
        double[] a = cell.vector(0);
        double[] b = cell.vector(1);
        double[] c = cell.vector(2);
        double triple = a[0] * (b[1] * c[2] - b[2] * c[1]) - a[1] * (b[0] * c[2] - b[2] * c[0]) + a[2] * (b[0] * c[1] - b[1] * c[0]);
        assertEquals(Math.abs(triple), cell.volume(), 1e-10 * cell.volume());
        assertEquals(triple, cell.determinant(), 1e-10 * cell.volume());
        // the textbook formula from lengths and angles
        double[] l = cell.lengths();
        double[] g = cell.angles();
        double ca = Math.cos(Math.toRadians(g[0]));
        double cb = Math.cos(Math.toRadians(g[1]));
        double cg = Math.cos(Math.toRadians(g[2]));
        double v = l[0] * l[1] * l[2] * Math.sqrt(1 - ca * ca - cb * cb - cg * cg + 2 * ca * cb * cg);
        assertEquals(v, cell.volume(), 1e-9 * v, name);
        // heights: volume = height_i × area of the face spanned by the other two vectors
        double[] h = cell.heights();
        double[] bc = cross(b, c);
        assertEquals(cell.volume(), h[0] * Math.sqrt(dot(bc, bc)), 1e-9 * v);
        double[] ab = cross(a, b);
        assertEquals(cell.volume(), h[2] * Math.sqrt(dot(ab, ab)), 1e-9 * v);
    }

    @Test
    void parametersRoundTrip() {
        Cell c = Cell.fromParameters(4.1, 5.3, 6.7, 71.3, 84.9, 102.6);
        assertArrayEquals(new double[] {4.1, 5.3, 6.7}, c.lengths(), 1e-12);
        assertArrayEquals(new double[] {71.3, 84.9, 102.6}, c.angles(), 1e-10);
        double[] m = c.rows();
        assertEquals(0, m[1]);
        assertEquals(0, m[2]);
        assertEquals(0, m[5]); // a along x, b in the xy plane
        assertTrue(c.determinant() > 0);
        assertArrayEquals(new double[] {3, 0, 0, 0, 4, 0, 0, 0, 5}, Cell.fromParameters(3, 4, 5, 90, 90, 90).rows(), 0);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cells")
    void fractionalCartesianRoundTrip(String name, Cell cell) {
        Random rnd = new Random(7);
        double[] x = new double[3 * 50];
        for (int i = 0; i < x.length; i++) x[i] = 40 * rnd.nextDouble() - 20;
        double[] f = cell.toFractional(x);
        assertArrayEquals(x, cell.toCartesian(f), 1e-12, name);
        // lattice vectors have unit fractional coordinates
        assertArrayEquals(new double[] {1, 0, 0, 0, 1, 0, 0, 0, 1}, cell.toFractional(cell.rows()), 1e-14, name);
        // in place
        double[] y = x.clone();
        cell.toFractional(y, y);
        assertArrayEquals(f, y, 0);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cells")
    void wrapMovesIntoCellByLatticeVectors(String name, Cell cell) {
        Random rnd = new Random(11);
        double[] x = new double[3 * 200];
        for (int i = 0; i < x.length; i++) x[i] = 60 * rnd.nextDouble() - 30;
        double[] w = cell.wrap(x, null);
        double[] fw = cell.toFractional(w);
        double[] fx = cell.toFractional(x);
        for (int i = 0; i < x.length; i++) {
            assertTrue(fw[i] >= -1e-12 && fw[i] < 1 + 1e-12, name + " fractional " + fw[i]);
            double shift = fx[i] - fw[i];
            assertEquals(Math.rint(shift), shift, 1e-9, name + ": moved by a whole lattice vector");
        }
        // atoms already inside stay exactly where they are; wrapping twice changes nothing more
        assertArrayEquals(w, cell.wrap(w, null), 0);
        double[] inside = cell.toCartesian(new double[] {0.1, 0.2, 0.3, 0.9, 0.5, 0.01});
        assertArrayEquals(inside, cell.wrap(inside, null), 0);
    }

    @Test
    void wrapOnlyAlongPeriodicDirections() {
        Cell cell = Cell.fromParameters(4.1, 5.3, 6.7, 71.3, 84.9, 102.6);
        double[] x = cell.toCartesian(new double[] {1.25, -0.5, 2.75});
        double[] f = cell.toFractional(cell.wrap(x, new boolean[] {true, false, true}));
        assertArrayEquals(new double[] {0.25, -0.5, 0.75}, f, 1e-12);
    }

    @Test
    void rejectsSingularAndBadCells() {
        assertThrows(IllegalArgumentException.class, () -> new Cell(new double[9]));
        assertThrows(IllegalArgumentException.class, () -> new Cell(new double[] {1, 0, 0, 2, 0, 0, 0, 0, 1}));
        assertThrows(IllegalArgumentException.class, () -> new Cell(new double[] {1, 0, 0, 0, 1, 0, 0, 0, Double.NaN}));
        assertThrows(IllegalArgumentException.class, () -> new Cell(new double[8]));
        assertThrows(IllegalArgumentException.class, () -> Cell.fromParameters(1, 1, 1, 10, 10, 150));
        assertThrows(IllegalArgumentException.class, () -> Cell.of(Atoms.molecule(new String[] {"H"}, new double[3])));
    }

    @Test
    void ofAtoms() {
        Atoms a = new Atoms(new String[] {"O"}, new double[3], new double[] {2, 0, 0, 0, 3, 0, 0, 0, 4}, null, null, null);
        assertEquals(24, Cell.of(a).volume(), 1e-12);
    }

    private static double[] cross(double[] u, double[] v) {
        return new double[] {u[1] * v[2] - u[2] * v[1], u[2] * v[0] - u[0] * v[2], u[0] * v[1] - u[1] * v[0]};
    }

    private static double dot(double[] u, double[] v) {
        return u[0] * v[0] + u[1] * v[1] + u[2] * v[2];
    }
}
