package org.equidens.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.equidens.basis.BasisSet;
import org.equidens.basis.GbsParser;
import org.equidens.basis.MOrder;
import org.equidens.basis.Shell;
import org.equidens.descriptor.LambdaSoap;
import org.equidens.descriptor.LambdaSoapConfig;
import org.equidens.io.InputException;
import org.equidens.io.Npy;
import org.equidens.kernel.EquivariantFeatures;

/**
 * The model directory of a density / response / SALTER model:
 * <pre>
 *   model.json             task, hyperparameters, species, m order of the training data, sizes
 *   basis.gbs              the auxiliary basis (Gaussian94 format, as read by GbsParser)
 *   sparse/El_scalar.npy   normalised λ=0 features of the sparse environments (M0, F0), FPS order
 *   sparse/El_w{o}_l{λ}.npy  B_j = Φ_jᵀC_j for the first M_λ of them (M_λ, F_λ, n_max): everything
 *                          prediction needs (see {@link CoefficientModel})
 * </pre>
 * Written into a temporary sibling folder that is renamed onto the target at the end, so a crash never
 * leaves a half-written model that {@code predict} could load.
 */
public final class CoefficientModelFiles {
    public static final int FORMAT = 1;
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private CoefficientModelFiles() {}

    /** Task name of a model: density, response or salter. */
    public static String task(CoefficientModel m) {
        if (m.kind() == CoefficientFeatures.Kind.RESPONSE) return "response";
        return m.weightSets() == 3 ? "salter" : "density";
    }

    /** Writes the model directory atomically; {@code mOrder} is the m convention of the training data (for outputs). */
    public static void write(CoefficientModel m, MOrder mOrder, Map<String, Object> extra, Path dir) {
        write(m, mOrder, extra, dir, null);
    }

    /** As {@link #write(CoefficientModel, MOrder, Map, Path)}; {@code others} writes more files into the folder before it is published. */
    public static void write(CoefficientModel m, MOrder mOrder, Map<String, Object> extra, Path dir, java.util.function.Consumer<Path> others) {
        Path abs = dir.toAbsolutePath().normalize();
        Path parent = abs.getParent();
        try {
            Files.createDirectories(parent);
            Path tmp = Files.createTempDirectory(parent, "." + abs.getFileName() + ".");
            try {
                writeInto(m, mOrder, extra, tmp);
                if (others != null) others.accept(tmp);
                if (Files.exists(abs)) {
                    Path old = Files.createTempDirectory(parent, "." + abs.getFileName() + ".old.");
                    Files.delete(old);
                    Files.move(abs, old, StandardCopyOption.ATOMIC_MOVE);
                    Files.move(tmp, abs, StandardCopyOption.ATOMIC_MOVE);
                    deleteTree(old);
                } else {
                    Files.move(tmp, abs, StandardCopyOption.ATOMIC_MOVE);
                }
            } catch (IOException | RuntimeException e) {
                deleteTree(tmp);
                throw e;
            }
        } catch (IOException e) {
            throw InputException.at(dir, "cannot write the model: " + e.getMessage());
        }
    }

    private static void writeInto(CoefficientModel m, MOrder mOrder, Map<String, Object> extra, Path dir) throws IOException {
        Files.createDirectories(dir.resolve("sparse"));
        CoefficientOptions o = m.options();
        Map<String, Object> j = new LinkedHashMap<>();
        j.put("format_version", FORMAT);
        j.put("task", task(m));
        j.put("m_order", mOrder.label());
        j.put("basis", m.basis().name());
        j.put("descriptor", LambdaSoapConfig.toMap(o.descriptor()));
        j.put("zeta", o.zeta());
        j.put("eta", o.eta());
        j.put("sparse_per_species", o.sparsePerSpecies());
        j.put("sparse_decay", o.decay());
        j.put("eigenvalue_cutoff", o.eigenvalueCutoff());
        j.put("baseline", o.baseline() && "density".equals(task(m)));
        j.put("seed", o.seed());
        List<Map<String, Object>> species = new ArrayList<>();
        for (CoefficientModel.SpeciesPart p : m.parts().values()) {
            Map<String, Object> s = new LinkedHashMap<>();
            s.put("element", p.symbol);
            s.put("sparse", p.sparseCount);
            s.put("features", p.features);
            s.put("baseline", p.baseline);
            species.add(s);
            Npy.write(dir.resolve("sparse/" + p.symbol + "_scalar.npy"), p.scalar.data(), p.scalar.samples(), p.scalar.features());
            for (int w = 0; w < m.weightSets(); w++)
                for (int lam = 0; lam <= p.lmax; lam++)
                    Npy.write(dir.resolve("sparse/" + p.symbol + "_w" + w + "_l" + lam + ".npy"), p.b[w][lam],
                            p.b[w][lam].length == 0 ? 0 : p.sparseCount[lam], p.features[lam], p.nmax[lam]);
        }
        j.put("species", species);
        if (extra != null) j.putAll(extra);
        Files.writeString(dir.resolve("model.json"), JSON.writeValueAsString(j), StandardCharsets.UTF_8);
        Files.writeString(dir.resolve("basis.gbs"), gbs(m.basis()), StandardCharsets.UTF_8);
    }

    /** A loaded model and the m order of its training data. */
    public record Loaded(CoefficientModel model, MOrder mOrder, String task, JsonNode json) {}

    /** Whether a model directory holds a density, response or SALTER model (task in model.json). */
    public static boolean isCoefficientModel(Path dir) {
        Path file = dir.resolve("model.json");
        if (!Files.isRegularFile(file)) return false;
        try {
            return List.of("density", "response", "salter").contains(JSON.readTree(file.toFile()).path("task").asText());
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * The task a model directory's model.json declares ("" if none); an InputException naming the
     * folder or the file when there is no model.json or it is not valid JSON.
     */
    public static String task(Path dir) {
        Path file = dir.resolve("model.json");
        if (!Files.isRegularFile(file)) throw InputException.at(dir, "not a model directory (no model.json)");
        try {
            return JSON.readTree(file.toFile()).path("task").asText("");
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            int line = e.getLocation() == null ? -1 : e.getLocation().getLineNr();
            String problem = "not valid JSON: " + e.getOriginalMessage().lines().findFirst().orElse("syntax error");
            throw line > 0 ? InputException.at(file, line, problem) : InputException.at(file, problem);
        } catch (IOException e) {
            throw InputException.at(file, "cannot read: " + e.getMessage());
        }
    }

    /** Reads a model directory written by {@link #write}. */
    public static Loaded read(Path dir) {
        Path file = dir.resolve("model.json");
        if (!Files.isRegularFile(file)) throw InputException.at(dir, "not a model directory (no model.json)");
        try {
            JsonNode j = JSON.readTree(file.toFile());
            int version = j.path("format_version").asInt(-1);
            if (version != FORMAT) {
                throw InputException.at(file, "model format version " + (version < 0 ? "missing" : version) + " is not supported (this equidens reads version "
                        + FORMAT + "; retrain the model or use the equidens version that wrote it" + (j.hasNonNull("equidens_version") ? ", " + j.path("equidens_version").asText() : "") + ")");
            }
            String task = j.path("task").asText();
            CoefficientFeatures.Kind kind = "response".equals(task) ? CoefficientFeatures.Kind.RESPONSE : CoefficientFeatures.Kind.DENSITY;
            int sets = "salter".equals(task) ? 3 : 1;
            if (!List.of("density", "response", "salter").contains(task)) throw InputException.at(file, "unknown task '" + task + "'");
            if (!j.path("descriptor").isObject()) throw InputException.at(file, "key 'descriptor': missing or not a mapping");
            Path descFile = Files.createTempFile("equidens-descriptor", ".yaml");
            LambdaSoap.Hypers hypers;
            try {
                Files.writeString(descFile, JSON.writeValueAsString(j.get("descriptor")));
                hypers = LambdaSoapConfig.load(descFile);
            } catch (InputException e) {
                // the message names the temporary copy: name the model file instead
                throw InputException.at(file, "descriptor: " + e.getMessage().replace(descFile + ": ", ""));
            } finally {
                Files.deleteIfExists(descFile);
            }
            CoefficientOptions o = new CoefficientOptions(hypers, j.path("zeta").asDouble(), j.path("eta").asDouble(),
                    j.path("sparse_per_species").asInt(), j.path("sparse_decay").asBoolean(), j.path("eigenvalue_cutoff").asDouble(),
                    CoefficientOptions.Solver.AUTO, CoefficientOptions.DIRECT_MAX_DIMENSION, 1e-7, 3000, j.path("baseline").asBoolean(), j.path("seed").asLong());
            BasisSet basis = GbsParser.parse(dir.resolve("basis.gbs"));
            TreeMap<Integer, CoefficientModel.SpeciesPart> parts = new TreeMap<>();
            for (JsonNode s : j.path("species")) {
                String el = s.path("element").asText();
                int z = org.equidens.structure.Elements.atomicNumber(el);
                CoefficientModel.SpeciesPart p = new CoefficientModel.SpeciesPart(z, basis);
                p.sparseCount = ints(s.path("sparse"));
                p.features = ints(s.path("features"));
                if (s.hasNonNull("baseline")) p.baseline = doubles(s.path("baseline"));
                Npy.Array sc = Npy.read(dir.resolve("sparse/" + el + "_scalar.npy"));
                p.scalar = new EquivariantFeatures(0, sc.shape()[0], sc.shape()[1], sc.data());
                p.b = new double[sets][p.lmax + 1][];
                for (int w = 0; w < sets; w++)
                    for (int lam = 0; lam <= p.lmax; lam++) p.b[w][lam] = Npy.read(dir.resolve("sparse/" + el + "_w" + w + "_l" + lam + ".npy")).data();
                parts.put(z, p);
            }
            MOrder order = MOrder.byName(j.path("m_order").asText("internal"));
            return new Loaded(new CoefficientModel(kind, sets, o, basis, parts), order, task, j);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw InputException.at(file, "not valid JSON: " + e.getOriginalMessage().lines().findFirst().orElse("syntax error"));
        } catch (IOException e) {
            throw InputException.at(dir, "cannot read the model: " + e.getMessage());
        }
    }

    private static int[] ints(JsonNode a) {
        int[] out = new int[a.size()];
        for (int i = 0; i < out.length; i++) out[i] = a.get(i).asInt();
        return out;
    }

    private static double[] doubles(JsonNode a) {
        double[] out = new double[a.size()];
        for (int i = 0; i < out.length; i++) out[i] = a.get(i).asDouble();
        return out;
    }

    /** The basis in Gaussian94 format (file coefficients, i.e. on normalised primitives). */
    static String gbs(BasisSet b) {
        StringBuilder sb = new StringBuilder("spherical\n! ").append(b.name()).append(" (written by equidens)\n****\n");
        for (Map.Entry<String, List<Shell>> e : b.all().entrySet()) {
            sb.append(e.getKey()).append("     0\n");
            for (Shell s : e.getValue()) {
                double[] ex = s.exponents(), c = s.coefficients();
                sb.append(GbsParser.AM_LETTERS.charAt(s.l())).append("   ").append(ex.length).append("   1.00\n");
                for (int i = 0; i < ex.length; i++) sb.append(String.format(Locale.ROOT, "  %.17g  %.17g%n", ex[i], c[i]));
            }
            sb.append("****\n");
        }
        return sb.toString();
    }

    private static void deleteTree(Path p) {
        if (!Files.exists(p)) return;
        try (Stream<Path> s = Files.walk(p)) {
            for (Path q : s.sorted(Comparator.reverseOrder()).toList()) Files.deleteIfExists(q);
        } catch (IOException ignored) {
            // best effort
        }
    }
}
