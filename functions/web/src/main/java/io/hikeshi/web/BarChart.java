package io.hikeshi.web;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.DoubleFunction;

/**
 * A horizontal bar chart's geometry (drawn as SVG by barChart.jte): one bar per label, in the
 * order given, the longest bar for the largest value, the value written after each bar.
 */
public record BarChart(String title, List<Bar> bars) {

    public static final int LABEL_WIDTH = 150;
    public static final int BAR_WIDTH = 420;
    public static final int ROW_HEIGHT = 24;
    public static final int BAR_HEIGHT = 18;
    /** Room for the value after the longest bar. */
    private static final int VALUE_WIDTH = 90;
    private static final int TOP = 6;
    private static final int BASELINE = 15;

    /**
     * @param y      the bar's top
     * @param length the bar's length, at least a pixel so that a zero still shows
     * @param valueX where the value is written, after the bar
     */
    public record Bar(String label, int y, String length, String valueX, String value) {

        public int baseline() {
            return y + BASELINE;
        }
    }

    public static BarChart of(String title, Map<String, Double> values, DoubleFunction<String> valueText) {
        double max = values.values().stream().mapToDouble(Double::doubleValue).max().orElse(1);
        List<Bar> bars = new ArrayList<>();
        int y = TOP;
        for (Map.Entry<String, Double> e : values.entrySet()) {
            double length = max <= 0 ? 0 : e.getValue() / max * BAR_WIDTH;
            bars.add(new Bar(e.getKey(), y, Words.oneDecimal(Math.max(1, length)), Words.oneDecimal(LABEL_WIDTH + length + 6),
                    valueText.apply(e.getValue())));
            y += ROW_HEIGHT;
        }
        return new BarChart(title, bars);
    }

    public int width() {
        return LABEL_WIDTH + BAR_WIDTH + VALUE_WIDTH;
    }

    /** Room for every bar (one row when there is none, for the dash) and the margins. */
    public int height() {
        return Math.max(1, bars.size()) * ROW_HEIGHT + 28;
    }
}
