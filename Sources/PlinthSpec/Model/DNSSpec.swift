public struct DNSSpec: SpecObject {
    public var publicZone = ""
    public var publicZoneAccount: Name = ""
    public var privateZones: [PrivateZoneSpec] = []
    public var certificates: [CertificateSpec] = []

    public init() {}
    public static let documentation = "Route 53 zones and ACM certificates, validated through DNS."
    public static var fields: [SpecField<DNSSpec>] {
        [
            .required("publicZone", \.publicZone, "Public hosted zone (the product domain)."),
            .required("publicZoneAccount", \.publicZoneAccount, "Account that hosts the public zone."),
            .required("privateZones", \.privateZones, "Private zones, one per environment."),
            .required("certificates", \.certificates, "ACM certificates."),
        ]
    }
}

public struct PrivateZoneSpec: SpecObject {
    public var name = ""
    public var environment: Name = ""

    public init() {}
    public static let documentation = "A private hosted zone associated with an environment's spokes."
    public static var fields: [SpecField<PrivateZoneSpec>] {
        [
            .required("name", \.name, "Zone name."),
            .required("environment", \.environment, "Environment whose VPCs resolve the zone."),
        ]
    }
}

public struct CertificateSpec: SpecObject {
    public var name: Name = ""
    public var domain = ""
    public var alternativeNames: [String] = []
    public var environment: Name = ""
    public var region: Region = "us-east-1"
    public var usage: CertificateUsage = .loadBalancer

    public init() {}
    public static let documentation = "An ACM certificate with DNS validation in the public zone."
    public static var fields: [SpecField<CertificateSpec>] {
        [
            .required("name", \.name, "Certificate name."),
            .required("domain", \.domain, "Primary domain; must be inside the public zone."),
            .defaulted("alternativeNames", \.alternativeNames, default: [], "Subject alternative names."),
            .required("environment", \.environment, "Environment whose account holds the certificate."),
            .required("region", \.region, "Region of the certificate (us-east-1 for CloudFront)."),
            .required("usage", \.usage, "What terminates TLS with it."),
        ]
    }
}

public enum CertificateUsage: String, SpecEnum {
    case cloudFront = "cloudfront"
    case loadBalancer = "load-balancer"
}
