package org.equidens.io;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.stream.Collectors;

/** Typed YAML reading with one-line errors that name the file, the key and the problem. */
public final class Yaml {
    private static final ObjectMapper MAPPER = new ObjectMapper(new YAMLFactory())
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private Yaml() {}

    public static ObjectMapper mapper() {
        return MAPPER;
    }

    public static <T> T read(Path file, Class<T> type) {
        String text;
        try {
            text = Files.readString(file);
        } catch (NoSuchFileException e) {
            throw InputException.at(file, "file not found");
        } catch (java.nio.charset.CharacterCodingException e) {
            throw InputException.at(file, "not a text file (not UTF-8)");
        } catch (IOException e) {
            throw InputException.at(file, "cannot read: " + (Files.isDirectory(file) ? "it is a folder, not a file" : e.getMessage()));
        }
        if (text.isBlank()) throw InputException.at(file, "empty file (expected YAML keys)");
        try {
            T value = MAPPER.readValue(text, type);
            if (value == null) throw InputException.at(file, "empty YAML document");
            return value;
        } catch (UnrecognizedPropertyException e) {
            String known = e.getKnownPropertyIds() == null ? "" : e.getKnownPropertyIds().stream()
                    .map(Object::toString).sorted().collect(Collectors.joining(", "));
            throw InputException.at(file, "unknown key '" + keyPath(e) + "'" + (known.isEmpty() ? "" : " (known keys: " + known + ")"));
        } catch (InvalidFormatException e) {
            throw InputException.at(file, "key '" + keyPath(e) + "': cannot read '" + e.getValue() + "' as " + kind(e.getTargetType()));
        } catch (MismatchedInputException e) {
            if (e.getPath().isEmpty()) throw InputException.at(file, "expected a mapping of keys (key: value lines) at the top level");
            throw InputException.at(file, "key '" + keyPath(e) + "': wrong type, expected " + kind(e.getTargetType()));
        } catch (JsonMappingException e) {
            throw InputException.at(file, "key '" + keyPath(e) + "': " + e.getOriginalMessage());
        } catch (JsonProcessingException e) {
            int line = e.getLocation() == null ? -1 : e.getLocation().getLineNr();
            String msg = e.getOriginalMessage().lines().findFirst().orElse("syntax error");
            throw line > 0 ? InputException.at(file, line, "YAML syntax: " + msg) : InputException.at(file, "YAML syntax: " + msg);
        }
    }

    /** What a YAML author calls the Java type a key maps to. */
    static String kind(Class<?> type) {
        if (type == null) return "another type";
        if (type == Double.class || type == double.class || type == Float.class || type == float.class) return "a number";
        if (type == Integer.class || type == int.class || type == Long.class || type == long.class) return "an integer";
        if (type == Boolean.class || type == boolean.class) return "true or false";
        if (type == String.class) return "a string";
        if (type.isArray() || java.util.Collection.class.isAssignableFrom(type)) return "a list";
        if (java.util.Map.class.isAssignableFrom(type) || type.isRecord()) return "a mapping";
        if (type.isEnum()) return "one of " + java.util.Arrays.toString(type.getEnumConstants()).toLowerCase(java.util.Locale.ROOT);
        return type.getSimpleName();
    }

    private static String keyPath(JsonMappingException e) {
        return e.getPath().stream()
                .map(r -> r.getFieldName() != null ? r.getFieldName() : "[" + r.getIndex() + "]")
                .collect(Collectors.joining(".")).replace(".[", "[");
    }
}
