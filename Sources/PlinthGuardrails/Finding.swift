import PlinthSpec

/// One rule failing on one subject. `subject` is the stable name of what failed (a spec key path,
/// or `<stack>:<resource address>`), so fingerprints and waivers survive edits elsewhere in a file.
public struct Finding: Sendable, Equatable {
    public let ruleID: String
    public let message: String
    /// The key in platform.yaml that causes or produced the finding, when known.
    public let specPath: SpecPath?
    /// Where that key is in platform.yaml.
    public let specLocation: SourceLocation?
    /// Stack id for findings on rendered stacks and plans.
    public let stack: String?
    /// Resource address (plans) or module input (rendered stacks).
    public let resource: String?
    /// Primary position: platform.yaml for spec findings, the stack's main.tf.json otherwise.
    public let location: SourceLocation?
    public let subject: String

    public init(
        ruleID: String, message: String, specPath: SpecPath?, specLocation: SourceLocation?, stack: String?, resource: String?,
        location: SourceLocation?
    ) {
        self.ruleID = ruleID
        self.message = message
        self.specPath = specPath
        self.specLocation = specLocation
        self.stack = stack
        self.resource = resource
        self.location = location
        if let stack {
            subject = resource.map { "\(stack):\($0)" } ?? stack
        } else {
            subject = specPath?.description ?? "(root)"
        }
    }

    /// Stable across runs and across unrelated edits: the rule and the subject, never a line number.
    public var fingerprint: String { Fingerprint.fnv1a64("\(ruleID)|\(subject)") }
}

enum Fingerprint {
    /// FNV-1a, 64 bits, as 16 hex digits: deterministic, unlike Swift's seeded Hasher.
    static func fnv1a64(_ text: String) -> String {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in text.utf8 {
            hash ^= UInt64(byte)
            hash = hash &* 0x0000_0100_0000_01b3
        }
        let hex = String(hash, radix: 16)
        return String(repeating: "0", count: 16 - hex.count) + hex
    }
}

/// Collects findings and what each rule looked at, so evidence can say what a passing rule covered.
struct Evaluation {
    var findings: [Finding] = []
    var covered: [String: [String]] = [:]

    mutating func cover(_ ruleID: String, _ subject: String) {
        covered[ruleID, default: []].append(subject)
    }

    mutating func add(_ finding: Finding) {
        findings.append(finding)
    }
}
