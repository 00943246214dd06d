package io.hikeshi.web;

import gg.jte.ContentType;
import gg.jte.TemplateEngine;
import gg.jte.output.StringOutput;
import java.util.Map;

/**
 * The page templates (src/main/jte), compiled to classes when the module is built: nothing is
 * compiled at run time, and every value a template writes is escaped for where it lands (HTML).
 */
final class Templates {

    /** Where the build puts the compiled templates (jte-maven-plugin's packageName). */
    private static final String PACKAGE = "io.hikeshi.web.templates";
    private static final TemplateEngine ENGINE = precompiled();

    private Templates() { }

    /**
     * JTE looks precompiled templates up through the context class loader of the thread that creates
     * the engine (the loader passed in is ignored when there is no class directory). That thread may
     * be any server thread, with another context loader (local mode's, under exec:java): so the
     * engine is created with this module's loader as the context one.
     */
    private static TemplateEngine precompiled() {
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        thread.setContextClassLoader(Templates.class.getClassLoader());
        try {
            return TemplateEngine.createPrecompiled(null, ContentType.Html, Templates.class.getClassLoader(), PACKAGE);
        } finally {
            thread.setContextClassLoader(previous);
        }
    }

    /** Renders a template whose one parameter is {@code model}. */
    static String render(String template, Object model) {
        StringOutput out = new StringOutput();
        ENGINE.render(template + ".jte", model, out);
        return out.toString();
    }

    /** Renders a template with named parameters. */
    static String render(String template, Map<String, Object> parameters) {
        StringOutput out = new StringOutput();
        ENGINE.render(template + ".jte", parameters, out);
        return out.toString();
    }
}
