package io.arcml.architecture;

import static com.tngtech.archunit.core.domain.JavaCall.Predicates.target;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.assignableTo;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.equivalentTo;
import static com.tngtech.archunit.core.domain.properties.HasName.Predicates.name;
import static com.tngtech.archunit.core.domain.properties.HasOwner.Predicates.With.owner;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import io.arcml.internal.jackson.JacksonMappers;
import org.junit.jupiter.api.Test;

/**
 * One configured Jackson mapper: no class of sdk-core but {@link JacksonMappers} builds an
 * {@link ObjectMapper} (a constructor, or a {@code JsonMapper.builder()}/{@code YAMLMapper.builder()}),
 * so no codec binds with settings of its own.
 */
class OneMapperTest {

    @Test
    void onlyJacksonMappersBuildsAMapper() {
        JavaClasses classes = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("io.arcml");
        noClasses()
                .that(DescribedPredicate.not(equivalentTo(JacksonMappers.class)))
                .and()
                .doNotHaveFullyQualifiedName(JacksonMappers.class.getName() + "$Holder")
                .should()
                .callConstructorWhere(target(owner(assignableTo(ObjectMapper.class))))
                .orShould()
                .callMethodWhere(target(owner(assignableTo(ObjectMapper.class))).and(target(name("builder"))))
                .because("every codec binds on the one configuration in io.arcml.internal.jackson.JacksonMappers")
                .check(classes);
    }
}
