import Foundation
import Testing

@testable import SecretRotation

@Suite struct RotationMetricsTests {
    @Test func aFailureIsAnEmbeddedMetricRecordWithoutDimensions() throws {
        let event = RotationEvent(
            step: .setSecret, secretID: "arn:aws:secretsmanager:us-east-1:123456789012:secret:prod/x-AbCdEf", token: "t")
        let line = RotationMetrics.failureRecord(event, at: Date(timeIntervalSince1970: 1_700_000_000))
        #expect(!line.contains("\n"))
        let record = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
        #expect(record["RotationFailures"] as? Int == 1)
        #expect(record["Step"] as? String == "setSecret")
        let aws = try #require(record["_aws"] as? [String: Any])
        #expect(aws["Timestamp"] as? Int == 1_700_000_000_000)
        let metrics = try #require((aws["CloudWatchMetrics"] as? [[String: Any]])?.first)
        #expect(metrics["Namespace"] as? String == "AllergyHub/SecretRotation")
        #expect(metrics["Dimensions"] as? [[String]] == [[]])
        #expect((metrics["Metrics"] as? [[String: String]])?.first?["Name"] == "RotationFailures")
    }

    @Test func theEventSecretsManagerSendsDecodes() throws {
        let json = #"{"Step":"finishSecret","SecretId":"arn:aws:secretsmanager:us-east-1:1:secret:s","ClientRequestToken":"abc"}"#
        let event = try JSONDecoder().decode(RotationEvent.self, from: Data(json.utf8))
        #expect(event == RotationEvent(step: .finishSecret, secretID: "arn:aws:secretsmanager:us-east-1:1:secret:s", token: "abc"))
    }

    @Test func theConfigurationTheModulePassesDecodes() throws {
        let configuration = try RotationConfiguration.decode(
            #"{"secrets":{"prod/identity/idp-signing-key":{"strategy":"signing-key","algorithm":"ES256","jwks":"s3://b/k.json","maxTokenLifetimeSeconds":3600}}}"#
        )
        let entry = try #require(configuration.secrets["prod/identity/idp-signing-key"])
        #expect(entry.strategy == .signingKey)
        #expect(JWKSPublication(url: entry.jwks ?? "")?.key == "k.json")
        #expect(JWKSPublication(url: "s3://bucket-only") == nil)
    }
}
