package org.equidens.basis;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.equidens.io.InputException;
import org.equidens.structure.Atoms;

/**
 * All auxiliary basis functions of one structure, in equidens' internal order: atoms in structure
 * order, within an atom the shells in basis-file order, within a shell m = -l..l (see
 * {@link SolidHarmonics} for the sign convention). Each function is unit-normalised.
 *
 * <p>Centres are stored in bohr (converted from the Å of {@link Atoms} with
 * {@link Units#BOHR_IN_ANGSTROM}); every integral and every evaluation point is in bohr.
 * Data are kept in flat arrays so the integral and evaluation loops do not box or allocate.
 */
public final class BasisFunctions {
    private final String[] symbols;
    private final double[] centres; // bohr, 3 per atom
    private final int[] atomOffset; // n atoms + 1
    // per shell
    private final int[] shellAtom;
    private final int[] shellL;
    private final int[] shellOffset;
    private final int[] primStart; // nshell + 1, into exps/coefs
    private final double[] exps;
    private final double[] coefs; // normalised d_i
    private final int size;
    private final int maxL;
    private final Map<String, Integer> perSpecies = new LinkedHashMap<>();

    /** Functions of {@code basis} on {@code atoms} (positions in Å); an element missing from the basis is an input error. */
    public BasisFunctions(BasisSet basis, Atoms atoms) {
        this(basis, atoms.symbols(), toBohr(atoms.positions()));
    }

    private static double[] toBohr(double[] angstrom) {
        double[] b = new double[angstrom.length];
        for (int i = 0; i < b.length; i++) b[i] = Units.angstromToBohr(angstrom[i]);
        return b;
    }

    /** Functions of {@code basis} on atoms with the given symbols at centres given directly in bohr (flat). */
    public BasisFunctions(BasisSet basis, String[] symbols, double[] centresBohr) {
        int nat = symbols.length;
        if (centresBohr.length != 3 * nat) throw new IllegalArgumentException("need 3 coordinates per atom");
        this.symbols = symbols.clone();
        centres = centresBohr.clone();
        atomOffset = new int[nat + 1];
        List<Shell> shells = new ArrayList<>();
        List<Integer> atomOf = new ArrayList<>();
        int n = 0;
        for (int a = 0; a < nat; a++) {
            String s = symbols[a];
            if (!basis.has(s)) {
                throw new InputException("basis set " + basis.name() + " has no functions for element " + s
                        + " (atom " + a + ")");
            }
            atomOffset[a] = n;
            for (Shell sh : basis.shells(s)) {
                shells.add(sh);
                atomOf.add(a);
                n += sh.size();
            }
            perSpecies.putIfAbsent(s, basis.functionCount(s));
        }
        atomOffset[nat] = n;
        size = n;
        int ns = shells.size();
        shellAtom = new int[ns];
        shellL = new int[ns];
        shellOffset = new int[ns];
        primStart = new int[ns + 1];
        int np = 0;
        for (Shell sh : shells) np += sh.primitives();
        exps = new double[np];
        coefs = new double[np];
        int off = 0, p = 0, lmax = 0;
        for (int s = 0; s < ns; s++) {
            Shell sh = shells.get(s);
            shellAtom[s] = atomOf.get(s);
            shellL[s] = sh.l();
            lmax = Math.max(lmax, sh.l());
            shellOffset[s] = off;
            off += sh.size();
            primStart[s] = p;
            double[] e = sh.exponents();
            double[] d = sh.normalizedCoefficients();
            System.arraycopy(e, 0, exps, p, e.length);
            System.arraycopy(d, 0, coefs, p, d.length);
            p += e.length;
        }
        primStart[ns] = p;
        maxL = lmax;
    }

    /** Number of functions. */
    public int size() {
        return size;
    }

    public int atoms() {
        return symbols.length;
    }

    public String symbol(int atom) {
        return symbols[atom];
    }

    /** Index of the first function of an atom; {@code atomOffset(atoms())} = size(). */
    public int atomOffset(int atom) {
        return atomOffset[atom];
    }

    /** Number of functions on one atom. */
    public int atomSize(int atom) {
        return atomOffset[atom + 1] - atomOffset[atom];
    }

    /** Number of functions per species (element symbol → count), species in order of first appearance. */
    public Map<String, Integer> functionsPerSpecies() {
        return new LinkedHashMap<>(perSpecies);
    }

    public int shells() {
        return shellL.length;
    }

    public int shellL(int shell) {
        return shellL[shell];
    }

    public int shellAtom(int shell) {
        return shellAtom[shell];
    }

    /** Index of the function with m = -l of this shell. */
    public int shellOffset(int shell) {
        return shellOffset[shell];
    }

    public int maxL() {
        return maxL;
    }

    /** Centre of an atom, bohr (copy). */
    public double[] centre(int atom) {
        return new double[] {centres[3 * atom], centres[3 * atom + 1], centres[3 * atom + 2]};
    }

    double cx(int shell, int axis) {
        return centres[3 * shellAtom[shell] + axis];
    }

    int primStart(int shell) {
        return primStart[shell];
    }

    int primEnd(int shell) {
        return primStart[shell + 1];
    }

    double exponent(int p) {
        return exps[p];
    }

    double coefficient(int p) {
        return coefs[p];
    }

    /**
     * Checks that a coefficient array has {@code size()} values per row (rows × size() in total);
     * throws an {@link InputException} naming {@code what} otherwise.
     */
    public void checkLength(int length, String what) {
        if (length == 0 || length % size != 0) {
            throw new InputException(what + ": " + length + " values do not match " + size
                    + " basis functions per structure " + perSpecies);
        }
    }

    /**
     * Values of all functions at points (bohr, flat x0 y0 z0 x1 …). Writes
     * out[p·size() + f] = φ_f(r_p) for p &lt; nPoints; out must hold nPoints·size() values. No
     * allocation per point.
     */
    public void evaluate(double[] points, int nPoints, double[] out) {
        if (points.length < 3 * nPoints || out.length < (long) nPoints * size) {
            throw new IllegalArgumentException("arrays too short for " + nPoints + " points");
        }
        int nm = maxL + 1;
        double[] xp = new double[nm], yp = new double[nm], zp = new double[nm];
        int ns = shellL.length;
        for (int p = 0; p < nPoints; p++) {
            double px = points[3 * p], py = points[3 * p + 1], pz = points[3 * p + 2];
            int base = p * size;
            int lastAtom = -1;
            double x = 0, y = 0, z = 0, r2 = 0;
            for (int s = 0; s < ns; s++) {
                int a = shellAtom[s];
                int l = shellL[s];
                if (a != lastAtom) {
                    x = px - centres[3 * a];
                    y = py - centres[3 * a + 1];
                    z = pz - centres[3 * a + 2];
                    r2 = x * x + y * y + z * z;
                    xp[0] = yp[0] = zp[0] = 1;
                    for (int k = 1; k < nm; k++) {
                        xp[k] = xp[k - 1] * x;
                        yp[k] = yp[k - 1] * y;
                        zp[k] = zp[k - 1] * z;
                    }
                    lastAtom = a;
                }
                double radial = 0;
                for (int q = primStart[s]; q < primStart[s + 1]; q++) {
                    double ar = exps[q] * r2;
                    if (ar < 745) radial += coefs[q] * Math.exp(-ar);
                }
                int o = base + shellOffset[s];
                if (radial == 0) {
                    for (int m = 0; m < 2 * l + 1; m++) out[o + m] = 0;
                    continue;
                }
                double[] t = SolidHarmonics.table(l);
                int[] pw = SolidHarmonics.powersShared(l);
                int nc = SolidHarmonics.ncart(l);
                for (int m = 0; m < 2 * l + 1; m++) {
                    double v = 0;
                    int row = m * nc;
                    for (int c = 0; c < nc; c++) {
                        double tc = t[row + c];
                        if (tc != 0) v += tc * xp[pw[3 * c]] * yp[pw[3 * c + 1]] * zp[pw[3 * c + 2]];
                    }
                    out[o + m] = radial * v;
                }
            }
        }
    }

    /**
     * Σ_f c_f φ_f(r_p) at each point (bohr, flat), written to out[0..nPoints). A convenience for
     * real-space densities; works in blocks so it needs little memory.
     */
    public void evaluateSum(double[] coefficients, double[] points, int nPoints, double[] out) {
        if (coefficients.length != size) throw new IllegalArgumentException("need " + size + " coefficients");
        int block = Math.max(1, Math.min(nPoints, 4096));
        double[] vals = new double[block * size];
        double[] pts = new double[3 * block];
        for (int start = 0; start < nPoints; start += block) {
            int nb = Math.min(block, nPoints - start);
            System.arraycopy(points, 3 * start, pts, 0, 3 * nb);
            evaluate(pts, nb, vals);
            for (int p = 0; p < nb; p++) {
                double s = 0;
                int b = p * size;
                for (int f = 0; f < size; f++) s += coefficients[f] * vals[b + f];
                out[start + p] = s;
            }
        }
    }

    /** Exponents of the primitives of one shell (bohr⁻², a copy); real-space code uses them for ranges. */
    public double[] shellExponents(int shell) {
        return java.util.Arrays.copyOfRange(exps, primStart[shell], primStart[shell + 1]);
    }

    /** Coefficients d_i of the unit-normalised contraction of one shell (a copy), as used by {@link #evaluate}. */
    public double[] shellCoefficients(int shell) {
        return java.util.Arrays.copyOfRange(coefs, primStart[shell], primStart[shell + 1]);
    }

    /**
     * The same functions with every centre moved by {@code shiftBohr}: periodic images, for lattice
     * sums of integrals.
     */
    public BasisFunctions translated(double[] shiftBohr) {
        double[] c = centres.clone();
        for (int a = 0; a < symbols.length; a++) {
            for (int k = 0; k < 3; k++) c[3 * a + k] += shiftBohr[k];
        }
        return new BasisFunctions(this, c);
    }

    private BasisFunctions(BasisFunctions o, double[] centresBohr) {
        symbols = o.symbols;
        centres = centresBohr;
        atomOffset = o.atomOffset;
        shellAtom = o.shellAtom;
        shellL = o.shellL;
        shellOffset = o.shellOffset;
        primStart = o.primStart;
        exps = o.exps;
        coefs = o.coefs;
        size = o.size;
        maxL = o.maxL;
        perSpecies.putAll(o.perSpecies);
    }
}
