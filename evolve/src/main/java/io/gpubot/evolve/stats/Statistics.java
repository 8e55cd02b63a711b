package io.gpubot.evolve.stats;

import java.util.Arrays;
import java.util.Comparator;
import java.util.stream.IntStream;

/** Small descriptive statistics over double arrays: median, moments and rank correlation. */
public final class Statistics {

    private Statistics() {
    }

    public static double mean(double[] x) {
        double sum = 0;
        for (double v : x) sum += v;
        return x.length == 0 ? 0 : sum / x.length;
    }

    /** Sample standard deviation (n − 1); 0 for fewer than two values. */
    public static double standardDeviation(double[] x) {
        if (x.length < 2) return 0;
        double m = mean(x);
        double sum = 0;
        for (double v : x) sum += (v - m) * (v - m);
        return Math.sqrt(sum / (x.length - 1));
    }

    public static double median(double[] x) {
        if (x.length == 0) return Double.NaN;
        double[] s = x.clone();
        Arrays.sort(s);
        int n = s.length;
        return n % 2 == 1 ? s[n / 2] : (s[n / 2 - 1] + s[n / 2]) / 2;
    }

    /** Skewness (population moments, as in the Deflated Sharpe paper); 0 without variance. */
    public static double skewness(double[] x) {
        double m = mean(x);
        double m2 = 0;
        double m3 = 0;
        for (double v : x) {
            double d = v - m;
            m2 += d * d;
            m3 += d * d * d;
        }
        m2 /= x.length;
        m3 /= x.length;
        return m2 > 0 ? m3 / Math.pow(m2, 1.5) : 0;
    }

    /** Kurtosis, not excess (3 for a normal distribution); 3 without variance. */
    public static double kurtosis(double[] x) {
        double m = mean(x);
        double m2 = 0;
        double m4 = 0;
        for (double v : x) {
            double d = v - m;
            m2 += d * d;
            m4 += d * d * d * d;
        }
        m2 /= x.length;
        m4 /= x.length;
        return m2 > 0 ? m4 / (m2 * m2) : 3;
    }

    /** Ranks from 1, ties given their mean rank. */
    public static double[] ranks(double[] x) {
        Integer[] order = IntStream.range(0, x.length).boxed().toArray(Integer[]::new);
        Arrays.sort(order, Comparator.comparingDouble(i -> x[i]));
        double[] rank = new double[x.length];
        for (int i = 0; i < order.length; ) {
            int j = i;
            while (j + 1 < order.length && x[order[j + 1]] == x[order[i]]) j++;
            double r = (i + j) / 2.0 + 1;
            for (int k = i; k <= j; k++) rank[order[k]] = r;
            i = j + 1;
        }
        return rank;
    }

    /** Spearman's rank correlation: Pearson's on the ranks; NaN when either side has no variance. */
    public static double spearman(double[] x, double[] y) {
        if (x.length != y.length) throw new IllegalArgumentException("lengths differ");
        return pearson(ranks(x), ranks(y));
    }

    public static double pearson(double[] x, double[] y) {
        double mx = mean(x);
        double my = mean(y);
        double sxy = 0;
        double sxx = 0;
        double syy = 0;
        for (int i = 0; i < x.length; i++) {
            sxy += (x[i] - mx) * (y[i] - my);
            sxx += (x[i] - mx) * (x[i] - mx);
            syy += (y[i] - my) * (y[i] - my);
        }
        return sxx > 0 && syy > 0 ? sxy / Math.sqrt(sxx * syy) : Double.NaN;
    }

    /** The standard normal distribution function (Abramowitz and Stegun 7.1.26 via erf, |error| below 1.5e-7). */
    public static double normalCdf(double z) {
        double x = Math.abs(z) / Math.sqrt(2);
        double t = 1 / (1 + 0.3275911 * x);
        double erf = 1 - (((((1.061405429 * t - 1.453152027) * t) + 1.421413741) * t - 0.284496736) * t + 0.254829592) * t * Math.exp(-x * x);
        return z >= 0 ? 0.5 * (1 + erf) : 0.5 * (1 - erf);
    }

    /** The standard normal quantile (Acklam's rational approximation, relative error below 1.2e-9). */
    public static double normalQuantile(double p) {
        if (!(p > 0 && p < 1)) throw new IllegalArgumentException("p must lie in (0, 1), got " + p);
        double[] a = {-3.969683028665376e+01, 2.209460984245205e+02, -2.759285104469687e+02, 1.383577518672690e+02, -3.066479806614716e+01,
                2.506628277459239e+00};
        double[] b = {-5.447609879822406e+01, 1.615858368580409e+02, -1.556989798598866e+02, 6.680131188771972e+01, -1.328068155288572e+01};
        double[] c = {-7.784894002430293e-03, -3.223964580411365e-01, -2.400758277161838e+00, -2.549732539343734e+00, 4.374664141464968e+00,
                2.938163982698783e+00};
        double[] d = {7.784695709041462e-03, 3.224671290700398e-01, 2.445134137142996e+00, 3.754408661907416e+00};
        double low = 0.02425;
        if (p < low) {
            double q = Math.sqrt(-2 * Math.log(p));
            return (((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5]) / ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1);
        }
        if (p > 1 - low) {
            double q = Math.sqrt(-2 * Math.log(1 - p));
            return -(((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5]) / ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1);
        }
        double q = p - 0.5;
        double r = q * q;
        return (((((a[0] * r + a[1]) * r + a[2]) * r + a[3]) * r + a[4]) * r + a[5]) * q
                / (((((b[0] * r + b[1]) * r + b[2]) * r + b[3]) * r + b[4]) * r + 1);
    }
}
