package dev.leibniz.sbml;

import dev.leibniz.core.GraphBuilder;
import dev.leibniz.core.Var;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.sbml.jsbml.ASTNode;

/**
 * Turns SBML MathML (JSBML's {@link ASTNode}) into ad-core graph variables, so a kinetic law or
 * rule becomes part of the traced right-hand-side graph and gets exact derivatives from the rule
 * table like any other code. Names are looked up through a resolver (states, parameters,
 * assignment rules, local parameters, the bound variables of a function definition), time is
 * the graph's {@code t}.
 *
 * <p>Covered: numbers and the constants e, π, true, false, Avogadro; + − × ÷, power, root, exp,
 * ln, log (any base), abs, the trigonometric and hyperbolic functions and their inverses
 * (including sec, csc, cot), min, max, relational operators, and, or, xor, not, {@code piecewise}
 * (as nested {@code select}, so both branches stay in the graph and the branch not taken gets an
 * exact zero derivative) and calls of function definitions (inlined). Refused with the id of the
 * element whose math uses them: {@code delay}, {@code rateOf}, floor, ceiling, factorial,
 * quotient, rem and unknown csymbols — the first two need a history the ODE layer does not keep,
 * the others have no useful derivative.
 */
final class MathTranslator {
    private final GraphBuilder b;
    private final Var time;
    private final Map<String, ASTNode> functions;
    private final String element;

    /**
     * @param b         the builder being traced
     * @param time      the time variable (a constant when translating initial values)
     * @param functions the model's function definitions by id (lambda nodes)
     * @param element   the SBML element whose math this is, for error messages
     */
    MathTranslator(GraphBuilder b, Var time, Map<String, ASTNode> functions, String element) {
        this.b = b;
        this.time = time;
        this.functions = functions;
        this.element = element;
    }

    /**
     * The graph variable for one MathML node: dispatches on the node's kind to the translation of
     * its family (leaves, arithmetic, elementary functions, min/max, piecewise, relations, logic,
     * function calls). Children are translated left to right, so the graph's nodes come in the
     * order the MathML reads.
     *
     * @param n     the MathML node (null when the element has no math: an error naming it)
     * @param names the resolver of identifiers to variables (null result: undefined name)
     */
    Var translate(ASTNode n, Function<String, Var> names) {
        if (n == null) {
            throw new SbmlException(element + ": has no math");
        }
        ASTNode.Type type = n.getType();
        switch (type) {
            case INTEGER, REAL, REAL_E, RATIONAL, CONSTANT_E, CONSTANT_PI, CONSTANT_TRUE, CONSTANT_FALSE,
                    NAME_AVOGADRO, NAME_TIME, NAME:
                return leaf(n, names);
            case PLUS, TIMES, MINUS, DIVIDE, POWER, FUNCTION_POWER, FUNCTION_ROOT:
                return arithmetic(n, names);
            case FUNCTION_EXP, FUNCTION_LN, FUNCTION_LOG, FUNCTION_ABS, FUNCTION_SIN, FUNCTION_COS, FUNCTION_TAN,
                    FUNCTION_SEC, FUNCTION_CSC, FUNCTION_COT, FUNCTION_SINH, FUNCTION_COSH, FUNCTION_TANH,
                    FUNCTION_ARCSIN, FUNCTION_ARCCOS, FUNCTION_ARCTAN, FUNCTION_ARCSINH, FUNCTION_ARCCOSH,
                    FUNCTION_ARCTANH:
                return elementary(n, names);
            case FUNCTION_MAX, FUNCTION_MIN:
                return extremum(n, names);
            case FUNCTION_PIECEWISE:
                return piecewise(n, names);
            case RELATIONAL_LT, RELATIONAL_LEQ, RELATIONAL_GT, RELATIONAL_GEQ, RELATIONAL_EQ, RELATIONAL_NEQ:
                return relational(n, names);
            case LOGICAL_AND, LOGICAL_OR, LOGICAL_XOR, LOGICAL_NOT:
                return logical(n, names);
            case FUNCTION:
                return call(n, names);
            default:
                throw new SbmlException(element + ": the MathML '" + describe(n) + "' is not supported"
                        + (type == ASTNode.Type.FUNCTION_DELAY ? " (delay equations need the state's history)" : ""));
        }
    }

    /**
     * Numbers, the constants e, π, true (1), false (0) and Avogadro's number (the value SBML L3
     * fixes, 6.02214179e23), time, and names looked up through the resolver.
     */
    private Var leaf(ASTNode n, Function<String, Var> names) {
        switch (n.getType()) {
            case INTEGER:
                return b.constant(n.getInteger());
            case REAL:
            case REAL_E:
            case RATIONAL:
                return b.constant(n.getReal());
            case CONSTANT_E:
                return b.constant(Math.E);
            case CONSTANT_PI:
                return b.constant(Math.PI);
            case CONSTANT_TRUE:
                return b.constant(1);
            case CONSTANT_FALSE:
                return b.constant(0);
            case NAME_AVOGADRO:
                return b.constant(6.02214179e23);
            case NAME_TIME:
                return time;
            default: {  // NAME
                Var v = names.apply(n.getName());
                if (v == null) {
                    throw new SbmlException(element + ": the math uses '" + n.getName() + "', which is not defined in"
                            + " the model");
                }
                return v;
            }
        }
    }

    /**
     * n-ary sum (0 when empty) and product (1 when empty), unary and binary minus, division,
     * power and root, folded left to right: a + b + c is (a + b) + c.
     */
    private Var arithmetic(ASTNode n, Function<String, Var> names) {
        switch (n.getType()) {
            case PLUS: {
                if (n.getChildCount() == 0) {
                    return b.constant(0);
                }
                Var s = translate(n.getChild(0), names);
                for (int i = 1; i < n.getChildCount(); i++) {
                    s = s.add(translate(n.getChild(i), names));
                }
                return s;
            }
            case TIMES: {
                if (n.getChildCount() == 0) {
                    return b.constant(1);
                }
                Var s = translate(n.getChild(0), names);
                for (int i = 1; i < n.getChildCount(); i++) {
                    s = s.mul(translate(n.getChild(i), names));
                }
                return s;
            }
            case MINUS:
                if (n.getChildCount() == 1) {
                    return translate(n.getChild(0), names).neg();
                }
                return translate(n.getChild(0), names).sub(translate(n.getChild(1), names));
            case DIVIDE:
                return translate(n.getChild(0), names).div(translate(n.getChild(1), names));
            case POWER:
            case FUNCTION_POWER:
                return power(translate(n.getChild(0), names), n.getChild(1), names);
            default:  // FUNCTION_ROOT: the square root, or <degree> d then x
                if (n.getChildCount() == 1) {
                    return translate(n.getChild(0), names).sqrt();
                }
                return root(n.getChild(0), translate(n.getChild(1), names), names);
        }
    }

    /**
     * The one-argument functions: exp, ln, log₁₀ (or log_b x = ln x / ln b with a
     * {@code <logbase>}), abs, the trigonometric and hyperbolic functions and their inverses;
     * sec, csc and cot as 1/cos, 1/sin and 1/tan, so their derivatives come from the rule table.
     */
    private Var elementary(ASTNode n, Function<String, Var> names) {
        switch (n.getType()) {
            case FUNCTION_EXP:
                return arg(n, names).exp();
            case FUNCTION_LN:
                return arg(n, names).log();
            case FUNCTION_LOG:
                if (n.getChildCount() == 1) {
                    return arg(n, names).log10();
                }
                // log with a <logbase>: children are the base and the argument
                return translate(n.getChild(1), names).log().div(translate(n.getChild(0), names).log());
            case FUNCTION_ABS:
                return arg(n, names).abs();
            case FUNCTION_SIN:
                return arg(n, names).sin();
            case FUNCTION_COS:
                return arg(n, names).cos();
            case FUNCTION_TAN:
                return arg(n, names).tan();
            case FUNCTION_SEC:
                return b.constant(1).div(arg(n, names).cos());
            case FUNCTION_CSC:
                return b.constant(1).div(arg(n, names).sin());
            case FUNCTION_COT:
                return b.constant(1).div(arg(n, names).tan());
            case FUNCTION_SINH:
                return arg(n, names).sinh();
            case FUNCTION_COSH:
                return arg(n, names).cosh();
            case FUNCTION_TANH:
                return arg(n, names).tanh();
            case FUNCTION_ARCSIN:
                return arg(n, names).asin();
            case FUNCTION_ARCCOS:
                return arg(n, names).acos();
            case FUNCTION_ARCTAN:
                return arg(n, names).atan();
            case FUNCTION_ARCSINH:
                return arg(n, names).asinh();
            case FUNCTION_ARCCOSH:
                return arg(n, names).acosh();
            default:  // FUNCTION_ARCTANH
                return arg(n, names).atanh();
        }
    }

    /** n-ary max or min, folded left to right. */
    private Var extremum(ASTNode n, Function<String, Var> names) {
        boolean max = n.getType() == ASTNode.Type.FUNCTION_MAX;
        Var s = translate(n.getChild(0), names);
        for (int i = 1; i < n.getChildCount(); i++) {
            Var x = translate(n.getChild(i), names);
            s = max ? s.max(x) : s.min(x);
        }
        return s;
    }

    /**
     * and, or, xor, not over truth values t = [x ≠ 0] (see {@link #truth}): and = ∏ tᵢ,
     * or = max tᵢ, xor folds s ← s + t − 2st, not = 1 − t. Written with arithmetic on 0/1 so the
     * result stays a number the graph can hold; its derivative is zero almost everywhere.
     */
    private Var logical(ASTNode n, Function<String, Var> names) {
        switch (n.getType()) {
            case LOGICAL_AND: {
                Var s = b.constant(1);
                for (ASTNode c : n.getChildren()) {
                    s = s.mul(truth(translate(c, names)));
                }
                return s;
            }
            case LOGICAL_OR: {
                Var s = b.constant(0);
                for (ASTNode c : n.getChildren()) {
                    s = s.max(truth(translate(c, names)));
                }
                return s;
            }
            case LOGICAL_XOR: {
                Var s = b.constant(0);
                for (ASTNode c : n.getChildren()) {
                    Var x = truth(translate(c, names));
                    s = s.add(x).sub(s.mul(x).mul(2));
                }
                return s;
            }
            default:  // LOGICAL_NOT
                return b.constant(1).sub(truth(arg(n, names)));
        }
    }

    private Var arg(ASTNode n, Function<String, Var> names) {
        if (n.getChildCount() != 1) {
            throw new SbmlException(element + ": '" + describe(n) + "' needs one argument, got " + n.getChildCount());
        }
        return translate(n.getChild(0), names);
    }

    /** A constant integer or real exponent keeps x^k defined (and differentiable) for x ≤ 0. */
    private Var power(Var base, ASTNode exponent, Function<String, Var> names) {
        if (exponent.getType() == ASTNode.Type.INTEGER) {
            return base.pow(exponent.getInteger());
        }
        if (exponent.isNumber()) {
            double e = exponent.getReal();
            return e == Math.rint(e) && Math.abs(e) < 1 << 20 ? base.pow((int) e) : base.pow(e);
        }
        return base.pow(translate(exponent, names));
    }

    private Var root(ASTNode degree, Var x, Function<String, Var> names) {
        if (degree.isNumber()) {
            double d = degree.getType() == ASTNode.Type.INTEGER ? degree.getInteger() : degree.getReal();
            return d == 2 ? x.sqrt() : d == 3 ? x.cbrt() : x.pow(1.0 / d);
        }
        return x.pow(b.constant(1).div(translate(degree, names)));
    }

    /** piecewise(v₁, c₁, v₂, c₂, …, otherwise) as nested selects, first true condition wins. */
    private Var piecewise(ASTNode n, Function<String, Var> names) {
        int k = n.getChildCount();
        boolean otherwise = k % 2 == 1;
        Var result = otherwise ? translate(n.getChild(k - 1), names) : null;
        for (int i = (otherwise ? k - 1 : k) - 2; i >= 0; i -= 2) {
            Var value = translate(n.getChild(i), names);
            if (result == null) {
                // no <otherwise>: SBML leaves the value undefined there; the last piece's value is used
                result = value;
                continue;
            }
            result = Var.select(translate(n.getChild(i + 1), names), value, result);
        }
        if (result == null) {
            throw new SbmlException(element + ": a piecewise without pieces");
        }
        return result;
    }

    private Var relational(ASTNode n, Function<String, Var> names) {
        List<ASTNode> c = n.getChildren();
        Var s = null;
        for (int i = 0; i + 1 < c.size(); i++) {
            Var x = translate(c.get(i), names);
            Var y = translate(c.get(i + 1), names);
            Var r = switch (n.getType()) {
                case RELATIONAL_LT -> x.lt(y);
                case RELATIONAL_LEQ -> x.le(y);
                case RELATIONAL_GT -> x.gt(y);
                case RELATIONAL_GEQ -> x.ge(y);
                case RELATIONAL_EQ -> x.eq(y);
                default -> b.constant(1).sub(x.eq(y));
            };
            s = s == null ? r : s.mul(r);
        }
        if (s == null) {
            throw new SbmlException(element + ": '" + describe(n) + "' needs two arguments");
        }
        return s;
    }

    /** 1 where x ≠ 0, else 0 (a logical operand may be any number). */
    private Var truth(Var x) {
        return Var.select(x, b.constant(1), b.constant(0));
    }

    /** A function definition, inlined: its body with its bound variables bound to the arguments. */
    private Var call(ASTNode n, Function<String, Var> names) {
        String id = n.getName();
        ASTNode lambda = functions.get(id);
        if (lambda == null) {
            throw new SbmlException(element + ": calls function '" + id + "', which is not a function definition of"
                    + " the model");
        }
        int arity = lambda.getChildCount() - 1;
        if (arity != n.getChildCount()) {
            throw new SbmlException(element + ": function '" + id + "' takes " + arity + " argument"
                    + (arity == 1 ? "" : "s") + ", got " + n.getChildCount());
        }
        Map<String, Var> bound = new HashMap<>();
        for (int i = 0; i < arity; i++) {
            bound.put(lambda.getChild(i).getName(), translate(n.getChild(i), names));
        }
        MathTranslator inner = new MathTranslator(b, time, functions, element + " (in function '" + id + "')");
        return inner.translate(lambda.getChild(arity), bound::get);
    }

    private static String describe(ASTNode n) {
        String name = n.getName();
        return name != null ? name : n.getType().name().toLowerCase(java.util.Locale.ROOT);
    }
}
