/// Where the roles and the clinic of a principal are found in a token.
///
/// Auth0 only lets Actions add namespaced custom claims, so the defaults are `<namespace>/roles`
/// and `<namespace>/clinic_id`; with Auth0 Organizations the clinic can be the `org_id` claim instead.
public struct ClaimMapping: Sendable, Hashable {
    public var rolesClaim: String
    public var clinicClaim: String?
    /// Use `org_id` as the clinic when the clinic claim is absent.
    public var useOrganization: Bool

    public init(rolesClaim: String, clinicClaim: String?, useOrganization: Bool = false) {
        self.rolesClaim = rolesClaim
        self.clinicClaim = clinicClaim
        self.useOrganization = useOrganization
    }

    /// The namespaced claims `<namespace>/roles` and `<namespace>/clinic_id`.
    public init(namespace: String, useOrganization: Bool = false) {
        let base = namespace.hasSuffix("/") ? String(namespace.dropLast()) : namespace
        self.init(rolesClaim: "\(base)/roles", clinicClaim: "\(base)/clinic_id", useOrganization: useOrganization)
    }
}
