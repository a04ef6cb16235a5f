package io.tandem.converter;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.JarURLConnection;
import java.net.URL;
import java.nio.file.Path;

/** Runs the command line in-process and keeps what it printed. */
record Cli(int exitCode, String out, String err) {

    static Cli run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.execute(args, new PrintWriter(out), new PrintWriter(err));
        return new Cli(code, out.toString(), err.toString());
    }

    /** Tribuo's cnn_mnist.onnx on the test classpath, as the converter's jar!/entry form. */
    static String cnnMnist() {
        String entry = "org/tribuo/interop/onnx/cnn_mnist.onnx";
        URL url = Cli.class.getClassLoader().getResource(entry);
        if (url == null) {
            throw new IllegalStateException(entry + " is not on the test classpath");
        }
        try {
            JarURLConnection jar = (JarURLConnection) url.openConnection();
            return Path.of(jar.getJarFileURL().toURI()) + "!/" + entry;
        } catch (Exception e) {
            throw new IllegalStateException("cannot locate " + url, e);
        }
    }
}
