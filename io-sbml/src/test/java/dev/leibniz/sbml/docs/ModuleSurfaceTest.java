package dev.leibniz.sbml.docs;

import dev.leibniz.sbml.SbmlReader;
import dev.leibniz.core.docs.ModuleSurface;
import org.junit.jupiter.api.Test;

/**
 * io-sbml's public surface is what docs/architecture.md ("Module surface") says: the exports of its
 * compiled module-info.class equal the table's row, nothing named internal is exported to
 * everyone, and qualified exports go to Leibniz modules only.
 */
class ModuleSurfaceTest {

    @Test
    void exportsAreThoseOfTheArchitecturePage() {
        ModuleSurface.assertMatchesPage(SbmlReader.class, "dev.leibniz.sbml");
    }
}
