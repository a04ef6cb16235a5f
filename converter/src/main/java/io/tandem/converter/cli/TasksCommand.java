package io.tandem.converter.cli;

import io.tandem.converter.bundle.BundleWriter;
import io.tandem.converter.bundle.TaskReference;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.Callable;

/** {@code tasks}: the registry's tasks, types and options as Markdown — docs/tasks.md. */
@Command(name = "tasks", mixinStandardHelpOptions = true,
        description = "Lists the tasks this converter knows (built-in and from extensions on the class path), "
                + "with their preprocessing and postprocessing types and every option, as Markdown.")
public final class TasksCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--out", paramLabel = "<file.md>", description = "Write to this file instead of standard output.")
    Path out;

    @Override
    public Integer call() {
        String md = TaskReference.markdown();
        if (out == null) {
            spec.commandLine().getOut().print(md);
            spec.commandLine().getOut().flush();
        } else {
            BundleWriter.writeFile(out, md.getBytes(StandardCharsets.UTF_8));
            spec.commandLine().getOut().println("wrote " + out);
        }
        return 0;
    }
}
