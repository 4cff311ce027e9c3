package org.equidens.util;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Small maps that keep the order they are written in. {@code Map.of} iterates in an order that
 * changes from one JVM to the next, so JSON written from it (model.json) would differ between two
 * runs of the same config in two processes, e.g. an uninterrupted run and a resumed one.
 */
public final class OrderedMaps {
    private OrderedMaps() {}

    /** key1, value1, key2, value2, ... in that order. */
    public static Map<String, Object> of(Object... keysAndValues) {
        if (keysAndValues.length % 2 != 0) throw new IllegalArgumentException("keys and values must pair up");
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) m.put((String) keysAndValues[i], keysAndValues[i + 1]);
        return m;
    }
}
