package dev.leibniz.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/**
 * Expressions and numbers that start with a minus are positional arguments, not unknown options
 * (issue 16, item 3); values of options may be negative; a misspelt long option is still one.
 */
class LeadingMinusTest {
    @Test
    void leadingMinusExpressionIsTheExpression() {
        // d(-x^2)/dx = -2x: -2 at x = 1, 2 at x = -1
        CliRun r = CliRun.of("grad", "-x^2", "--at", "x=1");
        assertEquals(0, r.exit(), r.err());
        assertEquals("f = -1.0\ndf/dx = -2.0\n", r.out());
        CliRun negative = CliRun.of("grad", "--at", "x=-1", "-x^2");
        assertEquals("f = -1.0\ndf/dx = 2.0\n", negative.out());
        CliRun equals = CliRun.of("grad", "-x^2", "--at=x=-1", "--json");
        assertEquals(2.0, equals.json().get("gradient").get("x").asDouble(), 0.0);
    }

    @Test
    void expressionsThatStartLikeAShortOptionAreExpressions() {
        // -h and -V are options only when written alone; -h*x is minus h times x
        CliRun h = CliRun.of("grad", "-h*x", "--at", "h=2,x=3");
        assertEquals(0, h.exit(), h.err());
        assertEquals("f = -6.0\ndf/dh = -3.0\ndf/dx = -2.0\n", h.out());
        CliRun v = CliRun.of("graph", "-V*2");
        assertEquals(0, v.exit(), v.err());
        assertEquals(true, v.out().startsWith("graph (V) -> (f)\n  %0 = input V\n"), v.out());
    }

    @Test
    void negativeNumberIsAConstantExpression() {
        CliRun r = CliRun.of("grad", "-1.5", "--json");
        assertEquals(0, r.exit(), r.err());
        assertEquals(-1.5, r.json().get("value").asDouble(), 0.0);
        assertEquals(0, r.json().get("gradient").size());
    }

    @Test
    void misspeltLongOptionIsStillAnUnknownOption() {
        CliRun r = CliRun.of("grad", "-x", "--jsno");
        assertEquals(2, r.exit());
        assertEquals("error: Unknown option: '--jsno' (did you mean '--json'?) (see 'leibniz grad --help')\n", r.err());
    }

    @Test
    void helpAloneIsStillHelp() {
        CliRun r = CliRun.of("grad", "-h");
        assertEquals(0, r.exit());
        assertEquals(true, r.out().startsWith("Usage: leibniz grad"), r.out());
    }

    @Test
    void outOfRangeValueOfAtIsBadInputNamingTheRange() {
        CliRun r = CliRun.of("grad", "x", "--at", "x=1e999");
        assertEquals(2, r.exit());
        assertEquals("error: --at: value of 'x': number out of range: 1e999 (the largest double is about 1.8e308)\n",
                r.err());
        CliRun neg = CliRun.of("grad", "x", "--at", "x=-1e999");
        assertEquals(2, neg.exit());
    }
}
