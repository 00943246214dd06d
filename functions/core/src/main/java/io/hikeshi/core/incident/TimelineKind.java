package io.hikeshi.core.incident;

/** What a timeline entry records. The timeline is append-only: entries are never changed. */
public enum TimelineKind {
    /** The incident was opened (by an alert or a person). */
    OPENED,
    /** The alert that opened the incident fired again. */
    ALERT_REPEATED,
    /** The alert recovered (e.g. a CloudWatch alarm went back to OK). */
    ALERT_RECOVERED,
    /** Any other alert state worth keeping (INSUFFICIENT_DATA, an unknown state, a late delivery). */
    ALERT_NOTE,
    STATUS_CHANGED,
    SEVERITY_CHANGED,
    COMMANDER_CHANGED,
    /** A status update for stakeholders: the new status and a short summary in words. */
    STATUS_UPDATE,
    /** A chat message someone marked for the record (a 📌 reaction in the war room). */
    PINNED_MESSAGE,
    NOTE,
    /** The incident's postmortem changed hands or an action item changed; the text is the item's description. */
    POSTMORTEM_CHANGED,
    /**
     * The chat message the incident was declared from, linked (not pinned: nobody marked it in a war room, and its
     * channel may be one Hikeshi cannot read). Its actor is the message's author.
     */
    SOURCE_MESSAGE,

    /**
     * Whether the incident needs a postmortem: the team's policy needs none for its severity, someone who may
     * said it is not needed (the text is their reason), or an edit made it needed again.
     */
    POSTMORTEM_NOT_NEEDED,

    /** Someone was given a role besides the commander's ({@link Roles}): the role and the person. */
    ROLE_CHANGED,
    /**
     * Someone ticked or unticked a step of a response guide posted in the war room (the step's words are a parameter,
     * the guide's message and the step's place are attributes: {@link GuideChecklist}).
     */
    GUIDE_STEP
}
