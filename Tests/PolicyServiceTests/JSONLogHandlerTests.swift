import Foundation
import Logging
import PolicyService
import Synchronization
import Testing

struct JSONLogHandlerTests {
    final class Lines: Sendable {
        let lines = Mutex<[String]>([])
        func append(_ line: String) { lines.withLock { $0.append(line) } }
        var all: [String] { lines.withLock { $0 } }
    }

    @Test func writesOneJSONObjectPerLineWithoutCredentials() throws {
        let sink = Lines()
        var logger = Logger(label: "test") { label in JSONLogHandler(label: label) { sink.append($0) } }
        logger[metadataKey: "hb.request.id"] = "req-1"
        logger.info(
            "decision",
            metadata: [
                "subject": "user-1", "decision": "allow", "authorization": "Bearer secret-token",
                "token": "eyJhbGciOi", "roles": ["a", "b"],
            ])
        logger.debug("hidden at info level")
        #expect(sink.all.count == 1)
        let line = try #require(sink.all.first)
        #expect(!line.contains("secret-token") && !line.contains("eyJhbGciOi"))
        let object = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
        #expect(object["request_id"] as? String == "req-1")
        #expect(object["subject"] as? String == "user-1")
        #expect(object["decision"] as? String == "allow")
        #expect(object["message"] as? String == "decision")
        #expect(object["level"] as? String == "info")
        #expect(object["roles"] as? [String] == ["a", "b"])
    }
}
