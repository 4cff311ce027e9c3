package org.equidens.descriptor;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.equidens.descriptor.EquivariantPowerSpectrum.Normalisation;
import org.equidens.descriptor.EquivariantPowerSpectrum.PairSelection;
import org.equidens.descriptor.EquivariantPowerSpectrum.Parities;
import org.equidens.io.InputException;
import org.equidens.io.Yaml;
import org.equidens.structure.Elements;

/**
 * The YAML form of {@link LambdaSoap.Hypers} (all keys optional; unknown keys are errors):
 * <pre>
 * cutoff: 4.0                 # rc, Å
 * cutoff_function: shifted_cosine   # or step
 * smoothing_width: 0.5        # ShiftedCosine width, Å
 * gaussian_width: 0.3         # σ of the atom Gaussians, Å
 * n_max: 8                    # NUMBER of radial functions N (n = 0..N−1; featomic max_radial = N−1)
 * l_max: 6
 * center_atom_weight: 1.0
 * spline_accuracy: 1.0e-8     # 0 or null = analytic radial integrals (featomic: null); absent = 1e-8
 * species: [H, O]             # neighbour species (symbols or atomic numbers); default: the structure's
 * center_species: [O]         # default: every atom is a centre
 * lambda_max: 5
 * parities: both              # proper (σ=+1), pseudo (σ=−1) or both
 * normalisation: none         # or per_block_unit (SALTED: each environment's block to unit norm)
 * pair_selection: l1_le_l2_weighted   # or l1_le_l2 (featomic), all_ordered (TENSOAP)
 * </pre>
 * Missing keys take these defaults (TENSOAP/SALTED's rc, σ, N, l_max; featomic's cutoff width,
 * centre weight and spline accuracy).
 */
public record LambdaSoapConfig(
        @JsonProperty("cutoff") Double cutoff,
        @JsonProperty("cutoff_function") String cutoffFunction,
        @JsonProperty("smoothing_width") Double smoothingWidth,
        @JsonProperty("gaussian_width") Double gaussianWidth,
        @JsonProperty("n_max") Integer nMax,
        @JsonProperty("l_max") Integer lMax,
        @JsonProperty("center_atom_weight") Double centerAtomWeight,
        @JsonProperty("spline_accuracy") JsonNode splineAccuracy,
        @JsonProperty("species") List<String> species,
        @JsonProperty("center_species") List<String> centerSpecies,
        @JsonProperty("lambda_max") Integer lambdaMax,
        @JsonProperty("parities") String parities,
        @JsonProperty("normalisation") String normalisation,
        @JsonProperty("pair_selection") String pairSelection) {

    /** No keys: all defaults. */
    public static LambdaSoapConfig empty() {
        return new LambdaSoapConfig(null, null, null, null, null, null, null, null, null, null, null, null, null, null);
    }

    /** Reads and validates a YAML file; every mistake is a one-line {@link InputException} naming the file and key. */
    public static LambdaSoap.Hypers load(Path file) {
        return Yaml.read(file, LambdaSoapConfig.class).toHypers(file);
    }

    /** The defaults: rc 4 Å, σ 0.3 Å, 8 radial functions, l_max 6, λ ≤ 5, both parities. */
    public static LambdaSoap.Hypers defaults() {
        return empty().toHypers(Path.of("(defaults)"));
    }

    /** The hyperparameters, defaults filled in; {@code file} only names the source in errors. */
    public LambdaSoap.Hypers toHypers(Path file) {
        double rc = positive(file, "cutoff", cutoff, 4.0);
        SphericalExpansion.Smoothing smoothing = choice(file, "cutoff_function", cutoffFunction, SphericalExpansion.Smoothing.class,
                SphericalExpansion.Smoothing.SHIFTED_COSINE);
        double width = smoothingWidth == null ? Math.min(0.5, rc) : smoothingWidth;
        if (smoothing == SphericalExpansion.Smoothing.SHIFTED_COSINE && !(width >= 0 && width <= rc))
            throw InputException.at(file, "key 'smoothing_width': must be between 0 and the cutoff " + rc + ", got " + width);
        double sigma = positive(file, "gaussian_width", gaussianWidth, 0.3);
        int n = range(file, "n_max", nMax, 8, 1, 20);
        int l = range(file, "l_max", lMax, 6, 0, 30);
        double wc = centerAtomWeight == null ? 1.0 : centerAtomWeight;
        if (!Double.isFinite(wc)) throw InputException.at(file, "key 'center_atom_weight': must be finite");
        double spline;
        if (splineAccuracy == null) spline = RadialSpline.DEFAULT_ACCURACY; // key absent
        else if (splineAccuracy.isNull()) spline = 0.0;                    // explicit null: analytic, as in featomic
        else if (splineAccuracy.isNumber()) spline = splineAccuracy.asDouble();
        else throw InputException.at(file, "key 'spline_accuracy': expected a number or null, got '" + splineAccuracy.asText() + "'");
        if (!(spline >= 0 && spline < 1))
            throw InputException.at(file, "key 'spline_accuracy': must be in [0, 1) (0 = analytic), got " + spline);
        // the default 5 is capped at 2·l_max: a model or sidecar written with a small l_max must read back
        int lambda = range(file, "lambda_max", lambdaMax, Math.min(5, 2 * l), 0, 2 * l);
        SphericalExpansion.Hypers e = new SphericalExpansion.Hypers(rc, smoothing, width, sigma, n, l, wc, spline,
                elements(file, "species", species), elements(file, "center_species", centerSpecies));
        return new LambdaSoap.Hypers(e, lambda,
                choice(file, "parities", parities, Parities.class, Parities.BOTH),
                choice(file, "normalisation", normalisation, Normalisation.class, Normalisation.NONE),
                choice(file, "pair_selection", pairSelection, PairSelection.class, PairSelection.L1_LE_L2_WEIGHTED));
    }

    /** The hypers under their YAML keys (what a config file reproducing them would say), for sidecars and logs. */
    public static java.util.Map<String, Object> toMap(LambdaSoap.Hypers h) {
        SphericalExpansion.Hypers e = h.expansion();
        java.util.Map<String, Object> m = new java.util.LinkedHashMap<>();
        m.put("cutoff", e.cutoff());
        m.put("cutoff_function", e.smoothing().name().toLowerCase(Locale.ROOT));
        m.put("smoothing_width", e.smoothingWidth());
        m.put("gaussian_width", e.gaussianWidth());
        m.put("n_max", e.radialFunctions());
        m.put("l_max", e.maxAngular());
        m.put("center_atom_weight", e.centerAtomWeight());
        m.put("spline_accuracy", e.splineAccuracy());
        m.put("species", e.species());
        m.put("center_species", e.centerSpecies());
        m.put("lambda_max", h.lambdaMax());
        m.put("parities", h.parities().name().toLowerCase(Locale.ROOT));
        m.put("normalisation", h.normalisation().name().toLowerCase(Locale.ROOT));
        m.put("pair_selection", h.pairs().name().toLowerCase(Locale.ROOT));
        return m;
    }

    /** {@code v}, or {@code dflt} if absent; one-line error naming the file and key unless finite and > 0. */
    static double positive(Path file, String key, Double v, double dflt) {
        if (v == null) return dflt;
        if (!(v > 0) || Double.isInfinite(v)) throw InputException.at(file, "key '" + key + "': must be > 0, got " + v);
        return v;
    }

    /** {@code v}, or {@code dflt} if absent; one-line error naming the file and key unless within lo..hi. */
    static int range(Path file, String key, Integer v, int dflt, int lo, int hi) {
        if (v == null) return dflt;
        if (v < lo || v > hi) throw InputException.at(file, "key '" + key + "': must be in " + lo + ".." + hi + ", got " + v);
        return v;
    }

    private static <E extends Enum<E>> E choice(Path file, String key, String v, Class<E> type, E dflt) {
        if (v == null) return dflt;
        try {
            return Enum.valueOf(type, v.strip().toUpperCase(Locale.ROOT).replace('-', '_'));
        } catch (IllegalArgumentException e) {
            StringBuilder known = new StringBuilder();
            for (E c : type.getEnumConstants()) known.append(known.length() == 0 ? "" : ", ").append(c.name().toLowerCase(Locale.ROOT));
            throw InputException.at(file, "key '" + key + "': unknown value '" + v + "' (known: " + known + ")");
        }
    }

    private static int[] elements(Path file, String key, List<String> v) {
        if (v == null) return null;
        if (v.isEmpty()) throw InputException.at(file, "key '" + key + "': empty list");
        int[] z = new int[v.size()];
        for (int i = 0; i < z.length; i++) {
            String s = v.get(i) == null ? "" : v.get(i).strip();
            int number = -1;
            if (s.matches("\\d{1,3}")) number = Integer.parseInt(s);
            else if (Elements.isElement(s)) number = Elements.atomicNumber(s);
            if (number < 1 || number > 118)
                throw InputException.at(file, "key '" + key + "[" + i + "]': '" + s + "' is not an element symbol or atomic number");
            z[i] = number;
        }
        return z;
    }
}
