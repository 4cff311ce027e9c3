package org.equidens.descriptor;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.equidens.io.InputException;

/**
 * The YAML form of {@link MultiscaleSoap.Potential}, the long-range part of multi-scale features
 * (all keys optional; unknown keys are errors; lengths in Å):
 * <pre>
 * lode:
 *   smearing: 1.0            # σ of the smeared 1/r^p potential
 *   exponent: 1              # p (1 = Coulomb)
 *   radius: 4.0              # GTO radius (sets the radial widths; not a cutoff). Default: the descriptor's cutoff
 *   n_max: 8                 # number of radial functions. Default: the descriptor's n_max
 *   l_max: 6                 # default: the descriptor's l_max
 *   k_cutoff: 3.77           # reciprocal cutoff (1/Å), periodic cells only. Default 1.2π/smearing
 *   center_atom_weight: 1.0
 *   spline_accuracy: 1.0e-8  # 0 = exact radial integrals
 *   weight: 1.0              # w: ρ⊗V part relative to the ρ⊗ρ part (each unit norm per centre)
 * </pre>
 */
public record LodeConfig(
        @JsonProperty("smearing") Double smearing,
        @JsonProperty("exponent") Integer exponent,
        @JsonProperty("radius") Double radius,
        @JsonProperty("n_max") Integer nMax,
        @JsonProperty("l_max") Integer lMax,
        @JsonProperty("k_cutoff") Double kCutoff,
        @JsonProperty("center_atom_weight") Double centerAtomWeight,
        @JsonProperty("spline_accuracy") Double splineAccuracy,
        @JsonProperty("weight") Double weight) {

    /**
     * The potential part with defaults filled in from the density hypers; errors are one-line
     * {@link InputException}s naming {@code file} and the key as {@code prefix + KEY}.
     */
    public MultiscaleSoap.Potential toPotential(Path file, String prefix, LambdaSoap.Hypers density) {
        SphericalExpansion.Hypers e = density.expansion();
        double sigma = LambdaSoapConfig.positive(file, prefix + "smearing", smearing, 1.0);
        int p = LambdaSoapConfig.range(file, prefix + "exponent", exponent, 1, 1, LodePotential.MAX_EXPONENT);
        double r = LambdaSoapConfig.positive(file, prefix + "radius", radius, e.cutoff());
        int n = LambdaSoapConfig.range(file, prefix + "n_max", nMax, e.radialFunctions(), 1, 20);
        int l = LambdaSoapConfig.range(file, prefix + "l_max", lMax, e.maxAngular(), 0, 30);
        double k = LambdaSoapConfig.positive(file, prefix + "k_cutoff", kCutoff, 1.2 * Math.PI / sigma);
        double wc = centerAtomWeight == null ? 1.0 : centerAtomWeight;
        if (!Double.isFinite(wc)) throw bad(file, prefix, "center_atom_weight", "must be finite");
        double spline = splineAccuracy == null ? RadialSpline.DEFAULT_ACCURACY : splineAccuracy;
        if (!(spline >= 0 && spline < 1)) throw bad(file, prefix, "spline_accuracy", "must be in [0, 1) (0 = exact), got " + spline);
        double w = weight == null ? 1.0 : weight;
        if (!(w >= 0) || Double.isInfinite(w)) throw bad(file, prefix, "weight", "must be a finite number >= 0, got " + w);
        return new MultiscaleSoap.Potential(new LodeSphericalExpansion.Hyperparameters(sigma, p, r, n, l, k, wc, spline), w);
    }

    /** Every value under its key (what a config reproducing it would say), for model.json. */
    public static Map<String, Object> toMap(MultiscaleSoap.Potential p) {
        LodeSphericalExpansion.Hyperparameters h = p.lode();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("smearing", h.smearing());
        m.put("exponent", h.exponent());
        m.put("radius", h.radius());
        m.put("n_max", h.radialSize());
        m.put("l_max", h.maxAngular());
        m.put("k_cutoff", h.kCutoff());
        m.put("center_atom_weight", h.centerAtomWeight());
        m.put("spline_accuracy", h.splineAccuracy());
        m.put("weight", p.weight());
        return m;
    }

    private static InputException bad(Path file, String prefix, String key, String problem) {
        return InputException.at(file, "key '" + prefix + key + "': " + problem);
    }
}
