package org.equidens.descriptor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * The periodic (k-space) method applied to a water molecule in cubic boxes of growing side L converges
 * to the exact molecular expansion, but only as 1/L in l = 0: featomic drops the k = 0 term, i.e. adds
 * a neutralising background, which for a non-neutral unit-weight "charge" shifts the potential near
 * the molecule by a Madelung-like constant ∝ N/L. Higher l see only the images' multipole fields
 * (dipole field ∝ 1/L³). This pins both methods against each other and explains why molecules must
 * not be put in a box.
 */
class LodeBoxConvergenceTest {
    private static final double[] WATER = {0, 0, 0, 0.757, 0.586, 0, -0.757, 0.586, 0};
    private static final int[] TYPES = {8, 1, 1};

    @Test
    void boxErrorsDecayAsOneOverL() {
        var hyper = LodeSphericalExpansion.Hyperparameters.of(1.0, 1, 2.5, 3, 2).withKCutoff(2 * Math.PI / 1.0);
        var calc = new LodeSphericalExpansion(hyper);
        var layout = new LodeSphericalExpansion.Layout(new int[] {1, 8}, 3, 2);
        int per = layout.perCentre();
        double[] exact = calc.computeMolecule(WATER, TYPES, layout);
        // O centre, l = 0, n = 0, summed over species (the research note measured 5.567 with a grid
        // projection and an unstated geometry; not asserted)
        double isolated = exact[layout.index(0, 0, 0, 0)] + exact[layout.index(0, 0, 1, 0)];
        System.out.printf("isolated water, O centre, Σ_a c^a_000 = %.4f%n", isolated);

        double[] sides = {12, 16, 24, 32};
        double[] err0 = new double[sides.length]; // O centre, Σ_a, n = 0, l = 0
        double[] err1 = new double[sides.length]; // max |Δ| over all centres, species, n, m at l = 1
        double[] err0all = new double[sides.length * per * 3];
        for (int s = 0; s < sides.length; s++) {
            double side = sides[s];
            double[] pos = WATER.clone();
            for (int i = 0; i < pos.length; i++) pos[i] += 0.5 * side;
            double[] box = calc.computePeriodic(pos, TYPES, new double[] {side, 0, 0, 0, side, 0, 0, 0, side}, layout);
            err0[s] = box[layout.index(0, 0, 0, 0)] + box[layout.index(0, 0, 1, 0)] - isolated;
            for (int i = 0; i < 3; i++) {
                for (int k = 0; k < per; k++) err0all[(s * 3 + i) * per + k] = box[i * per + k] - exact[i * per + k];
                for (int a = 0; a < 2; a++) {
                    for (int m = -1; m <= 1; m++) {
                        for (int n = 0; n < 3; n++) {
                            int k = i * per + layout.index(1, m, a, n);
                            err1[s] = Math.max(err1[s], Math.abs(box[k] - exact[k]));
                        }
                    }
                }
            }
            System.out.printf("L = %4.0f Å: l=0 error %+.5f (L·error %+.4f), l=1 max |error| %.3e%n", side, err0[s], side * err0[s], err1[s]);
        }
        double slope0 = slope(sides, err0);
        double slope1 = slope(sides, err1);
        System.out.printf("log-log slopes: l=0 %.3f, l=1 %.3f%n", slope0, slope1);
        assertTrue(Math.abs(slope0 + 1) < 0.05, "l=0 error must decay as 1/L, slope " + slope0);
        assertTrue(slope1 < -2.7, "l=1 error must decay at least as 1/L^2.7, slope " + slope1);
        // fit error = a/L + b/L³ to the two largest boxes; it then predicts the smaller boxes
        double l2 = sides[2], l3 = sides[3];
        double b = (err0[3] * l3 - err0[2] * l2) / (1 / (l3 * l3) - 1 / (l2 * l2));
        double a = err0[3] * l3 - b / (l3 * l3);
        System.out.printf("fit: l=0 error = %.4f/L %+.3f/L³%n", a, b);
        for (int s = 0; s < 2; s++) {
            double predicted = a / sides[s] + b / Math.pow(sides[s], 3);
            assertEquals(err0[s], predicted, 1e-3 * Math.abs(err0[s]), "a/L + b/L³ at L = " + sides[s]);
        }
        // Every l = 0 channel: the 1/L part is a constant potential shift C_a = −ξ N_a/L per species
        // channel (ξ = 2.837297, the potential of a simple-cubic lattice of unit charges in a neutralising
        // background, minus the bare charge, at a lattice site), whose coefficient is C_a √(4π) ∫ r² B_n dr,
        // the same for every centre. Fit a/L + b/L³ per channel from the two largest boxes.
        double[] moment = calc.coulombIntegral().moments();
        int[] count = {2, 1}; // H, O
        double worst = 0;
        for (int i = 0; i < 3; i++) {
            for (int a0 = 0; a0 < 2; a0++) {
                for (int n = 0; n < 3; n++) {
                    int k = layout.index(0, 0, a0, n);
                    double e2 = err0all[(2 * 3 + i) * per + k];
                    double e3 = err0all[(3 * 3 + i) * per + k];
                    double aFit = (Math.pow(l3, 3) * e3 - Math.pow(l2, 3) * e2) / (l3 * l3 - l2 * l2);
                    double xi = -aFit / (Math.sqrt(4 * Math.PI) * moment[n] * count[a0]);
                    worst = Math.max(worst, Math.abs(xi / 2.837297 - 1));
                }
            }
        }
        System.out.printf("per-channel 1/L coefficients / (√(4π) M_n N_a) = −ξ, ξ = 2.837297 to %.2e relative%n", worst);
        assertTrue(worst < 2e-3, "1/L coefficients are not a constant Madelung shift: " + worst);
    }

    /** Least-squares slope of log|y| against log x. */
    static double slope(double[] x, double[] y) {
        int n = x.length;
        double sx = 0, sy = 0, sxx = 0, sxy = 0;
        for (int i = 0; i < n; i++) {
            double lx = Math.log(x[i]), ly = Math.log(Math.abs(y[i]));
            sx += lx;
            sy += ly;
            sxx += lx * lx;
            sxy += lx * ly;
        }
        return (n * sxy - sx * sy) / (n * sxx - sx * sx);
    }
}
