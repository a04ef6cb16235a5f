import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;

/**
 * Developer tool (not run by the build): rebuilds {@code age-buckets.txt}, the one piece of Unicode
 * data the table generator cannot get from the JDK it runs on, namely in which Unicode version each
 * code point was assigned. See README.md for the command line.
 *
 * <p>Input on stdin: Perl's {@code Unicode::UCD::prop_invmap("Age")} as "START END AGE" lines (hex,
 * hex, "1.1".."14.0" or "Unassigned"). Perl 5.36 knows Unicode 14.0; code points that Perl calls
 * unassigned but this JDK (which must be Unicode 16.0: JDK 24 or 25) assigns were added in
 * 15.0-16.0. Output on stdout: maximal runs "XXXX..YYYY;bucket", buckets le8, 9, 10-13, 14-16;
 * code points in no run are unassigned as of Unicode 16.0.
 */
public final class DeriveAgeBuckets {
    public static void main(String[] args) throws Exception {
        int feature = Runtime.version().feature();
        if (feature != 24 && feature != 25) {
            throw new IllegalStateException("run me on JDK 24 or 25 (Unicode 16.0), not " + feature);
        }
        String[] bucket = new String[0x110000];
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        for (String line = in.readLine(); line != null; line = in.readLine()) {
            String[] f = line.trim().split("\\s+");
            if (f.length != 3) {
                continue;
            }
            int start = Integer.parseInt(f[0], 16);
            int end = Integer.parseInt(f[1], 16);
            String b = toBucket(f[2]);
            for (int cp = start; cp <= end; cp++) {
                bucket[cp] = b;
            }
        }
        for (int cp = 0; cp < bucket.length; cp++) {
            if (bucket[cp] == null && Character.getType(cp) != Character.UNASSIGNED) {
                bucket[cp] = "14-16";
            }
        }
        StringBuilder out = new StringBuilder();
        out.append("# In which Unicode version each code point was assigned, in four buckets (le8, 9, 10-13,\n")
                .append("# 14-16); unlisted code points are unassigned as of Unicode 16.0. Made by\n")
                .append("# DeriveAgeBuckets.java (see README.md); read by the table generator.\n");
        int runStart = 0;
        for (int cp = 1; cp <= bucket.length; cp++) {
            if (cp == bucket.length || !same(bucket[cp], bucket[runStart])) {
                if (bucket[runStart] != null) {
                    out.append(hex(runStart));
                    if (cp - 1 != runStart) {
                        out.append("..").append(hex(cp - 1));
                    }
                    out.append(';').append(bucket[runStart]).append('\n');
                }
                runStart = cp;
            }
        }
        System.out.print(out);
    }

    private static String toBucket(String age) {
        if (age.equals("Unassigned")) {
            return null;
        }
        double v = Double.parseDouble(age);
        return v <= 8.0 ? "le8" : v <= 9.0 ? "9" : v <= 13.0 ? "10-13" : "14-16";
    }

    private static boolean same(String a, String b) {
        return a == null ? b == null : a.equals(b);
    }

    private static String hex(int cp) {
        String h = Integer.toHexString(cp).toUpperCase();
        return h.length() >= 4 ? h : "0000".substring(h.length()) + h;
    }
}
