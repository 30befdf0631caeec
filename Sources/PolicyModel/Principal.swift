/// Who is asking: the token subject, the roles it holds and the clinic (tenant) it acts in.
public struct Principal: Hashable, Sendable, Codable {
    public var subject: String
    public var roles: [String]
    public var clinicID: String?

    public init(subject: String, roles: [String], clinicID: String? = nil) {
        self.subject = subject
        self.roles = roles
        self.clinicID = clinicID
    }
}
