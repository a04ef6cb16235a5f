package io.tandem.converter;

import io.tandem.converter.cli.ImportCommand;
import io.tandem.converter.cli.InspectCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;

/**
 * {@code tandem-converter}: the command line. Errors the user can fix print as one line on stderr
 * with a non-zero exit code — never a stack trace.
 *
 * <p>Exit codes: 0 done; 1 input refused or a check failed; 2 the command line is wrong; 3 a bug.
 */
@Command(name = "tandem-converter",
        mixinStandardHelpOptions = true,
        versionProvider = Main.Version.class,
        description = "Inspects ONNX models, imports them into Tandem model bundles, quantises and validates their variants.",
        subcommands = {InspectCommand.class, ImportCommand.class, io.tandem.converter.cli.QuantizeCommand.class, io.tandem.converter.cli.OptimizeCommand.class, io.tandem.converter.cli.BenchQuantCommand.class, io.tandem.converter.cli.ValidateCommand.class, io.tandem.converter.cli.TrainCommand.class, io.tandem.converter.cli.TasksCommand.class, io.tandem.converter.cli.SchemaCommand.class, CommandLine.HelpCommand.class})
public final class Main implements Runnable {
    public static final int OK = 0;
    public static final int FAILED = 1;
    public static final int USAGE = 2;
    public static final int INTERNAL = 3;

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "missing subcommand (inspect, import, quantize, optimize, validate, train, bench-quant, tasks, schema)");
    }

    public static void main(String[] args) {
        PrintWriter out = new PrintWriter(new java.io.OutputStreamWriter(System.out, StandardCharsets.UTF_8), true);
        PrintWriter err = new PrintWriter(new java.io.OutputStreamWriter(System.err, StandardCharsets.UTF_8), true);
        System.exit(execute(args, out, err));
    }

    /** Runs one command line in-process; tests call this with their own writers. */
    public static int execute(String[] args, PrintWriter out, PrintWriter err) {
        CommandLine cl = new CommandLine(new Main());
        cl.setOut(out);
        cl.setErr(err);
        cl.setParameterExceptionHandler((ex, a) -> {
            String command = ex.getCommandLine().getCommandSpec().qualifiedName();
            ex.getCommandLine().getErr().println(command + ": " + oneLine(ex.getMessage())
                    + " (see " + command + " --help)");
            return USAGE;
        });
        cl.setExecutionExceptionHandler((ex, commandLine, parseResult) -> {
            String command = commandLine.getCommandSpec().qualifiedName();
            // A bundle section its task's processors refuse: the message names the field; a user error, not ours.
            if (ex instanceof ConverterException || ex instanceof io.tandem.pipeline.recipe.RecipeException) {
                commandLine.getErr().println(command + ": " + oneLine(ex.getMessage()));
                return FAILED;
            }
            commandLine.getErr().println(command + ": unexpected error: " + oneLine(String.valueOf(ex)));
            return INTERNAL;
        });
        int code;
        try {
            code = cl.execute(args);
        } catch (StackOverflowError | OutOfMemoryError e) {
            // picocli hands only Exceptions to the handler above; these still get one line, not a trace.
            err.println("tandem-converter: unexpected error: " + (e instanceof StackOverflowError ? "stack overflow" : "out of memory"));
            code = INTERNAL;
        } catch (ExceptionInInitializerError e) {
            // The task registry's start: an extension on the class path registered a name twice, or threw.
            err.println("tandem-converter: the task registry cannot start: " + oneLine(String.valueOf(e.getCause() == null ? e : e.getCause().getMessage())));
            code = FAILED;
        }
        out.flush();
        err.flush();
        return code;
    }

    static String oneLine(String message) {
        if (message == null) {
            return "unknown error";
        }
        return message.strip().replaceAll("\\s*\\R\\s*", " ");
    }

    /** {@code --version}: the version Maven stamped into the jar. */
    public static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {ConverterVersion.describe()};
        }
    }
}
