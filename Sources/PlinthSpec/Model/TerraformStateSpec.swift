public struct TerraformStateSpec: SpecObject {
    public var account: Name = ""
    public var region: Region = "us-east-1"
    public var bucket = ""
    public var lockTable = ""
    public var keyPrefix = ""

    public init() {}
    public static let documentation =
        "Remote state: one S3 bucket and one DynamoDB lock table in shared-services; a workspace per environment."
    public static var fields: [SpecField<TerraformStateSpec>] {
        [
            .required("account", \.account, "Account holding the state bucket and lock table."),
            .required("region", \.region, "Region of the bucket and table."),
            .required("bucket", \.bucket, "S3 bucket name (3-63 lowercase characters)."),
            .required("lockTable", \.lockTable, "DynamoDB table for state locks."),
            .required("keyPrefix", \.keyPrefix, "Prefix of every state key: <keyPrefix>/<scope>/<region>/<stack>.tfstate."),
        ]
    }
}
