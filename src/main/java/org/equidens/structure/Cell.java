package org.equidens.structure;

/**
 * A unit cell (lattice vectors a, b, c as the rows of a 3×3 matrix, Å) with what neighbour lists and
 * periodic images need: volume, reciprocal vectors, face-to-face heights, Cartesian ↔ fractional
 * conversion and wrapping into the cell. Immutable; the inverse is computed once.
 *
 * <p>Conventions (ASE's): a Cartesian row vector x has fractional coordinates f with x = f·M, i.e.
 * x = f0·a + f1·b + f2·c; reciprocal vectors are the rows of (M^-1)^T, so a_i·b_j = δ_ij, without 2π.
 * Positions are flat arrays x0 y0 z0 x1 ... as in {@link Atoms}.
 */
public final class Cell {
    /** Fractional coordinates this far below 0 are taken as inside: the rounding of a previous wrap. */
    private static final double WRAP_TOLERANCE = 1e-12;

    private final double[] m;
    private final double[] rec;
    private final double det;

    /** @param rows lattice vectors as rows: ax ay az bx by bz cx cy cz (Å); must be finite and non-singular */
    public Cell(double[] rows) {
        if (rows == null || rows.length != 9) throw new IllegalArgumentException("a cell needs 9 numbers");
        for (double v : rows) {
            if (!Double.isFinite(v)) throw new IllegalArgumentException("cell values must be finite");
        }
        m = rows.clone();
        double c00 = m[4] * m[8] - m[5] * m[7];
        double c01 = m[5] * m[6] - m[3] * m[8];
        double c02 = m[3] * m[7] - m[4] * m[6];
        det = m[0] * c00 + m[1] * c01 + m[2] * c02;
        double scale = norm(m, 0) * norm(m, 3) * norm(m, 6);
        if (!(Math.abs(det) > 1e-12 * scale)) {
            throw new IllegalArgumentException("singular cell (the lattice vectors are linearly dependent or zero)");
        }
        // rows of (M^-1)^T are the cofactor rows divided by det: b0 = (b × c)/det, b1 = (c × a)/det, b2 = (a × b)/det
        rec = new double[] {
            c00 / det, c01 / det, c02 / det,
            (m[7] * m[2] - m[8] * m[1]) / det, (m[8] * m[0] - m[6] * m[2]) / det, (m[6] * m[1] - m[7] * m[0]) / det,
            (m[1] * m[5] - m[2] * m[4]) / det, (m[2] * m[3] - m[0] * m[5]) / det, (m[0] * m[4] - m[1] * m[3]) / det
        };
    }

    /** The cell of a structure; IllegalArgumentException if it has none. */
    public static Cell of(Atoms atoms) {
        double[] c = atoms.cell();
        if (c == null) throw new IllegalArgumentException("the structure has no cell");
        return new Cell(c);
    }

    public static Cell orthorhombic(double a, double b, double c) {
        return new Cell(new double[] {a, 0, 0, 0, b, 0, 0, 0, c});
    }

    /**
     * From lengths (Å) and angles (degrees; alpha between b and c, beta between a and c, gamma between
     * a and b), in the standard orientation: a along x, b in the xy plane, c completing a right-handed set.
     */
    public static Cell fromParameters(double a, double b, double c, double alpha, double beta, double gamma) {
        double ca = cosDeg(alpha);
        double cb = cosDeg(beta);
        double cg = cosDeg(gamma);
        double sg = sinDeg(gamma);
        double cx = cb;
        double cy = (ca - cb * cg) / sg;
        double cz2 = 1 - cx * cx - cy * cy;
        if (!(cz2 > 0)) throw new IllegalArgumentException("these cell angles do not make a cell");
        return new Cell(new double[] {
            a, 0, 0,
            b * cg, b * sg, 0,
            c * cx, c * cy, c * Math.sqrt(cz2)
        });
    }

    private static double cosDeg(double deg) {
        return deg == 90 ? 0 : deg == 60 ? 0.5 : deg == 120 ? -0.5 : Math.cos(Math.toRadians(deg));
    }

    private static double sinDeg(double deg) {
        return deg == 90 ? 1 : Math.sin(Math.toRadians(deg));
    }

    private static double norm(double[] v, int o) {
        return Math.sqrt(v[o] * v[o] + v[o + 1] * v[o + 1] + v[o + 2] * v[o + 2]);
    }

    /** Lattice vectors as rows (copy). */
    public double[] rows() {
        return m.clone();
    }

    /** Lattice vector i (0 = a, 1 = b, 2 = c). */
    public double[] vector(int i) {
        return new double[] {m[3 * i], m[3 * i + 1], m[3 * i + 2]};
    }

    /** Signed determinant of the row matrix (negative for a left-handed cell). */
    public double determinant() {
        return det;
    }

    /** Volume in Å^3. */
    public double volume() {
        return Math.abs(det);
    }

    /** Reciprocal vectors as rows, a_i · b_j = δ_ij (no 2π factor), 1/Å. */
    public double[] reciprocal() {
        return rec.clone();
    }

    /** Lengths |a|, |b|, |c|. */
    public double[] lengths() {
        return new double[] {norm(m, 0), norm(m, 3), norm(m, 6)};
    }

    /** Angles alpha (b,c), beta (a,c), gamma (a,b) in degrees. */
    public double[] angles() {
        return new double[] {angle(3, 6), angle(0, 6), angle(0, 3)};
    }

    private double angle(int i, int j) {
        double d = m[i] * m[j] + m[i + 1] * m[j + 1] + m[i + 2] * m[j + 2];
        return Math.toDegrees(Math.acos(Math.max(-1, Math.min(1, d / (norm(m, i) * norm(m, j))))));
    }

    /**
     * Distances between opposite faces (1/|b_i|): a sphere of radius r fits in the cell without touching
     * its own images iff 2r ≤ min height, which is what a neighbour list checks to pick its image range.
     */
    public double[] heights() {
        return new double[] {1 / norm(rec, 0), 1 / norm(rec, 3), 1 / norm(rec, 6)};
    }

    /** Fractional coordinates of flat Cartesian positions (new array). */
    public double[] toFractional(double[] cartesian) {
        double[] out = new double[cartesian.length];
        toFractional(cartesian, out);
        return out;
    }

    /** Fractional coordinates into out (may be the same array as cartesian). */
    public void toFractional(double[] cartesian, double[] out) {
        check(cartesian, out);
        final double[] r = rec;
        for (int i = 0; i < cartesian.length; i += 3) {
            double x = cartesian[i];
            double y = cartesian[i + 1];
            double z = cartesian[i + 2];
            out[i] = x * r[0] + y * r[1] + z * r[2];
            out[i + 1] = x * r[3] + y * r[4] + z * r[5];
            out[i + 2] = x * r[6] + y * r[7] + z * r[8];
        }
    }

    /** Cartesian positions of flat fractional coordinates (new array). */
    public double[] toCartesian(double[] fractional) {
        double[] out = new double[fractional.length];
        toCartesian(fractional, out);
        return out;
    }

    /** Cartesian positions into out (may be the same array as fractional). */
    public void toCartesian(double[] fractional, double[] out) {
        check(fractional, out);
        final double[] a = m;
        for (int i = 0; i < fractional.length; i += 3) {
            double f0 = fractional[i];
            double f1 = fractional[i + 1];
            double f2 = fractional[i + 2];
            out[i] = f0 * a[0] + f1 * a[3] + f2 * a[6];
            out[i + 1] = f0 * a[1] + f1 * a[4] + f2 * a[7];
            out[i + 2] = f0 * a[2] + f1 * a[5] + f2 * a[8];
        }
    }

    /**
     * Positions moved by whole lattice vectors into the cell along the periodic directions (all three if
     * pbc is null), so that their fractional coordinates lie in [0, 1) (down to -1e-12 for rounding; wrapping
     * twice changes nothing). An atom already
     * inside keeps its position exactly; the others move by integer combinations of a, b, c, so distances
     * between periodic images are unchanged.
     */
    public double[] wrap(double[] cartesian, boolean[] pbc) {
        double[] out = cartesian.clone();
        final double[] r = rec;
        final double[] a = m;
        boolean p0 = pbc == null || pbc[0];
        boolean p1 = pbc == null || pbc[1];
        boolean p2 = pbc == null || pbc[2];
        for (int i = 0; i < out.length; i += 3) {
            double x = out[i];
            double y = out[i + 1];
            double z = out[i + 2];
            double s0 = p0 ? shift(x * r[0] + y * r[1] + z * r[2]) : 0;
            double s1 = p1 ? shift(x * r[3] + y * r[4] + z * r[5]) : 0;
            double s2 = p2 ? shift(x * r[6] + y * r[7] + z * r[8]) : 0;
            if (s0 != 0 || s1 != 0 || s2 != 0) {
                out[i] = x - (s0 * a[0] + s1 * a[3] + s2 * a[6]);
                out[i + 1] = y - (s0 * a[1] + s1 * a[4] + s2 * a[7]);
                out[i + 2] = z - (s0 * a[2] + s1 * a[5] + s2 * a[8]);
            }
        }
        return out;
    }

    /** Whole cells to move back; a fraction a rounding error below 0 counts as inside (so wrap is idempotent). */
    private static double shift(double f) {
        return f >= -WRAP_TOLERANCE && f < 1 ? 0 : Math.floor(f);
    }

    private static void check(double[] in, double[] out) {
        if (in.length % 3 != 0) throw new IllegalArgumentException("positions must have 3 values per atom");
        if (out.length != in.length) throw new IllegalArgumentException("output has the wrong length");
    }
}
