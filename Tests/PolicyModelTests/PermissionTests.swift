import Foundation
import Testing

@testable import PolicyModel

struct PermissionTests {
    @Test(arguments: ["patient_record:read", "a:b", "x1_y:z_2"])
    func parsesResourceAndAction(_ text: String) throws {
        let permission = try #require(Permission(text))
        #expect(permission.description == text)
        #expect("\(permission.resource):\(permission.action)" == text)
    }

    @Test(arguments: [
        "", "read", ":read", "patient:", "Patient:read", "a:b:c", "1a:b", "a b:c", "a:-b",
        "patient_record:réad", "pätient:read", "a:\u{301}b", "a\u{301}:b", "a:b\u{301}", "a:\u{301}", "ａ:b", "a:ｂ",
    ])
    func rejectsMalformedText(_ text: String) {
        #expect(Permission(text) == nil)
    }

    @Test func decodingRejectsMalformedPermission() {
        let json = Data(#"{"permission":"nope","scope":"clinic"}"#.utf8)
        #expect(throws: DecodingError.self) { try JSONDecoder().decode(Grant.self, from: json) }
    }

    @Test func grantScopeUsesSelfOnTheWire() throws {
        let grant = Grant(permission: try #require(Permission("a:b")), scope: .own)
        let text = String(decoding: try JSONEncoder().encode(grant), as: UTF8.self)
        #expect(text.contains(#""scope":"self""#))
        #expect(try JSONDecoder().decode(Grant.self, from: Data(text.utf8)) == grant)
    }
}
