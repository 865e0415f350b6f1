package dev.palimpsest.e2e;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The names ObservabilityConfigTest checks are those the expressions read, neither fewer nor more. */
class PromQlMetricNamesTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            a plain selector | up | up
            a rate by labels | sum by (outcome, reason) (rate(palimpsest_ingest_submissions_total[$__rate_interval])) | palimpsest_ingest_submissions_total
            a quantile | histogram_quantile(0.99, sum by (le, endpoint) (rate(palimpsest_query_request_seconds_bucket{endpoint="as-of"}[5m]))) | palimpsest_query_request_seconds_bucket
            time and arithmetic | time() - max by (partition) (palimpsest_query_read_model_newest_archived_time_seconds) > 300 | palimpsest_query_read_model_newest_archived_time_seconds
            """)
    void oneName(String what, String expression, String name) {
        assertEquals(Set.of(name), PromQlMetricNames.of(expression));
    }

    @Test
    void labelMatchersAreNotNames() {
        assertEquals(Set.of("kafka_consumer_fetch_manager_records_lag"), PromQlMetricNames.of(
                "max by (job) (kafka_consumer_fetch_manager_records_lag{topic=~\"palimpsest\\\\.revisions\\\\."
                        + "(submitted|archived)\", job!=\"x\"}) > 10000"));
    }

    @Test
    void bothSidesOfABinaryOperationWithAJoinClause() {
        assertEquals(Set.of("a_seconds", "kafka_consumer_fetch_manager_records_lag"), PromQlMetricNames.of(
                "(time() - max by (partition) (a_seconds) > 300) and on (partition) "
                        + "(max by (partition) (kafka_consumer_fetch_manager_records_lag{topic=\"t\"}) > 0)"));
    }

    @Test
    void anIncreaseOverTheDashboardsRangeAndAnOffset() {
        assertEquals(Set.of("palimpsest_dead_letters_total", "b_total"), PromQlMetricNames.of(
                "sum(increase(palimpsest_dead_letters_total[$__range])) / sum(b_total offset 1h)"));
    }
}
