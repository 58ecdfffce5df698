package dev.leibniz.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * report.html: one self-contained page (inline CSS and SVG, no script, no network) rendered from
 * the fit's report document alone, so {@code leibniz report DIR} can re-render it from
 * report.json. Sections, each an {@code <section id=…>}: summary, model, fit (data and fitted
 * trajectory per observable), residuals over time, residual histogram, parameters (estimate,
 * standard error, 95 % interval estimate ± 1.96·SE, a normal approximation), correlations (a heat
 * map when the document carries a correlation matrix), loss per iteration, solver and optimizer
 * statistics, and how to reproduce the run.
 */
final class HtmlReport {
    private HtmlReport() {
    }

    /** The normal quantile for a two-sided 95 % interval. */
    static final double Z95 = 1.959963984540054;

    /** The section ids, in page order. */
    static final List<String> SECTIONS = List.of("summary", "model", "fit", "residuals", "histogram", "parameters",
            "correlations", "loss", "statistics", "reproduce");

    private static final String CSS = """
            body{font-family:system-ui,-apple-system,"Segoe UI",sans-serif;max-width:62rem;margin:1.5rem auto;\
            padding:0 1rem;color:#222;line-height:1.45}
            h1{font-size:1.6rem;margin-bottom:.2rem}h2{font-size:1.2rem;border-bottom:1px solid #ccc;margin-top:2rem}
            table{border-collapse:collapse;font-variant-numeric:tabular-nums}
            td,th{padding:.2rem .7rem;border-bottom:1px solid #e4e4e4;text-align:right}
            td:first-child,th:first-child{text-align:left}
            #statistics td,#reproduce td{text-align:left}
            pre{background:#f6f6f6;padding:.7rem;overflow-x:auto;font-size:.85rem}
            svg{width:100%;max-width:640px;height:auto;display:block;margin:.5rem 0}
            .grid{display:grid;grid-template-columns:repeat(auto-fit,minmax(300px,1fr));gap:.5rem}
            .note{color:#666;font-size:.9rem}
            @media print{body{max-width:none;margin:0}section{break-inside:avoid}pre{white-space:pre-wrap}}
            """;

    /** Renders {@code doc} and writes it to {@code html} (through a temporary file and a move). */
    static void write(Path html, JsonNode doc) throws IOException {
        Path parent = html.toAbsolutePath().getParent();
        Files.createDirectories(parent);
        Path tmp = parent.resolve("." + html.getFileName() + ".tmp");
        try {
            Files.writeString(tmp, render(doc), StandardCharsets.UTF_8);
            Files.move(tmp, html, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /** The whole page: the head with the inline style, then the sections of {@link #SECTIONS} in order. */
    static String render(JsonNode doc) {
        JsonNode rep = doc.path("report");
        String model = rep.path("modelName").asText(doc.path("model").asText("model"));
        String data = rep.path("dataName").asText(doc.path("data").asText("data"));
        StringBuilder h = new StringBuilder();
        h.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
                .append("<title>").append(escape(model + " fitted to " + data)).append("</title>\n<style>\n")
                .append(CSS).append("</style>\n</head>\n<body>\n");
        h.append("<h1>").append(escape(model)).append(" fitted to ").append(escape(data)).append("</h1>\n");
        summary(h, doc);
        model(h, doc, rep);
        double[] residuals = fit(h, rep);
        residuals(h, rep);
        histogram(h, residuals);
        parameters(h, doc);
        correlations(h, doc);
        loss(h, doc);
        statistics(h, doc, rep);
        reproduce(h, doc, rep);
        return h.append("</body>\n</html>\n").toString();
    }

    /** One sentence: the loss, the observations, the work and whether (and why) the fit converged. */
    private static void summary(StringBuilder h, JsonNode doc) {
        section(h, "summary", "Summary");
        h.append(String.format(Locale.ROOT, "<p>%s = %s over %d observations; %d iterations, %d simulations; %s.</p>%n",
                escape(doc.path("lossFunction").asText("loss")), num(doc.path("loss")), doc.path("observations").asInt(),
                doc.path("iterations").asInt(), doc.path("simulations").asInt(),
                escape((doc.path("converged").asBoolean() ? "converged: " : "not converged: ") + doc.path("reason").asText(""))));
        end(h);
    }

    /** The model's name and its text as given. */
    private static void model(StringBuilder h, JsonNode doc, JsonNode rep) {
        section(h, "model", "Model");
        h.append("<p>").append(escape(doc.path("model").asText())).append("</p>\n<pre>")
                .append(escape(rep.path("modelText").asText())).append("</pre>\n");
        end(h);
    }

    /**
     * One chart per observable, the fitted trajectory as a line over the data as points.
     *
     * @return the residuals of all observables, for the histogram
     */
    private static double[] fit(StringBuilder h, JsonNode rep) {
        double[] curveT = doubles(rep.path("curveTimes"));
        double[] dataT = doubles(rep.path("dataTimes"));
        String tLabel = rep.path("timeColumn").asText("t");
        section(h, "fit", "Data and fitted trajectories");
        h.append("<div class=\"grid\">\n");
        int k = 0;
        List<Double> allResiduals = new ArrayList<>();
        for (JsonNode o : rep.path("observables")) {
            String color = Svg.PALETTE[k++ % Svg.PALETTE.length];
            String name = o.path("name").asText();
            h.append(Svg.chart(name + ": data and fit", tLabel, name, List.of(
                    new Svg.Series(name + " (fit)", curveT, doubles(o.path("fitted")), false, color),
                    new Svg.Series(name + " (data)", dataT, doubles(o.path("observed")), true, color)), false, false));
            for (double r : doubles(o.path("residual"))) {
                allResiduals.add(r);
            }
        }
        h.append("</div>\n");
        end(h);
        return allResiduals.stream().mapToDouble(Double::doubleValue).toArray();
    }

    /** One chart per observable of its residuals at the data times, around a zero line. */
    private static void residuals(StringBuilder h, JsonNode rep) {
        double[] dataT = doubles(rep.path("dataTimes"));
        String tLabel = rep.path("timeColumn").asText("t");
        section(h, "residuals", "Residuals over time");
        h.append("<p class=\"note\">Residual: ").append(escape(rep.path("residuals").asText("data - model"))).append(".</p>\n");
        h.append("<div class=\"grid\">\n");
        int k = 0;
        for (JsonNode o : rep.path("observables")) {
            String color = Svg.PALETTE[k++ % Svg.PALETTE.length];
            String name = o.path("name").asText();
            h.append(Svg.chart(name + ": residuals", tLabel, "residual",
                    List.of(new Svg.Series(name, dataT, doubles(o.path("residual")), true, color)), false, true));
        }
        h.append("</div>\n");
        end(h);
    }

    /** All residuals in one histogram of √m bins, at least 5 and at most 30. */
    private static void histogram(StringBuilder h, double[] res) {
        section(h, "histogram", "Residual histogram");
        h.append(Svg.histogram("Residuals of all observables", "residual", res,
                Math.max(5, Math.min(30, (int) Math.ceil(Math.sqrt(res.length))))));
        end(h);
    }

    /** Estimate, standard error and the interval estimate ± 1.96 SE of every parameter; fixed ones marked. */
    private static void parameters(StringBuilder h, JsonNode doc) {
        section(h, "parameters", "Parameters");
        h.append("<table>\n<tr><th>parameter</th><th>estimate</th><th>standard error</th><th>95 % interval</th><th></th></tr>\n");
        List<String> fitted = new ArrayList<>();
        doc.path("fitted").forEach(f -> fitted.add(f.asText()));
        doc.path("parameters").properties().forEach(e -> {
            JsonNode se = doc.path("standardErrors").path(e.getKey());
            double v = e.getValue().asDouble(Double.NaN);
            boolean hasSe = se.isNumber();
            h.append("<tr><td>").append(escape(e.getKey())).append("</td><td>").append(fmt(v)).append("</td><td>")
                    .append(hasSe ? fmt(se.asDouble()) : "–").append("</td><td>")
                    .append(hasSe ? "[" + fmt(v - Z95 * se.asDouble()) + ", " + fmt(v + Z95 * se.asDouble()) + "]" : "–")
                    .append("</td><td>").append(fitted.contains(e.getKey()) ? (hasSe ? "" : "not identifiable") : "fixed")
                    .append("</td></tr>\n");
        });
        h.append("</table>\n<p class=\"note\">Standard errors from the Gauss–Newton covariance σ²(JᵀJ)⁻¹;"
                + " intervals estimate ± 1.96 SE (normal approximation).</p>\n");
        end(h);
    }

    /** The correlation matrix as a heat map, or why the document has none. */
    private static void correlations(StringBuilder h, JsonNode doc) {
        section(h, "correlations", "Parameter correlations");
        JsonNode corr = doc.path("correlation");
        if (corr.isObject() && corr.path("names").isArray()) {
            List<String> names = new ArrayList<>();
            corr.path("names").forEach(n -> names.add(n.asText()));
            double[][] c = new double[names.size()][];
            for (int i = 0; i < c.length; i++) {
                c[i] = doubles(corr.path("matrix").path(i));
            }
            h.append(Svg.heatMap("Correlation of the fitted parameters", names, c));
            h.append("<p class=\"note\">Correlations Cov<sub>ij</sub>/√(Cov<sub>ii</sub>Cov<sub>jj</sub>) of the"
                    + " Gauss–Newton covariance; grey: a parameter at a bound, which has none.</p>\n");
        } else {
            h.append("<p class=\"note\">Not available: the covariance σ²(JᵀJ)⁻¹ is undefined for this fit"
                    + " (no residual degree of freedom, a singular Jacobian, or derivatives from an adjoint).</p>\n");
        }
        end(h);
    }

    /** The loss per iteration, on a log scale when every value is positive. */
    private static void loss(StringBuilder h, JsonNode doc) {
        section(h, "loss", "Loss per iteration");
        double[] loss = doubles(doc.path("lossHistory"));
        double[] it = new double[loss.length];
        boolean positive = loss.length > 0;
        for (int i = 0; i < it.length; i++) {
            it[i] = i;
            positive &= loss[i] > 0;
        }
        h.append(Svg.chart("Loss per iteration", "iteration", "loss",
                List.of(new Svg.Series("loss", it, loss, false, Svg.PALETTE[0])), positive, false));
        end(h);
    }

    /** The optimizer, ODE method and sensitivities used, the work done and why the fit stopped. */
    private static void statistics(StringBuilder h, JsonNode doc, JsonNode rep) {
        section(h, "statistics", "Solver and optimizer");
        h.append("<table>\n");
        row(h, "optimizer", doc.path("optimizer").asText());
        row(h, "iterations", doc.path("iterations").asText());
        row(h, "simulations (model solves)", doc.path("simulations").asText());
        row(h, "ODE method", rep.path("method").asText());
        row(h, "sensitivities", doc.path("sensitivity").asText());
        row(h, "final |gradient|", num(doc.path("gradientNorm")));
        row(h, "stopping reason", doc.path("reason").asText());
        h.append("</table>\n");
        end(h);
    }

    /** The command line, the versions, the seed and the data file that reproduce the run. */
    private static void reproduce(StringBuilder h, JsonNode doc, JsonNode rep) {
        section(h, "reproduce", "Reproduce");
        JsonNode r = rep.path("reproduce");
        h.append("<pre>").append(escape(r.path("command").asText())).append("</pre>\n<table>\n");
        row(h, "leibniz", r.path("leibniz").asText());
        row(h, "Java", r.path("java").asText());
        row(h, "OS", r.path("os").asText());
        row(h, "seed", r.path("seed").asText());
        row(h, "data file", doc.path("data").asText());
        h.append("</table>\n");
        end(h);
    }

    static String escape(String s) {
        StringBuilder sb = new StringBuilder(s.length());
        for (char c : s.toCharArray()) {
            switch (c) {
                case '<' -> sb.append("&lt;");
                case '>' -> sb.append("&gt;");
                case '&' -> sb.append("&amp;");
                case '"' -> sb.append("&quot;");
                default -> sb.append(c);
            }
        }
        return sb.toString();
    }

    private static void section(StringBuilder h, String id, String title) {
        h.append("<section id=\"").append(id).append("\">\n<h2>").append(escape(title)).append("</h2>\n");
    }

    private static void end(StringBuilder h) {
        h.append("</section>\n");
    }

    private static void row(StringBuilder h, String key, String value) {
        h.append("<tr><td>").append(escape(key)).append("</td><td>").append(escape(value)).append("</td></tr>\n");
    }

    private static String num(JsonNode n) {
        return n.isNumber() ? fmt(n.asDouble()) : escape(n.asText("–"));
    }

    private static String fmt(double v) {
        return Double.isFinite(v) ? String.format(Locale.ROOT, "%.6g", v) : "–";
    }

    private static double[] doubles(JsonNode a) {
        double[] v = new double[a.size()];
        for (int i = 0; i < v.length; i++) {
            v[i] = a.get(i).isNumber() ? a.get(i).asDouble() : Double.NaN;
        }
        return v;
    }
}
