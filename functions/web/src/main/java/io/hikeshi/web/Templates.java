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
    private static final TemplateEngine ENGINE =
            TemplateEngine.createPrecompiled(null, ContentType.Html, Templates.class.getClassLoader(), PACKAGE);

    private Templates() { }

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
