package io.tandem.bench;

import java.util.List;
import java.util.Locale;

/** Plain SVG horizontal bar charts: no library, one bar per row, value printed at the bar's end. */
final class Svg {
    record Bar(String label, double value, String group) {
    }

    private static final String[] COLOURS = {"#2f6fb0", "#d9822b", "#3a9c5b", "#8e5bb5", "#c0392b", "#7f8c8d", "#16a085", "#b8a02b"};

    private Svg() {
    }

    static String bars(String title, String unit, List<Bar> bars, List<String> groups) {
        int labelWidth = 330, plotWidth = 420, row = 22, top = 40, width = labelWidth + plotWidth + 110;
        int height = top + row * bars.size() + 20;
        double max = 0;
        for (Bar b : bars) {
            if (Double.isFinite(b.value())) {
                max = Math.max(max, b.value());
            }
        }
        if (max <= 0) {
            max = 1;
        }
        StringBuilder s = new StringBuilder();
        s.append(String.format(Locale.ROOT, "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" viewBox=\"0 0 %d %d\" font-family=\"sans-serif\" font-size=\"12\">%n",
                width, height, width, height));
        s.append(String.format(Locale.ROOT, "<rect width=\"%d\" height=\"%d\" fill=\"white\"/>%n", width, height));
        s.append(String.format(Locale.ROOT, "<text x=\"10\" y=\"22\" font-size=\"15\" font-weight=\"bold\">%s</text>%n", escape(title)));
        for (int i = 0; i < bars.size(); i++) {
            Bar b = bars.get(i);
            int y = top + i * row;
            String colour = COLOURS[Math.max(0, groups.indexOf(b.group())) % COLOURS.length];
            s.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" text-anchor=\"end\">%s</text>%n", labelWidth - 8, y + 14, escape(b.label())));
            if (Double.isFinite(b.value())) {
                double w = Math.max(1, b.value() / max * plotWidth);
                s.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%d\" width=\"%.1f\" height=\"%d\" fill=\"%s\"/>%n", labelWidth, y + 3, w, row - 6, colour));
                s.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%d\">%s %s</text>%n", labelWidth + w + 5, y + 14, Report.num(b.value()), escape(unit)));
            } else {
                s.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" fill=\"#888\">not measured</text>%n", labelWidth + 5, y + 14));
            }
        }
        s.append("</svg>\n");
        return s.toString();
    }

    static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
