package dev.leibniz.core.docs;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.lang.reflect.Method;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.FileObject;
import javax.tools.ForwardingJavaFileManager;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;

/**
 * Keeps the documentation honest: extracts every {@code ```java} block of a Markdown page,
 * compiles it in memory against the test class path, runs it, and returns what it printed
 * beside the {@code ```output} block that follows it on the page.
 *
 * <p>A snippet is the body of a {@code main} method; leading {@code import} lines are hoisted
 * to the top of the generated class. A java block without an output block after it is only
 * compiled and run.
 */
public final class DocSnippets {
    private DocSnippets() {
    }

    /** One snippet of a page: its code, the output the page shows, and where it starts. */
    public record Snippet(String page, int line, String code, String expectedOutput) {
        @Override
        public String toString() {
            return page + ":" + line;
        }
    }

    /** Every java snippet of the page, in order. */
    public static List<Snippet> read(Path page) throws IOException {
        List<String> lines = Files.readAllLines(page, StandardCharsets.UTF_8);
        List<Snippet> out = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            if (!lines.get(i).strip().equals("```java")) {
                continue;
            }
            int start = i + 1;
            StringBuilder code = new StringBuilder();
            i++;
            while (i < lines.size() && !lines.get(i).strip().equals("```")) {
                code.append(lines.get(i)).append('\n');
                i++;
            }
            String expected = null;
            int j = i + 1;
            while (j < lines.size() && lines.get(j).isBlank()) {
                j++;
            }
            if (j < lines.size() && lines.get(j).strip().equals("```output")) {
                StringBuilder o = new StringBuilder();
                j++;
                while (j < lines.size() && !lines.get(j).strip().equals("```")) {
                    o.append(lines.get(j)).append('\n');
                    j++;
                }
                expected = o.toString();
                i = j;
            }
            out.add(new Snippet(page.getFileName().toString(), start, code.toString(), expected));
        }
        return out;
    }

    /** Compiles and runs a snippet; returns what it printed on standard output. */
    public static String run(Snippet s) throws Exception {
        String className = "Snippet_" + s.line();
        StringBuilder imports = new StringBuilder();
        StringBuilder body = new StringBuilder();
        for (String line : s.code().split("\n", -1)) {
            if (line.startsWith("import ")) {
                imports.append(line).append('\n');
            } else {
                body.append("        ").append(line).append('\n');
            }
        }
        String source = imports + "public class " + className + " {\n"
                + "    public static void main(String[] args) throws Exception {\n" + body + "    }\n}\n";
        Class<?> c = compile(className, source, s);
        PrintStream old = System.out;
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (PrintStream capture = new PrintStream(bytes, true, StandardCharsets.UTF_8)) {
            System.setOut(capture);
            Method main = c.getMethod("main", String[].class);
            main.invoke(null, (Object) new String[0]);
        } finally {
            System.setOut(old);
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }

    /** Normalizes line endings and trailing blanks so pages can be edited by hand. */
    public static String normalize(String text) {
        StringBuilder sb = new StringBuilder();
        for (String line : text.replace("\r\n", "\n").split("\n")) {
            sb.append(line.stripTrailing()).append('\n');
        }
        return sb.toString().strip();
    }

    private static Class<?> compile(String className, String source, Snippet s) throws ClassNotFoundException {
        JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
        if (compiler == null) {
            throw new IllegalStateException("documentation tests need a JDK (javax.tools compiler), not a JRE");
        }
        DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
        StandardJavaFileManager std = compiler.getStandardFileManager(diagnostics, null, StandardCharsets.UTF_8);
        Map<String, ByteArrayOutputStream> classes = new HashMap<>();
        ForwardingJavaFileManager<StandardJavaFileManager> fm = new ForwardingJavaFileManager<>(std) {
            @Override
            public JavaFileObject getJavaFileForOutput(Location location, String name, JavaFileObject.Kind kind,
                                                       FileObject sibling) {
                return new SimpleJavaFileObject(URI.create("mem:///" + name.replace('.', '/') + kind.extension), kind) {
                    @Override
                    public OutputStream openOutputStream() {
                        ByteArrayOutputStream b = new ByteArrayOutputStream();
                        classes.put(name, b);
                        return b;
                    }
                };
            }
        };
        JavaFileObject file = new SimpleJavaFileObject(URI.create("string:///" + className + ".java"),
                JavaFileObject.Kind.SOURCE) {
            @Override
            public CharSequence getCharContent(boolean ignoreEncodingErrors) {
                return source;
            }
        };
        List<String> options = List.of("-classpath", System.getProperty("java.class.path"), "-proc:none");
        boolean ok = compiler.getTask(null, fm, diagnostics, options, null, List.of(file)).call();
        if (!ok) {
            StringBuilder msg = new StringBuilder("snippet at " + s + " does not compile:\n");
            for (Diagnostic<? extends JavaFileObject> d : diagnostics.getDiagnostics()) {
                msg.append("  line ").append(d.getLineNumber()).append(": ").append(d.getMessage(null)).append('\n');
            }
            msg.append(source);
            throw new AssertionError(msg.toString());
        }
        ClassLoader loader = new ClassLoader(DocSnippets.class.getClassLoader()) {
            @Override
            protected Class<?> findClass(String name) throws ClassNotFoundException {
                ByteArrayOutputStream b = classes.get(name);
                if (b == null) {
                    throw new ClassNotFoundException(name);
                }
                byte[] bytes = b.toByteArray();
                return defineClass(name, bytes, 0, bytes.length);
            }
        };
        return loader.loadClass(className);
    }
}
