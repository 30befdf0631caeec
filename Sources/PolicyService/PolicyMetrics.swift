import Prometheus

/// The service's Prometheus metrics, in a registry of its own so tests and several instances in one
/// process do not share counters.
public struct PolicyMetrics: Sendable {
    public let registry: PrometheusCollectorRegistry
    let allowed: Counter
    let denied: Counter
    let decisionLatency: DurationHistogram
    let jwksFetchSucceeded: Counter
    let jwksFetchFailed: Counter
    let storeUnavailable: Counter

    public init(registry: PrometheusCollectorRegistry = PrometheusCollectorRegistry()) {
        self.registry = registry
        let decisions = MetricNameDescriptor(metricName: "policy_decisions", unitName: "total", helpText: "Policy decisions by result.")
        allowed = registry.makeCounter(descriptor: decisions, labels: [("result", "allow")])
        denied = registry.makeCounter(descriptor: decisions, labels: [("result", "deny")])
        decisionLatency = registry.makeDurationHistogram(
            descriptor: MetricNameDescriptor(
                metricName: "policy_decision_duration", unitName: "seconds",
                helpText: "Time to evaluate one decision, token verification excluded."),
            buckets: [
                .microseconds(1), .microseconds(5), .microseconds(25), .microseconds(100), .microseconds(500),
                .milliseconds(1), .milliseconds(5), .milliseconds(25), .milliseconds(100),
            ])
        let fetches = MetricNameDescriptor(metricName: "jwks_fetches", unitName: "total", helpText: "JWKS fetches by result.")
        jwksFetchSucceeded = registry.makeCounter(descriptor: fetches, labels: [("result", "success")])
        jwksFetchFailed = registry.makeCounter(descriptor: fetches, labels: [("result", "failure")])
        storeUnavailable = registry.makeCounter(
            descriptor: MetricNameDescriptor(
                metricName: "policy_store_unavailable", unitName: "total",
                helpText: "Store operations that failed because storage was unreachable."))
    }

    func record(allowed isAllowed: Bool, duration: Duration) {
        (isAllowed ? allowed : denied).increment()
        decisionLatency.record(duration)
    }

    /// For `JWKSKeyCache(onFetch:)`.
    public func recordJWKSFetch(_ succeeded: Bool) {
        (succeeded ? jwksFetchSucceeded : jwksFetchFailed).increment()
    }
}
