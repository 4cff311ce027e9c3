package org.equidens.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.equidens.basis.BasisFunctions;
import org.equidens.io.AtomicFiles;
import org.equidens.io.ExtXyz;
import org.equidens.io.InputException;
import org.equidens.io.Npy;
import org.equidens.io.StructureIO;
import org.equidens.model.CoefficientMetrics;
import org.equidens.model.CoefficientModel;
import org.equidens.model.CoefficientModelFiles;
import org.equidens.properties.Multipoles;
import org.equidens.structure.Atoms;
import org.equidens.util.Threads;

/** {@code predict} for density, response and SALTER models (see {@link PredictCommand}). */
final class CoefficientPredict {
    private CoefficientPredict() {}

    static void run(Path modelDir, Path structures, Path out, int threads, boolean neutralise, PrintWriter stdout) {
        CoefficientModelFiles.Loaded loaded = CoefficientModelFiles.read(modelDir);
        CoefficientModel m = loaded.model();
        if (neutralise && m.outputs() != 3)
            throw InputException.at(modelDir, "--neutralise applies to response models; this is a " + loaded.task() + " model");
        List<Atoms> frames = StructureIO.readAll(structures);
        if (frames.isEmpty()) throw InputException.at(structures, "no structures");
        for (int s = 0; s < frames.size(); s++) {
            try {
                m.checkSpecies(frames.get(s), "structure " + s);
            } catch (InputException e) {
                throw InputException.at(structures, e.getMessage());
            }
        }
        Threads.configureForStructures(threads);
        List<double[]> pred;
        try {
            pred = m.predict(frames);
        } catch (InputException e) {
            throw InputException.at(structures, e.getMessage());
        }
        Path coef = out.resolve("coefficients");
        try {
            Files.createDirectories(coef);
        } catch (IOException e) {
            throw InputException.at(out, "cannot create: " + e.getMessage());
        }
        int rows = m.outputs();
        List<Atoms> result = new ArrayList<>();
        for (int s = 0; s < frames.size(); s++) {
            Atoms a = frames.get(s);
            BasisFunctions bf = new BasisFunctions(m.basis(), a);
            double[] c = pred.get(s);
            Multipoles.Moments mo = Multipoles.moments(bf);
            double[] removed = null;
            if (neutralise) {
                removed = Multipoles.responseCharges(mo, c);
                c = CoefficientMetrics.neutralised(bf, c);
            }
            double[] external = loaded.mOrder().fromInternal(bf, c);
            Path file = coef.resolve(String.format("%05d.npy", s));
            if (rows == 1) Npy.write(file, external, bf.size());
            else Npy.write(file, external, rows, bf.size());
            if (rows == 3) {
                a = a.withInfo("alpha", Multipoles.polarizability(mo, c)).withInfo("response_charge", Multipoles.responseCharges(mo, c));
                if (neutralise) a = a.withInfo("response_charge_removed", removed).withInfo("neutralised", Boolean.TRUE);
            } else {
                a = a.withInfo("electrons", mo.charge(c));
            }
            result.add(a);
        }
        Path file = out.resolve("predictions.xyz");
        AtomicFiles.write(file, o -> {
            java.io.Writer w = new java.io.OutputStreamWriter(o, java.nio.charset.StandardCharsets.UTF_8);
            for (Atoms a : result) ExtXyz.write(w, a);
            w.flush();
        });
        stdout.printf("wrote %s and %d coefficient files (%s model, %s m order%s)%n", file, frames.size(), loaded.task(), loaded.mOrder().label(),
                neutralise ? ", neutrality correction applied: ∫ρ1_k = 0, removed charges in 'response_charge_removed'" : "");
    }
}
