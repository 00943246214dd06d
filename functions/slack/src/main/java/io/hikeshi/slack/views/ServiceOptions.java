package io.hikeshi.slack.views;

import static com.slack.api.model.block.composition.BlockCompositions.option;
import static com.slack.api.model.block.composition.BlockCompositions.plainText;
import static com.slack.api.model.block.element.BlockElements.externalSelect;
import static com.slack.api.model.block.element.BlockElements.plainTextInput;
import static com.slack.api.model.block.element.BlockElements.staticSelect;

import com.slack.api.model.block.composition.OptionObject;
import com.slack.api.model.block.element.BlockElement;
import io.hikeshi.core.i18n.Messages;
import io.hikeshi.core.incident.ServiceName;
import io.hikeshi.slack.SlackIds;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * The declare form's service field: picked from the configured services, never typed, unless none is configured.
 * A static select holds at most {@link SlackLimits#SELECT_OPTIONS} options; past that, an external select asks Hikeshi
 * for the services matching what the person typed (a {@code block_suggestion} request), at most as many.
 */
public final class ServiceOptions {

    /**
     * Characters typed before Slack asks for options. Slack's default is 3, which would hide a short name such as
     * {@code db} until its third letter; one is enough to narrow a few hundred names.
     */
    static final int MIN_QUERY_LENGTH = 1;

    private ServiceOptions() { }

    /** The field's element for these configured services: typed (none), a static select (up to 100), else external. */
    public static BlockElement element(Messages m, List<String> services) {
        if (services.isEmpty()) {
            return plainTextInput(p -> p.actionId(SlackIds.VALUE).maxLength(ServiceName.MAX_LENGTH));
        }
        if (services.size() <= SlackLimits.SELECT_OPTIONS) {
            return staticSelect(s -> s.actionId(SlackIds.VALUE).placeholder(plainText(m.get("decl.field.service.choose")))
                    .options(services.stream().map(ServiceOptions::serviceOption).toList()));
        }
        return externalSelect(s -> s.actionId(SlackIds.VALUE).minQueryLength(MIN_QUERY_LENGTH)
                .placeholder(plainText(m.get("decl.field.service.search"))));
    }

    /**
     * The services matching what was typed (case and surrounding blanks ignored), names that begin with it first, each
     * group in the team's order; at most {@link SlackLimits#SELECT_OPTIONS}, the most an options answer may hold.
     */
    public static List<String> matching(List<String> services, String typed) {
        String query = typed == null ? "" : typed.strip().toLowerCase(Locale.ROOT);
        return Stream.concat(services.stream().filter(s -> s.startsWith(query)),
                        services.stream().filter(s -> !s.startsWith(query) && s.contains(query)))
                .limit(SlackLimits.SELECT_OPTIONS).toList();
    }

    /** A service as an option: its name is both what people see and the value (a service name fits both limits). */
    static OptionObject serviceOption(String service) {
        return option(plainText(service), service);
    }
}
