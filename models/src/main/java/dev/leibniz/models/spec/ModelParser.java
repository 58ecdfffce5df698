package dev.leibniz.models.spec;

import dev.leibniz.core.expr.FunctionTable;
import dev.leibniz.core.expr.Syntax;
import dev.leibniz.models.spec.ModelNames.Kind;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads a model file into a checked {@link ModelSpec}. One statement a line:
 *
 * <pre>
 * # comment (also after a statement)
 * const NAME = EXPR                  # fixed value; may use consts and params
 * param NAME = NUMBER [in [LO, HI]]  # tunable parameter, initial guess, optional bounds
 * state NAME = EXPR                  # a state variable and its initial value (may use consts, params)
 * der(NAME) = EXPR                   # its time derivative; exactly one per state
 * output NAME = EXPR                 # an observable computed from t, states, params, consts, outputs
 * t0 = NUMBER                        # optional: when the initial values hold (default 0)
 * time COLUMN                        # optional: which data column is the time (default: t, time or year)
 * input NAME[, NAME…]                # a predictor: a data column the outputs are functions of
 * input NAME(t) = EXPR[, EXPR from T]… # a piecewise input function of time (ODE models)
 * when COMPARISON: STATE = EXPR, …    # a zero crossing that resets states ('stop': a terminal event)
 * at t = T[, T…]: STATE = EXPR, …     # time events (doses)
 * solve KEY = VALUE, …                # solver settings
 * </pre>
 *
 * <p>Event and input-function lines are read by {@link EventParser}; a model with them solves as
 * {@link ModelSpec#hybridProblem()}.
 *
 * <p>A model with {@code state} lines is an ODE model; one without is <em>algebraic</em>: its outputs
 * are functions of its inputs, params and consts only (no {@code t}, no {@code der}), evaluated row
 * by row of the data. Inputs belong to algebraic models: an ODE model refuses them (its independent
 * variable is {@code t}), and an algebraic model has no time column.
 *
 * Each EXPR is an expression of Leibniz's one expression language — ad-core's grammar and
 * function table ({@link dev.leibniz.core.expr.ExpressionParser}, {@link FunctionTable}), the same
 * as {@code leibniz grad} reads (docs/expressions.md) — up to the end of the line or a {@code #}.
 *
 * <p>Lines may come in any order; consts and outputs may refer to each other as long as the
 * definitions are not circular. Every error is a {@link ModelFileException} naming file, line,
 * column and what was expected. Checks, in this order: syntax and duplicates (line by line),
 * names (each expression against what its kind of line may use), function calls (known
 * function, right number of arguments), one {@code der} per state and none for anything else,
 * cycles among consts and among outputs, at least one state or (for an algebraic model) output.
 */
public final class ModelParser {
    private final String file;
    private final ModelNames names;
    private final List<Definition> consts = new ArrayList<>();
    private final List<Parameter> params = new ArrayList<>();
    private final List<Definition> states = new ArrayList<>();
    private final List<Definition> ders = new ArrayList<>();
    private final List<Definition> outputs = new ArrayList<>();
    private final List<Input> inputs = new ArrayList<>();
    private final List<EventSpec> events = new ArrayList<>();
    private final List<InputFunction> functions = new ArrayList<>();
    private Double t0;
    private int t0Line;
    private String timeColumn;
    private Position timeAt;
    private SolveSettings solve = SolveSettings.NONE;
    private int solveLine;

    private ModelParser(String file) {
        this.file = file;
        this.names = new ModelNames(file);
    }

    /** Parses a model file from disk; the file name in errors is the path's file name. */
    public static ModelSpec parse(Path path) {
        String text;
        try {
            text = Files.readString(path, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new ModelFileException(path.toString(), 1, 1, "cannot read the model file: "
                    + dev.leibniz.models.IoMessages.why(path, e));
        }
        return parse(path.getFileName().toString(), text);
    }

    /** Parses the text of a model file; {@code fileName} is used in error messages. */
    public static ModelSpec parse(String fileName, String text) {
        ModelParser p = new ModelParser(fileName);
        String[] lines = text.split("\r\n|\r|\n", -1);
        for (int i = 0; i < lines.length; i++) {
            p.statement(i + 1, lines[i]);
        }
        return p.check();
    }

    /**
     * One line of a model file: blank, or a statement chosen by its first word (and, for
     * {@code at}, {@code input} and {@code time}, the words after it). Each statement kind is
     * parsed by its own method below.
     */
    private void statement(int lineNo, String text) {
        LineParser lp = new LineParser(file, lineNo, text);
        if (lp.atEnd()) {
            return;
        }
        Token head = lp.peek();
        if (head.isName("const") || head.isName("state") || head.isName("output")) {
            definition(lp, head);
        } else if (head.isName("param")) {
            parameter(lp);
        } else if (head.isName("der")) {
            derivative(lp);
        } else if (head.isName("t0")) {
            initialTime(lp, head, lineNo);
        } else if (head.isName("when")) {
            lp.next();
            events.add(EventParser.when(lp, head));
        } else if (head.isName("at") && lp.peekAhead(1).isName("t")) {
            lp.next();
            events.add(EventParser.at(lp, head));
        } else if (head.isName("input") && lp.peekAhead(1).kind() == Token.Kind.NAME && lp.peekAhead(2).is("(")) {
            lp.next();
            Token name = lp.next();
            InputFunction f = EventParser.inputFunction(lp, name);
            names.define(lp, name, Kind.FUNCTION);
            functions.add(f);
        } else if (head.isName("input")) {
            inputNames(lp);
        } else if (head.isName("time") && lp.peekAhead(1).kind() == Token.Kind.NAME) {
            timeColumn(lp, head);
        } else if (head.isName("solve")) {
            lp.next();
            if (solveLine > 0) {
                throw lp.error(head, "duplicate 'solve' line; first at line " + solveLine);
            }
            solve = SolveSettings.parse(lp);
            solveLine = lineNo;
        } else {
            throw lp.error(head, "expected a statement: const, param, state, der(NAME), output, input, when, at,"
                    + " time, solve or t0; found " + head.describe());
        }
    }

    /** {@code const NAME = EXPR}, {@code state NAME = EXPR} (its initial value) or {@code output NAME = EXPR}. */
    private void definition(LineParser lp, Token head) {
        lp.next();
        Kind kind = head.text().equals("const") ? Kind.CONST : head.text().equals("state") ? Kind.STATE : Kind.OUTPUT;
        Token name = lp.expectName("a name after '" + head.text() + "'");
        lp.expect("=", "after '" + head.text() + " " + name.text() + "'");
        Syntax e = lp.expression();
        lp.expectEnd("the expression");
        Definition d = new Definition(name.text(), e, lp.position(name));
        names.define(lp, name, kind);
        (kind == Kind.CONST ? consts : kind == Kind.STATE ? states : outputs).add(d);
    }

    /**
     * {@code param NAME = NUMBER [in [LO, HI]]}: the initial guess is a plain number (expressions
     * belong in a const) and must lie strictly inside non-empty bounds.
     */
    private void parameter(LineParser lp) {
        lp.next();
        Token name = lp.expectName("a name after 'param'");
        lp.expect("=", "after 'param " + name.text() + "'");
        Token valueAt = lp.peek();
        double initial = lp.expectNumber("a number (the initial guess of '" + name.text()
                + "'; use a const for an expression)", false);
        double lo = Double.NEGATIVE_INFINITY;
        double hi = Double.POSITIVE_INFINITY;
        if (lp.peek().isName("in")) {
            lp.next();
            Token open = lp.expect("[", "after 'in'");
            lo = lp.expectNumber("a number (the lower bound)", true);
            lp.expect(",", "between the bounds");
            hi = lp.expectNumber("a number (the upper bound)", true);
            lp.expect("]", "after the bounds");
            if (!(lo < hi)) {
                throw lp.error(open, "the bounds [" + fmt(lo) + ", " + fmt(hi) + "] of '" + name.text()
                        + "' are empty; expected LO < HI");
            }
            if (!(initial > lo && initial < hi)) {
                throw lp.error(valueAt, "the initial guess " + fmt(initial) + " of '" + name.text()
                        + "' is not strictly inside its bounds [" + fmt(lo) + ", " + fmt(hi) + "]");
            }
        } else if (!lp.atEnd()) {
            throw lp.error(lp.peek(), "unexpected " + lp.peek().describe() + " after the initial guess; "
                    + "expected 'in [LO, HI]' or end of line (an initial guess is a plain number; "
                    + "compute other values in a const)");
        }
        lp.expectEnd("the bounds");
        names.define(lp, name, Kind.PARAM);
        params.add(new Parameter(name.text(), initial, lo, hi, lp.position(name)));
    }

    /** {@code der(NAME) = EXPR}, the right-hand side of state NAME: exactly one per state. */
    private void derivative(LineParser lp) {
        lp.next();
        lp.expect("(", "after 'der'");
        Token name = lp.expectName("a state name in der(…)");
        lp.expect(")", "after 'der(" + name.text() + "'");
        lp.expect("=", "after 'der(" + name.text() + ")'");
        Syntax e = lp.expression();
        lp.expectEnd("the expression");
        for (Definition d : ders) {
            if (d.name().equals(name.text())) {
                throw lp.error(name, "duplicate der(" + name.text() + "); first defined at line "
                        + d.position().line() + " (exactly one der per state)");
            }
        }
        ders.add(new Definition(name.text(), e, lp.position(name)));
    }

    /** {@code t0 = NUMBER}, the initial time, at most once. */
    private void initialTime(LineParser lp, Token head, int lineNo) {
        lp.next();
        lp.expect("=", "after 't0'");
        double v = lp.expectNumber("a number (the initial time)", false);
        lp.expectEnd("the initial time");
        if (t0 != null) {
            throw lp.error(head, "duplicate definition of 't0'; first defined at line " + t0Line);
        }
        t0 = v;
        t0Line = lineNo;
    }

    /** {@code input NAME, NAME, …}: data columns the model reads as functions of time. */
    private void inputNames(LineParser lp) {
        lp.next();
        while (true) {
            Token name = lp.expectName("an input name (a data column) after 'input'");
            names.define(lp, name, Kind.INPUT);
            inputs.add(new Input(name.text(), lp.position(name)));
            if (!lp.peek().is(",")) {
                break;
            }
            lp.next();
        }
        lp.expectEnd("the input names");
    }

    /** {@code time NAME}: the data column holding time, at most once. */
    private void timeColumn(LineParser lp, Token head) {
        lp.next();
        Token name = lp.next();
        lp.expectEnd("the time column's name");
        if (timeColumn != null) {
            throw lp.error(head, "duplicate 'time' line; the time column is already '" + timeColumn
                    + "' (line " + timeAt.line() + ")");
        }
        timeColumn = name.text();
        timeAt = lp.position(name);
    }

    private ModelSpec check() {
        for (Definition c : consts) {
            checkNames(c, false, "a const may use only consts and params (it is fixed in time)");
        }
        for (Definition s : states) {
            checkNames(s, false, "an initial value may use only consts and params");
        }
        List<Definition> derInStateOrder = new ArrayList<>();
        for (Definition d : ders) {
            Kind k = names.kindOf(d.name());
            if (k != Kind.STATE) {
                String why = k == null ? "'" + d.name() + "' is not defined" + Names.suggestion(d.name(), stateNames())
                        : "'" + d.name() + "' is " + k.withArticle() + ", not a state";
                throw error(d.position(), "der(" + d.name() + ") has no state: " + why + " (states: "
                        + String.join(", ", stateNames()) + ")");
            }
            checkNames(d, true, null);
        }
        for (Definition o : outputs) {
            checkNames(o, true, null);
        }
        for (Definition s : states) {
            Definition der = ders.stream().filter(d -> d.name().equals(s.name())).findFirst().orElse(null);
            if (der == null) {
                throw error(s.position(), "state '" + s.name() + "' has no equation; expected a line 'der("
                        + s.name() + ") = …'");
            }
            derInStateOrder.add(der);
        }
        if (states.isEmpty() && outputs.isEmpty()) {
            throw new ModelFileException(file, 1, 1, "the model defines neither outputs nor states; expected "
                    + "'output NAME = EXPR' lines (an algebraic model of its inputs) or 'state NAME = EXPR' lines "
                    + "with their 'der(NAME) = EXPR' (an ODE model)");
        }
        if (!states.isEmpty() && !inputs.isEmpty()) {
            Input first = inputs.get(0);
            throw error(first.position(), "'input " + first.name() + "' in a model with states: inputs are the "
                    + "predictors of an algebraic model (no state lines); an ODE model's independent variable is t (a"
                    + " forcing that switches in time is an input function: 'input " + first.name() + "(t) = A, B from T')");
        }
        if (states.isEmpty() && timeColumn != null) {
            throw error(timeAt, "a model without states has no time: its data rows are cases, its predictors are "
                    + "'input' columns");
        }
        checkEvents();
        // the order matters only for finding cycles: expressions are compiled on first use
        DependencyOrder.sort(file, consts, "const");
        DependencyOrder.sort(file, outputs, "output");
        return new ModelSpec(file, t0 == null ? 0.0 : t0, consts, params, states, derInStateOrder, outputs, inputs,
                timeColumn).withSolve(solve).withEvents(events, functions);
    }

    private List<String> stateNames() {
        return states.stream().map(Definition::name).toList();
    }

    /** {@link ModelNames#check} with whether the model has states (it has no t without). */
    private void checkNames(Definition d, boolean timeDependent, String rule) {
        names.check(d, timeDependent, rule, !states.isEmpty());
    }

    /**
     * Events and input functions: only in a model with states; an input function's pieces use t,
     * consts and params; a condition and a reset use anything a derivative may; a reset sets
     * states; time events lie at or after t0.
     */
    private void checkEvents() {
        if (states.isEmpty() && !(events.isEmpty() && functions.isEmpty())) {
            Position p = !events.isEmpty() ? events.get(0).position() : functions.get(0).position();
            throw error(p, "events and input functions of t need a model with states (an ODE model)");
        }
        for (InputFunction f : functions) {
            for (Syntax piece : f.pieces()) {
                Syntax.forEachName(piece, n -> {
                    Kind k = names.kindOf(n.name());
                    if (k == Kind.STATE || k == Kind.OUTPUT || k == Kind.FUNCTION) {
                        throw error(f.position().line(), n.column(), "'" + n.name() + "' is " + k.withArticle()
                                + " and cannot be used in an input function: its pieces are expressions of t, consts"
                                + " and params");
                    }
                });
                checkNames(new Definition(f.name(), piece, f.position()), true, null);
            }
        }
        double start = t0 == null ? 0.0 : t0;
        for (EventSpec e : events) {
            if (e.condition() != null) {
                checkNames(new Definition("when", e.condition(), e.position()), true, null);
            }
            if (e.times() != null && e.times()[0] < start) {
                throw error(e.position(), "the event time " + EventParser.fmt(e.times()[0]) + " is before the start"
                        + " time t0 = " + EventParser.fmt(start));
            }
            for (Definition r : e.resets()) {
                Kind k = names.kindOf(r.name());
                if (k != Kind.STATE) {
                    String why = k == null ? "'" + r.name() + "' is not defined" + Names.suggestion(r.name(), stateNames())
                            : "'" + r.name() + "' is " + k.withArticle() + ", not a state";
                    throw error(r.position(), "a reset sets a state: " + why + " (states: "
                            + String.join(", ", stateNames()) + ")");
                }
                checkNames(r, true, null);
            }
        }
    }

    private ModelFileException error(Position p, String message) {
        return new ModelFileException(file, p.line(), p.column(), message);
    }

    private ModelFileException error(int line, int column, String message) {
        return new ModelFileException(file, line, column, message);
    }

    private static String fmt(double v) {
        if (Double.isInfinite(v)) {
            return v > 0 ? "inf" : "-inf";
        }
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : Double.toString(v);
    }
}
