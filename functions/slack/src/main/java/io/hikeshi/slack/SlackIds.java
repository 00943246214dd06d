package io.hikeshi.slack;

/**
 * Every Slack action, view callback and input block id Hikeshi uses, in one place: Block Kit
 * builders and listeners both refer to these, so a rename cannot break one side silently.
 */
public final class SlackIds {

    private SlackIds() { }

    /** Buttons and selects (block_actions). The value carries the incident id, e.g. INC-0042. */
    public enum Action {
        ACKNOWLEDGE("incident_acknowledge"),
        TAKE_COMMAND("incident_take_command"),
        CHANGE_SEVERITY("incident_change_severity"),
        STATUS_UPDATE("incident_status_update"),
        RESOLVE("incident_resolve"),
        /** "Which incident?" answer: value is {@code INC-0042|<subcommand> <args>}. */
        PICK_INCIDENT("incident_pick");

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
        RESOLVE("resolve_incident");

        private final String id;

        View(String id) {
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
        DESCRIPTION("description"),
        STATUS("status"),
        SUMMARY("summary"),
        RESOLUTION("resolution");

        private final String id;

        Input(String id) {
            this.id = id;
        }

        public String id() {
            return id;
        }
    }

    public static final String VALUE = "value";
    /** The actions block of the incident card. */
    public static final String CARD_ACTIONS = "incident_actions";
}
