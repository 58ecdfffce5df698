package dev.leibniz.benchmarks.report;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.openjdk.jmh.infra.BenchmarkParams;

/**
 * What the figures were measured on: CPU model (from /proc/cpuinfo), cores, memory (from
 * /proc/meminfo), operating system, and the JVM the benchmark forks ran in with its flags (as
 * JMH recorded them). Files that do not exist (not Linux) give "unknown".
 */
public final class Machine {
    private final String cpu;
    private final int cores;
    private final String memory;
    private final String os;

    private Machine(String cpu, int cores, String memory, String os) {
        this.cpu = cpu;
        this.cores = cores;
        this.memory = memory;
        this.os = os;
    }

    /** This machine. */
    public static Machine current() {
        return new Machine(cpuModel(), Runtime.getRuntime().availableProcessors(), memory(),
                System.getProperty("os.name") + " " + System.getProperty("os.version") + " (" + System.getProperty("os.arch") + ")");
    }

    /** A Markdown table of the machine and of the forks' JVM (this JVM when nothing was run). */
    public String markdown(Optional<BenchmarkParams> forks) {
        Table t = new Table("", "");
        t.row("CPU", cpu);
        t.row("cores available to the JVM", cores);
        t.row("memory", memory);
        t.row("OS", os);
        if (forks.isPresent()) {
            BenchmarkParams p = forks.get();
            t.row("JVM", p.getVmName() + " " + p.getVmVersion() + " (JDK " + p.getJdkVersion() + ")");
            t.row("JVM binary", "`" + p.getJvm() + "`");
            t.row("JVM flags", flags(p.getJvmArgs()));
            t.row("JMH", p.getJmhVersion());
        } else {
            t.row("JVM", System.getProperty("java.vm.name") + " " + System.getProperty("java.vm.version"));
        }
        return t.toString();
    }

    private static String flags(java.util.Collection<?> args) {
        return args.isEmpty() ? "none (JVM defaults)" : "`" + String.join(" ", args.stream().map(Object::toString).toList()) + "`";
    }

    private static String cpuModel() {
        for (String line : lines("/proc/cpuinfo")) {
            if (line.startsWith("model name")) {
                return line.substring(line.indexOf(':') + 1).trim();
            }
        }
        return "unknown";
    }

    private static String memory() {
        for (String line : lines("/proc/meminfo")) {
            if (line.startsWith("MemTotal:")) {
                String[] parts = line.split("\\s+");
                try {
                    double kib = Double.parseDouble(parts[1]);
                    return String.format(Locale.ROOT, "%.1f GiB", kib / (1024 * 1024));
                } catch (RuntimeException e) {
                    return line.substring("MemTotal:".length()).trim();
                }
            }
        }
        return "unknown";
    }

    private static List<String> lines(String file) {
        try {
            return Files.readAllLines(Path.of(file));
        } catch (IOException | SecurityException e) {
            return List.of();
        }
    }
}
