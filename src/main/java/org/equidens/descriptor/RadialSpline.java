package org.equidens.descriptor;

/**
 * Cubic Hermite spline of a {@link RadialIntegral} on [0, radius], one spline per l over the vector
 * I_(·l)(r), built from exact values and derivatives at equispaced knots.
 *
 * <p>Construction (featomic's scheme): start from 11 knots and, for each l separately, double the
 * knot count (add all mid-points) until the mean absolute error <em>or</em> the mean relative error
 * of the spline at the mid-points, over all mid-points and all n, is below the accuracy; at most
 * 10 241 knots. Mid-point exact values become the next level's knots, so nothing is recomputed.
 *
 * <p>Evaluation is O(1) (equispaced knots: the interval is ⌊r/h⌋, no search), allocation-free and
 * thread-safe. Derivatives are those of the spline, consistent with its values (finite-difference
 * tests must use the same spline).
 */
public final class RadialSpline implements RadialIntegral {
    /** featomic's default spline accuracy. */
    public static final double DEFAULT_ACCURACY = 1e-8;
    private static final int INITIAL_INTERVALS = 10;
    private static final int MAX_KNOTS = 10_241;

    private final int size;
    private final int maxAngular;
    private final double radius;
    private final int[] intervals;     // per l
    private final double[] step;       // per l
    private final double[][] values;   // per l: [knot][n]
    private final double[][] slopes;   // per l: [knot][n]
    private final double accuracy;

    private RadialSpline(int size, int maxAngular, double radius, double accuracy) {
        this.size = size;
        this.maxAngular = maxAngular;
        this.radius = radius;
        this.accuracy = accuracy;
        intervals = new int[maxAngular + 1];
        step = new double[maxAngular + 1];
        values = new double[maxAngular + 1][];
        slopes = new double[maxAngular + 1][];
    }

    /**
     * Splines {@code exact} on [0, exact.radius()].
     *
     * @throws IllegalStateException if some l needs more than 10 241 knots
     */
    public static RadialSpline build(RadialIntegral exact, double accuracy) {
        if (!(accuracy > 0)) throw new IllegalArgumentException("spline accuracy must be > 0: " + accuracy);
        int size = exact.radialSize();
        int lmax = exact.maxAngular();
        int length = exact.length();
        double radius = exact.radius();
        RadialSpline spline = new RadialSpline(size, lmax, radius, accuracy);

        int m = INITIAL_INTERVALS;
        // Exact values at the current knots, [knot][l][n].
        double[] knotValues = new double[(m + 1) * length];
        double[] knotSlopes = new double[(m + 1) * length];
        double[] v = new double[length];
        double[] d = new double[length];
        for (int i = 0; i <= m; i++) {
            exact.compute(knotPosition(i, m, radius), v, d);
            System.arraycopy(v, 0, knotValues, i * length, length);
            System.arraycopy(d, 0, knotSlopes, i * length, length);
        }
        boolean[] done = new boolean[lmax + 1];
        int remaining = lmax + 1;
        while (true) {
            double h = radius / m;
            double[] midValues = new double[m * length];
            double[] midSlopes = new double[m * length];
            for (int i = 0; i < m; i++) {
                exact.compute((i + 0.5) * h, v, d);
                System.arraycopy(v, 0, midValues, i * length, length);
                System.arraycopy(d, 0, midSlopes, i * length, length);
            }
            for (int l = 0; l <= lmax; l++) {
                if (done[l]) continue;
                double absSum = 0;
                double relSum = 0;
                for (int i = 0; i < m; i++) {
                    for (int n = 0; n < size; n++) {
                        int k0 = i * length + l * size + n;
                        int k1 = k0 + length;
                        // Hermite interpolant at u = 1/2: (y0 + y1)/2 + h (y0' − y1')/8
                        double interpolated = 0.5 * (knotValues[k0] + knotValues[k1]) + 0.125 * h * (knotSlopes[k0] - knotSlopes[k1]);
                        double truth = midValues[i * length + l * size + n];
                        double err = Math.abs(interpolated - truth);
                        absSum += err;
                        relSum += truth != 0.0 ? err / Math.abs(truth) : (err == 0.0 ? 0.0 : Double.POSITIVE_INFINITY);
                    }
                }
                double count = (double) m * size;
                if (absSum / count < accuracy || relSum / count < accuracy) {
                    spline.store(l, m, knotValues, knotSlopes, length);
                    done[l] = true;
                    remaining--;
                }
            }
            if (remaining == 0) return spline;
            int next = 2 * m;
            if (next + 1 > MAX_KNOTS) {
                throw new IllegalStateException("radial spline needs more than " + MAX_KNOTS + " knots for accuracy " + accuracy);
            }
            double[] newValues = new double[(next + 1) * length];
            double[] newSlopes = new double[(next + 1) * length];
            for (int i = 0; i <= m; i++) {
                System.arraycopy(knotValues, i * length, newValues, 2 * i * length, length);
                System.arraycopy(knotSlopes, i * length, newSlopes, 2 * i * length, length);
                if (i < m) {
                    System.arraycopy(midValues, i * length, newValues, (2 * i + 1) * length, length);
                    System.arraycopy(midSlopes, i * length, newSlopes, (2 * i + 1) * length, length);
                }
            }
            knotValues = newValues;
            knotSlopes = newSlopes;
            m = next;
        }
    }

    /** Knot i of m intervals; the last one is exactly the radius. */
    private static double knotPosition(int i, int m, double radius) {
        return i == m ? radius : i * (radius / m);
    }

    private void store(int l, int m, double[] knotValues, double[] knotSlopes, int length) {
        intervals[l] = m;
        step[l] = radius / m;
        double[] val = new double[(m + 1) * size];
        double[] slo = new double[(m + 1) * size];
        for (int i = 0; i <= m; i++) {
            System.arraycopy(knotValues, i * length + l * size, val, i * size, size);
            System.arraycopy(knotSlopes, i * length + l * size, slo, i * size, size);
        }
        values[l] = val;
        slopes[l] = slo;
    }

    @Override
    public int radialSize() {
        return size;
    }

    @Override
    public int maxAngular() {
        return maxAngular;
    }

    @Override
    public double radius() {
        return radius;
    }

    /** The accuracy this spline was built for. */
    public double accuracy() {
        return accuracy;
    }

    /** Number of knots of the spline for angular channel l. */
    public int knots(int l) {
        return intervals[l] + 1;
    }

    /**
     * Spline values (and, if {@code derivatives} is non-null, spline derivatives) at 0 ≤ r ≤ radius,
     * layout [l][n]. No allocation.
     */
    @Override
    public void compute(double r, double[] out, double[] derivatives) {
        if (!(r >= 0) || r > radius * (1 + 1e-12)) {
            throw new IllegalArgumentException("r = " + r + " outside the spline range [0, " + radius + "]");
        }
        for (int l = 0; l <= maxAngular; l++) {
            int m = intervals[l];
            double h = step[l];
            double t = r / h;
            int i = Math.min((int) t, m - 1);
            double u = t - i;
            double u2 = u * u;
            double u3 = u2 * u;
            double h00 = 2 * u3 - 3 * u2 + 1;
            double h10 = (u3 - 2 * u2 + u) * h;
            double h01 = -2 * u3 + 3 * u2;
            double h11 = (u3 - u2) * h;
            double[] val = values[l];
            double[] slo = slopes[l];
            int k0 = i * size;
            int k1 = k0 + size;
            int base = l * size;
            for (int n = 0; n < size; n++) {
                out[base + n] = h00 * val[k0 + n] + h10 * slo[k0 + n] + h01 * val[k1 + n] + h11 * slo[k1 + n];
            }
            if (derivatives != null) {
                double g00 = (6 * u2 - 6 * u) / h;
                double g10 = 3 * u2 - 4 * u + 1;
                double g01 = (-6 * u2 + 6 * u) / h;
                double g11 = 3 * u2 - 2 * u;
                for (int n = 0; n < size; n++) {
                    derivatives[base + n] = g00 * val[k0 + n] + g10 * slo[k0 + n] + g01 * val[k1 + n] + g11 * slo[k1 + n];
                }
            }
        }
    }
}
