package org.equidens.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.equidens.io.AtomicFiles;
import org.equidens.io.Dataset;
import org.equidens.io.InputException;
import org.equidens.io.Plots;
import org.equidens.model.CoefficientModelFiles;
import org.equidens.model.ResponseBenchmark;

/** Printing and files of the response benchmark, shared by {@code demo} and {@code bench response}. */
final class ResponseReport {
    static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private ResponseReport() {}

    static void print(PrintWriter out, ResponseBenchmark.Result r) {
        out.printf("%n| quantity (test %d, train %d) | equivariant λ⊗1 | SALTER |%n|---|---|---|%n", r.test(), r.train());
        out.printf("| %% RMSE (overlap metric) | %.4f | %.4f |%n", r.rmsePercent(), r.salterRmsePercent());
        out.printf("| ratio SALTER / equivariant | %.1f× | |%n", r.ratio());
        out.printf("| α RMSE vs alpha_df (bohr³) | %.4f | %.4f |%n", r.alphaDfRmse(), r.salterAlphaDfRmse());
        out.printf("| α RMSE vs CPKS alpha (bohr³, floor 0.028) | %.4f | |%n", r.alphaRmse());
        out.printf("| rotated copies: relative spread of per-molecule %% errors | %.2e | %.2e |%n", r.rotatedErrorSpread(), r.salterRotatedErrorSpread());
        out.printf("| rotated copies: relative spread of predicted ‖ρ1‖² | %.2e | |%n", r.rotatedPredictionSpread());
        out.printf("| rotated copies: relative spread of reference ‖ρ1‖² (data noise) | %.2e | |%n", r.rotatedReferenceSpread());
        out.printf("| exact rigid copies (5 test molecules × 5 random rotations): spread of %% errors | %.2e | %.2e |%n", r.exactRotationSpread(),
                r.salterExactRotationSpread());
        out.printf("| max |∫ρ1_k| of predictions | %.1e | |%n", r.maxResponseCharge());
        out.printf("| solver | %s, %d weights, %d iterations, residual %.1e | |%n", r.solve().method(), r.solve().dimension(),
                r.solve().iterations(), r.solve().relativeResidual());
        out.printf("| wall time train + validate (s) | %.1f + %.1f = %.1f | train %.1f |%n", r.trainSeconds(), r.validateSeconds(),
                r.trainSeconds() + r.validateSeconds(), r.salterTrainSeconds());
        if (!r.curve().isEmpty()) {
            out.printf("%n| N train | test | %% RMSE equivariant | %% RMSE SALTER | α_df RMSE (bohr³) | seconds |%n|---|---|---|---|---|---|%n");
            for (ResponseBenchmark.CurvePoint c : r.curve())
                out.printf("| %d | %d | %.4f | %.4f | %.4f | %.1f |%n", c.train(), c.test(), c.rmsePercent(), c.salterRmsePercent(), c.alphaDfRmse(), c.seconds());
        }
        out.flush();
    }

    /** metrics.json (+ learning-curve PNG if any, + the equivariant model directory if modelDir is not null). */
    static void write(Path dir, Dataset d, ResponseBenchmark.Result r, Path modelDir) {
        try {
            Files.createDirectories(dir);
        } catch (java.io.IOException e) {
            throw InputException.at(dir, "cannot create: " + e.getMessage());
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("dataset", d.name());
        m.put("train", r.train());
        m.put("test", r.test());
        m.put("rmse_percent", r.rmsePercent());
        m.put("salter_rmse_percent", r.salterRmsePercent());
        m.put("ratio", r.ratio());
        m.put("alpha_rmse_bohr3", r.alphaRmse());
        m.put("alpha_df_rmse_bohr3", r.alphaDfRmse());
        m.put("salter_alpha_df_rmse_bohr3", r.salterAlphaDfRmse());
        m.put("rotated_error_spread", r.rotatedErrorSpread());
        m.put("salter_rotated_error_spread", r.salterRotatedErrorSpread());
        m.put("rotated_prediction_norm_spread", r.rotatedPredictionSpread());
        m.put("exact_rotation_error_spread", r.exactRotationSpread());
        m.put("salter_exact_rotation_error_spread", r.salterExactRotationSpread());
        m.put("rotated_reference_norm_spread", r.rotatedReferenceSpread());
        m.put("max_response_charge", r.maxResponseCharge());
        m.put("train_seconds", r.trainSeconds());
        m.put("validate_seconds", r.validateSeconds());
        m.put("salter_train_seconds", r.salterTrainSeconds());
        m.put("solver", Map.of("method", r.solve().method(), "weights", r.solve().dimension(), "iterations", r.solve().iterations(),
                "relative_residual", r.solve().relativeResidual()));
        List<Map<String, Object>> groups = new ArrayList<>();
        for (ResponseBenchmark.RotatedGroup g : r.groups())
            groups.add(Map.of("structures", g.members(), "percent", g.percent(), "salter_percent", g.salterPercent(),
                    "error_spread", g.errorSpread(), "prediction_norm_spread", g.predictionNormSpread()));
        m.put("rotated_groups", groups);
        List<Map<String, Object>> curve = new ArrayList<>();
        for (ResponseBenchmark.CurvePoint c : r.curve())
            curve.add(Map.of("train", c.train(), "test", c.test(), "rmse_percent", c.rmsePercent(), "salter_rmse_percent", c.salterRmsePercent(),
                    "alpha_df_rmse_bohr3", c.alphaDfRmse(), "seconds", c.seconds()));
        m.put("learning_curve", curve);
        List<Map<String, Object>> per = new ArrayList<>();
        for (int t = 0; t < r.test(); t++)
            per.add(Map.of("structure", r.testIndices()[t], "percent", r.perStructure()[t].percent()));
        m.put("per_structure", per);
        try {
            byte[] bytes = JSON.writeValueAsString(m).getBytes(StandardCharsets.UTF_8);
            AtomicFiles.write(dir.resolve("metrics.json"), o -> o.write(bytes));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        if (!r.curve().isEmpty()) {
            int k = r.curve().size();
            double[] x = new double[k], ye = new double[k], ys = new double[k];
            for (int i = 0; i < k; i++) {
                x[i] = r.curve().get(i).train();
                ye[i] = r.curve().get(i).rmsePercent();
                ys[i] = r.curve().get(i).salterRmsePercent();
            }
            List<Plots.Series> series = new ArrayList<>(List.of(new Plots.Series("equivariant λ⊗1", x, ye)));
            if (!Double.isNaN(ys[0])) series.add(new Plots.Series("SALTER", x, ys));
            Plots.learningCurve(dir.resolve("learning_curve.png"), "density response, " + d.name(), "% RMSE", series);
        }
        if (modelDir != null) {
            Map<String, Object> extra = new LinkedHashMap<>();
            extra.put("equidens_version", Main.version());
            extra.put("dataset", d.root().toString());
            extra.put("training_structures", r.trainIndices());
            extra.put("training_data", org.equidens.workflow.CoefficientRun.trainingData(d, "response", r.trainIndices()));
            CoefficientModelFiles.write(r.model().model(), d.mOrder(), extra, modelDir);
        }
    }
}
