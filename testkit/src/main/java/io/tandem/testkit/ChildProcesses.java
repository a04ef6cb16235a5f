package io.tandem.testkit;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The processes this kit started that are still running, killed when the JVM exits. A test JVM
 * that ends early (a failed set-up, surefire's timeout, Ctrl-C) would otherwise leave servers
 * and nginx holding ports and memory on a shared machine.
 */
final class ChildProcesses {
    private static final Set<Process> RUNNING = ConcurrentHashMap.newKeySet();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> RUNNING.forEach(Process::destroyForcibly), "tandem-testkit-reaper"));
    }

    private ChildProcesses() {
    }

    static Process track(Process p) {
        RUNNING.add(p);
        p.onExit().thenRun(() -> RUNNING.remove(p));
        return p;
    }
}
