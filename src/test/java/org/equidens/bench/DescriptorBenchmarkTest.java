package org.equidens.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.equidens.descriptor.NeighbourList;
import org.equidens.structure.Atoms;
import org.junit.jupiter.api.Test;

class DescriptorBenchmarkTest {
    /** Magic numbers 1, 13, 55, 147, 309, 561, 923, 1415, 2057 = (10s³ + 15s² + 11s + 3)/3. */
    @Test
    void cuboctahedraHaveTheMagicNumbersAndFccNeighbours() {
        for (int s = 0; s <= 8; s++) {
            Atoms c = DescriptorBenchmark.cuboctahedron("Au", s, 4.08);
            assertEquals((10 * s * s * s + 15 * s * s + 11 * s + 3) / 3, c.size(), "shells " + s);
        }
        Atoms gold = DescriptorBenchmark.cuboctahedron("Au", 8, 4.08);
        assertEquals(2057, gold.size());
        // the central atom (index of the origin) has the 12 fcc nearest neighbours at a/√2
        NeighbourList list = NeighbourList.build(gold.positions(), null, null, 4.08 / Math.sqrt(2) + 0.01, true);
        int centre = -1;
        for (int i = 0; i < gold.size(); i++)
            if (gold.x(i, 0) == 0 && gold.x(i, 1) == 0 && gold.x(i, 2) == 0) centre = i;
        int count = 0;
        for (int p = 0; p < list.size(); p++) {
            if (list.first(p) != centre) continue;
            count++;
            assertEquals(4.08 / Math.sqrt(2), list.distance(p), 1e-12);
        }
        assertEquals(12, count);
        assertTrue(list.size() < 12 * 2057, "surface atoms have fewer neighbours");
    }
}
