import PlinthSpec
import Testing

@testable import PlinthRender

/// Literals from the spec can never turn into Terraform template sequences.
@Suite struct TerraformExpressionTests {
    @Test(arguments: [
        ("plain text", "plain text"), ("${var.x}", "$${var.x}"), ("%{ if x }", "%%{ if x }"), ("cost $5 {each}", "cost $5 {each}"),
        ("a$", "a$"), ("{$", "{$"), ("x$${y", "x$$${y"), ("caf\u{E9} ${", "caf\u{E9} $${"), ("", ""),
    ])
    func literalsEscapeTemplateSequencesOnly(text: String, expected: String) {
        #expect(TerraformExpression.literal(text) == .string(expected))
    }
}
