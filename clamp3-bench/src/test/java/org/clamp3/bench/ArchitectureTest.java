package org.clamp3.bench;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaMethodCall;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.library.Architectures;
import com.tngtech.archunit.library.GeneralCodingRules;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The module graph of DESIGN.md, checked on the compiled classes of every module. It lives in
 * clamp3-bench because that is the one module allowed to depend on all the others: its test
 * classpath holds every module's main classes (tests of the modules are not checked).
 *
 * <p>Module {@code clamp3-x} holds the package {@code org.clamp3.x}. {@link #MODULES} is the
 * graph, including modules that do not exist yet: a module that is not there is simply an empty
 * layer. A new module fails {@link #everyModuleIsCheckedAndHoldsItsOwnPackage()} until it is
 * in the graph and on this module's test classpath.
 */
class ArchitectureTest {

    /** Each module and the modules it may use; bench may use anything and nothing may use it. */
    private static final Map<String, List<String>> MODULES = new LinkedHashMap<>();
    static {
        MODULES.put("core", List.of());
        MODULES.put("preprocess", List.of("core"));
        MODULES.put("train", List.of("core"));
        // the encoders on ONNX Runtime, from the weights core's model exports
        MODULES.put("onnx", List.of("core"));
        MODULES.put("index", List.of("preprocess", "core"));
        MODULES.put("serve", List.of("index", "preprocess", "core"));
        // spark imports its Parquet into an index (ImportJob) and embeds as the index does (ModelEmbedder)
        MODULES.put("spark", List.of("index", "preprocess", "core"));
        MODULES.put("cli", List.of("serve", "index", "train", "onnx", "preprocess", "core"));
        MODULES.put("bench", List.of("cli", "serve", "index", "spark", "train", "onnx", "preprocess", "core"));
    }

    /**
     * The applications: they parse arguments, print, exit and decide about logging. The rest is
     * library. spark's jobs are entry points of their own ({@code spark-submit}, scripts/clamp3-spark).
     */
    private static final Set<String> APPS = Set.of("cli", "spark", "bench");

    private static JavaClasses classes;

    @BeforeAll
    static void importMainClasses() {
        classes = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("org.clamp3");
    }

    private static String[] packages(Stream<String> modules) {
        return modules.map(m -> "org.clamp3." + m + "..").toArray(String[]::new);
    }

    private static String[] libraryPackages() {
        return packages(MODULES.keySet().stream().filter(m -> !APPS.contains(m)));
    }

    @Test
    void modulesUseOnlyTheModulesBelowThem() {
        Architectures.LayeredArchitecture graph = Architectures.layeredArchitecture()
                .consideringOnlyDependenciesInLayers()
                .withOptionalLayers(true);
        for (String module : MODULES.keySet()) {
            graph = graph.layer(module).definedBy("org.clamp3." + module + "..");
        }
        for (Map.Entry<String, List<String>> e : MODULES.entrySet()) {
            graph = e.getValue().isEmpty()
                    ? graph.whereLayer(e.getKey()).mayNotAccessAnyLayer()
                    : graph.whereLayer(e.getKey()).mayOnlyAccessLayers(e.getValue().toArray(String[]::new));
        }
        graph.whereLayer("bench").mayNotBeAccessedByAnyLayer()
                .ensureAllClassesAreContainedInArchitecture()
                .because("dependencies point down only (DESIGN.md); a class outside every module's package"
                        + " belongs to no module")
                .check(classes);
    }

    @Test
    void coreUsesNoOtherClamp3Package() {
        // also catches an org.clamp3 package that is no module of the graph above
        noClasses().that().resideInAPackage("org.clamp3.core..")
                .should().dependOnClassesThat(DescribedPredicate.describe("are in org.clamp3 outside org.clamp3.core",
                        (JavaClass c) -> c.getPackageName().startsWith("org.clamp3.")
                                && !c.getPackageName().equals("org.clamp3.core")
                                && !c.getPackageName().startsWith("org.clamp3.core.")))
                .check(classes);
    }

    @Test
    void libraryCodeUsesNoCommandLineParser() {
        noClasses().that().resideInAnyPackage(libraryPackages())
                .should().dependOnClassesThat().resideInAPackage("picocli..")
                .because("arguments are the application's business")
                .check(classes);
    }

    @Test
    void libraryCodeNeitherPrintsNorExits() {
        noClasses().that().resideInAnyPackage(libraryPackages())
                .should(GeneralCodingRules.ACCESS_STANDARD_STREAMS)
                .orShould().callMethod(System.class, "exit", int.class)
                .orShould().callMethod(Runtime.class, "exit", int.class)
                .orShould().callMethod(Runtime.class, "halt", int.class)
                .because("a library reports through exceptions and listeners; the application prints and exits")
                .check(classes);
    }

    @Test
    void libraryCodeLeavesLoggingConfigurationToTheApplication() {
        Set<String> configuring = Set.of("setLevel", "addHandler", "removeHandler", "setUseParentHandlers",
                "setFilter", "reset", "readConfiguration", "updateConfiguration");
        noClasses().that().resideInAnyPackage(libraryPackages())
                .should().callMethodWhere(DescribedPredicate.describe("configure java.util.logging",
                        (JavaMethodCall call) -> call.getTargetOwner().getPackageName().equals("java.util.logging")
                                && configuring.contains(call.getName())))
                .because("which logger says what is a process-wide decision")
                .check(classes);
    }

    // Inside modules: core.model and preprocess.audio are split into sub-packages, and each
    // package-info.java says what the package holds and must not import. These are the rules of it
    // that the compiled classes can show.

    private static final String MODEL = "org.clamp3.core.model";

    private static boolean inModel(JavaClass c) {
        return c.getPackageName().equals(MODEL) || c.getPackageName().startsWith(MODEL + ".");
    }

    @Test
    void modelConfigAndWeightBindingUseNoOtherModelPackage() {
        for (String leaf : List.of(MODEL + ".config", MODEL + ".binding")) {
            noClasses().that().resideInAPackage(leaf)
                    .should().dependOnClassesThat(DescribedPredicate.describe("are in another " + MODEL + " package",
                            (JavaClass c) -> inModel(c) && !c.getPackageName().equals(leaf)))
                    .because("a config is read, and a checkpoint bound, without knowing the network")
                    .check(classes);
        }
    }

    @Test
    void theModelDoesNotUseThePipelineBuiltOnIt() {
        noClasses().that().resideInAPackage(MODEL + "..")
                .should().dependOnClassesThat().resideInAnyPackage("org.clamp3.core.pipeline..", "org.clamp3.core.extract..")
                .check(classes);
    }

    @Test
    void networkInternalsAreUsedOnlyInsideTheModel() {
        noClasses().that().resideOutsideOfPackage(MODEL + "..")
                .should().dependOnClassesThat(DescribedPredicate.describe("are in " + MODEL + ".nn, other than"
                                + " Dropout (training switches it)",
                        (JavaClass c) -> c.getPackageName().equals(MODEL + ".nn")
                                && !c.getName().equals(MODEL + ".nn.Dropout")))
                .because("callers use the model through core.model's API; layers may change freely")
                .check(classes);
    }

    @Test
    void theKernelPlanKnowsNothingOfModels() {
        noClasses().that().resideInAPackage(MODEL + ".kernel")
                .should().dependOnClassesThat(DescribedPredicate.describe("are in " + MODEL + " outside .kernel",
                        (JavaClass c) -> inModel(c) && !c.getPackageName().equals(MODEL + ".kernel")))
                .because("kernels are measured on plain shapes; layers of any model use them")
                .check(classes);
    }

    @Test
    void weightBindingIsUsedOnlyByModels() {
        noClasses().that().resideOutsideOfPackages(MODEL + "..", "org.clamp3.preprocess.audio.mert")
                .should().dependOnClassesThat().resideInAPackage(MODEL + ".binding")
                .because("state-dict keys are the business of the models that load them (CLaMP 3, M3, MERT)")
                .check(classes);
    }

    @Test
    void theTrainingSurfaceIsNotUsedByInferenceOrPreprocessing() {
        noClasses().that().resideInAnyPackage("org.clamp3.core..", "org.clamp3.preprocess..")
                .and().resideOutsideOfPackages(MODEL, MODEL + ".train")
                .should().dependOnClassesThat().resideInAPackage(MODEL + ".train")
                .because("only Clamp3Model (which is trainable), clamp3-train and the CLI's train commands need it")
                .check(classes);
    }

    @Test
    void audioCodecsUseNoOtherPreprocessPackage() {
        noClasses().that().resideInAPackage("org.clamp3.preprocess.audio.codec")
                .should().dependOnClassesThat(DescribedPredicate.describe("are in org.clamp3.preprocess outside audio.codec",
                        (JavaClass c) -> c.getPackageName().startsWith("org.clamp3.preprocess")
                                && !c.getPackageName().equals("org.clamp3.preprocess.audio.codec")))
                .because("decoding knows nothing of resampling or MERT")
                .check(classes);
    }

    @Test
    void loadingAudioDoesNotUseMert() {
        noClasses().that().resideInAPackage("org.clamp3.preprocess.audio")
                .should().dependOnClassesThat().resideInAPackage("org.clamp3.preprocess.audio.mert")
                .because("MERT builds on loading audio, not the other way round")
                .check(classes);
    }

    @Test
    void mertUsesOnlyTheWeightBinderAndKernelsOfTheModel() {
        noClasses().that().resideInAPackage("org.clamp3.preprocess.audio.mert")
                .should().dependOnClassesThat(DescribedPredicate.describe("are in " + MODEL
                                + ".. other than the weight binder and the kernel plan",
                        (JavaClass c) -> inModel(c) && !c.getPackageName().equals(MODEL + ".binding")
                                && !c.getPackageName().equals(MODEL + ".kernel")))
                .because("MERT is a network of its own; it shares building blocks, not the CLaMP 3 model")
                .check(classes);
    }

    @Test
    void theEmbeddedIndexDoesNotUseTheSearchServerClient() {
        noClasses().that().resideInAPackage("org.clamp3.index")
                .should().dependOnClassesThat().resideInAPackage("org.clamp3.index.es..")
                .because("the es package builds on the index (SearchableIndex, MusicIndex), not the other way round;"
                        + " applications choose between them")
                .check(classes);
    }

    @Test
    void onlyTheSearchServerClientAndTheApplicationsTalkToElasticsearch() {
        noClasses().that().resideInAnyPackage("org.clamp3.core..", "org.clamp3.preprocess..", "org.clamp3.train..",
                        "org.clamp3.serve..", "org.clamp3.spark..")
                .should().dependOnClassesThat().resideInAPackage("org.clamp3.index.es..")
                .because("serve takes any SearchableIndex; the CLI opens an EsIndex for it")
                .check(classes);
    }

    /**
     * Every module the parent POM lists holds only its own package and is on this test's
     * classpath, so that no module escapes the rules above.
     */
    @Test
    void everyModuleIsCheckedAndHoldsItsOwnPackage() throws IOException {
        Path root = Path.of(System.getProperty("clamp3.root", ".."));
        String parent = Files.readString(root.resolve("pom.xml"));
        Matcher m = Pattern.compile("<module>\\s*([^<\\s]+)\\s*</module>").matcher(parent);
        Set<String> imported = new TreeSet<>();
        for (JavaClass c : classes) {
            String[] parts = c.getPackageName().split("\\.");
            if (parts.length >= 3) {
                imported.add(parts[2]);
            }
        }
        List<String> problems = new ArrayList<>();
        int modules = 0;
        while (m.find()) {
            modules++;
            String dir = m.group(1);
            String module = dir.startsWith("clamp3-") ? dir.substring("clamp3-".length()) : dir;
            Path sources = root.resolve(dir).resolve("src/main/java");
            if (!Files.isDirectory(sources)) {
                continue;
            }
            if (!MODULES.containsKey(module)) {
                problems.add(dir + " is not in ArchitectureTest.MODULES: say which modules it may use");
            }
            try (Stream<Path> files = Files.walk(sources)) {
                files.filter(f -> f.toString().endsWith(".java"))
                        .map(f -> sources.relativize(f.getParent()).toString().replace('/', '.'))
                        .distinct()
                        .filter(p -> !p.equals("org.clamp3." + module) && !p.startsWith("org.clamp3." + module + "."))
                        .forEach(p -> problems.add(dir + " has package " + p + "; its classes belong in org.clamp3." + module));
            }
            if (!imported.contains(module)) {
                problems.add(dir + "'s classes are not on clamp3-bench's test classpath: declare it in"
                        + " clamp3-bench/pom.xml (scope test)");
            }
        }
        assertTrue(modules > 0, "no <module> in " + root.resolve("pom.xml"));
        assertEquals(List.of(), problems);
    }
}
