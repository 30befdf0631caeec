import Testing

@testable import PlinthRender

/// Terraform names derived from stack ids.
@Suite struct StackPlanTests {
    @Test(arguments: [
        ("env/prod/us-east-1/network", "env_prod_us_east_1_network"), ("org/organization", "org_organization"),
        ("saas/auth0/clinic-patients", "saas_auth0_clinic_patients"), ("a.b c~9Z", "a_b_c_9Z"), ("\u{E9}t\u{E9}/x", "\u{E9}t\u{E9}_x"),
        ("a\r\nb", "a_b"), ("", ""),
    ])
    func localNamesKeepLettersAndDigitsAndUnderscoreTheRest(id: String, expected: String) {
        #expect(StackPlan.localName(id) == expected)
    }
}
