package io.hikeshi.lambdaruntime;

import java.util.ArrayList;
import java.util.List;

/**
 * What a run has started, stopped in reverse order, once: at the end of the run, or from a shutdown hook
 * on Ctrl-C or a kill. Something added after that (the run was still starting it) is stopped at once.
 */
final class Closer implements AutoCloseable {

    private final List<AutoCloseable> open = new ArrayList<>();
    private boolean closed;

    synchronized <T extends AutoCloseable> T add(T resource) {
        if (closed) {
            quietly(resource);
        } else {
            open.add(resource);
        }
        return resource;
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        for (int i = open.size() - 1; i >= 0; i--) {
            quietly(open.get(i));
        }
        open.clear();
    }

    private static void quietly(AutoCloseable resource) {
        try {
            resource.close();
        } catch (Exception e) {
            // stopping anyway
        }
    }
}
