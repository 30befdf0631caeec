import Crypto

/// The DNS label a branch's preview is known by: its host name, resource names and state keys.
///
/// A branch that already is a plain DNS label keeps its name. Any other name (capitals,
/// punctuation, unicode, too long) is folded to lower-case letters, digits and single hyphens and
/// gets a short hash of the whole branch name, so two branches that fold alike
/// (`feature/ALLERGY-123_new-panel`, `feature/allergy-123-new-panel`) still differ and the slug
/// of a branch never depends on which other branches exist.
public struct PreviewSlug: Hashable, Sendable, Comparable, CustomStringConvertible {
    public let value: String

    /// The most a DNS label holds.
    public static let maxLength = 63
    /// Hex digits of the hash suffix (32 bits).
    static let hashLength = 8

    public init(branch: String) {
        if Self.isPlainLabel(branch) && !Self.endsLikeHash(branch) {
            value = branch
            return
        }
        var folded = ""
        var lastWasHyphen = true
        for scalar in branch.unicodeScalars {
            let lower = scalar.properties.lowercaseMapping
            if lower.unicodeScalars.count == 1, let only = lower.unicodeScalars.first, Self.isLabelCharacter(only), only != "-" {
                folded.unicodeScalars.append(only)
                lastWasHyphen = false
            } else if !lastWasHyphen {
                folded.append("-")
                lastWasHyphen = true
            }
        }
        let room = Self.maxLength - Self.hashLength - 1
        var base = String(folded.prefix(room))
        while base.hasSuffix("-") { base.removeLast() }
        if base.isEmpty { base = "branch" }
        value = base + "-" + Self.hash(branch)
    }

    public var description: String { value }
    public static func < (lhs: PreviewSlug, rhs: PreviewSlug) -> Bool { lhs.value < rhs.value }

    /// Whether `text` is a DNS label (RFC 1123): 1 to 63 of `a-z`, `0-9` and `-`, no hyphen at
    /// either end.
    public static func isPlainLabel(_ text: String) -> Bool {
        !text.isEmpty && text.utf8.count <= maxLength && !text.hasPrefix("-") && !text.hasSuffix("-")
            && text.unicodeScalars.allSatisfy(isLabelCharacter)
    }

    static func isLabelCharacter(_ scalar: Unicode.Scalar) -> Bool {
        ("a"..."z").contains(scalar) || ("0"..."9").contains(scalar) || scalar == "-"
    }

    /// A plain label shaped like a hashed slug (`...-1a2b3c4d`) is hashed too, so that no plain
    /// branch name can take the slug another branch hashes to.
    static func endsLikeHash(_ text: String) -> Bool {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count > 1, let last = parts.last, last.count == hashLength else { return false }
        return last.unicodeScalars.allSatisfy { ("0"..."9").contains($0) || ("a"..."f").contains($0) }
    }

    static func hash(_ text: String) -> String {
        let digest = SHA256.hash(data: Array(text.utf8))
        return digest.prefix(hashLength / 2).map { byte in
            let hex = String(byte, radix: 16)
            return hex.count == 1 ? "0" + hex : hex
        }.joined()
    }
}
