package org.equidens.basis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.equidens.io.Npy;
import org.equidens.structure.Atoms;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * External acceptance: our overlap and Coulomb matrices of frame 0 of water-monomers-pbe, put into
 * Psi4's order with {@link MOrder#PSI4}, equal Psi4 1.3.2's own matrices to 1e-10.
 */
class Psi4FixtureTest {
    static final Path DATA = Path.of("data/water-monomers-pbe");
    static BasisSet basis;
    static Atoms frame0;
    static Npy.Array sRef, jRef;

    @BeforeAll
    static void load() throws IOException {
        basis = GbsParser.parse(DATA.resolve("basis/aug-cc-pvtz-jkfit.gbs"));
        frame0 = readFrame0(DATA.resolve("structures.xyz"));
        sRef = Npy.read(DATA.resolve("fixtures/aux_overlap_00000.npy"));
        jRef = Npy.read(DATA.resolve("fixtures/aux_coulomb_00000.npy"));
    }

    static Atoms readFrame0(Path xyz) {
        return org.equidens.io.ExtXyz.read(xyz, 0);
    }

    static double maxAbsDiff(double[] a, double[] b) {
        double m = 0;
        for (int i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i] - b[i]));
        return m;
    }

    @Test
    void basisHasTheDocumentedSize() {
        BasisFunctions bf = new BasisFunctions(basis, frame0);
        assertEquals(196, bf.size());
        assertEquals(104, basis.functionCount("O"));
        assertEquals(46, basis.functionCount("H"));
        assertEquals(0, bf.atomOffset(0));
        assertEquals(104, bf.atomOffset(1));
        assertEquals(150, bf.atomOffset(2));
        assertEquals(List.of(196, 196), List.of(sRef.size(0), jRef.size(1)));
    }

    @Test
    void overlapAndCoulombMatchPsi4() {
        BasisFunctions bf = new BasisFunctions(basis, frame0);
        double[] s = MOrder.PSI4.matrixFromInternal(bf, Integrals.overlapMatrix(bf));
        double[] j = MOrder.PSI4.matrixFromInternal(bf, Integrals.coulombMatrix(bf));
        double es = maxAbsDiff(s, sRef.data());
        double ej = maxAbsDiff(j, jRef.data());
        System.out.printf("Psi4 fixture frame 0: max|S - S_psi4| = %.3e, max|J - J_psi4| = %.3e%n", es, ej);
        assertTrue(es < 1e-10, "overlap error " + es);
        assertTrue(ej < 1e-10, "Coulomb error " + ej);
        // the other direction: fixtures into internal order
        double[] sInt = MOrder.PSI4.matrixToInternal(bf, sRef.data());
        assertTrue(maxAbsDiff(sInt, Integrals.overlapMatrix(bf)) < 1e-10);
    }

    @Test
    void codata2014BohrReproducesPsi4BetterThanCodata2018() {
        double[] pos = frame0.positions().clone(); // Atoms.positions() is not a copy
        // positions such that pos'/BOHR_2014 = pos/BOHR_2018, i.e. what CODATA 2018 would give
        double f = Units.BOHR_IN_ANGSTROM / Units.BOHR_IN_ANGSTROM_CODATA2018;
        for (int i = 0; i < pos.length; i++) pos[i] *= f;
        BasisFunctions bf18 = new BasisFunctions(basis, Atoms.molecule(frame0.symbols(), pos));
        BasisFunctions bf14 = new BasisFunctions(basis, frame0);
        double s18 = maxAbsDiff(MOrder.PSI4.matrixFromInternal(bf18, Integrals.overlapMatrix(bf18)), sRef.data());
        double j18 = maxAbsDiff(MOrder.PSI4.matrixFromInternal(bf18, Integrals.coulombMatrix(bf18)), jRef.data());
        double s14 = maxAbsDiff(MOrder.PSI4.matrixFromInternal(bf14, Integrals.overlapMatrix(bf14)), sRef.data());
        double j14 = maxAbsDiff(MOrder.PSI4.matrixFromInternal(bf14, Integrals.coulombMatrix(bf14)), jRef.data());
        System.out.printf("bohr 2014: S %.3e J %.3e; bohr 2018: S %.3e J %.3e%n", s14, j14, s18, j18);
        assertTrue(s14 < s18 && j14 < j18);
    }
}
