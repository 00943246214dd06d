package io.hikeshi.handlers.web;

import java.util.List;
import java.util.Map;

/** Small HTML and SVG helpers: everything user-provided goes through {@link #esc}. */
final class Html {

    private Html() { }

    static String esc(String s) {
        if (s == null) {
            return "";
        }
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;").replace("'", "&#39;");
    }

    static String page(String lang, String title, String nav, String body) {
        return """
                <!doctype html>
                <html lang="%s"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
                <title>%s — Hikeshi</title>
                <style>
                body{font-family:system-ui,-apple-system,"Hiragino Sans","Noto Sans JP",sans-serif;margin:0;color:#1d1d1f;background:#fafafa}
                header{background:#b3261e;color:#fff;padding:.6rem 1.2rem;display:flex;gap:1.2rem;align-items:center}
                header a{color:#fff;text-decoration:none;font-weight:600} header .brand{font-size:1.2rem}
                main{padding:1rem 1.2rem;max-width:1200px}
                table{border-collapse:collapse;width:100%%;background:#fff} th,td{border-bottom:1px solid #e5e5e5;padding:.4rem .5rem;text-align:left;font-size:.92rem}
                th{background:#f2f2f2} .sev{border-radius:4px;padding:0 .35rem;color:#fff;font-weight:600}
                .SEV1{background:#8b0000}.SEV2{background:#d9480f}.SEV3{background:#e0a800;color:#222}.SEV4{background:#6c757d}
                form.filters{display:flex;flex-wrap:wrap;gap:.5rem;margin-bottom:1rem} form.filters label{font-size:.85rem}
                .cards{display:flex;gap:1rem;flex-wrap:wrap} .card{background:#fff;border:1px solid #e5e5e5;border-radius:8px;padding:.8rem 1rem;min-width:10rem}
                .card b{font-size:1.5rem;display:block} .timeline li{margin:.3rem 0} .muted{color:#6b6b6b}
                pre{background:#fff;border:1px solid #e5e5e5;padding:1rem;white-space:pre-wrap}
                svg text{font-size:12px;font-family:inherit}
                </style></head>
                <body><header><a class="brand" href="/">火消し Hikeshi</a>%s</header><main>
                <h1>%s</h1>
                %s
                </main></body></html>
                """.formatted(lang, esc(title), nav, esc(title), body);
    }

    /** A horizontal bar chart: one bar per label, the value printed after it. */
    static String barChart(String title, Map<String, Double> values, String unit) {
        int rowHeight = 24;
        int labelWidth = 150;
        int barWidth = 420;
        double max = values.values().stream().mapToDouble(Double::doubleValue).max().orElse(1);
        StringBuilder svg = new StringBuilder();
        int height = Math.max(1, values.size()) * rowHeight + 28;
        svg.append("<figure><figcaption><b>").append(esc(title)).append("</b></figcaption>")
                .append("<svg role=\"img\" aria-label=\"").append(esc(title)).append("\" width=\"").append(labelWidth + barWidth + 90)
                .append("\" height=\"").append(height).append("\">");
        int y = 6;
        if (values.isEmpty()) {
            svg.append("<text x=\"0\" y=\"18\">—</text>");
        }
        for (Map.Entry<String, Double> e : values.entrySet()) {
            double w = max <= 0 ? 0 : e.getValue() / max * barWidth;
            svg.append("<text x=\"0\" y=\"").append(y + 15).append("\">").append(esc(e.getKey())).append("</text>")
                    .append("<rect x=\"").append(labelWidth).append("\" y=\"").append(y).append("\" width=\"")
                    .append(String.format(java.util.Locale.ROOT, "%.1f", Math.max(1, w))).append("\" height=\"18\" fill=\"#d9480f\"/>")
                    .append("<text x=\"").append(String.format(java.util.Locale.ROOT, "%.1f", labelWidth + w + 6)).append("\" y=\"")
                    .append(y + 15).append("\">").append(String.format(java.util.Locale.ROOT, "%.1f", e.getValue())).append(' ')
                    .append(esc(unit)).append("</text>");
            y += rowHeight;
        }
        return svg.append("</svg></figure>").toString();
    }

    static String table(List<String> headings, List<List<String>> rowsOfHtml) {
        StringBuilder t = new StringBuilder("<table><thead><tr>");
        headings.forEach(h -> t.append("<th>").append(esc(h)).append("</th>"));
        t.append("</tr></thead><tbody>");
        for (List<String> row : rowsOfHtml) {
            t.append("<tr>");
            row.forEach(cell -> t.append("<td>").append(cell).append("</td>"));
            t.append("</tr>");
        }
        return t.append("</tbody></table>").toString();
    }
}
