package io.hikeshi.web;

import java.util.Collection;
import java.util.Map;

/**
 * JSON text of maps, lists, strings, numbers, booleans and nulls: all the export writes. Written
 * here rather than with a JSON library so that the web module needs nothing but the core and JTE;
 * the output is Jackson's, byte for byte (JsonTest compares them).
 */
final class Json {

    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    private Json() { }

    static String write(Object value) {
        StringBuilder out = new StringBuilder();
        write(value, out);
        return out.toString();
    }

    private static void write(Object value, StringBuilder out) {
        switch (value) {
            case null -> out.append("null");
            case String s -> string(s, out);
            case Number n -> out.append(n);
            case Boolean b -> out.append(b);
            case Map<?, ?> map -> object(map, out);
            case Collection<?> list -> array(list, out);
            default -> throw new IllegalArgumentException("not a JSON value: " + value.getClass().getName());
        }
    }

    private static void object(Map<?, ?> map, StringBuilder out) {
        out.append('{');
        boolean first = true;
        for (Map.Entry<?, ?> e : map.entrySet()) {
            out.append(first ? "" : ",");
            string(String.valueOf(e.getKey()), out);
            out.append(':');
            write(e.getValue(), out);
            first = false;
        }
        out.append('}');
    }

    private static void array(Collection<?> list, StringBuilder out) {
        out.append('[');
        boolean first = true;
        for (Object item : list) {
            out.append(first ? "" : ",");
            write(item, out);
            first = false;
        }
        out.append(']');
    }

    /** Quotes, backslashes and control characters escaped; everything else as it is (UTF-8 on the wire). */
    private static void string(String s, StringBuilder out) {
        out.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                case '\b' -> out.append("\\b");
                case '\f' -> out.append("\\f");
                default -> {
                    if (c < 0x20) {
                        out.append("\\u00").append(HEX[c >> 4]).append(HEX[c & 0xF]);
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }
}
