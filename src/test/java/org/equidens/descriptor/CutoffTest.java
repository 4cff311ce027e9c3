package org.equidens.descriptor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CutoffTest {
    @Test
    void shiftedCosineValues() {
        Cutoff c = Cutoff.shiftedCosine(5.5, 0.5);
        assertEquals(5.5, c.radius());
        assertEquals(1.0, c.value(0.0));
        assertEquals(1.0, c.value(5.0));
        assertEquals(0.5, c.value(5.25), 1e-15);
        assertEquals(0.5 * (1 + Math.cos(Math.PI * 0.1 / 0.5)), c.value(5.1), 1e-15);
        assertEquals(0.0, c.value(5.5));
        assertEquals(0.0, c.value(7.0));
        assertEquals(-Math.PI / 1.0, c.derivative(5.25), 1e-14); // −(π/2w)·sin(π/2) with w = 0.5
        assertEquals(0.0, c.derivative(4.0));
        assertEquals(0.0, c.derivative(6.0));
    }

    @ParameterizedTest
    @ValueSource(doubles = {4.9, 5.01, 5.2, 5.33, 5.49})
    void shiftedCosineDerivativeMatchesFiniteDifference(double r) {
        Cutoff c = Cutoff.shiftedCosine(5.5, 0.5);
        double h = 1e-6;
        double fd = (c.value(r + h) - c.value(r - h)) / (2 * h);
        assertEquals(fd, c.derivative(r), 1e-8);
    }

    @Test
    void continuityAtBothEnds() {
        Cutoff c = Cutoff.shiftedCosine(4.0, 1.0);
        assertEquals(1.0, c.value(3.0 + 1e-9), 1e-15);
        assertEquals(0.0, c.value(4.0 - 1e-9), 1e-15);
        assertEquals(0.0, c.derivative(3.0 + 1e-12), 1e-9);
        assertEquals(0.0, c.derivative(4.0 - 1e-12), 1e-9);
    }

    @Test
    void stepAndValidation() {
        Cutoff s = Cutoff.step(3.0);
        assertEquals(1.0, s.value(2.999));
        assertEquals(0.0, s.value(3.0));
        assertEquals(0.0, s.derivative(1.0));
        Cutoff zeroWidth = Cutoff.shiftedCosine(3.0, 0.0);
        assertEquals(1.0, zeroWidth.value(2.999));
        assertEquals(0.0, zeroWidth.value(3.0));
        assertThrows(IllegalArgumentException.class, () -> Cutoff.shiftedCosine(3.0, 4.0));
        assertThrows(IllegalArgumentException.class, () -> Cutoff.shiftedCosine(-1.0, 0.5));
        assertThrows(IllegalArgumentException.class, () -> Cutoff.step(0.0));
    }
}
