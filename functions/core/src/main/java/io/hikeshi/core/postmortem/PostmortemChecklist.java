package io.hikeshi.core.postmortem;

import java.util.ArrayList;
import java.util.List;

/**
 * The review-meeting checklist the team used to keep by hand: a postmortem is complete only when
 * nothing here is missing. Each item has a stable key (for messages in any language).
 */
public final class PostmortemChecklist {

    /** One unmet requirement. */
    public record Missing(String key, String detail) { }

    private PostmortemChecklist() { }

    public static List<Missing> missing(Postmortem pm) {
        List<Missing> missing = new ArrayList<>();
        for (Postmortem.Section s : Postmortem.Section.values()) {
            if (s != Postmortem.Section.GOT_LUCKY && blank(pm.section(s))) {
                missing.add(new Missing("section." + s.name().toLowerCase(java.util.Locale.ROOT), null));
            }
        }
        if (blank(pm.owner())) {
            missing.add(new Missing("owner", null));
        }
        if (pm.actionItems().isEmpty()) {
            missing.add(new Missing("action.items", null));
        }
        if (pm.actionItems().stream().noneMatch(a -> a.type() == ActionItem.Type.PREVENT)) {
            missing.add(new Missing("action.prevent", null));
        }
        for (ActionItem item : pm.actionItems()) {
            if (!item.isAssigned()) {
                missing.add(new Missing("action.unassigned", item.description()));
            }
        }
        return missing;
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
