package dev.dyndns53.health;

import dev.dyndns53.credentials.CredentialStore;
import dev.dyndns53.credentials.CredentialStoreException;
import dev.dyndns53.credentials.UserPasswords;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;

/**
 * The health check's look at the passwords: every user's, in one batch, as the update path reads
 * them. A read that fails as a whole is one problem; each user whose secret gave no password is one
 * problem of its own. No value reaches a problem's text.
 */
final class PasswordCheck {
  private PasswordCheck() {}

  static List<HealthProblem> check(CredentialStore credentials, Collection<String> users) {
    List<HealthProblem> problems = new ArrayList<>();
    UserPasswords read;
    try {
      read = credentials.passwords(new TreeSet<>(users));
    } catch (CredentialStoreException unreadable) {
      problems.add(
          new HealthProblem(
              "users",
              unreadable.errorCode(),
              withoutFinalStop(unreadable.getMessage())
                  + ". Until this is fixed every update answers 911"
                  + passwordFix(unreadable.errorCode())));
      return problems;
    }
    for (String user : users) {
      Optional<UserPasswords.SecretProblem> problem = read.problem(user);
      if (problem.isPresent()) {
        problems.add(
            new HealthProblem(
                "user " + user,
                problem.get().code(),
                withoutFinalStop(problem.get().message())
                    + ". Until this is fixed the user's router gets badauth"
                    + passwordFix(problem.get().code())));
      } else if (read.password(user).filter(password -> !password.isEmpty()).isEmpty()) {
        problems.add(
            new HealthProblem(
                "user " + user,
                "NoPassword",
                "the credential store holds no password for this user, so its router gets badauth;"
                    + " give its secret a \"password\""));
      }
    }
    return problems;
  }

  private static String withoutFinalStop(String sentence) {
    return sentence.endsWith(".") ? sentence.substring(0, sentence.length() - 1) : sentence;
  }

  private static String passwordFix(String code) {
    return switch (code) {
      case "ResourceNotFoundException" ->
          "; the stack creates one secret per configured user:"
              + " deploy it again, and check that DYNDNS53_SECRET_PREFIX names the stack's secrets";
      case "AccessDeniedException" ->
          "; the function's role may not read this secret or its KMS"
              + " key: deploy the stack again, and look for a permissions boundary or SCP that denies it";
      default -> "";
    };
  }
}
