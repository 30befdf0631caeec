import Foundation
import PlinthSpec
import Testing

@testable import PlinthGuardrails

struct JSONReaderTests {
    @Test func readsWhatJSONSerializationReads() throws {
        let text = #"{"a":[1,-2.5,1e3,true,false,null],"s":"q\"\\\/\n\u00e9\ud83d\ude00","o":{},"l":[]}"#
        let value = JSONReader.parse(Array(text.utf8))
        #expect(value?["a"] == .array([.int(1), .double(-2.5), .int(1000), .bool(true), .bool(false), .null]))
        #expect(value?["s"]?.stringValue == "q\"\\/\n\u{e9}\u{1F600}")
        #expect(value?["o"] == .object([]))
        #expect(value?["l"] == .array([]))
    }

    @Test(arguments: ["", "{", "{\"a\":1", "[1,]", "{\"a\" 1}", "tru", "\"abc", "{} x"])
    func refusesIncompleteDocuments(_ text: String) {
        #expect(JSONReader.parse(Array(text.utf8)) == nil)
    }
}
