package org.equidens.structure;

import static org.equidens.structure.AtomsAssert.assertSameAtoms;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.equidens.io.ExtXyz;
import org.equidens.io.InputException;
import org.equidens.io.StructureIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class StructureIOTest {
    @TempDir
    Path tmp;

    private static final List<Atoms> FRAMES = List.of(
            Atoms.molecule(new String[] {"O", "H", "H"}, new double[] {0, 0, 0.1173, 0, 0.7572, -0.4692, 0, -0.7572, -0.4692}),
            new Atoms(new String[] {"Na", "Cl"}, new double[] {0, 0, 0, 2.82, 2.82, 2.82},
                    new double[] {5.64, 0, 0, 0, 5.64, 0, 0, 0, 5.64}, new boolean[] {true, true, true}, null, null));

    @ParameterizedTest
    @ValueSource(strings = {"out.xyz", "out.extxyz", "OUT.XYZ", "out.ExtXyz"})
    void extensionChoosesExtendedXyz(String name) {
        Path f = tmp.resolve(name);
        assertSame(StructureIO.EXTXYZ, StructureIO.formatOf(f));
        StructureIO.write(f, FRAMES);
        List<Atoms> back = StructureIO.readAll(f);
        assertEquals(2, back.size());
        for (int i = 0; i < 2; i++) assertSameAtoms(FRAMES.get(i), back.get(i), name + " " + i);
        assertSameAtoms(FRAMES.get(1), StructureIO.read(f, -1), "last");
        assertSameAtoms(FRAMES.get(1), ExtXyz.read(f, 1), "direct");
    }

    @ParameterizedTest
    @ValueSource(strings = {"structure.pdb", "structure.xyz.gz", "structure", "archive.tar"})
    void unknownExtensionIsAnInputError(String name) throws IOException {
        Path f = tmp.resolve(name);
        Files.writeString(f, "1\n\nH 0 0 0\n");
        InputException e = assertThrows(InputException.class, () -> StructureIO.readAll(f));
        assertTrue(e.getMessage().startsWith(f + ": "), e.getMessage());
        assertTrue(e.getMessage().contains(".xyz") && e.getMessage().contains(".extxyz"), e.getMessage());
        assertThrows(InputException.class, () -> StructureIO.write(f, FRAMES));
        assertThrows(InputException.class, () -> StructureIO.read(f, 0));
    }

    @Test
    void registeredExtensions() {
        assertTrue(StructureIO.extensions().containsAll(List.of("xyz", "extxyz")));
    }
}
