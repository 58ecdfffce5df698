package dev.leibniz.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * The command-line examples in the docs are run, in-process, by this test. In a
 * {@code ```console} block every {@code $ leibniz …} line is run and what it prints must be
 * exactly the lines that follow it; in a {@code ```shell} block the commands only have to
 * succeed (their output varies, e.g. measured times). Paths under {@code examples/} are taken
 * from the repository; files a command writes go to a temporary directory.
 */
class CliDocTest {
    @TempDir
    static Path scratch;

    record Command(String page, int line, List<String> args, String expected, boolean exact) {
        @Override
        public String toString() {
            return page + ":" + line + " leibniz " + String.join(" ", args);
        }
    }

    @TestFactory
    Stream<DynamicTest> commandLinePages() throws IOException {
        List<Command> all = new ArrayList<>();
        for (String page : new String[] {"cli.md", "getting-started.md", "expressions.md", "regression.md", "../README.md"}) {
            Path p = Path.of("..", "docs", page).normalize();
            if (Files.exists(p)) {
                all.addAll(read(p));
            }
        }
        assertFalse(all.isEmpty(), "no command-line examples found in the docs");
        return all.stream().map(c -> DynamicTest.dynamicTest(c.toString(), () -> {
            CliRun r = CliRun.of(c.args().toArray(new String[0]));
            assertEquals(0, r.exit(), c + " failed: " + r.err());
            if (c.exact()) {
                assertEquals(c.expected().strip(), r.out().strip().replace(scratch.toString() + "/", ""),
                        "output of " + c + " differs from the page");
            }
        }));
    }

    static List<Command> read(Path page) throws IOException {
        List<String> lines = Files.readAllLines(page, StandardCharsets.UTF_8);
        List<Command> out = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            String fence = lines.get(i).strip();
            if (!fence.equals("```console") && !fence.equals("```shell")) {
                continue;
            }
            boolean exact = fence.equals("```console");
            i++;
            while (i < lines.size() && !lines.get(i).strip().equals("```")) {
                String line = lines.get(i);
                if (line.startsWith("$ ./leibniz ") || line.startsWith("$ leibniz ")) {
                    int start = i + 1;
                    List<String> args = split(line.substring(line.indexOf("leibniz ") + 8));
                    StringBuilder expected = new StringBuilder();
                    i++;
                    while (i < lines.size() && !lines.get(i).startsWith("$ ") && !lines.get(i).strip().equals("```")) {
                        expected.append(lines.get(i)).append('\n');
                        i++;
                    }
                    out.add(new Command(page.getFileName().toString(), start, args, expected.toString(), exact));
                } else {
                    i++;
                }
            }
        }
        return out;
    }

    /** Splits a command line on blanks, honouring double quotes; rewrites paths for the test. */
    static List<String> split(String s) {
        List<String> args = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        boolean quoted = false;
        boolean any = false;
        for (char ch : s.toCharArray()) {
            if (ch == '"') {
                quoted = !quoted;
                any = true;
            } else if (ch == ' ' && !quoted) {
                if (any) {
                    args.add(cur.toString());
                }
                cur.setLength(0);
                any = false;
            } else {
                cur.append(ch);
                any = true;
            }
        }
        if (any) {
            args.add(cur.toString());
        }
        List<String> rewritten = new ArrayList<>();
        String previous = "";
        for (String a : args) {
            if (a.startsWith("examples/")) {
                a = "../" + a;
            } else if (previous.equals("--out") || a.endsWith(".png") || a.endsWith(".csv") || a.endsWith(".dot")) {
                a = scratch.resolve(a).toString();
            }
            rewritten.add(a);
            previous = a;
        }
        return rewritten;
    }
}
