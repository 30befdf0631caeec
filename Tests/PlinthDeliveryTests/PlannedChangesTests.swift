import Foundation
import PlinthDelivery
import Testing

/// Reading a plan's JSON: actions, stateful losses and a fingerprint that ignores formatting.
@Suite struct PlannedChangesTests {
    static func plan(_ changes: [(String, String, [String])], extra: String = "") -> Data {
        let items = changes.map { address, type, actions in
            "{\"address\":\"\(address)\",\"type\":\"\(type)\",\"change\":{\"actions\":[\(actions.map { "\"\($0)\"" }.joined(separator: ","))],\"after\":{\"name\":\"x\"}}}"
        }
        return Data("{\"format_version\":\"1.2\"\(extra),\"resource_changes\":[\(items.joined(separator: ","))]}".utf8)
    }

    @Test func actionsAreReadAndNoOpsLeftOut() throws {
        let changes = try PlannedChanges(
            planJSON: Self.plan([
                ("aws_s3_bucket.a", "aws_s3_bucket", ["create"]), ("aws_iam_role.r", "aws_iam_role", ["update"]),
                ("aws_db_instance.d", "aws_db_instance", ["delete", "create"]), ("aws_kms_key.k", "aws_kms_key", ["delete"]),
                ("aws_vpc.v", "aws_vpc", ["no-op"]), ("data.aws_caller_identity.me", "aws_caller_identity", ["read"]),
            ]))
        #expect(changes.resources.map(\.action) == [.add, .change, .replace, .destroy])
        #expect(changes.resources.filter(\.losesState).map(\.address) == ["aws_db_instance.d", "aws_kms_key.k"])
    }

    @Test func theFingerprintIgnoresKeyOrderAndWhitespaceButNotContent() throws {
        let compact = Data(
            #"{"format_version":"1.2","resource_changes":[{"address":"a","type":"t","change":{"actions":["create"],"after":{"x":1}}}]}"#
                .utf8)
        let reordered = Data(
            """
            {"resource_changes": [ {"change": {"after": {"x": 1}, "actions": ["create"]}, "type": "t", "address": "a"} ],
             "format_version": "1.2", "timestamp": "2026-12-07T10:00:00Z"}
            """.utf8)
        let different = Data(
            #"{"format_version":"1.2","resource_changes":[{"address":"a","type":"t","change":{"actions":["create"],"after":{"x":2}}}]}"#
                .utf8)
        let first = try PlannedChanges(planJSON: compact).fingerprint
        #expect(first == (try PlannedChanges(planJSON: reordered).fingerprint))
        #expect(first != (try PlannedChanges(planJSON: different).fingerprint))
        #expect(first.count == 64)
    }

    @Test func somethingElseThanAPlanIsRefused() {
        #expect(throws: PlanReadError.notJSON) { try PlannedChanges(planJSON: Data("not json".utf8)) }
        #expect(throws: PlanReadError.notAPlan) { try PlannedChanges(planJSON: Data("{\"values\":{}}".utf8)) }
    }
}
