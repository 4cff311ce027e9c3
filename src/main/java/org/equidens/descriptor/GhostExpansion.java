package org.equidens.descriptor;

import java.util.Arrays;
import org.equidens.io.InputException;
import org.equidens.math.SphericalHarmonics;
import org.equidens.structure.Atoms;
import org.equidens.structure.Cell;
import org.equidens.util.Threads;

/**
 * The SOAP spherical expansion of {@link SphericalExpansion} centred at arbitrary points ("ghost
 * centres") that see the atoms of one structure but never each other:
 * <pre>
 *   c^a_{p,nlm} = Σ_{j ∈ a, images S, |r_j + S·H − r_p| &lt; rc} f_c(r)·Y_lm(r̂)·I_nl(r),   r = r_j + S·H − r_p,
 * </pre>
 * with the calculator's cutoff, radial basis and spline, neighbour species and layout
 * ([l][m][species][n] per centre), so every power spectrum applies unchanged. There is no self term
 * (a point has no Gaussian of its own): a ghost placed on atom i of a structure from which i was
 * removed has exactly i's expansion with {@code centerAtomWeight} 0.
 *
 * <p><b>Atoms at the point.</b> An atom closer than {@link SphericalExpansion#MIN_DISTANCE} to the
 * point has no direction; it contributes its limit r → 0, the l = 0 term f_c(r)·Y_00·I_n0(r) (all
 * I_nl with l &gt; 0 vanish like r^l). So a ghost on an atom that is kept sees that atom as the
 * centre's own Gaussian with weight 1: it equals the atom-centred expansion with
 * {@code centerAtomWeight} 1 (periodic images included).
 *
 * <p><b>Centres.</b> The output's centre species are {@link #GHOST_SPECIES} (0, no element), the
 * samples ("system", "point") = (system, point index).
 *
 * <p><b>Algorithm.</b> Built once per structure (the constructor): along periodic axes atoms are
 * wrapped into the cell and replicated to every image within rc of the cell (|Δs_a|·h_a ≤ rc, h_a
 * the plane spacing), then all kept images are binned in Cartesian bins at least rc (plus a 1e-9
 * margin) wide, so the atoms within rc of a point lie in the 27 bins around it. Per point: wrap it
 * into the cell along periodic axes (lattice translations of a point give the same expansion, to
 * round-off), visit the 27 bins, accumulate. Points are processed in parallel chunks
 * ({@link Threads#parallelFor}), each writing its own slab with per-chunk scratch: no locks, no
 * allocation per point, sums in a deterministic order.
 *
 * <p>Lengths in the unit of the structure's positions (Å in practice). Immutable and thread-safe.
 */
public final class GhostExpansion {
    /** Centre "species" of a ghost centre: no element. */
    public static final int GHOST_SPECIES = 0;
    private static final double MARGIN = 1e-9;

    private final SphericalExpansion calculator;
    private final Cutoff cutoff;
    private final RadialIntegral radial;
    private final int[] species;
    private final int lmax;
    private final int nmax;
    private final double rc;
    // periodic wrapping of the points
    private final boolean[] pbc;
    private final double[] lattice; // rows, or null
    private final double[] reciprocal; // rows: s_a = rec_a · r, or null
    // binned images: Cartesian positions and species index, bin runs
    private final double[] imagePos;
    private final int[] imageSpecies;
    private final int[] binStart;
    private final double[] lo = new double[3];
    private final double[] width = new double[3];
    private final int[] bins = new int[3];

    /**
     * Prepares a structure for ghost centres.
     *
     * @param calculator the atom-centred calculator whose hypers (cutoff, radial basis, spline,
     *                   species) are used; {@code centerSpecies} and {@code centerAtomWeight} are ignored
     * @throws InputException for non-finite positions, a singular cell, or an atom whose species is
     *                        not among the neighbour species of the hypers
     */
    public GhostExpansion(SphericalExpansion calculator, Atoms structure) {
        this.calculator = calculator;
        SphericalExpansion.Hypers h = calculator.hypers();
        this.rc = h.cutoff();
        this.cutoff = h.smoothing() == SphericalExpansion.Smoothing.STEP ? Cutoff.step(rc) : Cutoff.shiftedCosine(rc, h.smoothingWidth());
        this.radial = calculator.radialIntegral();
        this.lmax = h.maxAngular();
        this.nmax = h.radialFunctions();
        this.species = calculator.neighbourSpecies(structure);
        int n = structure.size();
        double[] pos = structure.positions();
        for (int k = 0; k < pos.length; k++)
            if (!Double.isFinite(pos[k]))
                throw new InputException("atom " + k / 3 + " (" + structure.symbol(k / 3) + ") has a non-finite position");
        int[] sp = new int[n];
        for (int i = 0; i < n; i++) {
            sp[i] = Arrays.binarySearch(species, structure.atomicNumber(i));
            if (sp[i] < 0)
                throw new InputException("atom " + i + " is " + structure.symbol(i) + " (Z=" + structure.atomicNumber(i)
                        + "), which is not among the neighbour species " + Arrays.toString(species) + " of the hyperparameters");
        }
        this.pbc = structure.pbc().clone();
        boolean periodic = pbc[0] || pbc[1] || pbc[2];
        double reach = rc * (1 + MARGIN);
        double[] imgPos;
        int[] imgSp;
        int count;
        if (periodic) {
            if (structure.cell() == null) throw new InputException("the structure is periodic but has no cell");
            Cell cell;
            try {
                cell = new Cell(structure.cell());
            } catch (IllegalArgumentException e) {
                throw new InputException("singular cell " + Arrays.toString(structure.cell())
                        + ": its lattice vectors are linearly dependent, zero or not finite");
            }
            lattice = cell.rows();
            reciprocal = cell.reciprocal();
            double[] heights = cell.heights();
            int[] range = new int[3];
            double[] slack = new double[3];
            long images = 1;
            for (int a = 0; a < 3; a++) {
                if (pbc[a]) {
                    slack[a] = reach / heights[a];
                    range[a] = (int) Math.ceil(slack[a]) + 1;
                    images *= 2L * range[a] + 1;
                }
            }
            long cap = images * n;
            if (cap > 50_000_000L) throw new InputException("the cell is too small for the cutoff: " + cap + " atom images");
            imgPos = new double[(int) (3 * cap)];
            imgSp = new int[(int) cap];
            count = 0;
            double[] s = new double[3];
            for (int i = 0; i < n; i++) {
                for (int a = 0; a < 3; a++) {
                    s[a] = reciprocal[3 * a] * pos[3 * i] + reciprocal[3 * a + 1] * pos[3 * i + 1] + reciprocal[3 * a + 2] * pos[3 * i + 2];
                    if (pbc[a]) s[a] -= Math.floor(s[a]);
                }
                // wrapped Cartesian position: r − floor(s)·H along periodic axes
                double x0 = pos[3 * i], y0 = pos[3 * i + 1], z0 = pos[3 * i + 2];
                for (int a = 0; a < 3; a++) {
                    if (!pbc[a]) continue;
                    double sa = reciprocal[3 * a] * pos[3 * i] + reciprocal[3 * a + 1] * pos[3 * i + 1] + reciprocal[3 * a + 2] * pos[3 * i + 2];
                    double k = Math.floor(sa);
                    x0 -= k * lattice[3 * a];
                    y0 -= k * lattice[3 * a + 1];
                    z0 -= k * lattice[3 * a + 2];
                }
                for (int s0 = -range[0]; s0 <= range[0]; s0++) {
                    if (pbc[0] && (s[0] + s0 < -slack[0] || s[0] + s0 > 1 + slack[0])) continue;
                    for (int s1 = -range[1]; s1 <= range[1]; s1++) {
                        if (pbc[1] && (s[1] + s1 < -slack[1] || s[1] + s1 > 1 + slack[1])) continue;
                        for (int s2 = -range[2]; s2 <= range[2]; s2++) {
                            if (pbc[2] && (s[2] + s2 < -slack[2] || s[2] + s2 > 1 + slack[2])) continue;
                            imgPos[3 * count] = x0 + s0 * lattice[0] + s1 * lattice[3] + s2 * lattice[6];
                            imgPos[3 * count + 1] = y0 + s0 * lattice[1] + s1 * lattice[4] + s2 * lattice[7];
                            imgPos[3 * count + 2] = z0 + s0 * lattice[2] + s1 * lattice[5] + s2 * lattice[8];
                            imgSp[count++] = sp[i];
                        }
                    }
                }
            }
        } else {
            lattice = null;
            reciprocal = null;
            imgPos = pos.clone();
            imgSp = sp;
            count = n;
        }
        // Cartesian bins ≥ reach wide over the images' bounding box, at most ~8 per image
        for (int a = 0; a < 3; a++) {
            double min = Double.POSITIVE_INFINITY, max = Double.NEGATIVE_INFINITY;
            for (int i = 0; i < count; i++) {
                min = Math.min(min, imgPos[3 * i + a]);
                max = Math.max(max, imgPos[3 * i + a]);
            }
            if (count == 0) min = max = 0;
            lo[a] = min;
            width[a] = max - min;
            bins[a] = (int) Math.max(1, Math.min(Math.floor(width[a] / reach), 1 << 20));
        }
        long limit = 8L * count + 64;
        while ((long) bins[0] * bins[1] * bins[2] > limit) {
            int a = bins[0] >= bins[1] && bins[0] >= bins[2] ? 0 : (bins[1] >= bins[2] ? 1 : 2);
            bins[a] = Math.max(1, bins[a] / 2);
        }
        for (int a = 0; a < 3; a++) width[a] = Math.max(width[a] / bins[a], reach);
        int total = bins[0] * bins[1] * bins[2];
        int[] binOf = new int[count];
        binStart = new int[total + 1];
        for (int i = 0; i < count; i++) {
            int b = 0;
            for (int a = 0; a < 3; a++) {
                int k = (int) Math.floor((imgPos[3 * i + a] - lo[a]) / width[a]);
                b = b * bins[a] + Math.max(0, Math.min(bins[a] - 1, k));
            }
            binOf[i] = b;
            binStart[b + 1]++;
        }
        for (int b = 0; b < total; b++) binStart[b + 1] += binStart[b];
        int[] fill = Arrays.copyOf(binStart, total);
        imagePos = new double[3 * count];
        imageSpecies = new int[count];
        for (int i = 0; i < count; i++) { // images stored bin by bin: contiguous runs, cache friendly
            int t = fill[binOf[i]]++;
            System.arraycopy(imgPos, 3 * i, imagePos, 3 * t, 3);
            imageSpecies[t] = imgSp[i];
        }
    }

    /** The calculator whose hypers are used. */
    public SphericalExpansion calculator() {
        return calculator;
    }

    /** Neighbour species of the output (atomic numbers, ascending). */
    public int[] species() {
        return species.clone();
    }

    /** Atom images kept for the search (all atoms of a molecule; images within rc of the cell for a crystal). */
    public int images() {
        return imageSpecies.length;
    }

    /** Doubles per centre of the output: (lmax+1)²·S·N. */
    public int centreStride() {
        return (lmax + 1) * (lmax + 1) * species.length * nmax;
    }

    /** The expansion at n points (flat Cartesian, the structure's length unit), system label 0. */
    public Expansion compute(double[] points, int n) {
        return compute(points, n, 0);
    }

    /** The same, with sample labels ("system", "point") = (system, point index). */
    public Expansion compute(double[] points, int n, int system) {
        if (points.length < 3 * n) throw new IllegalArgumentException(points.length + " coordinates for " + n + " points");
        for (int k = 0; k < 3 * n; k++)
            if (!Double.isFinite(points[k])) throw new InputException("point " + k / 3 + " has a non-finite coordinate");
        int[] labels = new int[2 * n];
        for (int p = 0; p < n; p++) {
            labels[2 * p] = system;
            labels[2 * p + 1] = p;
        }
        int[] centreZ = new int[n];
        Arrays.fill(centreZ, GHOST_SPECIES);
        Expansion out = new Expansion(lmax, nmax, species, centreZ, new Labels(new String[] {"system", "point"}, labels), null);
        double[] values = out.values();
        int stride = out.centreStride();
        int chunk = Math.max(1, Math.min(64, (n + 4 * Threads.count() - 1) / (4 * Threads.count())));
        int chunks = (n + chunk - 1) / chunk;
        Threads.parallelFor(0, chunks, c -> {
            SphericalHarmonics sh = new SphericalHarmonics(lmax);
            double[] ylm = new double[(lmax + 1) * (lmax + 1)];
            double[] rad = new double[radial.length()];
            double[] p = new double[3];
            for (int i = c * chunk, end = Math.min(n, i + chunk); i < end; i++) {
                p[0] = points[3 * i];
                p[1] = points[3 * i + 1];
                p[2] = points[3 * i + 2];
                accumulate(p, values, i * stride, sh, ylm, rad);
            }
        });
        return out;
    }

    private void accumulate(double[] p, double[] values, int base, SphericalHarmonics sh, double[] ylm, double[] rad) {
        if (lattice != null) wrap(p);
        int nspecies = species.length;
        int k0 = binCoordinate(p, 0), k1 = binCoordinate(p, 1), k2 = binCoordinate(p, 2);
        if (k0 == Integer.MIN_VALUE || k1 == Integer.MIN_VALUE || k2 == Integer.MIN_VALUE) return;
        double rc2 = rc * rc;
        for (int b0 = Math.max(0, k0 - 1); b0 <= Math.min(bins[0] - 1, k0 + 1); b0++)
            for (int b1 = Math.max(0, k1 - 1); b1 <= Math.min(bins[1] - 1, k1 + 1); b1++)
                for (int b2 = Math.max(0, k2 - 1); b2 <= Math.min(bins[2] - 1, k2 + 1); b2++) {
                    int b = (b0 * bins[1] + b1) * bins[2] + b2;
                    for (int t = binStart[b]; t < binStart[b + 1]; t++) {
                        double x = imagePos[3 * t] - p[0];
                        double y = imagePos[3 * t + 1] - p[1];
                        double z = imagePos[3 * t + 2] - p[2];
                        double r2 = x * x + y * y + z * z;
                        if (!(r2 < rc2)) continue;
                        double r = Math.sqrt(r2);
                        double fc = cutoff.value(r);
                        if (fc == 0.0) continue;
                        radial.compute(r, rad, null);
                        int a = imageSpecies[t];
                        if (r < SphericalExpansion.MIN_DISTANCE) { // the limit r → 0: l = 0 only
                            double y00 = fc / Math.sqrt(4 * Math.PI);
                            int o = base + a * nmax;
                            for (int n = 0; n < nmax; n++) values[o + n] += y00 * rad[n];
                            continue;
                        }
                        sh.compute(x, y, z, ylm);
                        for (int l = 0; l <= lmax; l++) {
                            int ro = l * nmax;
                            for (int lm = l * l; lm <= l * l + 2 * l; lm++) {
                                double w = fc * ylm[lm];
                                int o = base + (lm * nspecies + a) * nmax;
                                for (int n = 0; n < nmax; n++) values[o + n] += w * rad[ro + n];
                            }
                        }
                    }
                }
    }

    /** Bin coordinate of the point along axis a (may be −1 or bins[a]), or MIN_VALUE when no bin is within reach. */
    private int binCoordinate(double[] p, int a) {
        double u = Math.floor((p[a] - lo[a]) / width[a]);
        if (u < -1 || u > bins[a]) return Integer.MIN_VALUE;
        return (int) u;
    }

    /** Translates p by a lattice vector into the cell along periodic axes. */
    private void wrap(double[] p) {
        double x = p[0], y = p[1], z = p[2];
        for (int a = 0; a < 3; a++) {
            if (!pbc[a]) continue;
            double k = Math.floor(reciprocal[3 * a] * x + reciprocal[3 * a + 1] * y + reciprocal[3 * a + 2] * z);
            if (k == 0) continue;
            p[0] -= k * lattice[3 * a];
            p[1] -= k * lattice[3 * a + 1];
            p[2] -= k * lattice[3 * a + 2];
        }
    }
}
