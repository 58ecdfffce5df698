package dev.leibniz.forward.docs;

import dev.leibniz.forward.Dual;
import dev.leibniz.core.docs.ModuleSurface;
import org.junit.jupiter.api.Test;

/**
 * ad-forward's public surface is what docs/architecture.md ("Module surface") says: the exports of its
 * compiled module-info.class equal the table's row, nothing named internal is exported to
 * everyone, and qualified exports go to Leibniz modules only.
 */
class ModuleSurfaceTest {

    @Test
    void exportsAreThoseOfTheArchitecturePage() {
        ModuleSurface.assertMatchesPage(Dual.class, "dev.leibniz.forward");
    }
}
