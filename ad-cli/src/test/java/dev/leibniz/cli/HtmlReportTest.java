package dev.leibniz.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.parsers.DocumentBuilderFactory;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.select.Elements;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** report.html of the README's lynx–hare fit, parsed: every section and image present and well-formed. */
class HtmlReportTest {
    @TempDir
    static Path dir;

    static String html;
    static Document page;
    static JsonNode json;

    @BeforeAll
    static void fit() throws Exception {
        CliRun r = CliRun.of("fit", FitCommandTest.MODEL, "--data", FitCommandTest.DATA, "--loss", "logsse",
                "--out", dir.toString());
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().contains("report.html"), r.out());
        html = Files.readString(dir.resolve("report.html"));
        page = Jsoup.parse(html);
        json = Json.MAPPER.readTree(dir.resolve("report.json").toFile());
    }

    @Test
    void everySectionIsPresentInOrderWithAHeading() {
        List<String> ids = new ArrayList<>();
        for (Element s : page.select("section[id]")) {
            ids.add(s.id());
            assertEquals(1, s.select("h2").size(), s.id());
        }
        assertEquals(HtmlReport.SECTIONS, ids);
        assertEquals("lotka-volterra.model fitted to hudson-bay-lynx-hare.csv", page.title());
    }

    @Test
    void selfContainedNoScriptNoExternalResource() {
        assertTrue(page.select("script, link, img[src], iframe, object").isEmpty());
        assertFalse(html.replace("http://www.w3.org/2000/svg", "").contains("http"), "a network reference");
        assertTrue(page.select("style").first().data().contains("@media print"));
    }

    @Test
    void everyImageIsWellFormedSvg() throws Exception {
        Matcher m = Pattern.compile("<svg.*?</svg>", Pattern.DOTALL).matcher(html);
        int count = 0;
        var factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        while (m.find()) {
            // the strict XML parser throws on any malformed SVG (unclosed tag, bad attribute, raw '<' or '&')
            var svg = factory.newDocumentBuilder().parse(new ByteArrayInputStream(m.group().getBytes(StandardCharsets.UTF_8)));
            assertEquals("svg", svg.getDocumentElement().getLocalName());
            count++;
        }
        // per observable (hare, lynx): fit and residuals; then histogram, correlation heat map and loss
        assertEquals(2 + 2 + 1 + 1 + 1, count);
        assertEquals(2, page.select("#fit svg").size());
        assertEquals(2, page.select("#residuals svg").size());
        assertTrue(page.select("#histogram svg rect").size() >= 1 + 5, "frame and at least 5 bins");
        assertEquals(1, page.select("#loss svg path").size());
    }

    @Test
    void fitChartsShowEveryObservation() {
        // one marker per observed value: the CSV has 21 years of hare and of lynx pelts
        for (int k = 0; k < 2; k++) {
            Element fit = page.select("#fit svg").get(k);
            Element res = page.select("#residuals svg").get(k);
            JsonNode obs = json.get("report").get("observables").get(k);
            int observed = 0;
            for (JsonNode v : obs.get("observed")) {
                observed += v.isNumber() ? 1 : 0;
            }
            assertEquals(21, observed);
            assertEquals(observed, fit.select("circle").size());
            assertEquals(observed, res.select("circle").size());
            assertEquals(1, fit.select("path").size()); // the fitted trajectory
        }
    }

    @Test
    void residualsAreLogDifferencesOfDataAndFittedCurveAtDataTimes() throws Exception {
        // oracle: fitted.csv (the fitted curve fit writes on its own grid) is not at the data times,
        // but at the first data time (1900 = t0, the initial state) model = hare0, lynx0 exactly
        JsonNode obs = json.get("report").get("observables");
        assertEquals(2, obs.size());
        for (JsonNode o : obs) {
            double initial = json.get("parameters").get(o.get("name").asText() + "0").asDouble(); // hare0, lynx0
            double first = o.get("observed").get(0).asDouble();
            assertEquals(Math.log(first) - Math.log(initial), o.get("residual").get(0).asDouble(), 1e-9, o.get("name").asText());
        }
        // the logsse loss is the sum of the squared residuals
        double sum = 0;
        for (JsonNode o : obs) {
            for (JsonNode r : o.get("residual")) {
                sum += r.isNumber() ? r.asDouble() * r.asDouble() : 0;
            }
        }
        assertEquals(json.get("loss").asDouble(), sum, 1e-6 * sum);
    }

    @Test
    void parameterTableGivesEstimatesErrorsAnd95PercentIntervals() {
        Elements rows = page.select("#parameters table tr");
        assertEquals(1 + 6, rows.size());
        for (Element row : rows.subList(1, rows.size())) {
            Elements td = row.select("td");
            String name = td.get(0).text();
            double v = json.get("parameters").get(name).asDouble();
            double se = json.get("standardErrors").get(name).asDouble();
            assertEquals(v, Double.parseDouble(td.get(1).text()), 1e-5 * Math.abs(v));
            assertEquals(se, Double.parseDouble(td.get(2).text()), 1e-5 * se);
            String[] ci = td.get(3).text().replace("[", "").replace("]", "").split(",");
            assertEquals(v - 1.959964 * se, Double.parseDouble(ci[0].strip()), 1e-5 * Math.abs(v));
            assertEquals(v + 1.959964 * se, Double.parseDouble(ci[1].strip()), 1e-5 * Math.abs(v));
        }
    }

    @Test
    void reproductionBlockHasTheExactCommandAndVersions() {
        String cmd = page.select("#reproduce pre").text();
        assertTrue(cmd.startsWith("leibniz fit " + FitCommandTest.MODEL + " --data " + FitCommandTest.DATA + " --loss logsse"), cmd);
        String text = page.select("#reproduce table").text();
        assertTrue(text.contains("leibniz 0.1.0") && text.contains("Java " + System.getProperty("java.version")), text);
        assertTrue(text.contains("seed"), text);
        assertTrue(page.select("#model pre").text().contains("der(hare) = alpha*hare - beta*hare*lynx"));
        assertTrue(page.select("#statistics").text().contains("Levenberg-Marquardt"));
    }

    @Test
    void correlationHeatMapWhenTheReportCarriesAMatrix() throws Exception {
        ObjectNode doc = json.deepCopy();
        ObjectNode corr = doc.putObject("correlation");
        corr.putArray("names").add("alpha").add("beta");
        corr.putArray("matrix").add(Json.array(new double[] {1, -0.8})).add(Json.array(new double[] {-0.8, 1}));
        Document d = Jsoup.parse(HtmlReport.render(doc));
        assertEquals(4, d.select("#correlations svg rect").size());
        assertEquals("-0.80", d.select("#correlations svg text").stream().map(Element::text)
                .filter(t -> t.startsWith("-")).findFirst().orElse(""));
        ObjectNode none = json.deepCopy();
        none.remove("correlation");
        assertTrue(Jsoup.parse(HtmlReport.render(none)).select("#correlations").text().contains("Not available"));
    }

    /**
     * The fit's own report: report.json carries the covariance and correlation over the fitted
     * parameters (symmetric, unit diagonal, √diagonal = the standard errors), and the heat map
     * has one cell per pair whose printed value is report.json's correlation to two decimals.
     */
    @Test
    void correlationHeatMapOfTheFitMatchesReportJson() {
        JsonNode corr = json.path("correlation");
        JsonNode cov = json.path("covariance");
        List<String> names = new ArrayList<>();
        corr.path("names").forEach(n -> names.add(n.asText()));
        List<String> fitted = new ArrayList<>();
        json.path("fitted").forEach(n -> fitted.add(n.asText()));
        assertEquals(fitted, names);
        int p = names.size();
        assertTrue(p >= 2, "the README fit estimates several parameters: " + names);
        Elements cells = page.select("#correlations svg rect");
        assertEquals(p * p, cells.size());
        List<String> values = page.select("#correlations svg text").stream().map(Element::text)
                .filter(t -> t.matches("-?\\d\\.\\d\\d|–")).toList();
        assertEquals(p * p, values.size(), values.toString());
        for (int i = 0; i < p; i++) {
            double se = json.path("standardErrors").path(names.get(i)).asDouble();
            assertEquals(se * se, cov.path("matrix").path(i).path(i).asDouble(), 1e-12 * se * se, names.get(i));
            assertEquals(1.0, corr.path("matrix").path(i).path(i).asDouble(), 0.0);
            for (int j = 0; j < p; j++) {
                double c = corr.path("matrix").path(i).path(j).asDouble();
                assertEquals(c, corr.path("matrix").path(j).path(i).asDouble(), 0.0, "symmetric");
                assertTrue(Math.abs(c) <= 1.0);
                double expected = cov.path("matrix").path(i).path(j).asDouble()
                        / Math.sqrt(cov.path("matrix").path(i).path(i).asDouble() * cov.path("matrix").path(j).path(j).asDouble());
                assertEquals(expected, c, 1e-12);
                assertEquals(String.format(java.util.Locale.ROOT, "%.2f", c), values.get(i * p + j), names.get(i) + "," + names.get(j));
            }
        }
    }

    @Test
    void reportCommandReRendersTheSamePageFromReportJson() throws Exception {
        Path again = dir.resolve("again");
        Files.createDirectories(again);
        Files.copy(dir.resolve("report.json"), again.resolve("report.json"));
        CliRun r = CliRun.of("report", again.toString());
        assertEquals(0, r.exit(), r.err());
        assertEquals(html, Files.readString(again.resolve("report.html")));
    }

    @Test
    void reportCommandRejectsAMissingOrForeignReport() throws Exception {
        Path empty = dir.resolve("empty");
        Files.createDirectories(empty);
        CliRun missing = CliRun.of("report", empty.toString());
        assertEquals(2, missing.exit());
        assertTrue(missing.err().startsWith("error: ") && missing.err().contains("report.json"), missing.err());
        Files.writeString(empty.resolve("report.json"), "{\"a\": 1,\n \"b\": }");
        CliRun bad = CliRun.of("report", empty.toString());
        assertEquals(2, bad.exit());
        assertTrue(bad.err().contains("report.json:2:"), bad.err());
        Files.writeString(empty.resolve("report.json"), "{\"a\": 1}");
        CliRun foreign = CliRun.of("report", empty.toString());
        assertEquals(2, foreign.exit());
        assertTrue(foreign.err().contains("not a fit report"), foreign.err());
    }
}
