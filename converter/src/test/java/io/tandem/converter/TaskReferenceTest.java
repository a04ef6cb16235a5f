package io.tandem.converter;

import io.tandem.converter.bundle.TaskReference;
import io.tandem.pipeline.task.Tasks;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** docs/tasks.md is what the registry says: a new task or option without its docs fails here. */
class TaskReferenceTest {
    private static final Path DOC = Path.of("..", "docs", "tasks.md");

    @Test
    void theCommittedReferenceIsTheRegistrys() throws IOException {
        assertThat(Files.readString(DOC)).as("docs/tasks.md is stale: run tandem-converter tasks --out docs/tasks.md")
                .isEqualTo(TaskReference.markdown());
    }

    @Test
    void everyTaskAndTypeIsDocumented() {
        String md = TaskReference.markdown();
        Tasks.all().forEach(t -> assertThat(md).contains("| `" + t.wireName() + "` |"));
        Tasks.preprocessors().forEach(p -> assertThat(md).contains("### `" + p.type() + "`"));
        Tasks.postprocessors().forEach(p -> assertThat(md).contains("### `" + p.type() + "`"));
    }

    @Test
    void theCommandPrintsTheSameMarkdown() {
        Cli r = Cli.run("tasks");
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out()).isEqualTo(TaskReference.markdown());
    }
}
