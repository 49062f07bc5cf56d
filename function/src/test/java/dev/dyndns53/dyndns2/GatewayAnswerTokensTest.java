package dev.dyndns53.dyndns2;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.dyndns53.http.GatewayAnswer;
import java.util.Arrays;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The gateway's answers spell their dyndns2 token out (their package imports no protocol). */
class GatewayAnswerTokensTest {
  @ParameterizedTest
  @EnumSource(GatewayAnswer.class)
  void gatewayAnswerBody_isOneDyndns2Token(GatewayAnswer answer) {
    assertTrue(
        Arrays.stream(Dyndns2Token.values())
            .anyMatch(token -> answer.body().equals(token.text() + "\n")),
        answer + " answers " + answer.body());
  }
}
