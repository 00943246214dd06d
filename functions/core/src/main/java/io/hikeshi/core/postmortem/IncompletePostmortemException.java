package io.hikeshi.core.postmortem;

import io.hikeshi.core.Refusal;
import io.hikeshi.core.i18n.Text;
import java.util.List;

/** Marking complete a postmortem that does not pass its checklist; names what is missing. */
public class IncompletePostmortemException extends Refusal {

    private final transient List<PostmortemChecklist.Missing> missing;

    public IncompletePostmortemException(String incident, List<PostmortemChecklist.Missing> missing) {
        super(Text.of("refusal.postmortem.incomplete", incident, missing.size()));
        this.missing = List.copyOf(missing);
    }

    public List<PostmortemChecklist.Missing> missing() {
        return missing;
    }
}
