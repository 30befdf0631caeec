import Testing
@Test func loaderPlaceholder() { #expect(Bool(true)) }
