package org.equidens.descriptor;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.equidens.io.AtomicFiles;
import org.equidens.io.InputException;
import org.equidens.io.Npy;

/**
 * Writes one {@link Block} as a float64 .npy of shape (samples, components, properties), C order,
 * plus a JSON sidecar (same name, .json) with the labels of every axis, so the feature order is
 * never implicit. Both files are written atomically (temp file + rename), the sidecar first: an
 * .npy that exists is complete and has its labels next to it.
 *
 * <p>Sidecar keys: "shape", "axes" (["sample", "component", "property"]), "sample_names" and
 * "samples" (one row per sample), "component_names"/"components", "property_names"/"properties"
 * (one row per feature, e.g. [l_1, l_2, neighbor_1_type, n_1, neighbor_2_type, n_2]), then the
 * caller's metadata.
 */
public final class BlockFiles {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private BlockFiles() {}

    /** The sidecar path of an .npy path: "x.npy" → "x.json". */
    public static Path sidecar(Path npy) {
        String name = npy.getFileName().toString();
        if (!name.endsWith(".npy")) throw InputException.at(npy, "output file name must end in .npy");
        return npy.resolveSibling(name.substring(0, name.length() - 4) + ".json");
    }

    /** Writes {@code npy} and its sidecar; {@code metadata} entries are appended to the sidecar. */
    public static void write(Path npy, Block block, Map<String, Object> metadata) {
        Path json = sidecar(npy);
        Map<String, Object> doc = new LinkedHashMap<>();
        int[] shape = {block.sampleCount(), block.componentCount(), block.propertyCount()};
        doc.put("file", npy.getFileName().toString());
        doc.put("dtype", "float64");
        doc.put("shape", shape);
        doc.put("axes", List.of("sample", "component", "property"));
        put(doc, "sample", "samples", block.samples());
        put(doc, "component", "components", block.components());
        put(doc, "property", "properties", block.properties());
        doc.putAll(metadata);
        AtomicFiles.write(json, out -> JSON.writeValue(new NonClosing(out), doc));
        AtomicFiles.write(npy, out -> Npy.write(out, block.values(), shape));
    }

    private static void put(Map<String, Object> doc, String axis, String plural, Labels labels) {
        doc.put(axis + "_names", labels.names());
        List<int[]> rows = new ArrayList<>(labels.size());
        for (int r = 0; r < labels.size(); r++) rows.add(labels.row(r));
        doc.put(plural, rows);
    }

    /** Jackson closes the stream it writes to; the atomic writer owns it. */
    private static final class NonClosing extends java.io.FilterOutputStream {
        NonClosing(java.io.OutputStream out) {
            super(out);
        }

        @Override
        public void write(byte[] b, int off, int len) throws java.io.IOException {
            out.write(b, off, len);
        }

        @Override
        public void close() throws java.io.IOException {
            flush();
        }
    }
}
