package io.hikeshi.core.postmortem;

import java.util.List;

/** Marking complete a postmortem that does not pass its checklist. */
public class IncompletePostmortemException extends RuntimeException {

    private final List<PostmortemChecklist.Missing> missing;

    public IncompletePostmortemException(String incident, List<PostmortemChecklist.Missing> missing) {
        super("the postmortem of " + incident + " is missing: "
                + missing.stream().map(PostmortemChecklist.Missing::key).toList());
        this.missing = List.copyOf(missing);
    }

    public List<PostmortemChecklist.Missing> missing() {
        return missing;
    }
}
