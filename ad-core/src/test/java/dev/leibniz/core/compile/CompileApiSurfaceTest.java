package dev.leibniz.core.compile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Executable;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * The exported {@code dev.leibniz.core.compile} package is its API alone (issue 13): no public or
 * protected signature of its classes names a type of the non-exported
 * {@code dev.leibniz.core.compile.internal} (a user could not name it), and
 * {@link CompiledGraph.Workspace} has no field a user could reach (its arrays are the kernels'
 * {@code KernelState}). ModuleSurfaceTest checks the descriptor; this checks the signatures.
 */
class CompileApiSurfaceTest {
    private static final String INTERNAL = "dev.leibniz.core.compile.internal";

    @Test
    void thePackageHoldsTheThreeApiClassesAndTheWorkspace() throws Exception {
        Set<String> api = Set.of("GraphCompiler", "CompiledGraph", "CompiledGraph$Workspace", "CompileStatistics");
        for (String name : api) {
            Class<?> c = Class.forName("dev.leibniz.core.compile." + name);
            assertTrue(Modifier.isPublic(c.getModifiers()), name + " is public");
        }
        for (String moved : List.of("Interpreter", "Lifted", "TapeSweep", "Kernel", "NodeEmitter", "RuleEmitter")) {
            assertFalse(exists("dev.leibniz.core.compile." + moved), moved + " left the API package");
            assertTrue(exists(INTERNAL + "." + moved), moved + " is in " + INTERNAL);
        }
        Module core = GraphCompiler.class.getModule();
        if (core.isNamed()) {
            assertTrue(core.getDescriptor().exports().stream().noneMatch(e -> e.source().equals(INTERNAL)),
                    INTERNAL + " is exported to no one");
        }
    }

    @Test
    void noPublicSignatureNamesAnInternalType() {
        List<String> leaks = new ArrayList<>();
        for (Class<?> c : List.of(GraphCompiler.class, CompiledGraph.class, CompiledGraph.Workspace.class,
                CompileStatistics.class, InPlaceOutputs.class)) {
            for (Method m : c.getDeclaredMethods()) {
                if (visible(m.getModifiers()) && !m.isSynthetic()) {
                    check(c, m, leaks);
                    if (m.getGenericReturnType().getTypeName().contains(INTERNAL)) {
                        leaks.add(c.getSimpleName() + "." + m.getName() + " returns " + m.getGenericReturnType());
                    }
                }
            }
            for (Executable k : c.getDeclaredConstructors()) {
                if (visible(k.getModifiers())) {
                    check(c, k, leaks);
                }
            }
            for (Field f : c.getDeclaredFields()) {
                if (visible(f.getModifiers()) && f.getGenericType().getTypeName().contains(INTERNAL)) {
                    leaks.add(c.getSimpleName() + "." + f.getName() + " is a " + f.getGenericType());
                }
            }
        }
        assertEquals(List.of(), leaks);
    }

    @Test
    void theWorkspaceHasNoFieldAUserCanReach() {
        for (Field f : CompiledGraph.Workspace.class.getDeclaredFields()) {
            assertFalse(visible(f.getModifiers()), "Workspace." + f.getName() + " is not public or protected");
        }
        Set<String> methods = new TreeSet<>();
        for (Method m : CompiledGraph.Workspace.class.getDeclaredMethods()) {
            if (visible(m.getModifiers())) {
                methods.add(m.getName());
            }
        }
        assertEquals(Set.of("setPolicy", "value"), methods);
    }

    private static void check(Class<?> c, Executable e, List<String> leaks) {
        for (Type t : e.getGenericParameterTypes()) {
            if (t.getTypeName().contains(INTERNAL)) {
                leaks.add(c.getSimpleName() + "." + e.getName() + " takes a " + t);
            }
        }
        for (Type t : e.getGenericExceptionTypes()) {
            if (t.getTypeName().contains(INTERNAL)) {
                leaks.add(c.getSimpleName() + "." + e.getName() + " throws " + t);
            }
        }
    }

    private static boolean visible(int modifiers) {
        return Modifier.isPublic(modifiers) || Modifier.isProtected(modifiers);
    }

    private static boolean exists(String name) {
        try {
            Class.forName(name, false, CompileApiSurfaceTest.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException e) {
            return false;
        }
    }
}
