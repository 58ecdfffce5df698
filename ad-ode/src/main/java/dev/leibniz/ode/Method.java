package dev.leibniz.ode;

import dev.leibniz.ode.internal.AutoSwitch;
import dev.leibniz.ode.internal.ExplicitRungeKutta;
import dev.leibniz.ode.internal.OdeSystem;
import dev.leibniz.ode.internal.Rosenbrock;
import dev.leibniz.ode.internal.Radau5;
import dev.leibniz.ode.internal.Rosenbrock23;
import dev.leibniz.ode.internal.Stepper;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/**
 * The integration methods of {@link Ode#solve}: a registry of strategies, each carrying what the
 * solver needs to know about it. An explicit Runge–Kutta method is its {@link ButcherTableau}
 * (stages, weights, embedded error weights, dense output), run by one engine; its order, whether
 * it is adaptive (it has an embedded pair) and whether it has dense output are read from the
 * table. A Rosenbrock method for stiff problems is its {@link RosenbrockTableau}, run by one
 * Rosenbrock stepper; Rosenbrock23 and the switching AUTO are steppers of their own. Nothing
 * else in the solver, the model layer or the command line switches on which method it is: they
 * ask the method ({@link #isAdaptive()}, {@link #isExplicit()}, {@link #forStiffProblems()},
 * {@link #tableau()}, …).
 *
 * <p>Adding an explicit method is one tableau constant in {@link ButcherTableau} and one line here
 * ({@code NAME("summary", ButcherTableau.NAME)}); the command line's {@code --method} accepts it by
 * its {@link #id()} at once. Trade-off of an enum as the registry: it is closed (a user cannot
 * register a method at run time), in exchange for constants usable in switches, annotations and
 * {@code EnumSource} tests, and for stable names.
 */
public enum Method {
    /** Explicit Euler, order 1, fixed step {@link SolverOptions#step()}. For teaching and tests. */
    EULER("explicit Euler, order 1, fixed step", ButcherTableau.EULER),
    /** The classic Runge–Kutta method, order 4, fixed step {@link SolverOptions#step()}. */
    RK4("classic Runge-Kutta, order 4, fixed step", ButcherTableau.RK4),
    /**
     * Bogacki–Shampine 3(2) with adaptive steps and 3rd-order dense output (MATLAB's ode23):
     * 3 evaluations of f per step, for loose tolerances.
     */
    BS3("Bogacki-Shampine 3(2), adaptive, for loose tolerances", ButcherTableau.BS3),
    /**
     * Dormand–Prince 5(4) with adaptive steps (PI control) and 4th-order dense output; the method
     * {@link #AUTO} (the default) runs while a problem is not stiff. Cost per step: 6 evaluations of f (7 stages, first same as last).
     */
    DOPRI5("Dormand-Prince 5(4), adaptive", ButcherTableau.DOPRI5),
    /**
     * Tsitouras 5(4) with adaptive steps and 4th-order dense output: the cost of {@link #DOPRI5}
     * with smaller error coefficients.
     */
    TSIT5("Tsitouras 5(4), adaptive", ButcherTableau.TSIT5),
    /**
     * Rosenbrock method of Shampine &amp; Reichelt (MATLAB's ode23s), order 2 with an order-3 error
     * estimate, L-stable, adaptive. Each step solves three linear systems with one LU factorization
     * of {@code I − hγJ}, J = ∂f/∂y; no Newton iteration is needed because the method is linearly
     * implicit. Choose it for stiff problems (widely separated time scales), where an explicit method
     * needs a step of the size of the fastest scale for stability alone.
     */
    ROSENBROCK("Rosenbrock 2(3) of Shampine-Reichelt, implicit, adaptive, for stiff problems",
            Rosenbrock23.ORDER, Rosenbrock23.ERROR_ORDER, true, Rosenbrock23::new),
    /**
     * Rodas5P of Steinebach (2023), {@link RosenbrockTableau#RODAS5P}: a stiffly accurate,
     * L-stable Rosenbrock method of order 5 with an order-4 error estimate and order-4 dense
     * output; 8 stages, one Jacobian and one LU per step. The method for stiff problems at
     * moderate to tight tolerances (1e-5 and below), where the order-2 {@link #ROSENBROCK} needs
     * orders of magnitude more steps.
     */
    RODAS5P("Rodas5P of Steinebach, order 5, implicit, adaptive, for stiff problems at tight tolerances",
            RosenbrockTableau.RODAS5P),
    /**
     * Hairer–Wanner's RODAS (order 4, embedded 3, stiffly accurate, L-stable, order-3 dense
     * output), {@link RosenbrockTableau#RODAS4}: 6 stages, one Jacobian and one LU per step.
     */
    RODAS4("Rodas4 of Hairer-Wanner, order 4, implicit, adaptive, for stiff problems", RosenbrockTableau.RODAS4),
    /**
     * Radau IIA of order 5, Hairer &amp; Wanner's RADAU5 ({@code Radau5}): 3-stage collocation,
     * stiffly accurate, L-stable, solved by simplified Newton with one real and one complex
     * (as real 2n×2n) dense LU, the Jacobian and LUs reused across steps while Newton converges
     * fast, Hairer–Wanner's error estimate with Gustafsson's predictive step-size controller and the
     * collocation polynomial as dense output. Forward sensitivities run through the same Newton
     * iteration, and the discrete adjoint through its converged collocation systems; the continuous
     * adjoint is not available for it ({@link #hasAdjoint()}).
     */
    RADAU5("Radau IIA order 5 (RADAU5 of Hairer-Wanner), implicit, adaptive, for stiff problems", 5, 3, true,
            Radau5::new),
    /**
     * The default ({@link SolverOptions#DEFAULT}). Automatic: Dormand–Prince 5(4) while the problem is not stiff, Rodas5P from the step where
     * DOPRI5's stiffness test (h|λ| &gt; 3.25 in 15 steps) finds the step size limited by
     * stability rather than accuracy (see {@code AutoSwitch}); {@link Statistics#stepsByMethod()}
     * reports how many steps each method took. On a non-stiff problem it takes exactly DOPRI5's
     * steps; a stiff one pays the explicit method's steps up to the switch.
     */
    AUTO("dopri5, switching to rodas5p when the problem turns stiff (the default)", 5, 4, true,
            sys -> new AutoSwitch(ButcherTableau.DOPRI5, "dopri5", RosenbrockTableau.RODAS5P, "rodas5p", sys));

    private final String summary;
    private final ButcherTableau tableau;
    private final int order;
    private final int errorOrder;
    private final boolean stiff;
    private final Function<OdeSystem, Stepper> stepper;

    /** An explicit Runge–Kutta method: everything comes from its table. */
    Method(String summary, ButcherTableau tableau) {
        this.summary = summary;
        this.tableau = tableau;
        this.order = tableau.order();
        this.errorOrder = tableau.hasErrorEstimate() ? tableau.errorOrder() : 0;
        this.stiff = false;
        this.stepper = sys -> new ExplicitRungeKutta(tableau, sys);
    }

    /** A Rosenbrock method: everything comes from its table, run by the one Rosenbrock stepper. */
    Method(String summary, RosenbrockTableau rosenbrock) {
        this(summary, rosenbrock.order(), rosenbrock.errorOrder(), true, sys -> new Rosenbrock(rosenbrock, sys));
    }

    /** A method that is not a Butcher tableau: its orders, whether it suits stiff problems, its stepper. */
    Method(String summary, int order, int errorOrder, boolean stiff, Function<OdeSystem, Stepper> stepper) {
        this.summary = summary;
        this.tableau = null;
        this.order = order;
        this.errorOrder = errorOrder;
        this.stiff = stiff;
        this.stepper = stepper;
    }

    /** The name the command line and model tools accept: the constant's name in lower case, e.g. {@code "rk4"}. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** One line for help texts: the method, its order and what it is for. */
    public String summary() {
        return summary;
    }

    /** Order of the solution the method propagates. */
    public int order() {
        return order;
    }

    /**
     * Order of the lower-order solution of the error estimate, which sets the step-size controller's
     * exponent 1/(errorOrder + 1); 0 for a fixed-step method.
     */
    public int errorOrder() {
        return errorOrder;
    }

    /** True for the explicit Runge–Kutta methods (those with a {@link #tableau()}). */
    public boolean isExplicit() {
        return tableau != null;
    }

    /** True when the step size is chosen by error control rather than fixed. */
    public boolean isAdaptive() {
        return errorOrder > 0;
    }

    /** True for the methods meant for stiff problems (stable for steps far beyond the fastest time scale). */
    public boolean forStiffProblems() {
        return stiff;
    }

    /**
     * True when the continuous adjoint (or, for explicit methods, the discrete one) can run with
     * this method; false for {@link #RADAU5}, whose Newton iteration needs the state Jacobian that
     * the adjoint system does not offer. Use forward sensitivities or the discrete adjoint with it.
     */
    public boolean hasAdjoint() {
        return this != RADAU5;
    }

    /**
     * The Butcher tableau of an explicit method.
     *
     * @throws OdeException for a method that has none (the implicit one)
     */
    public ButcherTableau tableau() {
        if (tableau == null) {
            throw new OdeException("the " + id() + " method is not an explicit Runge-Kutta method and has no Butcher"
                    + " tableau");
        }
        return tableau;
    }

    /** A new stepper of this method over {@code sys} (each solve and each backward pass gets its own). */
    Stepper stepper(OdeSystem sys) {
        return stepper.apply(sys);
    }

    /**
     * The method with this {@link #id()}, ignoring case and surrounding blanks.
     *
     * @throws OdeException naming the registered methods when there is none
     */
    public static Method byName(String name) {
        if (name != null) {
            String key = name.strip();
            for (Method m : values()) {
                if (m.id().equalsIgnoreCase(key)) {
                    return m;
                }
            }
        }
        throw new OdeException("unknown method '" + name + "'; the methods are " + String.join(", ", names()));
    }

    /** The {@link #id()}s of every registered method, in declaration order. */
    public static List<String> names() {
        List<String> out = new ArrayList<>();
        for (Method m : values()) {
            out.add(m.id());
        }
        return List.copyOf(out);
    }

    /** The registered methods for stiff problems. */
    public static List<Method> stiffMethods() {
        List<Method> out = new ArrayList<>();
        for (Method m : values()) {
            if (m.stiff) {
                out.add(m);
            }
        }
        return List.copyOf(out);
    }
}
