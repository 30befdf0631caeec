/// Read-back of AWS Organizations: the root, OUs, accounts and the policies attached to a target.
public struct OrganizationsClient: Sendable {
    public let client: AWSClient

    public init(client: AWSClient) {
        self.client = client
    }

    public struct Root: Sendable, Equatable, Decodable {
        public var id: String
        public var arn: String
        public var name: String
        enum CodingKeys: String, CodingKey { case id = "Id", arn = "Arn", name = "Name" }
    }

    public struct OrganizationalUnit: Sendable, Equatable, Decodable {
        public var id: String
        public var arn: String
        public var name: String
        enum CodingKeys: String, CodingKey { case id = "Id", arn = "Arn", name = "Name" }
    }

    public struct Account: Sendable, Equatable, Decodable {
        public var id: String
        public var arn: String
        public var name: String
        public var email: String
        public var status: String?
        enum CodingKeys: String, CodingKey {
            case id = "Id", arn = "Arn", name = "Name", email = "Email", status = "Status"
        }
    }

    public struct PolicySummary: Sendable, Equatable, Decodable {
        public var id: String
        public var arn: String
        public var name: String
        public var type: String
        public var awsManaged: Bool?
        enum CodingKeys: String, CodingKey {
            case id = "Id", arn = "Arn", name = "Name", type = "Type", awsManaged = "AwsManaged"
        }
    }

    public func listRoots() async throws -> [Root] {
        try await paginate { token in
            let page: Page<Root> = try await call("ListRoots", ["NextToken": token])
            return (page.items(\.roots), page.nextToken)
        }
    }

    public func listOrganizationalUnits(parentID: String) async throws -> [OrganizationalUnit] {
        try await paginate { token in
            let page: Page<OrganizationalUnit> = try await call(
                "ListOrganizationalUnitsForParent", ["ParentId": parentID, "NextToken": token])
            return (page.items(\.organizationalUnits), page.nextToken)
        }
    }

    public func listAccounts(parentID: String) async throws -> [Account] {
        try await paginate { token in
            let page: Page<Account> = try await call("ListAccountsForParent", ["ParentId": parentID, "NextToken": token])
            return (page.items(\.accounts), page.nextToken)
        }
    }

    /// Policies of one type (service control policies by default) attached directly to a root,
    /// OU or account.
    public func listPolicies(targetID: String, filter: String = "SERVICE_CONTROL_POLICY") async throws -> [PolicySummary] {
        try await paginate { token in
            let page: Page<PolicySummary> = try await call(
                "ListPoliciesForTarget", ["TargetId": targetID, "Filter": filter, "NextToken": token])
            return (page.items(\.policies), page.nextToken)
        }
    }

    private func call<Item: Decodable>(_ operation: String, _ input: [String: String?]) async throws -> Page<Item> {
        try await client.json(
            .organizations, targetPrefix: "AWSOrganizationsV20161128", operation: operation,
            input: input.compactMapValues { $0 })
    }

    /// One page of any Organizations list call; the list key differs per operation.
    struct Page<Item: Decodable>: Decodable {
        var roots: [Item]?
        var organizationalUnits: [Item]?
        var accounts: [Item]?
        var policies: [Item]?
        var nextToken: String?
        enum CodingKeys: String, CodingKey {
            case roots = "Roots", organizationalUnits = "OrganizationalUnits", accounts = "Accounts"
            case policies = "Policies", nextToken = "NextToken"
        }
        func items(_ key: KeyPath<Page, [Item]?>) -> [Item] { self[keyPath: key] ?? [] }
    }
}

/// Follows `NextToken`-style pagination until the service stops returning a token.
func paginate<Item>(
    _ fetch: (_ token: String?) async throws -> (items: [Item], next: String?)
) async throws -> [Item] {
    var all: [Item] = []
    var token: String?
    var pages = 0
    repeat {
        let page = try await fetch(token)
        all += page.items
        token = page.next.flatMap { $0.isEmpty ? nil : $0 }
        pages += 1
    } while token != nil && pages < 1000
    return all
}
