import Foundation

/// The `RotationFailures` metric in CloudWatch's embedded metric format: a log line that CloudWatch
/// Logs turns into a metric, so the function needs no monitoring endpoint in its VPC. No
/// dimensions, because the `secret-rotation-failed` alarm watches the bare metric.
public enum RotationMetrics {
    public static let namespace = "AllergyHub/SecretRotation"
    public static let failures = "RotationFailures"

    /// One failed step as an EMF record (one JSON line); the secret and step are properties for
    /// Logs Insights, not dimensions.
    public static func failureRecord(_ event: RotationEvent, at date: Date) -> String {
        let record: [String: Any] = [
            "_aws": [
                "Timestamp": Int(date.timeIntervalSince1970 * 1000),
                "CloudWatchMetrics": [
                    ["Namespace": namespace, "Dimensions": [[String]()], "Metrics": [["Name": failures, "Unit": "Count"]]]
                ],
            ],
            failures: 1,
            "SecretId": event.secretID,
            "Step": event.step.rawValue,
        ]
        guard let data = try? JSONSerialization.data(withJSONObject: record, options: [.sortedKeys]) else { return "" }
        return String(decoding: data, as: UTF8.self)
    }
}
