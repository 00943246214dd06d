package io.hikeshi.lambdaruntime;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/** A function's code as `sam build` made it (or as CodeUri names it), and the task root Lambda makes of it. */
public final class Artifact {

    /** Where `sam build` puts each function's code, one folder per logical id, beside template.yaml. */
    static final String SAM_BUILD_DIR = ".aws-sam/build";

    private Artifact() { }

    /**
     * The function's built code: for a function SAM builds (Metadata.BuildMethod), its folder in
     * {@code .aws-sam/build}, exactly what `sam deploy` uploads; otherwise its CodeUri, relative to
     * template.yaml. A clear error when it is not built.
     */
    public static Path of(SamTemplate template, SamTemplate.Function function) {
        if (function.buildMethod() != null) {
            Path built = template.directory().resolve(SAM_BUILD_DIR).resolve(function.logicalId());
            if (!Files.isDirectory(built)) {
                throw new MissingArtifact(function.logicalId() + " is not built (" + SAM_BUILD_DIR + "/"
                        + function.logicalId() + " is missing): sam build");
            }
            return built;
        }
        if (function.codeUri() == null) {
            throw new IllegalArgumentException(function.logicalId() + " has no CodeUri in template.yaml");
        }
        Path code = template.directory().resolve(function.codeUri()).normalize();
        if (!Files.exists(code)) {
            throw new MissingArtifact(function.logicalId() + "'s artifact " + template.directory().relativize(code)
                    + " (its CodeUri) is not built: " + buildCommand(template.directory().relativize(code).toString()));
        }
        return code;
    }

    /** The Maven command that builds the module an artifact under {@code MODULE/target/} comes from. */
    static String buildCommand(String codeUri) {
        int target = codeUri.indexOf("/target/");
        String module = target > 0 ? " -pl " + codeUri.substring(0, target) + " -am" : "";
        return ". bin/java-env && mvn -B -q -DskipTests package" + module;
    }

    /**
     * The task root: a .jar or .zip is unpacked into {@code into}, as Lambda unpacks the deployment
     * package into /var/task (classes at its top, libraries in lib/); a folder is used as it is.
     */
    public static Path unpack(Path code, Path into) {
        if (Files.isDirectory(code)) {
            return code;
        }
        try (InputStream in = Files.newInputStream(code); ZipInputStream zip = new ZipInputStream(in)) {
            Files.createDirectories(into);
            Path root = into.toAbsolutePath().normalize();
            ZipEntry entry;
            while ((entry = zip.getNextEntry()) != null) {
                Path target = root.resolve(entry.getName()).normalize();
                if (!target.startsWith(root)) {
                    throw new IllegalArgumentException(code + " has an entry outside its root: " + entry.getName());
                }
                if (entry.isDirectory()) {
                    Files.createDirectories(target);
                } else {
                    Files.createDirectories(target.getParent());
                    Files.copy(zip, target);
                }
            }
            return root;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot unpack " + code + ": " + e.getMessage(), e);
        }
    }

    /** Removes an unpacked task root (or any folder made for one). */
    public static void deleteQuietly(Path dir) {
        LambdaRuntime.deleteRecursively(dir);
    }

    /** The artifact a function names is not there. */
    public static final class MissingArtifact extends IllegalStateException {
        MissingArtifact(String message) {
            super(message);
        }
    }
}
