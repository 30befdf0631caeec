import AsyncHTTPClient
import Foundation
import PlinthAWS

/// What the emulator holds after `up`, read back through the AWS APIs (not from Terraform state),
/// so the summary shows what AWS would answer: accounts by OU, VPCs with their CIDRs and subnets,
/// Transit Gateway attachments, secrets, alarms, the trails and the Config recorders.
public struct PlatformReadBack: Sendable, Codable, Equatable {
    public struct OrganizationalUnit: Sendable, Codable, Equatable {
        /// Slash-separated path from the root, e.g. `Workloads/Prod`.
        public var path: String
        public var id: String
        public var accounts: [String]
        public var serviceControlPolicies: [String]
    }

    public struct VPC: Sendable, Codable, Equatable {
        public var region: String
        public var id: String
        public var name: String
        public var cidr: String
        public var subnets: Int
        public var availabilityZones: [String]
    }

    public struct Attachment: Sendable, Codable, Equatable {
        public var region: String
        public var id: String
        public var transitGateway: String
        public var resourceType: String
        public var resource: String
        public var state: String
    }

    public struct Alarm: Sendable, Codable, Equatable {
        public var region: String
        public var name: String
        public var description: String
    }

    /// The Terraform state bucket's objects (one per stack and workspace) and the lock table's
    /// entries (Terraform keeps a digest entry per state it has locked and written).
    public struct StateBackend: Sendable, Codable, Equatable {
        public var bucket: String
        public var lockTable: String
        public var objects: [String]
        public var lockEntries: [String]
    }

    /// A CloudTrail trail as its home region describes it.
    public struct Trail: Sendable, Codable, Equatable {
        public var name: String
        public var homeRegion: String
        public var bucket: String
        public var organization: Bool
        public var multiRegion: Bool
        public var logFileValidation: Bool
        public var encrypted: Bool
        public var cloudWatchLogs: Bool
        public var logging: Bool
    }

    /// An AWS Config recorder of one region.
    public struct ConfigRecorder: Sendable, Codable, Equatable {
        public var region: String
        public var name: String
        public var recording: Bool
    }

    public var organizationalUnits: [OrganizationalUnit] = []
    /// Accounts directly under the root (the management account, usually).
    public var rootAccounts: [String] = []
    public var rootPolicies: [String] = []
    public var vpcs: [VPC] = []
    public var transitGatewayAttachments: [Attachment] = []
    public var secrets: [String] = []
    public var alarms: [Alarm] = []
    public var stateBackend: StateBackend?
    public var trails: [Trail] = []
    public var configRecorders: [ConfigRecorder] = []
    /// Services that could not be read, with the reason (e.g. no organization yet).
    public var unreadable: [String] = []

    public init() {}

    /// Reads everything back; a service that fails is noted in `unreadable`, not fatal, because
    /// the summary is still useful when one part was switched off or not applied yet.
    public static func read(
        endpoint: AWSEndpoint, credentials: AWSCredentials, httpClient: HTTPClient = .shared, regions: [String],
        stateBucket: String? = nil, lockTable: String? = nil
    ) async -> PlatformReadBack {
        var result = PlatformReadBack()
        let primary = AWSClient(
            endpoint: endpoint, region: regions.first ?? "us-east-1", credentials: credentials,
            httpClient: httpClient)
        if let stateBucket, let lockTable {
            do {
                let objects = try await S3Client(client: primary).listObjects(bucket: stateBucket).map(\.key).sorted()
                let locks = try await DynamoDBClient(client: primary).scan(table: lockTable)
                    .compactMap { $0["LockID"]?.text }.sorted()
                result.stateBackend = StateBackend(bucket: stateBucket, lockTable: lockTable, objects: objects, lockEntries: locks)
            } catch {
                result.unreadable.append("state backend: \(error)")
            }
        }
        do {
            try await result.readOrganization(OrganizationsClient(client: primary))
        } catch {
            result.unreadable.append("organizations: \(error)")
        }
        for region in regions {
            let client = AWSClient(endpoint: endpoint, region: region, credentials: credentials, httpClient: httpClient)
            do {
                let ec2 = EC2Client(client: client)
                let subnets = try await ec2.describeSubnets()
                for vpc in try await ec2.describeVPCs() where !vpc.isDefault {
                    let mine = subnets.filter { $0.vpcID == vpc.id }
                    result.vpcs.append(
                        VPC(
                            region: region, id: vpc.id, name: vpc.tags["Name"] ?? "", cidr: vpc.cidrBlock,
                            subnets: mine.count, availabilityZones: Array(Set(mine.map(\.availabilityZone))).sorted()))
                }
                for attachment in try await ec2.describeTransitGatewayAttachments() {
                    result.transitGatewayAttachments.append(
                        Attachment(
                            region: region, id: attachment.id, transitGateway: attachment.transitGatewayID,
                            resourceType: attachment.resourceType, resource: attachment.resourceID, state: attachment.state))
                }
            } catch {
                result.unreadable.append("ec2 \(region): \(error)")
            }
            do {
                result.secrets += try await SecretsManagerClient(client: client).listSecrets().map(\.name)
            } catch {
                result.unreadable.append("secretsmanager \(region): \(error)")
            }
            await result.readAuditServices(client, region: region)
            do {
                result.alarms += try await CloudWatchClient(client: client).describeAlarms().map {
                    Alarm(region: region, name: $0.name, description: $0.description)
                }
            } catch {
                result.unreadable.append("cloudwatch \(region): \(error)")
            }
        }
        result.secrets.sort()
        return result
    }

    /// The trails whose home is this region (a multi-region trail shows in every region) and the
    /// region's Config recorders.
    private mutating func readAuditServices(_ client: AWSClient, region: String) async {
        do {
            let cloudTrail = CloudTrailClient(client: client)
            for trail in try await cloudTrail.describeTrails() where (trail.homeRegion ?? region) == region {
                let logging = try await cloudTrail.isLogging(trail: trail.arn ?? trail.name)
                trails.append(
                    Trail(
                        name: trail.name, homeRegion: region, bucket: trail.bucket ?? "", organization: trail.isOrganization ?? false,
                        multiRegion: trail.isMultiRegion ?? false, logFileValidation: trail.logFileValidation ?? false,
                        encrypted: trail.kmsKeyID != nil, cloudWatchLogs: trail.cloudWatchLogsGroupARN != nil, logging: logging))
            }
        } catch {
            unreadable.append("cloudtrail \(region): \(error)")
        }
        do {
            configRecorders += try await ConfigClient(client: client).describeConfigurationRecorderStatus().map {
                ConfigRecorder(region: region, name: $0.name, recording: $0.recording)
            }
        } catch {
            unreadable.append("config \(region): \(error)")
        }
    }

    private mutating func readOrganization(_ organizations: OrganizationsClient) async throws {
        let roots: [OrganizationsClient.Root]
        do {
            roots = try await organizations.listRoots()
        } catch let error as AWSError where error.code == "AWSOrganizationsNotInUseException" {
            unreadable.append("organizations: no organization exists yet")
            return
        }
        for root in roots {
            rootAccounts += try await organizations.listAccounts(parentID: root.id).map(\.name).sorted()
            rootPolicies += try await organizations.listPolicies(targetID: root.id).map(\.name).sorted()
            var queue: [(id: String, path: String)] = try await organizations.listOrganizationalUnits(parentID: root.id)
                .map { ($0.id, $0.name) }
            while !queue.isEmpty {
                let unit = queue.removeFirst()
                let accounts = try await organizations.listAccounts(parentID: unit.id).map(\.name).sorted()
                let policies = try await organizations.listPolicies(targetID: unit.id).map(\.name).sorted()
                organizationalUnits.append(
                    OrganizationalUnit(
                        path: unit.path, id: unit.id, accounts: accounts, serviceControlPolicies: policies))
                queue += try await organizations.listOrganizationalUnits(parentID: unit.id)
                    .map { ($0.id, "\(unit.path)/\($0.name)") }
            }
        }
        organizationalUnits.sort { $0.path < $1.path }
    }
}
