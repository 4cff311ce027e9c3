package org.equidens.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.equidens.io.InputException;
import org.equidens.realspace.CubeFile;
import org.equidens.realspace.Profile;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * Planar average of a cube file along one voxel axis, the standard view of slabs and interfaces (how
 * an applied field is screened, where a double layer sits), as CSV and optionally a PNG plot.
 */
@Command(name = "profile", mixinStandardHelpOptions = true,
        description = {"Planar average of a cube file along a voxel axis: CSV of position (bohr), the mean over each plane",
                "and the plane integral per unit length; optionally a PNG plot."})
final class ProfileCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--cube", required = true, description = "Gaussian cube file.")
    Path cube;

    @Option(names = "--axis", defaultValue = "z", description = "Voxel axis x, y or z (the cube's first, second, third; default: ${DEFAULT-VALUE}).")
    String axis;

    @Option(names = "--set", defaultValue = "1", description = "Which field of a multi-field cube, from 1 (default: ${DEFAULT-VALUE}).")
    int set;

    @Option(names = "--out", required = true, description = "CSV file to write.")
    Path out;

    @Option(names = "--png", description = "Also plot the planar average to this PNG file.")
    Path png;

    @Override
    public Integer call() {
        PrintWriter w = spec.commandLine().getOut();
        int a = "xyz".indexOf(axis);
        if (axis.length() != 1 || a < 0) throw new InputException("--axis must be x, y or z, not '" + axis + "'");
        org.equidens.io.AtomicFiles.checkTarget(out);
        if (png != null) org.equidens.io.AtomicFiles.checkTarget(png);
        CubeFile c = CubeFile.read(cube);
        if (set < 1 || set > c.fields()) throw InputException.at(cube, "has " + c.fields() + " field(s); --set " + set + " does not exist");
        Profile p = c.data(set - 1).planarAverage(a);
        p.writeCsv(out);
        if (png != null) p.writePng(png, "planar average along " + axis + ": " + cube.getFileName(), "average");
        w.printf(Locale.ROOT, "%d planes along %s from %.4f to %.4f bohr; integral of the field %.6f%n", p.position().length,
                axis, p.position()[0], p.position()[p.position().length - 1], c.data(set - 1).integral());
        w.printf("wrote %s%s%n", out, png != null ? " and " + png : "");
        return 0;
    }
}
