package io.hikeshi.web;

import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** The compiled templates are found wherever the page is served from. */
class TemplatesTest {

    @Test
    void templates_areFound_fromAThreadWhoseContextClassLoaderDoesNotKnowThem() throws Exception {
        // GIVEN this module loaded by a class loader of its own (as exec:java loads local mode), and a server
        // thread whose context class loader cannot see it (as the JDK HttpServer's threads in local mode)
        URL[] classPath = Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
                .map(TemplatesTest::url).toArray(URL[]::new);
        AtomicReference<String> page = new AtomicReference<>();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        try (URLClassLoader isolated = new URLClassLoader(classPath, ClassLoader.getPlatformClassLoader())) {
            Thread serverThread = new Thread(() -> {
                try {
                    // WHEN that thread is the first to render a page
                    page.set(renderNotFound(isolated));
                } catch (java.lang.reflect.InvocationTargetException e) {
                    failure.set(e.getCause());
                } catch (ReflectiveOperationException e) {
                    failure.set(e);
                }
            });
            serverThread.setContextClassLoader(ClassLoader.getPlatformClassLoader());
            serverThread.start();
            serverThread.join();
        }

        // THEN the page renders
        assertNull(failure.get(), () -> "rendering failed: " + failure.get());
        assertTrue(page.get().contains("<h1>404</h1>"), page.get());
    }

    /** Templates.render("notice", …) on the isolated copy of this module. */
    private static String renderNotFound(ClassLoader loader) throws ReflectiveOperationException {
        Method words = loader.loadClass(Words.class.getName()).getDeclaredMethod("forLanguage", String.class, ZoneId.class);
        words.setAccessible(true);
        Method render = loader.loadClass(Templates.class.getName()).getDeclaredMethod("render", String.class, Map.class);
        render.setAccessible(true);
        Object english = words.invoke(null, "en", ZoneId.of("Asia/Tokyo"));
        return (String) render.invoke(null, "notice", Map.of("words", english, "title", "404", "nav", true, "message", "Not found."));
    }

    private static URL url(String path) {
        try {
            return new File(path).toURI().toURL();
        } catch (java.net.MalformedURLException e) {
            throw new IllegalArgumentException(path, e);
        }
    }
}
