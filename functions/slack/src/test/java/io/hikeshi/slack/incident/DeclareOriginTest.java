package io.hikeshi.slack.incident;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Where a declare form came from, through its private_metadata and back. */
class DeclareOriginTest {

    @Test
    void aCommandsForm_carriesItsChannelAlone_asFormsOpenedBeforeThisDid() {
        assertEquals("C0GENERAL", DeclareOrigin.channel("C0GENERAL").toMetadata());
        assertEquals(DeclareOrigin.channel("C0GENERAL"), DeclareOrigin.fromMetadata("C0GENERAL"));
    }

    @Test
    void aMessage_goesThereAndBack_andAnnouncesNowhere() {
        DeclareOrigin origin = DeclareOrigin.message("C0SUPPORT", "cs-support", "1795403580.001900", "U0KENJI");
        DeclareOrigin back = DeclareOrigin.fromMetadata(origin.toMetadata());
        assertEquals(origin, back);
        assertTrue(back.fromMessage());
        assertNull(back.announceIn());
    }

    @Test
    void idsNotOfSlacksShape_linkNothing() {
        assertNull(DeclareOrigin.message("#general", "general", "1795403580.001900", "U0KENJI"));
        assertNull(DeclareOrigin.message("C0SUPPORT", "cs-support", "yesterday", "U0KENJI"));
        assertFalse(DeclareOrigin.fromMetadata("{\"message\":{\"channel\":\"<!channel>\",\"ts\":\"1.2\"}}").fromMessage());
        assertFalse(DeclareOrigin.fromMetadata("{not json").fromMessage());
    }
}
