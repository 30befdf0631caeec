import PlinthSpec

/// Finds values that look like credentials anywhere in the document. The spec holds references
/// to secrets, never secrets; a value that slips in would end up in git, plans and CI logs.
public enum SecretValueScanner {
    /// Keys whose value is a secret by name alone, whatever it looks like.
    static let secretKeyWords = [
        "password", "passwd", "secret_value", "secretvalue", "apikey", "api_key", "privatekey",
        "private_key", "clientsecret", "client_secret", "token", "accesskey", "access_key",
        "integrationkey", "integration_key", "webhookurl", "webhook_url",
    ]

    public static func scan(_ document: SpecNode) -> [Diagnostic] {
        var scan = Scan()
        var trail: [SpecPath.Component] = []
        scan.walk(document, key: nil, trail: &trail)
        return scan.found
    }

    /// One pass over the document. Keys repeat thousands of times in a large spec, so the verdict
    /// on each distinct key is remembered.
    private struct Scan {
        var found: [Diagnostic] = []
        var keyVerdicts: [String: Bool] = [:]

        /// Depth-first walk keeping the path as a stack, so a path value is built only for a finding.
        mutating func walk(_ node: SpecNode, key: String?, trail: inout [SpecPath.Component]) {
            switch node {
            case .scalar(let text, _, let location):
                var keyNamesCredential = false
                if let key, !text.isEmpty {
                    if let known = keyVerdicts[key] {
                        keyNamesCredential = known
                    } else {
                        keyNamesCredential = SecretValueScanner.namesCredential(key)
                        keyVerdicts[key] = keyNamesCredential
                    }
                }
                let reason = keyNamesCredential ? "the key '\(key ?? "")' names a credential" : SecretValueScanner.reason(for: text)
                guard let reason else { return }
                // Never echo the value: the report itself may be logged.
                found.append(
                    Diagnostic(
                        .error, code: "secret-value", path: SpecPath(trail),
                        message: "this looks like a secret value (\(reason)); the spec holds references only",
                        location: location,
                        hint: "store the value in Secrets Manager and reference the secret by name"))
            case .mapping(let entries, _):
                for entry in entries {
                    trail.append(.key(entry.key))
                    walk(entry.value, key: entry.key, trail: &trail)
                    trail.removeLast()
                }
            case .sequence(let items, _):
                for (offset, item) in items.enumerated() {
                    trail.append(.index(offset))
                    walk(item, key: key, trail: &trail)
                    trail.removeLast()
                }
            case .null:
                break
            }
        }
    }

    /// A key such as `db_password` or `slackWebhookUrl` makes any value under it a secret.
    static func namesCredential(_ key: String) -> Bool {
        guard key.utf8.count >= 5 else { return false }
        let lowered = key.lowercased()
        return secretKeyWords.contains { lowered == $0 || lowered.hasSuffix($0) }
    }

    /// Why a value reads as a credential, judged by its shape alone; nil when it does not.
    static func reason(for text: String) -> String? {
        // Every credential shape below is at least 10 bytes long.
        guard text.utf8.count >= 10 else { return nil }
        if contains(text, "-----BEGIN"), contains(text, "PRIVATE KEY") { return "a PEM private key" }
        if let reason = knownTokenShape(text) { return reason }
        if looksRandom(text) { return "a long random-looking string" }
        return nil
    }

    /// Well-known credential formats, matched by prefix and alphabet.
    static let shapes: [(prefixes: [[UInt8]], length: ClosedRange<Int>, name: String)] = [
        (["AKIA", "ASIA"].map { Array($0.utf8) }, 20...20, "an AWS access key id"),
        (["ghp_", "gho_", "ghu_", "ghs_", "ghr_", "github_pat_"].map { Array($0.utf8) }, 30...255, "a GitHub token"),
        (["xoxb-", "xoxp-", "xoxa-", "xoxr-", "xoxs-"].map { Array($0.utf8) }, 20...255, "a Slack token"),
        (["sk_live_", "rk_live_"].map { Array($0.utf8) }, 20...255, "a Stripe key"),
        ([Array("-----BEGIN".utf8)], 10...100_000, "a PEM block"),
    ]
    static let slackWebhookPrefix = Array("https://hooks.slack.com/services/".utf8)
    static let jwtPrefix = Array("eyJ".utf8)

    /// Byte-level matching: these shapes are ASCII, and walking bytes keeps the scan of a large spec cheap.
    static func knownTokenShape(_ text: String) -> String? {
        let separators: (UInt8) -> Bool = { $0 == 0x20 || $0 == 0x0A || $0 == 0x22 || $0 == 0x27 }
        for word in text.utf8.split(whereSeparator: separators) {
            let count = word.count
            guard count >= 10 else { continue }
            for shape in shapes where shape.length.contains(count) && shape.prefixes.contains(where: { word.starts(with: $0) }) {
                if shape.length == 20...20, !word.allSatisfy({ isUpper($0) || isDigit($0) }) { continue }
                return shape.name
            }
            if word.starts(with: slackWebhookPrefix) { return "a Slack webhook URL" }
            if count > 40, word.starts(with: jwtPrefix), word.split(separator: UInt8(ascii: ".")).count == 3 { return "a JSON Web Token" }
        }
        return nil
    }

    /// A single token of 32+ characters from a key-like alphabet with high entropy per character:
    /// ARNs, URLs, paths and prose have separators or low entropy and are left alone.
    static func looksRandom(_ text: String) -> Bool {
        let bytes = text.utf8
        guard bytes.count >= 32 else { return false }
        var counts = [Int](repeating: 0, count: 128)
        var hasUpper = false, hasLower = false, hasDigit = false
        for byte in bytes {
            if isUpper(byte) {
                hasUpper = true
            } else if isLower(byte) {
                hasLower = true
            } else if isDigit(byte) {
                hasDigit = true
            } else if byte != UInt8(ascii: "+"), byte != UInt8(ascii: "="), byte != UInt8(ascii: "_"), byte != UInt8(ascii: "-") {
                return false
            }
            counts[Int(byte)] += 1
        }
        guard [hasUpper, hasLower, hasDigit].filter({ $0 }).count >= 2 else { return false }
        let length = Double(bytes.count)
        let entropy = counts.reduce(0.0) { sum, count in
            guard count > 0 else { return sum }
            let p = Double(count) / length
            return sum - p * log2(p)
        }
        return entropy >= 4.0
    }

    private static func isUpper(_ byte: UInt8) -> Bool { byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z") }
    private static func isLower(_ byte: UInt8) -> Bool { byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "z") }
    private static func isDigit(_ byte: UInt8) -> Bool { byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") }

    /// Substring search over UTF-8 bytes.
    private static func contains(_ text: String, _ needle: StaticString) -> Bool {
        let pattern = UnsafeBufferPointer(start: needle.utf8Start, count: needle.utf8CodeUnitCount)
        guard let first = pattern.first else { return true }
        var text = text
        return text.withUTF8 { bytes in
            guard bytes.count >= pattern.count else { return false }
            var index = 0
            while index <= bytes.count - pattern.count {
                if bytes[index] == first, UnsafeBufferPointer(rebasing: bytes[index..<(index + pattern.count)]).elementsEqual(pattern) {
                    return true
                }
                index += 1
            }
            return false
        }
    }

    private static func log2(_ x: Double) -> Double {
        // Natural log via the series-free identity keeps Foundation out of this target.
        var value = x, result = 0.0
        while value < 1 {
            value *= 2
            result -= 1
        }
        while value >= 2 {
            value /= 2
            result += 1
        }
        // value in [1, 2): ln(value)/ln(2) by atanh series, converges fast on this interval.
        let y = (value - 1) / (value + 1), y2 = y * y
        var term = y, sum = 0.0, n = 1.0
        for _ in 0..<20 {
            sum += term / n
            term *= y2
            n += 2
        }
        return result + 2 * sum / 0.6931471805599453
    }
}

extension SpecPath {
    /// The last key of the path, skipping list indexes: the name a scalar was given.
    var lastKey: String? {
        for component in components.reversed() {
            if case .key(let key) = component { return key }
        }
        return nil
    }
}
