package io.hikeshi.core.testkit;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.driver.FuzzedDataProviderImpl;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * The seed inputs of one fuzz target ({@code <Class>Inputs/<target>/} beside the test class), known by
 * their content. In regression mode (every {@code mvn verify}) Jazzer replays each seed file through the
 * target with a data provider over that file's bytes; this tells the target which seed it is replaying,
 * so that a seed whose name states its outcome ({@code declare-accepted}) is held to it. While fuzzing
 * (JAZZER_FUZZ=1) a data provider reads native memory and no input is taken for a seed; a byte-array
 * input equal to a seed is that seed, whichever the mode.
 *
 * <p>Shared by the fuzz targets of every module (the parsers in ingest, the Slack endpoint in handlers);
 * a module that uses it brings Jazzer itself.
 */
public final class Seeds {

    private final String target;
    private final Map<String, String> namesByContent = new HashMap<>();

    private Seeds(String target) {
        this.target = target;
    }

    public static Seeds of(Class<?> fuzzTest, String target) {
        Seeds seeds = new Seeds(target);
        String folder = fuzzTest.getSimpleName() + "Inputs/" + target;
        URL url = fuzzTest.getResource(folder);
        if (url == null) {
            throw new IllegalStateException("no seed folder " + folder + " beside " + fuzzTest.getName());
        }
        try (Stream<Path> files = Files.list(Path.of(url.toURI()))) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                String earlier = seeds.namesByContent.put(hex(Files.readAllBytes(file)), file.getFileName().toString());
                if (earlier != null) {
                    throw new IllegalStateException("seeds " + earlier + " and " + file.getFileName() + " of " + target
                            + " are the same input: their outcomes could not be told apart");
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
        return seeds;
    }

    /** The name of the seed file {@code data} replays, in regression mode; empty for any other input. */
    public Optional<String> replaying(FuzzedDataProvider data) {
        if (data instanceof FuzzedDataProviderImpl replay && replay.getJavaData() != null) {
            return Optional.ofNullable(namesByContent.get(hex(replay.getJavaData())));
        }
        return Optional.empty();
    }

    /** The name of the seed file whose bytes these are, if any (a byte-array target gets the seed itself). */
    public Optional<String> replaying(byte[] input) {
        return Optional.ofNullable(namesByContent.get(hex(input)));
    }

    public Set<String> names() {
        return new TreeSet<>(namesByContent.values());
    }

    public String target() {
        return target;
    }

    private static String hex(byte[] bytes) {
        return HexFormat.of().formatHex(bytes);
    }
}
