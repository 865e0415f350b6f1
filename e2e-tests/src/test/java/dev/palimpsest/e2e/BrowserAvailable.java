package dev.palimpsest.e2e;

import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Skips a browser test class when this machine has no browser, so the build's summary counts each of its tests as
 * skipped and says why, beside a line in capitals; under {@code CI=true} the tests run and fail instead
 * ({@link Browser#startOrSkip}).
 */
final class BrowserAvailable implements ExecutionCondition {

    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
        String missing = Browser.missing();
        if (missing == null || "true".equals(System.getenv("CI"))) {
            return ConditionEvaluationResult.enabled("a browser is here, or CI=true requires one");
        }
        if (context.getTestMethod().isEmpty()) {
            System.err.println("\n*** SKIPPING THE BROWSER TESTS OF THE WEB UI: " + missing + " ***\n");
        }
        return ConditionEvaluationResult.disabled("skipped, " + missing);
    }
}
