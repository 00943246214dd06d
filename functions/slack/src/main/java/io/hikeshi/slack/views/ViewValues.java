package io.hikeshi.slack.views;

import com.slack.api.model.view.View;
import com.slack.api.model.view.ViewState;
import io.hikeshi.slack.SlackIds;
import java.util.Map;

/**
 * Reads a submitted modal's state. Whatever arrives, a missing block, element or value reads as
 * null and never throws: a modal opened before a deploy that changed it is still submitted with its
 * old blocks, and the listener must answer field errors, not fail the request.
 */
public final class ViewValues {

    private ViewValues() { }

    /** The state of the input block's single element (action id {@link SlackIds#VALUE}), or null. */
    public static ViewState.Value value(View view, String block) {
        if (view == null || view.getState() == null || view.getState().getValues() == null) {
            return null;
        }
        Map<String, ViewState.Value> b = view.getState().getValues().get(block);
        return b == null ? null : b.get(SlackIds.VALUE);
    }

    public static String text(View view, String block) {
        ViewState.Value v = value(view, block);
        return v == null ? null : v.getValue();
    }

    /** The chosen option's value. */
    public static String selected(View view, String block) {
        ViewState.Value v = value(view, block);
        return v == null || v.getSelectedOption() == null ? null : v.getSelectedOption().getValue();
    }

    /** A date picker's {@code YYYY-MM-DD}, as sent (unchecked). */
    public static String date(View view, String block) {
        ViewState.Value v = value(view, block);
        return v == null ? null : v.getSelectedDate();
    }

    public static String user(View view, String block) {
        ViewState.Value v = value(view, block);
        return v == null ? null : v.getSelectedUser();
    }

    /** Whether a checkbox group has any box ticked (a single-box group: the box). */
    public static boolean checked(View view, String block) {
        ViewState.Value v = value(view, block);
        return v != null && v.getSelectedOptions() != null && !v.getSelectedOptions().isEmpty();
    }
}
