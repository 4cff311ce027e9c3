package org.equidens.descriptor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.stream.Stream;
import org.equidens.io.Npy;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * External validation of the radial machinery against featomic's stored spherical expansion: the
 * l = 0, 1, 2 channels need only the explicit low-order real harmonics, so they pin I_nl, the GTO
 * orthonormalisation, the cutoff, the self term and the [l][m][species][n] layout.
 */
class FeatomicSphericalExpansionTest {
    private static final Path DIR = Path.of("src/test/resources/featomic-reference/generated");
    private static final double Y00 = 1.0 / Math.sqrt(4 * Math.PI);
    private static final double C1 = Math.sqrt(3.0 / (4 * Math.PI));
    private static final double C2 = Math.sqrt(15.0 / (4 * Math.PI));

    static double[] positions;
    static int[] types;
    static int[] speciesOrder; // sorted distinct atomic numbers
    static double cutoffRadius;
    static double width;
    static double sigma;
    static int maxRadial;
    static int maxAngular;
    static boolean analyticInReference;
    static Npy.Array reference;
    static SoapRadialIntegral analytic;
    static RadialSpline spline;
    static Cutoff cutoff;

    @BeforeAll
    static void load() throws IOException {
        JsonNode root = new ObjectMapper().readTree(DIR.resolve("spherical-expansion-values-input.json").toFile());
        JsonNode hyper = root.get("hyperparameters");
        maxAngular = hyper.get("basis").get("max_angular").asInt();
        maxRadial = hyper.get("basis").get("radial").get("max_radial").asInt();
        assertEquals("Gto", hyper.get("basis").get("radial").get("type").asText());
        analyticInReference = hyper.get("basis").get("spline_accuracy").isNull();
        cutoffRadius = hyper.get("cutoff").get("radius").asDouble();
        assertEquals("ShiftedCosine", hyper.get("cutoff").get("smoothing").get("type").asText());
        width = hyper.get("cutoff").get("smoothing").get("width").asDouble();
        assertEquals("Gaussian", hyper.get("density").get("type").asText());
        sigma = hyper.get("density").get("width").asDouble();
        JsonNode system = root.get("systems").get(0);
        for (JsonNode c : system.get("cell")) assertEquals(0.0, c.asDouble(), "reference system is a molecule");
        int n = system.get("types").size();
        positions = new double[3 * n];
        types = new int[n];
        for (int i = 0; i < n; i++) {
            types[i] = system.get("types").get(i).asInt();
            for (int k = 0; k < 3; k++) positions[3 * i + k] = system.get("positions").get(i).get(k).asDouble();
        }
        speciesOrder = Arrays.stream(types).distinct().sorted().toArray();
        reference = Npy.read(DIR.resolve("spherical-expansion-values.npy.gz"));
        analytic = SoapRadialIntegral.of(maxRadial, maxAngular, cutoffRadius, sigma);
        spline = analytic.spline();
        cutoff = Cutoff.shiftedCosine(cutoffRadius, width);
    }

    @Test
    void referenceIsAnalyticAndShaped() {
        assertTrue(analyticInReference, "spline_accuracy null in the reference json = analytic radial integral");
        assertEquals(9, types.length);
        assertEquals(2, reference.rank());
        assertEquals(9, reference.size(0));
        int nSpecies = speciesOrder.length;
        assertEquals((maxAngular + 1) * (maxAngular + 1) * nSpecies * (maxRadial + 1), reference.size(1));
        assertEquals(1944, reference.size(1));
        System.out.printf("featomic reference: spline_accuracy=null (analytic); spline knots per l at 1e-8: %s%n",
                Arrays.toString(java.util.stream.IntStream.rangeClosed(0, maxAngular).map(spline::knots).toArray()));
    }

    /**
     * Low-l part of the expansion of every centre: [l ≤ 2][m][species][n] with the explicit real
     * harmonics Y_1 = √(3/4π)(y, z, x)/r and Y_2 = √(15/4π)(xy, yz, (3z²−r²)/(2√3), xz, (x²−y²)/2)/r².
     */
    static double[] expansion(RadialIntegral radial, int lmaxUsed) {
        int nAtoms = types.length;
        int nSpecies = speciesOrder.length;
        int nRad = radial.radialSize();
        int perCentre = (lmaxUsed + 1) * (lmaxUsed + 1) * nSpecies * nRad;
        double[] out = new double[nAtoms * perCentre];
        double[] values = new double[radial.length()];
        double[] ylm = new double[9];
        for (int i = 0; i < nAtoms; i++) {
            for (int j = 0; j < nAtoms; j++) {
                double x = positions[3 * j] - positions[3 * i];
                double y = positions[3 * j + 1] - positions[3 * i + 1];
                double z = positions[3 * j + 2] - positions[3 * i + 2];
                double r = Math.sqrt(x * x + y * y + z * z);
                double weight;
                if (i == j) {
                    weight = 1.0; // centre's own Gaussian, l = 0 only
                    Arrays.fill(ylm, 0.0);
                    ylm[0] = Y00;
                } else {
                    if (r >= cutoffRadius) continue;
                    weight = cutoff.value(r);
                    double ux = x / r, uy = y / r, uz = z / r;
                    ylm[0] = Y00;
                    ylm[1] = C1 * uy;
                    ylm[2] = C1 * uz;
                    ylm[3] = C1 * ux;
                    ylm[4] = C2 * ux * uy;
                    ylm[5] = C2 * uy * uz;
                    ylm[6] = C2 * (3 * uz * uz - 1) / (2 * Math.sqrt(3));
                    ylm[7] = C2 * ux * uz;
                    ylm[8] = C2 * (ux * ux - uy * uy) / 2;
                }
                radial.compute(i == j ? 0.0 : r, values, null);
                int s = Arrays.binarySearch(speciesOrder, types[j]);
                for (int l = 0; l <= lmaxUsed; l++) {
                    for (int m = -l; m <= l; m++) {
                        int lm = l * l + l + m;
                        for (int n = 0; n < nRad; n++) {
                            out[i * perCentre + (lm * nSpecies + s) * nRad + n] += weight * ylm[lm] * values[l * nRad + n];
                        }
                    }
                }
            }
        }
        return out;
    }

    /** Largest |ours − featomic| over all centres, l ≤ lmaxUsed, species and n. */
    static double maxError(double[] ours, int lmaxUsed) {
        int nSpecies = speciesOrder.length;
        int nRad = maxRadial + 1;
        int perCentre = (lmaxUsed + 1) * (lmaxUsed + 1) * nSpecies * nRad;
        double max = 0;
        for (int i = 0; i < types.length; i++) {
            for (int k = 0; k < perCentre; k++) {
                max = Math.max(max, Math.abs(ours[i * perCentre + k] - reference.get(i, k)));
            }
        }
        return max;
    }

    static Stream<Arguments> integrals() {
        return Stream.of(Arguments.of("analytic", 0), Arguments.of("analytic", 2), Arguments.of("spline", 0), Arguments.of("spline", 2));
    }

    @ParameterizedTest(name = "{0}, l <= {1}")
    @MethodSource("integrals")
    void matchesFeatomic(String kind, int lmaxUsed) {
        RadialIntegral radial = kind.equals("analytic") ? analytic : spline;
        double err = maxError(expansion(radial, lmaxUsed), lmaxUsed);
        System.out.printf("featomic spherical expansion, %s radial integral, l <= %d: max abs error %.3e%n", kind, lmaxUsed, err);
        // The reference is printed to 10 significant digits and agrees with the analytic integral to
        // ~1e-10 absolute (that is featomic's own floor; our integral is checked to 1e-13 by quadrature
        // in SoapRadialIntegralTest). The brief's requirement is 1e-8 for both.
        assertTrue(err < (kind.equals("analytic") ? 2e-10 : 1e-8), kind + " max error " + err);
    }

    @Test
    void knownValuesOfCentreZero() {
        double[] ours = expansion(analytic, 0);
        int perCentre = speciesOrder.length * (maxRadial + 1);
        double[] h = {-0.004569356723, 0.007041119966, -0.02160957969, 0.08172882509};
        double[] c = {0.9327123172, -0.1898901978, 0.1868352713, -0.01296950642};
        for (int n = 0; n < 4; n++) {
            assertEquals(h[n], ours[n], 1e-11);
            assertEquals(c[n], ours[(maxRadial + 1) + n], 1e-10);
        }
        assertEquals(9 * perCentre, ours.length);
    }
}
