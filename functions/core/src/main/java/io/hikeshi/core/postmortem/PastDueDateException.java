package io.hikeshi.core.postmortem;

import io.hikeshi.core.Refusal;
import java.time.LocalDate;

/** A due date before today in the team's time zone: a postmortem's work cannot be due in the past. */
public class PastDueDateException extends Refusal {

    public PastDueDateException(LocalDate due, LocalDate today) {
        super("refusal.pm.due.past", due.toString(), today.toString());
    }
}
