/// Steps and settings every pipeline shares, written once so a pin or a flag changes in one place.
enum PipelineSteps {
    static let hosted = ["ubuntu-latest"]
    static let checkVersion = "3.3.30"
    static let detectSecretsVersion = "1.5.0"
    static let terraformVersion = "1.9.8"

    /// Checkout without leaving the token in `.git/config` for later steps to read.
    static func checkout(fullHistory: Bool = false) -> Step {
        var inputs: [(String, String)] = [("persist-credentials", "false")]
        if fullHistory { inputs.append(("fetch-depth", "0")) }
        return .action("Check out", .checkout, with: inputs)
    }

    static let setupTerraform = Step.action(
        "Set up Terraform", .setupTerraform, with: [("terraform_version", terraformVersion), ("terraform_wrapper", "false")])

    /// plinth built once per job; later steps call `$PLINTH`.
    static let buildPlinth = Step.shell(
        "Build plinth",
        """
        swift build -c release --product plinth
        echo "PLINTH=$PWD/.build/release/plinth" >> "$GITHUB_ENV"
        """)

    static let installCheckov = Step.shell("Install checkov", "python3 -m pip install --user \"checkov==\(checkVersion)\"")

    /// The job's deploy role through OIDC (no stored keys), plus the token in a file for the
    /// `assume_role_with_web_identity` blocks of the rendered stacks' providers.
    static func assume(_ role: RoleReference, region: String, session: String) -> [Step] {
        [
            .action(
                "Assume \(role.roleName) in \(role.account)", .configureAWSCredentials,
                with: [
                    ("role-to-assume", role.arnExpression), ("aws-region", region),
                    ("role-session-name", String(session.prefix(64))), ("mask-aws-account-id", "true"),
                ]),
            .shell(
                "OIDC token for Terraform's providers",
                """
                token_file="$RUNNER_TEMP/web-identity-token"
                curl -fsS -H "Authorization: bearer $ACTIONS_ID_TOKEN_REQUEST_TOKEN" \\
                  "$ACTIONS_ID_TOKEN_REQUEST_URL&audience=sts.amazonaws.com" | jq -r .value > "$token_file"
                echo "AWS_WEB_IDENTITY_TOKEN_FILE=$token_file" >> "$GITHUB_ENV"
                """),
        ]
    }

    /// The opening of every job that runs Terraform in an account: checkout, Terraform, the role,
    /// and plinth.
    static func deployPrefix(_ role: RoleReference, region: String, session: String) -> [Step] {
        [checkout(), setupTerraform] + assume(role, region: region, session: session) + [buildPlinth]
    }

    /// `terraform fmt` over `paths` (the whole checkout when empty).
    static func terraformFmt(_ paths: [String]) -> Job {
        Job(
            id: "terraform-fmt", name: "terraform-fmt", runsOn: hosted, permissions: readContents,
            steps: [
                checkout(), setupTerraform,
                .shell("terraform fmt", (["terraform fmt -check -recursive -diff"] + paths).joined(separator: " ")),
            ])
    }

    static func upload(_ name: String, path: String, always: Bool = true) -> Step {
        .action(
            "Keep \(name)", .uploadArtifact,
            with: [("name", name), ("path", path), ("retention-days", "30"), ("if-no-files-found", "error")],
            condition: always ? "${{ !cancelled() }}" : nil)
    }

    static func download(_ name: String, path: String) -> Step {
        .action("Fetch \(name)", .downloadArtifact, with: [("name", name), ("path", path)])
    }

    /// Job id and concurrency key for a stack id: letters, digits and `-`.
    static func slug(_ text: String) -> String {
        String(text.map { $0.isLetter || $0.isNumber ? $0 : "-" })
    }

    static let readContents = ["contents": "read"]
}
