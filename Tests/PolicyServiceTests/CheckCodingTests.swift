import Foundation
import NIOCore
import PolicyModel
import Testing

@testable import PolicyService

/// The hand-written check reader and writer must agree with Foundation's JSON coders byte for byte
/// and value for value; where the reader declines, the service falls back to `JSONDecoder`.
@Suite struct CheckCodingTests {
    static let valid =
        #"{"principal":{"subject":"svc-user","roles":["allergist","patient"],"clinicID":"clinic-a"},"action":"patient_record:read","resource":{"kind":"patient_record","id":"r1","clinicID":"clinic-a","ownerID":"p1"}}"#

    static func foundation(_ text: [UInt8]) -> CheckRequest? {
        try? JSONDecoder().decode(CheckRequest.self, from: Data(text))
    }

    static func fast(_ text: [UInt8]) -> CheckRequest? {
        CheckRequestReader.read(ByteBuffer(bytes: text))
    }

    static func same(_ lhs: CheckRequest?, _ rhs: CheckRequest?) -> Bool {
        lhs?.principal == rhs?.principal && lhs?.action == rhs?.action && lhs?.resource == rhs?.resource && (lhs == nil) == (rhs == nil)
    }

    @Test(arguments: [
        valid,
        #"{"action":"patient_record:read","resource":{"kind":"patient_record"}}"#,
        #"  {"resource" : {"ownerID":null,"kind":"x","clinicID":"c"} ,"action":"a:b" , "principal":null}  "# + "\n",
        "{\"action\":\"a:b\",\r\n\t\"resource\":{\"kind\":\"k\",\"id\":\"\"}}",
        #"{"principal":{"roles":[],"subject":"s","clinicID":null},"action":"","resource":{"kind":""}}"#,
    ])
    func readsTheCommonShapeLikeJSONDecoder(_ body: String) throws {
        let expected = try #require(Self.foundation(Array(body.utf8)))
        let read = try #require(Self.fast(Array(body.utf8)), "the reader should handle \(body)")
        #expect(Self.same(read, expected))
    }

    @Test(arguments: [
        #"{"action":"a:b","resource":{"kind":"k"},"extra":1}"#,  // unknown key (JSONDecoder ignores it)
        #"{"action":"a\u0062:c","resource":{"kind":"k"}}"#,  // an escape
        #"{"action":"ä:b","resource":{"kind":"k"}}"#,  // non-ASCII text
        #"{"action":"a:b","action":"c:d","resource":{"kind":"k"}}"#,  // a repeated key
        #"{"action":"a:b","resource":{"kind":"k"}} x"#,  // trailing bytes
        #"{"action":"a:b","resource":{"kind":"k"}"#,  // cut short
        #"{"action":"a:b"}"#,  // no resource
        #"{"action":1,"resource":{"kind":"k"}}"#,  // a number
        #"{"action":"a:b","resource":{"kind":"k"},}"#,  // trailing comma
        #"[]"#, "", "{", "\u{0}\u{1}",
    ])
    func declinesEverythingElse(_ body: String) {
        #expect(Self.fast(Array(body.utf8)) == nil)
    }

    /// Every prefix and every single-byte substitution of a valid body: whenever the reader accepts
    /// one, JSONDecoder must accept it too and decode the same value.
    @Test func neverAcceptsWhatJSONDecoderRefusesOrDecodesDifferently() {
        let base = Array(Self.valid.utf8)
        var variants: [[UInt8]] = (0..<base.count).map { Array(base[..<$0]) }
        let replacements: [UInt8] = Array("\"\\{}[],: \tan0-/".utf8) + [0x00, 0x1F, 0x7F, 0xC3, 0xFF]
        for index in base.indices {
            for byte in replacements where byte != base[index] {
                var copy = base
                copy[index] = byte
                variants.append(copy)
            }
            var removed = base
            removed.remove(at: index)
            variants.append(removed)
        }
        var accepted = 0
        for variant in variants {
            guard let read = Self.fast(variant) else { continue }
            accepted += 1
            let expected = Self.foundation(variant)
            #expect(expected != nil, "accepted what JSONDecoder refuses: \(String(decoding: variant, as: UTF8.self))")
            #expect(Self.same(read, expected), "decoded differently: \(String(decoding: variant, as: UTF8.self))")
        }
        #expect(accepted > 100, "the variants should exercise the accepting path too")
    }

    static func foundationBytes(_ response: CheckResponse) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return String(decoding: try encoder.encode(response), as: UTF8.self)
    }

    @Test func writesTheBytesJSONEncoderWrites() throws {
        let permission = try #require(Permission("patient_record:read"))
        var decisions: [Decision] = []
        for role in ["allergist", "clinic/admin", #"quote"role"#, #"back\slash"#, "ünïcødé", "emoji 😀", "line\u{2028}sep", "del\u{7F}", ""]
        {
            for scope in GrantScope.allCases {
                decisions.append(.allow(MatchedGrant(role: role, permission: permission, scope: scope), version: 7))
            }
        }
        let reasons: [DenialReason] = [
            .unknownPermission, .resourceKindMismatch, .noRoles, .unknownRole, .notGranted,
            .missingClinic, .otherClinic, .notOwner,
        ]
        for (index, reason) in reasons.enumerated() {
            decisions.append(.deny(reason, version: [0, 1, 42, 1_000_000, Int.max, -3, 10, 99][index]))
        }
        for decision in decisions {
            let response = CheckResponse(decision)
            let written = try #require(CheckResponseWriter.write(response))
            #expect(String(buffer: written) == (try Self.foundationBytes(response)))
        }
    }

    @Test func leavesControlCharactersToJSONEncoder() throws {
        let permission = try #require(Permission("patient_record:read"))
        for role in ["tab\there", "new\nline", "nul\u{0}"] {
            let response = CheckResponse(.allow(MatchedGrant(role: role, permission: permission, scope: .clinic), version: 1))
            #expect(CheckResponseWriter.write(response) == nil)
        }
    }
}
