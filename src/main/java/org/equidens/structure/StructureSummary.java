package org.equidens.structure;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** What a list of structures holds: sizes, species, cells, and the info and per-atom keys. */
public record StructureSummary(
        int frames,
        int minAtoms,
        int maxAtoms,
        long totalAtoms,
        Map<String, Long> atomsPerSpecies,
        int periodicFrames,
        double minVolume,
        double maxVolume,
        Map<String, String> infoKeys,
        Map<String, String> arrayKeys) {

    public static StructureSummary of(List<Atoms> structures) {
        int min = Integer.MAX_VALUE, max = 0, periodic = 0;
        long total = 0;
        double vmin = Double.POSITIVE_INFINITY, vmax = 0;
        Map<Integer, Long> byZ = new TreeMap<>();
        Map<String, String> info = new LinkedHashMap<>();
        Map<String, String> arrays = new LinkedHashMap<>();
        for (Atoms a : structures) {
            min = Math.min(min, a.size());
            max = Math.max(max, a.size());
            total += a.size();
            for (int i = 0; i < a.size(); i++) byZ.merge(a.atomicNumber(i), 1L, Long::sum);
            if (a.isPeriodic() && a.hasCell()) {
                periodic++;
                double v = Cell.of(a).volume();
                vmin = Math.min(vmin, v);
                vmax = Math.max(vmax, v);
            }
            a.info().forEach((k, v) -> info.putIfAbsent(k, describe(v)));
            a.arrays().forEach((k, v) -> arrays.putIfAbsent(k, describe(v) + " per structure"));
        }
        Map<String, Long> species = new LinkedHashMap<>();
        byZ.forEach((z, n) -> species.put(Elements.symbol(z), n));
        return new StructureSummary(structures.size(), structures.isEmpty() ? 0 : min, max, total, species, periodic,
                periodic == 0 ? Double.NaN : vmin, periodic == 0 ? Double.NaN : vmax, info, arrays);
    }

    private static String describe(Object v) {
        if (v instanceof double[] d) return "real[" + d.length + "]";
        if (v instanceof long[] l) return "int[" + l.length + "]";
        if (v instanceof boolean[] b) return "logical[" + b.length + "]";
        if (v instanceof String[] s) return "string[" + s.length + "]";
        if (v instanceof Double) return "real";
        if (v instanceof Long) return "int";
        if (v instanceof Boolean) return "logical";
        return "string";
    }
}
