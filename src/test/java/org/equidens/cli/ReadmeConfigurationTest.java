package org.equidens.cli;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.io.IOException;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.equidens.workflow.TrainConfig;
import org.junit.jupiter.api.Test;

/**
 * Every key the strict config reader accepts (the @JsonProperty names of {@link TrainConfig} and of
 * the records inside it, dotted) has a row in the README's "Configuration" section, so a key added to
 * the reader without documentation fails here.
 */
class ReadmeConfigurationTest {

    static void keys(Class<?> record, String prefix, List<String> out) {
        for (RecordComponent c : record.getRecordComponents()) {
            JsonProperty p = c.getAccessor().getAnnotation(JsonProperty.class);
            if (p == null) p = c.getAnnotation(JsonProperty.class);
            if (p == null) continue;
            String key = prefix + p.value();
            Class<?> type = c.getType();
            Type generic = c.getGenericType();
            if (type == List.class && generic instanceof ParameterizedType pt && pt.getActualTypeArguments()[0] instanceof Class<?> e && e.isRecord())
                type = e;
            if (type.isRecord()) keys(type, key + ".", out);
            else out.add(key);
        }
    }

    @Test
    void everyConfigKeyIsDocumentedInTheReadme() throws IOException {
        String readme = Files.readString(Path.of("README.md"));
        int from = readme.indexOf("## Configuration");
        assertTrue(from >= 0, "README.md has no Configuration section");
        int to = readme.indexOf("\n## ", from + 3);
        String section = readme.substring(from, to < 0 ? readme.length() : to);
        List<String> keys = new ArrayList<>();
        keys(TrainConfig.class, "", keys);
        assertTrue(keys.size() > 30, "expected the full key set, got " + keys);
        List<String> missing = keys.stream().filter(k -> !section.contains("`" + k + "`")).toList();
        assertTrue(missing.isEmpty(), "config keys without a row in the README's Configuration section: " + missing);
    }
}
