import PlinthSpec

/// Finds values that look like credentials anywhere in the document. The spec holds references
/// to secrets, never secrets; a value that slips in would end up in git, plans and CI logs.
public enum SecretValueScanner {
    /// Keys whose value is a secret by name alone, whatever it looks like.
    static let secretKeyWords = ["password", "passwd", "secret_value", "secretvalue", "apikey", "api_key", "privatekey",
                                 "private_key", "clientsecret", "client_secret", "token", "accesskey", "access_key",
                                 "integrationkey", "integration_key", "webhookurl", "webhook_url"]

    public static func scan(_ document: SpecNode) -> [Diagnostic] {
        var found: [Diagnostic] = []
        var trail: [SpecPath.Component] = []
        walk(document, key: nil, trail: &trail, found: &found)
        return found
    }

    /// Depth-first walk keeping the path as a stack, so a path value is built only for a finding.
    private static func walk(_ node: SpecNode, key: String?, trail: inout [SpecPath.Component], found: inout [Diagnostic]) {
        switch node {
        case .scalar(let text, _, let location):
            guard let reason = reason(for: text, key: key) else { return }
            // Never echo the value: the report itself may be logged.
            found.append(Diagnostic(.error, code: "secret-value", path: SpecPath(trail),
                                    message: "this looks like a secret value (\(reason)); the spec holds references only",
                                    location: location,
                                    hint: "store the value in Secrets Manager and reference the secret by name"))
        case .mapping(let entries, _):
            for entry in entries {
                trail.append(.key(entry.key))
                walk(entry.value, key: entry.key, trail: &trail, found: &found)
                trail.removeLast()
            }
        case .sequence(let items, _):
            for (offset, item) in items.enumerated() {
                trail.append(.index(offset))
                walk(item, key: key, trail: &trail, found: &found)
                trail.removeLast()
            }
        case .null:
            break
        }
    }

    static func reason(for text: String, key: String?) -> String? {
        if let key, !text.isEmpty, key.utf8.count >= 5 {
            let lowered = key.lowercased()
            if secretKeyWords.contains(where: { lowered == $0 || lowered.hasSuffix($0) }) { return "the key '\(key)' names a credential" }
        }
        // Every credential shape below is at least 10 characters long.
        guard text.utf8.count >= 10 else { return nil }
        if text.contains("-----BEGIN") && text.contains("PRIVATE KEY") { return "a PEM private key" }
        if let reason = knownTokenShape(text) { return reason }
        if looksRandom(text) { return "a long random-looking string" }
        return nil
    }

    /// Well-known credential formats, matched by prefix and alphabet.
    static let shapes: [(prefixes: [String], length: ClosedRange<Int>, name: String)] = [
            (["AKIA", "ASIA"], 20...20, "an AWS access key id"),
            (["ghp_", "gho_", "ghu_", "ghs_", "ghr_", "github_pat_"], 30...255, "a GitHub token"),
            (["xoxb-", "xoxp-", "xoxa-", "xoxr-", "xoxs-"], 20...255, "a Slack token"),
            (["sk_live_", "rk_live_"], 20...255, "a Stripe key"),
            (["-----BEGIN"], 10...100_000, "a PEM block"),
        ]

    static func knownTokenShape(_ text: String) -> String? {
        for word in text.split(whereSeparator: { $0 == " " || $0 == "\n" || $0 == "\"" || $0 == "'" }) {
            for shape in shapes where shape.prefixes.contains(where: { word.hasPrefix($0) }) && shape.length.contains(word.count) {
                if shape.name == "an AWS access key id", !word.allSatisfy({ $0.isUppercase || $0.isNumber }) { continue }
                return shape.name
            }
            if word.hasPrefix("https://hooks.slack.com/services/") { return "a Slack webhook URL" }
            if word.hasPrefix("eyJ"), word.split(separator: ".").count == 3, word.count > 40 { return "a JSON Web Token" }
        }
        return nil
    }

    /// A single token of 32+ characters from a key-like alphabet with high entropy per character:
    /// ARNs, URLs, paths and prose have separators or low entropy and are left alone.
    static func looksRandom(_ text: String) -> Bool {
        guard text.count >= 32, !text.contains(" "), !text.contains("/"), !text.contains(":"), !text.contains(".") else { return false }
        guard text.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || "+=_-".contains($0)) }) else { return false }
        let hasUpper = text.contains(where: \.isUppercase), hasLower = text.contains(where: \.isLowercase)
        let hasDigit = text.contains(where: \.isNumber)
        guard [hasUpper, hasLower, hasDigit].filter({ $0 }).count >= 2 else { return false }
        var counts: [Character: Int] = [:]
        for character in text { counts[character, default: 0] += 1 }
        let length = Double(text.count)
        let entropy = counts.values.reduce(0.0) { sum, count in
            let p = Double(count) / length
            return sum - p * log2(p)
        }
        return entropy >= 4.0
    }

    private static func log2(_ x: Double) -> Double {
        // Natural log via the series-free identity keeps Foundation out of this target.
        var value = x, result = 0.0
        while value < 1 { value *= 2; result -= 1 }
        while value >= 2 { value /= 2; result += 1 }
        // value in [1, 2): ln(value)/ln(2) by atanh series, converges fast on this interval.
        let y = (value - 1) / (value + 1), y2 = y * y
        var term = y, sum = 0.0, n = 1.0
        for _ in 0..<20 { sum += term / n; term *= y2; n += 2 }
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
