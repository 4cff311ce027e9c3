package org.equidens.structure;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.Arrays;
import java.util.Map;
import java.util.Objects;

/** Bitwise equality of Atoms (doubles compared by bits, so -0.0 ≠ 0.0 and round trips must be exact). */
final class AtomsAssert {
    private AtomsAssert() {}

    static void assertSameAtoms(Atoms expected, Atoms actual, String where) {
        assertArrayEquals(expected.symbols(), actual.symbols(), where + ": symbols");
        assertTrue(Arrays.equals(expected.positions(), actual.positions()), where + ": positions");
        assertTrue(Arrays.equals(expected.cell(), actual.cell()), where + ": cell");
        assertArrayEquals(expected.pbc(), actual.pbc(), where + ": pbc");
        assertSameMap(expected.info(), actual.info(), where + ": info");
        assertSameMap(expected.arrays(), actual.arrays(), where + ": arrays");
    }

    static void assertSameMap(Map<String, Object> e, Map<String, Object> a, String where) {
        assertEquals(e.keySet(), a.keySet(), where + " keys");
        for (String k : e.keySet()) {
            Object x = e.get(k);
            Object y = a.get(k);
            if (x == null || y == null || x.getClass() != y.getClass()) {
                fail(where + " '" + k + "': " + describe(x) + " vs " + describe(y));
            }
            boolean same = x instanceof Object[] xo ? Arrays.deepEquals(xo, (Object[]) y)
                    : x instanceof double[] xd ? Arrays.equals(xd, (double[]) y)
                    : x instanceof long[] xl ? Arrays.equals(xl, (long[]) y)
                    : x instanceof int[] xi ? Arrays.equals(xi, (int[]) y)
                    : x instanceof boolean[] xb ? Arrays.equals(xb, (boolean[]) y)
                    : x instanceof Double xd1 ? Double.doubleToLongBits(xd1) == Double.doubleToLongBits((Double) y)
                    : Objects.equals(x, y);
            assertTrue(same, where + " '" + k + "': " + describe(x) + " vs " + describe(y));
        }
    }

    private static String describe(Object o) {
        if (o == null) return "null";
        if (o instanceof double[] d) return "double" + Arrays.toString(d);
        if (o instanceof long[] d) return "long" + Arrays.toString(d);
        if (o instanceof boolean[] d) return "boolean" + Arrays.toString(d);
        if (o instanceof Object[] d) return o.getClass().getSimpleName() + Arrays.toString(d);
        return o.getClass().getSimpleName() + " " + o;
    }
}
