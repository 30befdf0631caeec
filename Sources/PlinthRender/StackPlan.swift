import PlinthSpec

/// One root stack while it is being assembled: what it calls, what it reads from upstream stacks and
/// what it exports. `StackFiles` turns a plan into Terraform JSON files for a target.
struct StackPlan {
    /// How the stack's AWS provider gets into its account on the real target.
    enum Access: Equatable {
        /// The caller's own credentials (management-account stacks run by an administrator).
        case ambient
        /// The account's deploy role, assumed with the GitHub Actions OIDC token
        /// (`assume_role_with_web_identity`; the workflow sets AWS_WEB_IDENTITY_TOKEN_FILE). The account
        /// ID comes from the organization stack's remote state.
        case deployRole(String)
        /// A role assumed with the caller's credentials (`OrganizationAccountAccessRole` from the
        /// management account), for stacks that exist before any deploy role does.
        case role(String)
    }

    /// A `module` block.
    struct ModuleCall {
        var name: String
        /// Directory name under platform-modules/.
        var module: String
        var inputs: [(String, JSONValue)]
        /// Pass `aws.dr` too (the module declares `configuration_aliases = [aws.dr]`).
        var usesDR = false
        /// The provider the module runs with instead of the stack's default, such as `aws.dr` for a
        /// single-region module called once per region.
        var provider: String? = nil
        /// Resource blocks get `provider` set through their body; modules get it through `providers`.
    }

    /// A `resource` or `data` block.
    struct Block {
        var type: String
        var name: String
        var body: JSONValue
    }

    /// An extra, aliased AWS provider: the DR region, or another account (the hub's, for Transit
    /// Gateway routing that only the owner may do).
    struct ProviderAlias {
        var alias: String
        var account: Name?
        var region: Region
        var access: Access
    }

    /// A stack output, re-exported for downstream stacks.
    struct Output {
        var name: String
        var value: JSONValue
        var description: String
        var sensitive = false
    }

    var id: String
    /// `aws`, `github`, `okta`, `pagerduty` or `auth0`.
    var provider: String
    var account: Name?
    var region: Region?
    /// The environment the stack belongs to; decides its workspace.
    var environment: Name?
    var purpose: String
    var access: Access = .ambient
    var bootstrap = false
    var blockedBy: Name?
    var aliases: [ProviderAlias] = []
    var modules: [ModuleCall] = []
    var resources: [Block] = []
    var data: [Block] = []
    var locals: [(String, JSONValue)] = []
    var outputs: [Output] = []
    /// Upstream stack ids read through `terraform_remote_state`, in first-use order.
    private(set) var remoteStates: [String] = []
    /// Extra stack ids that must be applied first without being read (e.g. the state bucket).
    var orderedAfter: [String] = []
    /// Module inputs the target switched off, with reasons.
    var disabled: [(resource: String, reason: String)] = []

    init(id: String, provider: String = "aws", account: Name?, region: Region?, environment: Name?, purpose: String) {
        self.id = id
        self.provider = provider
        self.account = account
        self.region = region
        self.environment = environment
        self.purpose = purpose
    }

    var workspace: String { environment?.rawValue ?? "default" }

    /// Every stack this one must follow.
    var dependsOn: [String] { Array(Set(remoteStates + orderedAfter)).sorted() }

    /// A value exported by an upstream stack, read through its remote state; records the dependency.
    mutating func upstream(_ stack: String, _ output: String) -> JSONValue {
        if !remoteStates.contains(stack) { remoteStates.append(stack) }
        return TerraformExpression.reference("data.terraform_remote_state.\(Self.localName(stack)).outputs.\(output)")
    }

    /// The expression text (without `${}`) of an upstream output, for use inside larger expressions.
    mutating func upstreamExpression(_ stack: String, _ output: String) -> String {
        if !remoteStates.contains(stack) { remoteStates.append(stack) }
        return "data.terraform_remote_state.\(Self.localName(stack)).outputs.\(output)"
    }

    /// Terraform identifier for a stack id, e.g. `env/prod/us-east-1/network` -> `env_prod_us_east_1_network`.
    static func localName(_ stack: String) -> String {
        // Stack ids are printable ASCII, one character per byte: decide those bytes directly (Unicode
        // properties per character were a measurable share of rendering); anything else takes the general path.
        if stack.utf8.allSatisfy({ (0x20..<0x7F).contains($0) }) {
            let bytes = stack.utf8.map { byte -> UInt8 in
                switch byte {
                case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "0")...UInt8(ascii: "9"):
                    byte
                default: UInt8(ascii: "_")
                }
            }
            return String(decoding: bytes, as: UTF8.self)
        }
        return String(stack.map { $0.isLetter || $0.isNumber ? $0 : "_" })
    }

    /// A switch this target turned off; also passes `false` to the module input. Only switches
    /// the real target turns on explicitly are reported as switched off.
    mutating func disable(module: String, input: String, reason: String) {
        guard modules.first(where: { $0.name == module })?.inputs.first(where: { $0.0 == input })?.1 == .bool(true) else { return }
        override(module: module, input: input, with: .bool(false), reason: reason)
    }

    /// An input this target sets differently from the real one, recorded with its reason so the
    /// run's summary lists it (`resource` names it when the input alone would not).
    mutating func override(module: String, input: String, with value: JSONValue, reason: String, resource: String? = nil) {
        guard let index = modules.firstIndex(where: { $0.name == module }) else { return }
        modules[index].inputs.removeAll { $0.0 == input }
        modules[index].inputs.append((input, value))
        disabled.append((resource ?? "module.\(module).\(input)", reason))
    }

    /// Re-exports the named outputs of a module call, so downstream stacks can read them.
    mutating func export(_ module: String, _ names: [(String, String)]) {
        for (name, description) in names {
            outputs.append(Output(name: name, value: TerraformExpression.reference("module.\(module).\(name)"), description: description))
        }
    }
}
