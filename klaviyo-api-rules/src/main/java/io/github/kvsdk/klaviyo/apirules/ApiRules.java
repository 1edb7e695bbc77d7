package io.github.kvsdk.klaviyo.apirules;

import static com.tngtech.archunit.lang.SimpleConditionEvent.violated;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.members;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.Dependency;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaMember;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.core.domain.JavaType;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.CompositeArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.library.dependencies.SliceAssignment;
import com.tngtech.archunit.library.dependencies.SliceIdentifier;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Architecture rules every module's tests check against its main classes ({@link ModuleClasses#imported()}).
 *
 * <p>A package named {@code internal}, or inside one, holds implementation that is public only so that
 * other packages of its module can call it; users and other modules never name it, so no public signature of the
 * API may expose it.
 */
public final class ApiRules {
  private ApiRules() {}

  /**
   * {@return a rule that there is no cycle between packages} Every package is its own slice, so a cycle
   * between a feature and its {@code internal} package fails as well as one between two features.
   */
  public static ArchRule noPackageCycles() {
    return slices().assignedFrom(new SliceAssignment() {
          @Override
          public SliceIdentifier getIdentifierOf(JavaClass javaClass) {
            return SliceIdentifier.of(javaClass.getPackageName());
          }

          @Override
          public String getDescription() {
            return "one slice per package";
          }
        })
        .should().beFreeOfCycles();
  }

  /**
   * {@return a rule that public and protected members and supertypes of the API's public types (those
   * outside {@code internal} packages) name no type of an {@code internal} package, of this module or of
   * another}
   */
  public static ArchRule noInternalTypesInApiSignatures() {
    ArchRule memberRule = members()
        .that(isApiMember())
        .should(notInvolve("name an internal type in its signature", JavaMember::getAllInvolvedRawTypes))
        .allowEmptyShould(true);
    ArchRule typeRule = classes()
        .that(isApiType())
        .should(new ArchCondition<JavaClass>("not extend or implement an internal type") {
          @Override
          public void check(JavaClass type, ConditionEvents events) {
            List<JavaType> supertypes = new ArrayList<>(type.getInterfaces());
            type.getSuperclass().ifPresent(supertypes::add);
            for (JavaType supertype : supertypes) {
              for (JavaClass involved : supertype.getAllInvolvedRawTypes()) {
                if (isInternal(involved)) {
                  events.add(violated(type, type.getName() + " extends or implements " + involved.getName()));
                }
              }
            }
          }
        })
        .allowEmptyShould(true);
    return CompositeArchRule.of(memberRule).and(typeRule);
  }

  /**
   * {@return a rule that the classes checked depend on no class of an {@code internal} package outside them}
   * The classes checked are one module's: its own internal packages are for its other packages to use, those of
   * other modules (the SDK's or a library's) are not.
   */
  public static ArchRule noUseOfOtherModulesInternals() {
    return classes()
        .should(new ArchCondition<JavaClass>("use no internal package of another module") {
          private final Set<String> checked = new HashSet<>();

          @Override
          public void init(Collection<JavaClass> allObjectsToTest) {
            checked.clear();
            for (JavaClass type : allObjectsToTest) checked.add(type.getName());
          }

          @Override
          public void check(JavaClass type, ConditionEvents events) {
            for (Dependency dependency : type.getDirectDependenciesFromSelf()) {
              JavaClass target = dependency.getTargetClass().getBaseComponentType();
              if (isInternal(target) && !checked.contains(target.getName())) {
                events.add(violated(dependency, dependency.getDescription()));
              }
            }
          }
        })
        .allowEmptyShould(true);
  }

  /**
   * {@return true for a class in a package named {@code internal} or inside one}
   *
   * @param type a class of the imported modules
   */
  public static boolean isInternal(JavaClass type) {
    return isInternalPackage(type.getPackageName());
  }

  static boolean isInternalPackage(String packageName) {
    return packageName.endsWith(".internal") || packageName.contains(".internal.");
  }

  /** {@return a public type outside internal packages whose enclosing types are all accessible to users} */
  public static DescribedPredicate<JavaClass> isApiType() {
    return DescribedPredicate.describe("are API types (public, outside internal packages)", ApiRules::apiType);
  }

  private static boolean apiType(JavaClass type) {
    if (isInternal(type) || type.isAnonymousClass() || type.isLocalClass()) return false;
    for (JavaClass t = type; t != null; t = t.getEnclosingClass().orElse(null)) {
      Set<JavaModifier> modifiers = t.getModifiers();
      boolean accessible = modifiers.contains(JavaModifier.PUBLIC)
          || (t != type || t.getEnclosingClass().isPresent()) && modifiers.contains(JavaModifier.PROTECTED);
      if (!accessible) return false;
    }
    return true;
  }

  private static DescribedPredicate<JavaMember> isApiMember() {
    return DescribedPredicate.describe("are public or protected members of API types", member -> {
      Set<JavaModifier> modifiers = member.getModifiers();
      return apiType(member.getOwner()) && !modifiers.contains(JavaModifier.SYNTHETIC)
          && !modifiers.contains(JavaModifier.BRIDGE)
          && (modifiers.contains(JavaModifier.PUBLIC) || modifiers.contains(JavaModifier.PROTECTED));
    });
  }

  private static ArchCondition<JavaMember> notInvolve(
      String description, java.util.function.Function<JavaMember, Set<JavaClass>> involved) {
    return new ArchCondition<>(description) {
      @Override
      public void check(JavaMember member, ConditionEvents events) {
        Set<String> internal = new TreeSet<>();
        for (JavaClass type : involved.apply(member)) {
          if (isInternal(type)) internal.add(type.getName());
        }
        if (!internal.isEmpty()) {
          events.add(violated(member, member.getFullName() + " exposes " + String.join(", ", internal)));
        }
      }
    };
  }
}
