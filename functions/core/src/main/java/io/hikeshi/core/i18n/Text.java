package io.hikeshi.core.i18n;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * Words for a person, kept as a catalogue key and its parameters until someone reads them, then
 * rendered in the reader's language. A parameter may itself be a {@code Text} (a status name
 * inside a sentence): it is rendered in the same language.
 */
public record Text(String key, List<Object> params) {

    public Text {
        Objects.requireNonNull(key, "key");
        params = List.copyOf(params);
    }

    public static Text of(String key, Object... params) {
        return new Text(key, Arrays.asList(params));
    }

    public String render(Messages messages) {
        return messages.get(key, params.toArray());
    }
}
