import PlinthSpec
import Testing

/// `rendersSame(as:)` answers exactly what comparing the rendered text would.
@Suite struct JSONValueTests {
    static let samples: [JSONValue] = [
        .null, true, false, 0, 1, .double(1), .double(1.5), .double(-0.0), .double(.nan), .double(.infinity), "", "1", "a\"b",
        "caf\u{E9}", "cafe\u{301}", [], [1], [.double(1)], ["a", "b"], ["b", "a"], .object([]), ["a": 1], ["a": .double(1)],
        ["a": 1, "b": 2], ["b": 2, "a": 1], ["a": ["x": "caf\u{E9}"]], ["a": ["x": "cafe\u{301}"]],
    ]

    @Test func agreesWithComparingTheRenderedTextOnEveryPair() {
        for first in Self.samples {
            for second in Self.samples {
                let textEqual = Array(first.rendered().utf8) == Array(second.rendered().utf8)
                #expect(first.rendersSame(as: second) == textEqual, "\(first.compact()) vs \(second.compact())")
                #expect(Array(first.compact().utf8) == Array(second.compact().utf8) || !first.rendersSame(as: second))
            }
        }
    }

    @Test func canonicallyEquivalentStringsRenderDifferently() {
        // `==` takes the two spellings of é as equal; the files they render to are not.
        #expect(JSONValue.string("caf\u{E9}") == .string("cafe\u{301}"))
        #expect(!JSONValue.string("caf\u{E9}").rendersSame(as: .string("cafe\u{301}")))
        #expect(JSONValue.int(1).rendersSame(as: .double(1)))
        #expect(!JSONValue.int(1).rendersSame(as: .string("1")))
    }
}
