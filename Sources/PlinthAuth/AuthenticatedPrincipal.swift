import PolicyModel

/// The caller as a verified token describes it.
public struct AuthenticatedPrincipal: Sendable, Hashable {
    /// `sub`: a user id, or `<client-id>@clients` for a machine.
    public var subject: String
    public var roles: [String]
    public var clinicID: String?
    /// The space-separated `scope` claim, split.
    public var scopes: Set<String>
    /// True for client-credentials (machine-to-machine) tokens, which have no user behind them.
    public var isMachine: Bool

    public init(subject: String, roles: [String], clinicID: String?, scopes: Set<String>, isMachine: Bool) {
        self.subject = subject
        self.roles = roles
        self.clinicID = clinicID
        self.scopes = scopes
        self.isMachine = isMachine
    }

    /// The principal the policy evaluates.
    public var principal: Principal { Principal(subject: subject, roles: roles, clinicID: clinicID) }
}
