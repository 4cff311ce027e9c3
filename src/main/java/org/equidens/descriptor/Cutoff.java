package org.equidens.descriptor;

/**
 * Smooth (or hard) cutoff functions f_c(r) multiplying each neighbour's whole density contribution,
 * featomic conventions: f_c = 1 well inside, 0 at and beyond the radius.
 */
public sealed interface Cutoff permits Cutoff.ShiftedCosine, Cutoff.Step {

    /** The cutoff radius rc: neighbours with r ≥ rc contribute nothing. */
    double radius();

    /** f_c(r). */
    double value(double r);

    /** df_c/dr. */
    double derivative(double r);

    static Cutoff shiftedCosine(double radius, double width) {
        return new ShiftedCosine(radius, width);
    }

    static Cutoff step(double radius) {
        return new Step(radius);
    }

    /**
     * f = 1 for r ≤ rc − w, ½(1 + cos(π(r − rc + w)/w)) for rc − w &lt; r &lt; rc, 0 for r ≥ rc; the
     * value and first derivative are continuous, so forces are too.
     */
    record ShiftedCosine(double radius, double width) implements Cutoff {
        public ShiftedCosine {
            if (!(radius > 0) || Double.isInfinite(radius)) throw new IllegalArgumentException("cutoff radius must be > 0: " + radius);
            if (!(width >= 0) || width > radius) throw new IllegalArgumentException("smoothing width must be in [0, radius]: " + width);
        }

        @Override
        public double value(double r) {
            if (r >= radius) return 0.0;
            double start = radius - width;
            if (r <= start) return 1.0;
            return 0.5 * (1.0 + Math.cos(Math.PI * (r - start) / width));
        }

        @Override
        public double derivative(double r) {
            double start = radius - width;
            if (r >= radius || r <= start) return 0.0;
            return -0.5 * Math.PI / width * Math.sin(Math.PI * (r - start) / width);
        }
    }

    /** Hard cutoff: 1 for r &lt; rc, 0 for r ≥ rc; derivative 0 (the jump is not differentiable). */
    record Step(double radius) implements Cutoff {
        public Step {
            if (!(radius > 0) || Double.isInfinite(radius)) throw new IllegalArgumentException("cutoff radius must be > 0: " + radius);
        }

        @Override
        public double value(double r) {
            return r < radius ? 1.0 : 0.0;
        }

        @Override
        public double derivative(double r) {
            return 0.0;
        }
    }
}
