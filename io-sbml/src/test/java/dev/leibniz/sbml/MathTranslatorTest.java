package dev.leibniz.sbml;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.leibniz.core.Gradient;
import dev.leibniz.core.GraphBuilder;
import dev.leibniz.core.Var;
import java.util.Map;
import java.util.function.DoubleUnaryOperator;
import org.hipparchus.util.FastMath;
import org.junit.jupiter.api.Test;
import org.sbml.jsbml.ASTNode;

/**
 * Every MathML function the translator covers, one node at a time: the value against Java's
 * {@link Math} or Hipparchus' {@link FastMath} (the closed form), the derivative against a
 * central difference of that closed form, so neither oracle is the code under test.
 */
class MathTranslatorTest {
    private static final double X = 0.3;   // inside every domain below (arccosh shifts it)

    /** f(x) for the MathML node {@code type} applied to the name x, and df/dx, at {@code x}. */
    private static Gradient apply(ASTNode node, double x) {
        GraphBuilder b = GraphBuilder.tracing();
        Var in = b.input("x");
        Var t = b.constant(0);
        Var out = new MathTranslator(b, t, Map.of(), "reaction 'r'").translate(node, name -> in);
        return b.build("f", out).compile().gradient(x);
    }

    private static ASTNode unary(ASTNode.Type type) {
        ASTNode n = new ASTNode(type);
        n.addChild(new ASTNode("x"));
        return n;
    }

    private static void check(ASTNode node, DoubleUnaryOperator f, double x) {
        Gradient g = apply(node, x);
        double h = 1e-6;
        double fd = (f.applyAsDouble(x + h) - f.applyAsDouble(x - h)) / (2 * h);
        assertEquals(f.applyAsDouble(x), g.value(), 1e-14 * Math.max(1, Math.abs(g.value())), node.toString());
        assertEquals(fd, g.get("x"), 1e-8 * Math.max(1, Math.abs(fd)), node.toString());
    }

    @Test
    void everyOneArgumentFunctionMatchesItsClosedFormAndCentralDifferences() {
        Map<ASTNode.Type, DoubleUnaryOperator> oracle = Map.ofEntries(
                Map.entry(ASTNode.Type.FUNCTION_EXP, Math::exp),
                Map.entry(ASTNode.Type.FUNCTION_LN, Math::log),
                Map.entry(ASTNode.Type.FUNCTION_LOG, Math::log10),
                Map.entry(ASTNode.Type.FUNCTION_ABS, Math::abs),
                Map.entry(ASTNode.Type.FUNCTION_SIN, Math::sin),
                Map.entry(ASTNode.Type.FUNCTION_COS, Math::cos),
                Map.entry(ASTNode.Type.FUNCTION_TAN, Math::tan),
                Map.entry(ASTNode.Type.FUNCTION_SEC, x -> 1 / Math.cos(x)),
                Map.entry(ASTNode.Type.FUNCTION_CSC, x -> 1 / Math.sin(x)),
                Map.entry(ASTNode.Type.FUNCTION_COT, x -> 1 / Math.tan(x)),
                Map.entry(ASTNode.Type.FUNCTION_SINH, Math::sinh),
                Map.entry(ASTNode.Type.FUNCTION_COSH, Math::cosh),
                Map.entry(ASTNode.Type.FUNCTION_TANH, Math::tanh),
                Map.entry(ASTNode.Type.FUNCTION_ARCSIN, Math::asin),
                Map.entry(ASTNode.Type.FUNCTION_ARCCOS, Math::acos),
                Map.entry(ASTNode.Type.FUNCTION_ARCTAN, Math::atan),
                Map.entry(ASTNode.Type.FUNCTION_ARCSINH, FastMath::asinh),
                Map.entry(ASTNode.Type.FUNCTION_ARCTANH, FastMath::atanh));
        oracle.forEach((type, f) -> check(unary(type), f, X));
        check(unary(ASTNode.Type.FUNCTION_ARCCOSH), FastMath::acosh, 1 + X);
    }

    @Test
    void logWithABaseRootsAndPowersMatchTheirClosedForms() {
        ASTNode log2 = new ASTNode(ASTNode.Type.FUNCTION_LOG);       // <logbase> 2, then x
        log2.addChild(new ASTNode(2));
        log2.addChild(new ASTNode("x"));
        check(log2, x -> Math.log(x) / Math.log(2), X);

        ASTNode cubeRoot = new ASTNode(ASTNode.Type.FUNCTION_ROOT);  // <degree> 3, then x
        cubeRoot.addChild(new ASTNode(3));
        cubeRoot.addChild(new ASTNode("x"));
        check(cubeRoot, Math::cbrt, X);
        check(unary(ASTNode.Type.FUNCTION_ROOT), Math::sqrt, X);

        ASTNode realPower = new ASTNode(ASTNode.Type.POWER);         // x^2.5
        realPower.addChild(new ASTNode("x"));
        realPower.addChild(new ASTNode(2.5));
        check(realPower, x -> Math.pow(x, 2.5), X);

        ASTNode selfPower = new ASTNode(ASTNode.Type.POWER);         // x^x = exp(x ln x)
        selfPower.addChild(new ASTNode("x"));
        selfPower.addChild(new ASTNode("x"));
        check(selfPower, x -> Math.pow(x, x), X);
    }

    @Test
    void minMaxAndTheNaryArithmeticFoldLeftToRight() {
        ASTNode max = new ASTNode(ASTNode.Type.FUNCTION_MAX);        // max(x, 0.5, 2x) at 0.3 is 0.6
        max.addChild(new ASTNode("x"));
        max.addChild(new ASTNode(0.5));
        ASTNode twoX = new ASTNode(ASTNode.Type.TIMES);
        twoX.addChild(new ASTNode(2));
        twoX.addChild(new ASTNode("x"));
        max.addChild(twoX);
        check(max, x -> Math.max(Math.max(x, 0.5), 2 * x), X);

        ASTNode min = new ASTNode(ASTNode.Type.FUNCTION_MIN);        // min(x, 0.5) = x at 0.3
        min.addChild(new ASTNode("x"));
        min.addChild(new ASTNode(0.5));
        check(min, x -> Math.min(x, 0.5), X);

        check(new ASTNode(ASTNode.Type.PLUS), x -> 0, X);           // the empty sum and product
        check(new ASTNode(ASTNode.Type.TIMES), x -> 1, X);
        check(unary(ASTNode.Type.MINUS), x -> -x, X);
    }

    @Test
    void logicalOperatorsAreTruthTablesWithZeroDerivative() {
        // operands: x (true at 0.3) and 0 (false)
        double[] expected = {0, 1, 1, 0};   // and, or, xor, not(x)
        ASTNode.Type[] types = {ASTNode.Type.LOGICAL_AND, ASTNode.Type.LOGICAL_OR, ASTNode.Type.LOGICAL_XOR};
        for (int i = 0; i < types.length; i++) {
            ASTNode n = new ASTNode(types[i]);
            n.addChild(new ASTNode("x"));
            n.addChild(new ASTNode(0));
            Gradient g = apply(n, X);
            assertEquals(expected[i], g.value(), types[i].name());
            assertEquals(0.0, g.get("x"), types[i].name());
        }
        assertEquals(expected[3], apply(unary(ASTNode.Type.LOGICAL_NOT), X).value());
        ASTNode xorTrue = new ASTNode(ASTNode.Type.LOGICAL_XOR);    // true xor true is false
        xorTrue.addChild(new ASTNode("x"));
        xorTrue.addChild(new ASTNode(ASTNode.Type.CONSTANT_TRUE));
        assertEquals(0.0, apply(xorTrue, X).value());
    }

    @Test
    void chainedRelationsHoldOnlyWhenEveryPairHolds() {
        ASTNode lt = new ASTNode(ASTNode.Type.RELATIONAL_LT);        // 0 < x < 1
        lt.addChild(new ASTNode(0));
        lt.addChild(new ASTNode("x"));
        lt.addChild(new ASTNode(1));
        assertEquals(1.0, apply(lt, X).value());
        assertEquals(0.0, apply(lt, 1.5).value());
        ASTNode neq = new ASTNode(ASTNode.Type.RELATIONAL_NEQ);
        neq.addChild(new ASTNode("x"));
        neq.addChild(new ASTNode(0.3));
        assertEquals(0.0, apply(neq, X).value());
        assertEquals(1.0, apply(neq, 0.4).value());
    }

    @Test
    void aFunctionWithTheWrongNumberOfArgumentsIsNamedWithItsElement() {
        ASTNode sin = new ASTNode(ASTNode.Type.FUNCTION_SIN);
        sin.addChild(new ASTNode("x"));
        sin.addChild(new ASTNode("x"));
        SbmlException e = assertThrows(SbmlException.class, () -> apply(sin, X));
        assertTrue(e.getMessage().contains("reaction 'r'") && e.getMessage().contains("needs one argument, got 2"),
                e.getMessage());
        ASTNode floor = unary(ASTNode.Type.FUNCTION_FLOOR);
        e = assertThrows(SbmlException.class, () -> apply(floor, X));
        assertTrue(e.getMessage().contains("reaction 'r'") && e.getMessage().contains("is not supported"),
                e.getMessage());
    }
}
