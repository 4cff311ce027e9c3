package org.equidens.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.equidens.io.Dataset;
import org.equidens.io.InputException;
import org.equidens.realspace.GridSamples;
import org.equidens.realspace.RealSpaceTraining;
import org.equidens.realspace.VolumetricData;
import org.equidens.util.Threads;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * Makes a grid-samples folder ({@link GridSamples}) from response cube files: TS (+ LIFS) points with
 * their ρ1_x, ρ1_y, ρ1_z values for the training molecules (what {@code train} with
 * {@code loss.kind: realspace} reads), and the cubes of the test molecules subsampled for evaluation
 * ({@code grid-validate}).
 */
@Command(name = "grid-samples", mixinStandardHelpOptions = true,
        description = {"Sample response cube files for real-space training: per training frame the TS (+ LIFS) points and",
                "the three response values; per test frame the cube grid subsampled by --stride (float32)."})
final class GridSamplesCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--dataset", defaultValue = "data/water-monomers-pbe", description = "Dataset whose structures and basis the frames index (default: ${DEFAULT-VALUE}).")
    Path dataset;

    @Option(names = "--cubes", required = true,
            description = "Cube path pattern with {frame} (5-digit frame index) and {field} (x, y, z), e.g. cubes/f{frame}/response_{field}_{frame}.cube.")
    String pattern;

    @Option(names = "--frames", required = true, description = "File with one frame index per line.")
    Path framesFile;

    @Option(names = "--train", defaultValue = "-1", description = "The first N listed frames are sampled, the rest become test grids (default: all sampled).")
    int train;

    @Option(names = "--points", defaultValue = "200", description = "Points per molecule (with LIFS: at most; default: ${DEFAULT-VALUE}).")
    int points;

    @Option(names = "--pool", defaultValue = "5000", description = "TS candidates examined by LIFS (default: ${DEFAULT-VALUE}).")
    int pool;

    @Option(names = "--sigma", defaultValue = "0", description = "TS σ in bohr³/e; 0 = 1/(90th percentile of |ρ1|) per molecule (default).")
    double sigma;

    @Option(names = "--lifs-tolerance", defaultValue = "0.1", description = "LIFS relative-residual tolerance; 0 = TS only (default: ${DEFAULT-VALUE}).")
    double lifsTolerance;

    @Option(names = "--seed", defaultValue = "0", description = "TS seed (each frame draws with a mix of it and the frame; default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--stride", defaultValue = "2", description = "Test grids keep every STRIDE-th point per axis (default: ${DEFAULT-VALUE}).")
    int stride;

    @Option(names = "--full-grid", description = "Instead of sampling, keep each training molecule's whole grid as its projections onto the basis (Σ_g φ n ΔV) and norms.")
    boolean fullGrid;

    @Option(names = "--out", required = true, description = "Output folder.")
    Path out;

    @Option(names = "--test-out", description = "Folder whose test-grids/ receives the test frames (default: --out).")
    Path testOut;

    @picocli.CommandLine.Mixin
    RunOptions run;

    @Override
    public Integer call() {
        PrintWriter w = spec.commandLine().getOut();
        if (run.threads() > 0) org.equidens.util.Threads.configure(run.threads());
        if (!pattern.contains("{frame}") || !pattern.contains("{field}")) throw new InputException("--cubes must contain {frame} and {field}: " + pattern);
        if (stride < 1) throw new InputException("--stride must be >= 1, got " + stride);
        if (pool < 1) throw new InputException("--pool must be >= 1, got " + pool);
        if (sigma < 0) throw new InputException("--sigma must be >= 0 (0 = auto), got " + sigma);
        RealSpaceTraining.Sampling sampling = new RealSpaceTraining.Sampling(points, Math.max(pool, points), sigma, lifsTolerance);
        Dataset d = Dataset.load(Main.installed(dataset));
        List<Integer> frames = GridSamples.readFrameList(framesFile);
        int nTrain = train < 0 ? frames.size() : train;
        if (nTrain > frames.size()) throw new InputException("--train " + train + " exceeds the " + frames.size() + " listed frames");
        for (int f : frames) if (f >= d.size()) throw InputException.at(framesFile, "frame " + f + " out of range: the dataset has " + d.size());
        if (Files.exists(out) && !Files.isDirectory(out)) throw InputException.at(out, "exists and is not a folder");
        // check every input exists before any work
        for (int f : frames) for (String c : new String[] {"x", "y", "z"}) {
            Path p = cube(f, c);
            if (!Files.isRegularFile(p)) throw InputException.at(p, "cube file not found (frame " + f + ")");
        }
        long t0 = System.nanoTime();
        int[] trainFrames = frames.subList(0, nTrain).stream().mapToInt(Integer::intValue).toArray();
        long pts = 0;
        if (fullGrid && nTrain > 0) {
            RealSpaceTraining.Projection[] got = new RealSpaceTraining.Projection[nTrain];
            Threads.parallelFor(0, nTrain, k -> got[k] = RealSpaceTraining.Projection.of(d.structures().get(trainFrames[k]), d.basis(), fields(d, trainFrames[k])));
            for (RealSpaceTraining.Projection p : got) pts += p.grid().size();
            GridSamples.writeProjections(out, trainFrames, List.of(got));
            w.printf(Locale.ROOT, "projected %d molecules' whole grids: %d points  [%.1f s]%n", nTrain, pts, (System.nanoTime() - t0) * 1e-9);
        } else if (nTrain > 0) {
            List<RealSpaceTraining.Samples> samples = new ArrayList<>();
            RealSpaceTraining.Samples[] got = new RealSpaceTraining.Samples[nTrain];
            Threads.parallelFor(0, nTrain, k -> {
                int f = trainFrames[k];
                got[k] = RealSpaceTraining.sample(d.structures().get(f), d.basis(), fields(d, f), sampling, RealSpaceTraining.frameSeed(seed, f));
            });
            for (RealSpaceTraining.Samples s : got) {
                samples.add(s);
                pts += s.count();
            }
            GridSamples.writeSamples(out, trainFrames, samples);
            w.printf(Locale.ROOT, "sampled %d molecules: %d points (%.1f per molecule)  [%.1f s]%n", nTrain, pts, (double) pts / nTrain, (System.nanoTime() - t0) * 1e-9);
        }
        int[] testFrames = frames.subList(nTrain, frames.size()).stream().mapToInt(Integer::intValue).toArray();
        Threads.parallelFor(0, testFrames.length, k -> {
            int f = testFrames[k];
            VolumetricData[] fs = fields(d, f);
            for (int c = 0; c < 3; c++) fs[c] = GridSamples.subsample(fs[c], stride);
            GridSamples.writeGrid(testOut != null ? testOut : out, f, fs);
        });
        if (testFrames.length > 0)
            w.printf("wrote %d test grids (stride %d) to %s%n", testFrames.length, stride, (testOut != null ? testOut : out).resolve(GridSamples.TEST_GRIDS));
        Map<String, Object> meta = new LinkedHashMap<>();
        meta.put("equidens_version", Main.version());
        meta.put("dataset", d.root().toString());
        meta.put("cubes", pattern);
        meta.put("frames_file", framesFile.toString());
        meta.put("train_frames", nTrain);
        meta.put("test_frames", testFrames.length);
        meta.put("full_grid", fullGrid);
        meta.put("points", points);
        meta.put("pool", pool);
        meta.put("sigma", sigma == 0 ? "auto: 1/(90th percentile of |rho1|) per molecule" : sigma);
        meta.put("lifs_tolerance", lifsTolerance);
        meta.put("lifs_features", "basis values");
        meta.put("seed", seed);
        meta.put("stride", stride);
        if (testOut != null) meta.put("test_out", testOut.toString());
        meta.put("total_points", pts);
        Path metaDir = nTrain > 0 || testOut == null ? out : testOut;
        try {
            Files.createDirectories(metaDir);
        } catch (java.io.IOException e) {
            throw InputException.at(metaDir, "cannot create: " + e.getMessage());
        }
        org.equidens.workflow.ModelDirectory.writeJson(metaDir.resolve("sampling.json"), meta);
        w.printf("wrote %s%n", metaDir);
        return 0;
    }

    private Path cube(int frame, String field) {
        return GridSamples.cubePath(pattern, frame, field);
    }

    private VolumetricData[] fields(Dataset d, int frame) {
        return GridSamples.readCubes(pattern, frame, d.structures().get(frame));
    }
}
