package dev.leibniz.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.DoubleUnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Issue 13's acceptance for the functions atan, atan2(y, x), hypot, erf, erfc, asinh, acosh,
 * atanh, log1p, expm1, cbrt and powi: the command line accepts them in {@code leibniz grad}
 * expressions and in model files ({@code jacobian}, {@code simulate}, {@code fit}), with exact
 * derivatives checked against closed forms and against central differences of the command's own
 * values.
 */
class NewFunctionsCliTest {
    /** One function of one variable: its text, the point, value and derivative in closed form. */
    record Unary(String text, double x, DoubleUnaryOperator value, DoubleUnaryOperator derivative) {
        @Override
        public String toString() {
            return text;
        }
    }

    private static final double GAUSS = 2 / Math.sqrt(Math.PI);

    static List<Unary> unary() {
        return List.of(
                new Unary("atan(x)", 0.7, Math::atan, x -> 1 / (1 + x * x)),
                new Unary("hypot(x, 2)", 1.5, x -> Math.hypot(x, 2), x -> x / Math.hypot(x, 2)),
                new Unary("erf(x)", 0.4, x -> org.hipparchus.special.Erf.erf(x), x -> GAUSS * Math.exp(-x * x)),
                new Unary("erfc(x)", 1.2, x -> org.hipparchus.special.Erf.erfc(x), x -> -GAUSS * Math.exp(-x * x)),
                new Unary("asinh(x)", -0.9, x -> Math.log(x + Math.sqrt(x * x + 1)), x -> 1 / Math.sqrt(x * x + 1)),
                new Unary("acosh(x)", 1.8, x -> Math.log(x + Math.sqrt(x * x - 1)), x -> 1 / Math.sqrt(x * x - 1)),
                new Unary("atanh(x)", 0.35, x -> 0.5 * Math.log((1 + x) / (1 - x)), x -> 1 / (1 - x * x)),
                new Unary("log1p(x)", 0.25, Math::log1p, x -> 1 / (1 + x)),
                new Unary("expm1(x)", -0.6, Math::expm1, Math::exp),
                new Unary("cbrt(x)", -3.375, Math::cbrt, x -> 1 / (3 * Math.cbrt(x) * Math.cbrt(x))),
                new Unary("powi(x, 3)", -1.25, x -> x * x * x, x -> 3 * x * x),
                new Unary("powi(x, -2)", 0.8, x -> 1 / (x * x), x -> -2 / (x * x * x)));
    }

    private static JsonNode grad(String expr, String at, String mode) {
        CliRun r = CliRun.of("grad", expr, "--at", at, "--mode", mode, "--json");
        assertEquals(0, r.exit(), expr + ": " + r.err());
        return r.json();
    }

    private static double value(String expr, String at) {
        return grad(expr, at, "reverse").get("value").asDouble();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("unary")
    void gradOfEachFunctionIsExact(Unary f) {
        for (String mode : List.of("reverse", "forward")) {
            JsonNode j = grad(f.text(), "x=" + f.x(), mode);
            double expected = f.derivative().applyAsDouble(f.x());
            assertEquals(f.value().applyAsDouble(f.x()), j.get("value").asDouble(), 1e-15 * Math.max(1, Math.abs(expected)),
                    f + " value");
            double d = j.get("gradient").get("x").asDouble();
            assertEquals(expected, d, 1e-14 * Math.abs(expected), f + " derivative, " + mode + " mode");
            // a central difference of the command's own values, h = 1e-6: error O(h²) ≈ 1e-12
            double h = 1e-6;
            double fd = (value(f.text(), "x=" + (f.x() + h)) - value(f.text(), "x=" + (f.x() - h))) / (2 * h);
            assertEquals(fd, d, 1e-7 * Math.max(1, Math.abs(d)), f + " central difference");
        }
    }

    @Test
    void gradOfAtan2HasBothPartials() {
        double y = 1.5;
        double x = -0.5;
        JsonNode j = grad("atan2(y, x)", "y=" + y + ",x=" + x, "reverse");
        assertEquals(Math.atan2(y, x), j.get("value").asDouble(), 0.0);
        assertEquals(x / (x * x + y * y), j.get("gradient").get("y").asDouble(), 1e-15);
        assertEquals(-y / (x * x + y * y), j.get("gradient").get("x").asDouble(), 1e-15);
    }

    /**
     * A model whose right-hand side uses every new function. Its values are outputs, so that the
     * command line itself evaluates them (simulate, at t = 0, from initial states set by --set).
     */
    private static final String MODEL = String.join("\n",
            "param a = 0.5",
            "param b = 1.5",
            "param x0 = 1",
            "param y0 = 2",
            "state x = x0",
            "state y = y0",
            "der(x) = fx",
            "der(y) = fy",
            "output fx = atan(a*x) + atan2(y, x) + hypot(x, b) + erf(x) + erfc(y)",
            "output fy = asinh(x) + acosh(b + y^2) + atanh(a/y) + log1p(x^2) + expm1(-y) + cbrt(x) + powi(y, 3)",
            "");

    /** The Jacobian of that right-hand side: closed forms, and central differences of its values. */
    @Test
    void modelJacobianOfTheNewFunctionsIsExact(@TempDir Path dir) throws Exception {
        Path model = dir.resolve("new.model");
        Files.writeString(model, MODEL);
        double x = 0.7;
        double y = 1.3;
        double a = 0.5;
        double b = 1.5;
        String at = "x=" + x + ",y=" + y;
        JsonNode states = jacobian(model, "states", at);
        JsonNode params = jacobian(model, "params", at);
        double r2 = x * x + y * y;
        double u = b + y * y;
        double[][] expectStates = {
            {a / (1 + a * a * x * x) - y / r2 + x / Math.hypot(x, b) + GAUSS * Math.exp(-x * x),
                x / r2 - GAUSS * Math.exp(-y * y)},
            {1 / Math.sqrt(x * x + 1) + 2 * x / (1 + x * x) + 1 / (3 * Math.cbrt(x) * Math.cbrt(x)),
                2 * y / Math.sqrt(u * u - 1) - a / (y * y) / (1 - a * a / (y * y)) - Math.exp(-y) + 3 * y * y}};
        double[][] expectParams = {
            {x / (1 + a * a * x * x), b / Math.hypot(x, b), 0, 0},
            {1 / y / (1 - a * a / (y * y)), 1 / Math.sqrt(u * u - 1), 0, 0}};
        double h = 1e-6;
        for (int i = 0; i < 2; i++) {
            for (int k = 0; k < 2; k++) {
                double d = states.get(i).get(k).asDouble();
                assertEquals(expectStates[i][k], d, 1e-13 * Math.abs(expectStates[i][k]),
                        "d der/d state [" + i + "][" + k + "]");
                String set = k == 0 ? "x0=%s,y0=" + y : "x0=" + x + ",y0=%s";
                double centre = k == 0 ? x : y;
                double fd = (rhs(model, String.format(set, centre + h), i) - rhs(model, String.format(set, centre - h), i))
                        / (2 * h);
                assertEquals(fd, d, 1e-7 * Math.max(1, Math.abs(d)), "central difference of der [" + i + "][" + k + "]");
            }
            for (int k = 0; k < 4; k++) {
                assertEquals(expectParams[i][k], params.get(i).get(k).asDouble(), 1e-13 * Math.abs(expectParams[i][k]),
                        "d der/d param [" + i + "][" + k + "]");
            }
        }
    }

    /** Row i of the right-hand side at the initial state given by {@code --set}, as simulate prints it at t = 0. */
    private static double rhs(Path model, String set, int i) {
        CliRun r = CliRun.of("simulate", model.toString(), "--set", set, "--t1", "0.01", "--dt", "0.01", "--json");
        assertEquals(0, r.exit(), r.err());
        return r.json().get("outputs").get(i == 0 ? "fx" : "fy").get(0).asDouble();
    }

    private static JsonNode jacobian(Path model, String wrt, String at) {
        CliRun r = CliRun.of("jacobian", model.toString(), "--wrt", wrt, "--at", at, "--json");
        assertEquals(0, r.exit(), r.err());
        return r.json().get("values");
    }

    /** Each state integrates one function of t; the solutions are the closed-form antiderivatives. */
    @Test
    void simulateAModelOfTheNewFunctions(@TempDir Path dir) throws Exception {
        Path model = dir.resolve("integrals.model");
        Files.writeString(model, String.join("\n",
                "state y1 = 0", "der(y1) = atan(t)",
                "state y2 = 0", "der(y2) = erf(t)",
                "state y3 = 0", "der(y3) = erfc(t)",
                "state y4 = 0", "der(y4) = asinh(t)",
                "state y5 = 0", "der(y5) = acosh(1 + t)",
                "state y6 = 0", "der(y6) = atanh(t/2)",
                "state y7 = 0", "der(y7) = hypot(t, 1)",
                "state y8 = 0", "der(y8) = cbrt(t)",
                "state y9 = 0", "der(y9) = powi(t, 3)",
                "state y10 = 0", "der(y10) = log1p(t) + expm1(t)",
                "state y11 = 0", "der(y11) = atan2(1, 1 + t)",
                ""));
        CliRun r = CliRun.of("simulate", model.toString(), "--t1", "1.5", "--dt", "0.5", "--json");
        assertEquals(0, r.exit(), r.err());
        JsonNode j = r.json();
        double sp = Math.sqrt(Math.PI);
        for (int k = 0; k < j.get("t").size(); k++) {
            double t = j.get("t").get(k).asDouble();
            double erfInt = t * org.hipparchus.special.Erf.erf(t) + (Math.exp(-t * t) - 1) / sp;
            double u = 1 + t;
            double v = 1 + t;
            double[] expected = {
                t * Math.atan(t) - 0.5 * Math.log1p(t * t),
                erfInt,
                t - erfInt,
                t * asinh(t) - Math.sqrt(t * t + 1) + 1,
                u * Math.log(u + Math.sqrt(u * u - 1)) - Math.sqrt(u * u - 1),
                t * 0.5 * Math.log((1 + t / 2) / (1 - t / 2)) + Math.log(1 - t * t / 4),
                0.5 * (t * Math.sqrt(t * t + 1) + asinh(t)),
                0.75 * Math.pow(t, 4.0 / 3),
                Math.pow(t, 4) / 4,
                (1 + t) * Math.log1p(t) - t + Math.exp(t) - 1 - t,
                Math.PI / 2 * t - (v * Math.atan(v) - 0.5 * Math.log(1 + v * v)) + (Math.atan(1) - 0.5 * Math.log(2))};
            for (int s = 0; s < expected.length; s++) {
                double got = j.get("states").get("y" + (s + 1)).get(k).asDouble();
                assertEquals(expected[s], got, 1e-6, "y" + (s + 1) + " at t = " + t);
            }
        }
    }

    private static double asinh(double t) {
        return Math.log(t + Math.sqrt(t * t + 1));
    }

    /**
     * {@code fit} recovers a parameter inside erf from data made with it: y' = erf(k·t), so
     * y(t) = t·erf(kt) + (e^(−k²t²) − 1)/(k√π). The fit's gradients are the exact sensitivities,
     * which go through erf's derivative.
     */
    @Test
    void fitThroughErf(@TempDir Path dir) throws Exception {
        double k = 1.3;
        StringBuilder csv = new StringBuilder("t,y\n");
        for (int i = 1; i <= 10; i++) {
            double t = 0.5 * i;
            double y = t * org.hipparchus.special.Erf.erf(k * t) + (Math.exp(-k * k * t * t) - 1) / (k * Math.sqrt(Math.PI));
            csv.append(t).append(',').append(y).append('\n');
        }
        Path data = dir.resolve("erf.csv");
        Files.writeString(data, csv.toString());
        Path model = dir.resolve("erf.model");
        Files.writeString(model, "param k = 0.6 in [0.1, 5]\nstate y = 0\nder(y) = erf(k*t)\n");
        CliRun r = CliRun.of("fit", model.toString(), "--data", data.toString(), "--json");
        assertEquals(0, r.exit(), r.err());
        JsonNode j = r.json();
        assertEquals(k, j.get("parameters").get("k").asDouble(), 1e-5);
        assertEquals(true, j.get("converged").asBoolean());
    }
}
