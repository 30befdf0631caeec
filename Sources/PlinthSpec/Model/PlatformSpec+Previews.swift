/// Where previews come from in a spec: the one place the lease table's name and the preview
/// environment are derived, so the render and `plinth preview` agree.
extension PlatformSpec {
    /// The environment whose previews are enabled, with its settings (validation keeps previews
    /// to the development tier).
    public var previewEnvironment: (environment: EnvironmentSpec, previews: PreviewSpec)? {
        for environment in environments {
            if let previews = environment.previews, previews.enabled { return (environment, previews) }
        }
        return nil
    }

    /// The DynamoDB table holding preview leases, in the Terraform state account and region.
    public var previewLeaseTable: String { "\(platform.name.rawValue)-preview-leases" }
}
