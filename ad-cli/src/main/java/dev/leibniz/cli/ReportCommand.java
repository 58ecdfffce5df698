package dev.leibniz.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.leibniz.core.LeibnizException;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code leibniz report DIR}: re-renders DIR/report.html from DIR/report.json (written by {@code fit}). */
@Command(name = "report", mixinStandardHelpOptions = true,
        description = {"Re-render report.html from the report.json that fit wrote into DIR (no model run, no network).",
            "Example: leibniz report leibniz-out/lotka-volterra"})
final class ReportCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    CommonOptions common;

    @Parameters(index = "0", paramLabel = "DIR", description = "A directory fit wrote (it holds report.json).")
    Path dir;

    @Override
    public Integer call() throws IOException {
        Path json = dir.resolve("report.json");
        if (!Files.isRegularFile(json)) {
            throw new LeibnizException(json + ": no such file; give the directory that 'leibniz fit' wrote (--out)");
        }
        JsonNode doc;
        try {
            doc = Json.MAPPER.readTree(json.toFile());
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new LeibnizException(json + ":" + e.getLocation().getLineNr() + ":" + e.getLocation().getColumnNr()
                    + ": not valid JSON: " + e.getOriginalMessage());
        }
        if (doc == null || !doc.isObject() || !doc.has("parameters")) {
            throw new LeibnizException(json + ": not a fit report (no \"parameters\")");
        }
        Path html = dir.resolve("report.html");
        HtmlReport.write(html, doc);
        PrintWriter out = spec.commandLine().getOut();
        out.println("wrote " + html);
        return ExitCode.OK;
    }
}
