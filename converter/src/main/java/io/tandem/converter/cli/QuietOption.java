package io.tandem.converter.cli;

import io.tandem.converter.Progress;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;

/**
 * The {@code -q/--quiet} option of every command that does long work, mixed in with picocli's
 * {@code @Mixin}, and the progress output it controls.
 */
public final class QuietOption {
    @Option(names = {"-q", "--quiet"}, description = "No progress output on stderr.")
    boolean quiet;

    /** Progress on the command's stderr: a live bar on a terminal, plain lines otherwise, nothing when quiet. */
    Progress progress(CommandSpec spec) {
        return new Progress(spec.commandLine().getErr(), System.console() != null, quiet);
    }
}
