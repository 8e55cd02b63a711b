package io.gpubot.core;

import org.junit.jupiter.api.Test;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.spi.ToolProvider;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * core is the domain at the centre (DESIGN §2): its bytecode may refer to nothing but the JDK's
 * java.* modules. The enforcer rule in core/pom.xml keeps libraries off the classpath; this test
 * reads the compiled classes with jdeps, so it also catches jdk.* or sun.* internals.
 */
class CoreDependsOnlyOnJdkTest {

    @Test
    void compiledCoreNeedsOnlyJavaModules() {
        Path classes = Path.of("target/classes");
        assertThat(classes).isDirectory();
        ToolProvider jdeps = ToolProvider.findFirst("jdeps").orElseThrow();
        StringWriter out = new StringWriter();
        int code = jdeps.run(new PrintWriter(out), new PrintWriter(out), "--list-deps", "--ignore-missing-deps", classes.toString());
        assertThat(code).as(out.toString()).isZero();
        List<String> modules = Arrays.stream(out.toString().split("\\R")).map(String::trim).filter(s -> !s.isEmpty())
                .collect(Collectors.toList());
        assertThat(modules).isNotEmpty().allSatisfy(m -> assertThat(m).startsWith("java."));
    }

    @Test
    void noSourceFileImportsALibrary() throws Exception {
        try (var files = Files.walk(Path.of("src/main/java"))) {
            List<String> offenders = files.filter(p -> p.toString().endsWith(".java")).flatMap(p -> {
                try {
                    return Files.readAllLines(p).stream().filter(l -> l.startsWith("import ") && !l.startsWith("import java.")
                            && !l.startsWith("import static java.") && !l.startsWith("import io.gpubot.core.")
                            && !l.startsWith("import static io.gpubot.core.")).map(l -> p + ": " + l);
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }).collect(Collectors.toList());
            assertThat(offenders).isEmpty();
        }
    }
}
