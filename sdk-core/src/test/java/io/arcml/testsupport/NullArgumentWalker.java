package io.arcml.testsupport;

import io.arcml.ValidationException;
import java.io.IOException;
import java.lang.reflect.Constructor;
import java.lang.reflect.Executable;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Parameter;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * Calls every public constructor and method of a module's public API packages with {@code null} in
 * each reference parameter in turn, the other arguments taken from {@link ApiSamples}, and records
 * each call that is not refused at once with a {@link NullPointerException},
 * {@link IllegalArgumentException} or {@link ValidationException} whose message names the parameter.
 * Each module's null-argument test gives its packages, samples and the parameters where {@code null}
 * is documented.
 */
public final class NullArgumentWalker {
    /** A parameter the walk skips: {@code null} is documented there, or the method is not called by users. */
    @FunctionalInterface
    public interface Exemption {
        /** Whether {@code null} for {@code parameter} of {@code executable}, declared by {@code type}, is not checked. */
        boolean test(Class<?> type, Executable executable, Parameter parameter);
    }

    /** What a walk found: the calls made with a null argument, and those not refused cleanly. */
    public record Result(int calls, List<String> failures) {
        /** The calls refused at once with a message naming the parameter. */
        public int refused() {
            return calls - failures.size();
        }
    }

    private final ApiSamples samples;
    private final Exemption exemption;

    /** A walk taking valid arguments from {@code samples} and skipping what {@code exemption} names. */
    public NullArgumentWalker(ApiSamples samples, Exemption exemption) {
        this.samples = samples;
        this.exemption = exemption;
    }

    /** {@code Type#method} of an executable as the exemption lists spell it, {@code <init>} for constructors. */
    public static String method(Class<?> type, Executable e) {
        return type.getName().substring(type.getPackageName().length() + 1) + "#"
                + (e instanceof Constructor ? "<init>" : e.getName());
    }

    /** {@code Type#method.parameter}, the key of a parameter in the exemption lists. */
    public static String key(Class<?> type, Executable e, Parameter p) {
        return method(type, e) + "." + p.getName();
    }

    /**
     * Walks the public classes of {@code packages}, read from the classes folder or jar that holds
     * {@code anchor}.
     */
    public Result walk(Class<?> anchor, List<String> packages)
            throws IOException, URISyntaxException, ClassNotFoundException {
        List<String> failures = new ArrayList<>();
        int calls = 0;
        for (Class<?> type : publicClasses(anchor, packages)) {
            for (Executable e : executables(type)) {
                for (int i = 0; i < e.getParameterCount(); i++) {
                    Parameter p = e.getParameters()[i];
                    if (p.getType().isPrimitive() || exemption.test(type, e, p)) {
                        continue;
                    }
                    calls++;
                    String failure = callWithNull(type, e, i);
                    if (failure != null) {
                        failures.add(signature(e) + " with null " + p.getName() + ": " + failure);
                    }
                }
            }
        }
        return new Result(calls, failures);
    }

    private String callWithNull(Class<?> type, Executable e, int nullIndex) {
        Object[] args = new Object[e.getParameterCount()];
        try {
            for (int j = 0; j < args.length; j++) {
                args[j] = j == nullIndex ? null : samples.sample(e.getParameters()[j]);
            }
            boolean instanceMethod = e instanceof Method m && !Modifier.isStatic(m.getModifiers());
            Object receiver = instanceMethod ? samples.sample(type) : null;
            if (instanceMethod && receiver == null) {
                return "no sample receiver of " + type.getName();
            }
            if (e instanceof Method m) {
                m.invoke(receiver, args);
            } else {
                ((Constructor<?>) e).newInstance(args);
            }
            return "accepted";
        } catch (InvocationTargetException ite) {
            Throwable t = ite.getCause();
            String name = e.getParameters()[nullIndex].getName();
            boolean named = t.getMessage() != null
                    && (t.getMessage().contains(name)
                            || e.getParameterCount() == 1 && t.getMessage().startsWith(e.getName() + ":")
                            || t instanceof ValidationException v
                                    && v.field() != null
                                    && letters(v.field()).contains(letters(name)));
            boolean kind = t instanceof NullPointerException
                    || t instanceof IllegalArgumentException
                    || t instanceof ValidationException;
            return named && kind ? null : t.getClass().getSimpleName() + ": " + t.getMessage();
        } catch (ReflectiveOperationException | RuntimeException ex) {
            return "harness: " + ex;
        }
    }

    private static String letters(String s) {
        return s.replaceAll("[^A-Za-z]", "").toLowerCase(Locale.ROOT);
    }

    private static String signature(Executable e) {
        return e.getDeclaringClass().getName().replace("io.arcml.", "") + "#"
                + (e instanceof Constructor ? "<init>" : e.getName())
                + Stream.of(e.getParameterTypes()).map(Class::getSimpleName).toList();
    }

    private static List<Executable> executables(Class<?> type) {
        List<Executable> out = new ArrayList<>();
        if (!Modifier.isAbstract(type.getModifiers())) {
            Stream.of(type.getConstructors()).forEach(out::add);
        }
        for (Method m : type.getDeclaredMethods()) {
            if (Modifier.isPublic(m.getModifiers())
                    && !m.isSynthetic()
                    && !m.isBridge()
                    && !m.getName().equals("equals")
                    && !Modifier.isAbstract(m.getModifiers())) {
                out.add(m);
            }
        }
        out.sort(Comparator.comparing(NullArgumentWalker::signature));
        return out;
    }

    private static List<Class<?>> publicClasses(Class<?> anchor, List<String> packages)
            throws IOException, URISyntaxException, ClassNotFoundException {
        Path root = Path.of(
                anchor.getProtectionDomain().getCodeSource().getLocation().toURI());
        List<Class<?>> out = new ArrayList<>();
        for (String pkg : packages) {
            Path dir = root.resolve(pkg.replace('.', '/'));
            try (Stream<Path> files = Files.list(dir)) {
                for (Path f : files.filter(f -> f.toString().endsWith(".class"))
                        .sorted()
                        .toList()) {
                    String name = pkg + "." + f.getFileName().toString().replace(".class", "");
                    Class<?> c = Class.forName(name);
                    if (Modifier.isPublic(c.getModifiers())
                            && !c.isAnonymousClass()
                            && !c.isSynthetic()
                            && (c.getEnclosingClass() == null
                                    || Modifier.isPublic(c.getEnclosingClass().getModifiers()))) {
                        out.add(c);
                    }
                }
            }
        }
        return out;
    }
}
