package io.hikeshi.slack;

import io.hikeshi.core.incident.IncidentId;

/**
 * Every Slack action, view callback and block id Hikeshi uses, in one place: Block Kit builders
 * and listeners both refer to these, so a rename cannot break one side silently.
 */
public final class SlackIds {

    private SlackIds() { }

    /** Buttons and selects (block_actions). */
    public enum Action {
        /** The incident card's; the value carries the incident id, e.g. INC-0042. */
        ACKNOWLEDGE("incident_acknowledge"),
        TAKE_COMMAND("incident_take_command"),
        /** The value is {@code INC-0042|SEV1}. */
        CHANGE_SEVERITY("incident_change_severity"),
        STATUS_UPDATE("incident_status_update"),
        RESOLVE("incident_resolve"),
        /** "Which incident?" answer: the action id is suffixed with {@code :INC-0042}; the value is {@code INC-0042|<subcommand> <args>}. */
        PICK_INCIDENT("incident_pick"),
        /** The postmortem checklist's: a section to edit ({@code INC-0042|IMPACT}), an action item to add, completion. */
        EDIT_POSTMORTEM_SECTION("pm_edit_section"),
        ADD_ACTION_ITEM("pm_add_action"),
        COMPLETE_POSTMORTEM("pm_complete"),
        /** A choice of one action item (value {@code INC-…|<item id>}): opens its form. */
        EDIT_ACTION_ITEM("pm_edit_action"),
        /** A person picked in the checklist: the postmortem's new owner (the incident is in the block id). */
        REASSIGN_POSTMORTEM_OWNER("pm_reassign_owner"),
        /** The Home tab's Declare button: opens the declare modal, as {@code /incident declare} does. */
        DECLARE_FROM_HOME("home_declare"),

        /** "Not needed…" in the checklist (value {@code INC-…}): opens the form asking why. */
        POSTMORTEM_NOT_NEEDED("pm_not_needed"),

        /**
         * The response guide's checkboxes (one element per {@link Block#GUIDE_STEPS} block); an option's value is
         * {@code <step number>|<the step's words, cut>}.
         */
        TICK_GUIDE_STEP("guide_step");

        private final String id;

        Action(String id) {
            this.id = id;
        }

        public String id() {
            return id;
        }
    }

    /** Modal callback ids (view_submission). */
    public enum View {
        DECLARE("declare_incident"),
        STATUS_UPDATE("status_update"),
        RESOLVE("resolve_incident"),
        POSTMORTEM_SECTION("pm_section"),
        ACTION_ITEM("pm_action_item"),
        /** One action item's form; private metadata {@code INC-…|<item id>|<postmortem version>}. */
        ACTION_ITEM_EDIT("pm_action_item_edit"),
        /** "Not needed, because …"; private metadata {@code INC-…}. */
        POSTMORTEM_NOT_NEEDED("pm_not_needed");

        private final String id;

        View(String id) {
            this.id = id;
        }

        public String id() {
            return id;
        }
    }

    /** Shortcuts (the app manifest's {@code features.shortcuts}: their callback ids must match). */
    public enum Shortcut {
        /** On a message: opens the declare form filled in from it, and links it on the timeline. */
        DECLARE_FROM_MESSAGE("declare_from_message");

        private final String id;

        Shortcut(String id) {
            this.id = id;
        }

        public String id() {
            return id;
        }
    }

    /** Input blocks of the modals; each holds one element whose action id is {@link #VALUE}. */
    public enum Input {
        TITLE("title"),
        SEVERITY("severity"),
        SERVICE("service"),
        /** The declare modal's description, and the action-item modal's. */
        DESCRIPTION("description"),
        STATUS("status"),
        SUMMARY("summary"),
        RESOLUTION("resolution"),
        /** A postmortem section's text. */
        TEXT("text"),
        ACTION_ITEM_TYPE("type"),
        OWNER("owner"),
        DUE("due"),
        LINK("link"),
        DONE("done"),
        DELETE("delete"),
        /** Why no postmortem is needed. */
        REASON("reason"),
        /** The declare modal's "private" checkbox. */
        VISIBILITY("visibility");

        private final String id;

        Input(String id) {
            this.id = id;
        }

        public String id() {
            return id;
        }
    }

    /** Blocks of messages Hikeshi posts, so it can recognise its own messages. */
    public enum Block {
        /** The card's title; suffixed with the incident ({@link #of}). */
        CARD("incident_card"),
        /** The card's buttons. */
        CARD_ACTIONS("incident_actions"),
        /** The response guide's header; suffixed with the incident ({@link #of}). */
        GUIDE("response_guide"),
        /** A group of the response guide's checkboxes; suffixed with the incident and the group ({@link #of}{@code :3}). */
        GUIDE_STEPS("guide_steps"),
        /** Who ticked which step of a {@link #GUIDE_STEPS} group, under it (same suffix). */
        GUIDE_TICKS("guide_ticks"),
        /** The postmortem checklist's controls; suffixed with the incident ({@link #of}). */
        POSTMORTEM_CONTROLS("pm_controls"),
        /** The Home tab's buttons (Declare). */
        HOME_ACTIONS("home_actions");

        private final String id;

        Block(String id) {
            this.id = id;
        }

        public String id() {
            return id;
        }

        /** This block of the incident's message, e.g. {@code incident_card:INC-0042}. */
        public String of(IncidentId incident) {
            return id + ":" + incident;
        }
    }

    public static final String VALUE = "value";
}
