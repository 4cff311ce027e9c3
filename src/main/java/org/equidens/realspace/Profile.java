package org.equidens.realspace;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.equidens.io.Plots;

/**
 * A one-dimensional cut through a grid: positions (bohr) and values, plus for planar averages the
 * integral over each plane per unit length (null for line profiles).
 */
public record Profile(String axis, double[] position, double[] value, double[] planeIntegral) {
    /** CSV with a header: position_bohr,average[,plane_integral_per_bohr]. Written atomically. */
    public void writeCsv(Path file) {
        org.equidens.io.AtomicFiles.writeText(file, w -> {
            boolean planar = planeIntegral != null;
            w.write(planar ? "position_bohr,average,plane_integral_per_bohr\n" : "distance_bohr,value\n");
            for (int i = 0; i < position.length; i++) {
                w.write(String.format(Locale.ROOT, planar ? "%.6f,%.10e,%.10e\n" : "%.6f,%.10e\n",
                        position[i], value[i], planar ? planeIntegral[i] : 0.0));
            }
        });
    }

    /** A line plot of the values against position (PNG, written atomically). */
    public void writePng(Path png, String title, String valueLabel) {
        List<Plots.Series> s = new ArrayList<>();
        List<Integer> keep = new ArrayList<>();
        for (int i = 0; i < value.length; i++) if (Double.isFinite(value[i])) keep.add(i);
        double[] x = new double[keep.size()], y = new double[keep.size()];
        for (int i = 0; i < x.length; i++) {
            x[i] = position[keep.get(i)];
            y[i] = value[keep.get(i)];
        }
        s.add(new Plots.Series(planeIntegral != null ? "planar average" : "profile", x, y));
        Plots.lines(png, title, planeIntegral != null ? axis + " (bohr)" : "distance (bohr)", valueLabel, s);
    }
}
