import Hummingbird
import Testing

@testable import PlinthAuth

/// The header parser's fast path must give the same answers as the general one.
@Suite struct BearerTokenMiddlewareTests {
    static func token(_ header: String?) -> String? {
        var fields = HTTPFields()
        if let header { fields[.authorization] = header }
        let request = Request(
            head: HTTPRequest(method: .get, scheme: "http", authority: "x", path: "/", headerFields: fields),
            body: .init(buffer: ByteBuffer()))
        return BearerTokenMiddleware<PlinthRequestContext>.bearerToken(in: request)
    }

    @Test(
        arguments: [
            ("Bearer abc.def.ghi", "abc.def.ghi"),
            ("bearer abc.def.ghi", "abc.def.ghi"),
            ("BEARER abc", "abc"),
            ("Bearer   abc  ", "abc"),
            ("Bearer\tabc", nil),
            ("Bearer ", nil),
            ("Bearer", nil),
            ("Basic dXNlcjpwYXNz", nil),
            ("Bearer abc def", "abc def"),
            ("Bearer tökén", "tökén"),
            ("", nil),
        ] as [(String, String?)])
    func parsesTheHeader(_ header: String, _ expected: String?) {
        #expect(Self.token(header) == expected, "\(header)")
    }

    @Test func noHeaderNoToken() {
        #expect(Self.token(nil) == nil)
    }

    /// Two `Authorization` fields are read joined, as `HTTPFields` gives them, never as the first alone.
    @Test func twoAuthorizationFieldsAreReadJoined() {
        var fields = HTTPFields()
        fields[values: .authorization] = ["Bearer abc", "Bearer def"]
        #expect(BearerTokenMiddleware<PlinthRequestContext>.authorization(in: fields) == "Bearer abc, Bearer def")
        let request = Request(
            head: HTTPRequest(method: .get, scheme: "http", authority: "x", path: "/", headerFields: fields),
            body: .init(buffer: ByteBuffer()))
        #expect(BearerTokenMiddleware<PlinthRequestContext>.bearerToken(in: request) == "abc, Bearer def")
        #expect(BearerTokenMiddleware<PlinthRequestContext>.authorization(in: [.contentType: "application/json"]) == nil)
    }

    @Test func fastPathOnlyTakesPlainTokens() {
        #expect(BearerTokenMiddleware<PlinthRequestContext>.plainBearerToken("Bearer a.b.c") == "a.b.c")
        #expect(BearerTokenMiddleware<PlinthRequestContext>.plainBearerToken("Bearer a b") == nil)
        #expect(BearerTokenMiddleware<PlinthRequestContext>.plainBearerToken("bearer a") == nil)
        #expect(BearerTokenMiddleware<PlinthRequestContext>.plainBearerToken("Bearer ä") == nil)
    }
}
