package dev.leibniz.cli;

import java.util.List;
import java.util.Locale;

/**
 * Small inline SVG charts for report.html: lines with markers, a histogram, a heat map. Plain
 * strings, no library and no network, so the report is one self-contained file that prints.
 * Non-finite values are left out (a gap), as XChart does for fit.png.
 */
final class Svg {
    private Svg() {
    }

    static final int W = 640;
    static final int H = 300;
    private static final int L = 64;
    private static final int R = 16;
    private static final int T = 16;
    private static final int B = 44;
    static final String[] PALETTE = {"#1f77b4", "#d62728", "#2ca02c", "#ff7f0e", "#9467bd", "#8c564b", "#e377c2", "#17becf"};

    /** One series: a line ({@code points == false}) or markers only. */
    record Series(String name, double[] x, double[] y, boolean points, String color) {
    }

    /** An x–y chart with axes, ticks and a legend; {@code logY} when every value is positive. */
    static String chart(String title, String xLabel, String yLabel, List<Series> series, boolean logY, boolean zeroLine) {
        StringBuilder sb = open(title);
        Frame f = frame(series, logY, zeroLine);
        axes(sb, f, xLabel, yLabel, logY);
        if (zeroLine) {
            sb.append(String.format(Locale.ROOT, "<line x1=\"%d\" x2=\"%d\" y1=\"%.1f\" y2=\"%.1f\" stroke=\"#888\" stroke-dasharray=\"4 3\"/>%n",
                    L, W - R, f.py(0), f.py(0)));
        }
        int legendY = T + 12;
        for (Series s : series) {
            plot(sb, f, s, logY);
            sb.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" font-size=\"14\" fill=\"%s\">%s %s</text>%n",
                    W - R - 170, legendY, s.color(), s.points() ? "●" : "—", HtmlReport.escape(s.name())));
            legendY += 17;
        }
        return sb.append("</svg>\n").toString();
    }

    /**
     * The plotted range: the finite points of all series (log₁₀ y with {@code logY}), widened to
     * include 0 for a zero line, a unit range where the data have none (no finite point, or all
     * at one x or one y), and 5 % of the y range added above and below so no point sits on the
     * frame.
     */
    private static Frame frame(List<Series> series, boolean logY, boolean zeroLine) {
        double x0 = Double.POSITIVE_INFINITY;
        double x1 = Double.NEGATIVE_INFINITY;
        double y0 = Double.POSITIVE_INFINITY;
        double y1 = Double.NEGATIVE_INFINITY;
        for (Series s : series) {
            for (int i = 0; i < s.x().length; i++) {
                double y = logY ? Math.log10(s.y()[i]) : s.y()[i];
                if (Double.isFinite(s.x()[i]) && Double.isFinite(y)) {
                    x0 = Math.min(x0, s.x()[i]);
                    x1 = Math.max(x1, s.x()[i]);
                    y0 = Math.min(y0, y);
                    y1 = Math.max(y1, y);
                }
            }
        }
        if (!(x0 <= x1)) {
            x0 = 0;
            x1 = 1;
            y0 = 0;
            y1 = 1;
        }
        if (zeroLine) {
            y0 = Math.min(y0, 0);
            y1 = Math.max(y1, 0);
        }
        if (x1 == x0) {
            x1 = x0 + 1;
        }
        if (y1 == y0) {
            y1 = y0 + 1;
        }
        double pad = 0.05 * (y1 - y0);
        y0 -= pad;
        y1 += pad;
        return new Frame(x0, x1, y0, y1);
    }

    /**
     * One series: markers, or a line that lifts the pen at a non-finite point (a gap where the
     * model could not be evaluated rather than a line across it).
     */
    private static void plot(StringBuilder sb, Frame f, Series s, boolean logY) {
        StringBuilder path = new StringBuilder();
        boolean pen = false;
        for (int i = 0; i < s.x().length; i++) {
            double y = logY ? Math.log10(s.y()[i]) : s.y()[i];
            if (!Double.isFinite(s.x()[i]) || !Double.isFinite(y)) {
                pen = false;
                continue;
            }
            if (s.points()) {
                sb.append(String.format(Locale.ROOT, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"3\" fill=\"%s\"/>%n",
                        f.px(s.x()[i]), f.py(y), s.color()));
            } else {
                path.append(pen ? " L" : " M").append(String.format(Locale.ROOT, "%.1f %.1f", f.px(s.x()[i]), f.py(y)));
                pen = true;
            }
        }
        if (path.length() > 0) {
            sb.append("<path fill=\"none\" stroke-width=\"2\" stroke=\"").append(s.color()).append("\" d=\"")
                    .append(path.toString().strip()).append("\"/>\n");
        }
    }

    /** A histogram of the finite values in {@code bins} equal bins. */
    static String histogram(String title, String xLabel, double[] values, int bins) {
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (double v : values) {
            if (Double.isFinite(v)) {
                lo = Math.min(lo, v);
                hi = Math.max(hi, v);
            }
        }
        if (!(lo <= hi)) {
            lo = 0;
            hi = 1;
        }
        if (hi == lo) {
            hi = lo + 1;
        }
        int[] counts = new int[bins];
        int max = 1;
        for (double v : values) {
            if (Double.isFinite(v)) {
                int k = Math.min(bins - 1, (int) ((v - lo) / (hi - lo) * bins));
                max = Math.max(max, ++counts[k]);
            }
        }
        StringBuilder sb = open(title);
        Frame f = new Frame(lo, hi, 0, max * 1.05);
        axes(sb, f, xLabel, "count", false);
        double w = (hi - lo) / bins;
        for (int k = 0; k < bins; k++) {
            double xa = f.px(lo + k * w);
            double xb = f.px(lo + (k + 1) * w);
            sb.append(String.format(Locale.ROOT,
                    "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" fill=\"#1f77b4\" stroke=\"white\"/>%n",
                    xa, f.py(counts[k]), Math.max(0.5, xb - xa), f.py(0) - f.py(counts[k])));
        }
        return sb.append("</svg>\n").toString();
    }

    /** A correlation heat map: blue −1, white 0, red +1, the value printed in each cell. */
    static String heatMap(String title, List<String> names, double[][] c) {
        int n = names.size();
        int cell = Math.max(28, Math.min(56, 420 / Math.max(1, n)));
        int left = 110;
        int top = 24;
        int width = left + n * cell + 20;
        int height = top + n * cell + 90;
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 %d %d\" role=\"img\""
                + " font-family=\"sans-serif\"><title>%s</title>%n", width, height, HtmlReport.escape(title)));
        for (int i = 0; i < n; i++) {
            sb.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" font-size=\"14\" text-anchor=\"end\">%s</text>%n",
                    left - 6, top + i * cell + cell / 2 + 4, HtmlReport.escape(names.get(i))));
            sb.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" font-size=\"14\" text-anchor=\"end\""
                    + " transform=\"rotate(-45 %d %d)\">%s</text>%n", left + i * cell + cell / 2, top + n * cell + 14,
                    left + i * cell + cell / 2, top + n * cell + 14, HtmlReport.escape(names.get(i))));
            for (int j = 0; j < n; j++) {
                double v = c[i][j];
                sb.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" fill=\"%s\" stroke=\"#fff\"/>%n",
                        left + j * cell, top + i * cell, cell, cell, color(v)));
                sb.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" font-size=\"13\" text-anchor=\"middle\">%s</text>%n",
                        left + j * cell + cell / 2, top + i * cell + cell / 2 + 4,
                        Double.isFinite(v) ? String.format(Locale.ROOT, "%.2f", v) : "–"));
            }
        }
        return sb.append("</svg>\n").toString();
    }

    private static String color(double v) {
        if (!Double.isFinite(v)) {
            return "#ddd";
        }
        double a = Math.min(1, Math.abs(v));
        int fade = (int) Math.round(255 * (1 - a));
        return v >= 0 ? String.format(Locale.ROOT, "rgb(255,%d,%d)", fade, fade)
                : String.format(Locale.ROOT, "rgb(%d,%d,255)", fade, fade);
    }

    private static StringBuilder open(String title) {
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 %d %d\" role=\"img\""
                + " font-family=\"sans-serif\"><title>%s</title>%n", W, H, HtmlReport.escape(title)));
        return sb;
    }

    /** Data-to-pixel mapping of the plot area. */
    private record Frame(double x0, double x1, double y0, double y1) {
        double px(double x) {
            return L + (x - x0) / (x1 - x0) * (W - L - R);
        }

        double py(double y) {
            return H - B - (y - y0) / (y1 - y0) * (H - T - B);
        }
    }

    private static void axes(StringBuilder sb, Frame f, String xLabel, String yLabel, boolean logY) {
        sb.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" fill=\"none\" stroke=\"#444\"/>%n",
                L, T, W - L - R, H - T - B));
        for (int k = 0; k <= 4; k++) {
            double x = f.x0() + (f.x1() - f.x0()) * k / 4;
            double y = f.y0() + (f.y1() - f.y0()) * k / 4;
            sb.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%d\" font-size=\"13\" text-anchor=\"middle\">%s</text>%n",
                    f.px(x), H - B + 14, tick(x)));
            sb.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%.1f\" font-size=\"13\" text-anchor=\"end\">%s</text>%n",
                    L - 4, f.py(y) + 4, logY ? tick(Math.pow(10, y)) : tick(y)));
        }
        sb.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" font-size=\"14\" text-anchor=\"middle\">%s</text>%n",
                (L + W - R) / 2, H - 8, HtmlReport.escape(xLabel)));
        sb.append(String.format(Locale.ROOT, "<text x=\"14\" y=\"%d\" font-size=\"14\" text-anchor=\"middle\""
                + " transform=\"rotate(-90 14 %d)\">%s</text>%n", (T + H - B) / 2, (T + H - B) / 2,
                HtmlReport.escape(yLabel + (logY ? " (log scale)" : ""))));
    }

    private static String tick(double v) {
        return String.format(Locale.ROOT, "%.3g", v);
    }
}
