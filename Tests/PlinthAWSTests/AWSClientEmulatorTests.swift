import Foundation
import PlinthProvisioning
import Testing

@testable import PlinthAWS

/// Reads back, through the Swift client, what boto3 (an independent client) created in a moto
/// server started for this suite on a free port, and checks that AWS errors arrive typed.
@Suite(.serialized) struct AWSClientEmulatorTests {
    static let seed = #"""
        import json, sys, boto3
        endpoint = sys.argv[1]
        kw = dict(endpoint_url=endpoint, region_name="us-east-1", aws_access_key_id="testing", aws_secret_access_key="testing")
        org = boto3.client("organizations", **kw)
        org.create_organization(FeatureSet="ALL")
        root = org.list_roots()["Roots"][0]["Id"]
        work = org.create_organizational_unit(ParentId=root, Name="Workloads")["OrganizationalUnit"]["Id"]
        prod = org.create_organizational_unit(ParentId=work, Name="Prod")["OrganizationalUnit"]["Id"]
        acct = org.create_account(AccountName="prod", Email="prod@example.test")["CreateAccountStatus"]["AccountId"]
        org.move_account(AccountId=acct, SourceParentId=root, DestinationParentId=prod)
        policy = org.create_policy(Name="deny-root-user", Description="d", Type="SERVICE_CONTROL_POLICY",
            Content=json.dumps({"Version": "2012-10-17", "Statement": [{"Effect": "Deny", "Action": "*", "Resource": "*"}]}))
        org.attach_policy(PolicyId=policy["Policy"]["PolicySummary"]["Id"], TargetId=work)
        ec2 = boto3.client("ec2", **kw)
        vpc = ec2.create_vpc(CidrBlock="10.20.0.0/16")["Vpc"]["VpcId"]
        ec2.create_tags(Resources=[vpc], Tags=[{"Key": "Name", "Value": "dev-use1"}])
        subnets = [ec2.create_subnet(VpcId=vpc, CidrBlock=f"10.20.{i}.0/24", AvailabilityZone=az)["Subnet"]["SubnetId"]
                   for i, az in enumerate(["us-east-1a", "us-east-1b", "us-east-1a"])]
        tgw = ec2.create_transit_gateway(Description="hub")["TransitGateway"]["TransitGatewayId"]
        ec2.create_transit_gateway_vpc_attachment(TransitGatewayId=tgw, VpcId=vpc, SubnetIds=subnets[:2])
        boto3.client("secretsmanager", **kw).create_secret(Name="dev/db/master", SecretString="generated-at-test-time")
        boto3.client("cloudwatch", **kw).put_metric_alarm(AlarmName="api-5xx", AlarmDescription="runbook: https://runbooks.example/5xx",
            MetricName="5XXError", Namespace="AWS/ApplicationELB", Statistic="Sum", Period=60, EvaluationPeriods=1,
            Threshold=1, ComparisonOperator="GreaterThanThreshold")
        s3 = boto3.client("s3", **kw)
        s3.create_bucket(Bucket="plinth-state")
        for key in ["org/terraform.tfstate", "env:/dev/network/terraform.tfstate", "env:/prod/network/terraform.tfstate"]:
            s3.put_object(Bucket="plinth-state", Key=key, Body=b"{}")
        ddb = boto3.client("dynamodb", **kw)
        ddb.create_table(TableName="plinth-locks", BillingMode="PAY_PER_REQUEST",
            AttributeDefinitions=[{"AttributeName": "LockID", "AttributeType": "S"}],
            KeySchema=[{"AttributeName": "LockID", "KeyType": "HASH"}])
        ddb.put_item(TableName="plinth-locks", Item={"LockID": {"S": "plinth-state/org/terraform.tfstate-md5"}, "Digest": {"S": "abc"}})
        s3.create_bucket(Bucket="audit-logs")
        trail = boto3.client("cloudtrail", **kw)
        trail.create_trail(Name="org-trail", S3BucketName="audit-logs", IsMultiRegionTrail=True, EnableLogFileValidation=True,
            IsOrganizationTrail=True, KmsKeyId="arn:aws:kms:us-east-1:123456789012:key/audit")
        trail.create_trail(Name="account-trail", S3BucketName="audit-logs")
        trail.start_logging(Name="org-trail")
        config = boto3.client("config", **kw)
        config.put_configuration_recorder(ConfigurationRecorder={"name": "default", "roleARN": "arn:aws:iam::123456789012:role/config",
            "recordingGroup": {"allSupported": True, "includeGlobalResourceTypes": True}})
        config.put_delivery_channel(DeliveryChannel={"name": "default", "s3BucketName": "audit-logs"})
        config.start_configuration_recorder(ConfigurationRecorderName="default")
        print(json.dumps({"vpc": vpc, "tgw": tgw, "account": acct}))
        """#

    struct Seeded: Decodable {
        var vpc: String
        var tgw: String
        var account: String
    }

    @Test func readsBackWhatAnotherClientCreated() async throws {
        let emulator = try await TestEmulator.start()
        defer { emulator.stop() }
        let seeded = try JSONDecoder().decode(Seeded.self, from: Python.run(script: Self.seed, arguments: [emulator.endpoint]))
        let client = emulator.client(region: "us-east-1")

        let organizations = OrganizationsClient(client: client)
        let roots = try await organizations.listRoots()
        #expect(roots.count == 1)
        let root = try #require(roots.first)
        let top = try await organizations.listOrganizationalUnits(parentID: root.id)
        #expect(top.map(\.name) == ["Workloads"])
        let workloads = try #require(top.first)
        // moto, like AWS, also attaches the AWS-managed FullAWSAccess policy to every OU.
        #expect(
            try await organizations.listPolicies(targetID: workloads.id).map(\.name).filter { $0 != "FullAWSAccess" } == ["deny-root-user"])
        let nested = try await organizations.listOrganizationalUnits(parentID: workloads.id)
        #expect(nested.map(\.name) == ["Prod"])
        let prodAccounts = try await organizations.listAccounts(parentID: try #require(nested.first).id)
        #expect(prodAccounts.map(\.name) == ["prod"])
        #expect(prodAccounts.first?.id == seeded.account)
        #expect(prodAccounts.first?.email == "prod@example.test")

        let ec2 = EC2Client(client: client)
        let vpcs = try await ec2.describeVPCs().filter { !$0.isDefault }
        #expect(vpcs.map(\.cidrBlock) == ["10.20.0.0/16"])
        #expect(vpcs.first?.tags["Name"] == "dev-use1")
        let subnets = try await ec2.describeSubnets(vpcID: seeded.vpc)
        #expect(subnets.map(\.cidrBlock).sorted() == ["10.20.0.0/24", "10.20.1.0/24", "10.20.2.0/24"])
        #expect(Set(subnets.map(\.availabilityZone)) == ["us-east-1a", "us-east-1b"])
        #expect(try await ec2.describeTransitGateways().map(\.id).contains(seeded.tgw))
        let attachments = try await ec2.describeTransitGatewayAttachments()
        #expect(attachments.count == 1)
        #expect(attachments.first?.resourceID == seeded.vpc)
        #expect(attachments.first?.transitGatewayID == seeded.tgw)
        #expect(attachments.first?.resourceType == "vpc")

        #expect(try await SecretsManagerClient(client: client).listSecrets().map(\.name) == ["dev/db/master"])
        let alarms = try await CloudWatchClient(client: client).describeAlarms()
        #expect(alarms.map(\.name) == ["api-5xx"])
        #expect(alarms.first?.description == "runbook: https://runbooks.example/5xx")

        let s3 = S3Client(client: client)
        #expect(try await s3.listBuckets().contains("plinth-state"))
        let all = try await s3.listObjects(bucket: "plinth-state")
        #expect(
            all.map(\.key).sorted() == [
                "env:/dev/network/terraform.tfstate", "env:/prod/network/terraform.tfstate", "org/terraform.tfstate",
            ])
        #expect(try await s3.listObjects(bucket: "plinth-state", prefix: "env:/dev/").map(\.key) == ["env:/dev/network/terraform.tfstate"])

        let dynamo = DynamoDBClient(client: client)
        let table = try await dynamo.describeTable(name: "plinth-locks")
        #expect(table.keySchema == [DynamoDBClient.KeyElement(attributeName: "LockID", keyType: "HASH")])
        let items = try await dynamo.scan(table: "plinth-locks")
        #expect(items.compactMap { $0["LockID"]?.text } == ["plinth-state/org/terraform.tfstate-md5"])

        let cloudTrail = CloudTrailClient(client: client)
        let trails = try await cloudTrail.describeTrails().sorted { $0.name < $1.name }
        #expect(trails.map(\.name) == ["account-trail", "org-trail"])
        let organizationTrail = try #require(trails.last)
        #expect(organizationTrail.isOrganization == true && organizationTrail.isMultiRegion == true)
        #expect(organizationTrail.logFileValidation == true && organizationTrail.bucket == "audit-logs")
        #expect(organizationTrail.kmsKeyID == "arn:aws:kms:us-east-1:123456789012:key/audit" && trails.first?.kmsKeyID == nil)
        #expect(try await cloudTrail.isLogging(trail: "org-trail"))
        #expect(try await !cloudTrail.isLogging(trail: "account-trail"))
        let recorders = try await ConfigClient(client: client).describeConfigurationRecorderStatus()
        #expect(recorders.map(\.name) == ["default"] && recorders.first?.recording == true)
        #expect(try await ConfigClient(client: emulator.client(region: "us-west-2")).describeConfigurationRecorderStatus().isEmpty)

        let identity = try await STSClient(client: client).getCallerIdentity()
        #expect(identity.account.count == 12)
    }

    @Test func serviceErrorsArriveTypedWithCodeAndMessage() async throws {
        let emulator = try await TestEmulator.start()
        defer { emulator.stop() }
        let client = emulator.client(region: "us-east-1")

        await expectCode("AWSOrganizationsNotInUseException", service: "organizations") {
            _ = try await OrganizationsClient(client: client).listRoots()
        }
        await expectCode("ResourceNotFoundException", service: "dynamodb") {
            _ = try await DynamoDBClient(client: client).describeTable(name: "missing")
        }
        await expectCode("NoSuchBucket", service: "s3") {
            _ = try await S3Client(client: client).listObjects(bucket: "missing-bucket")
        }
        await expectCode("InvalidVpcID.NotFound", service: "ec2") {
            _ = try await client.query(
                .ec2, action: "DescribeVpcs", version: "2016-11-15",
                parameters: [(name: "VpcId.1", value: "vpc-00000000")])
        }
    }

    @Test func unreachableEndpointIsATransportError() async throws {
        let port = try LoopbackSocket.freePort()
        let client = AWSClient(
            endpoint: .emulator(scheme: "http", host: "127.0.0.1", port: port), region: "us-east-1",
            credentials: LocalEmulator.credentials, timeout: .seconds(3))
        do {
            _ = try await STSClient(client: client).getCallerIdentity()
            Issue.record("expected a transport error")
        } catch let error as AWSError {
            guard case .transport(let service, _) = error else {
                Issue.record("expected a transport error, got \(error)")
                return
            }
            #expect(service == "sts")
        }
    }

    func expectCode(_ code: String, service: String, _ body: () async throws -> Void) async {
        do {
            try await body()
            Issue.record("expected \(code)")
        } catch let error as AWSError {
            guard case .service(let actualService, let actualCode, let message, let status) = error else {
                Issue.record("expected a service error, got \(error)")
                return
            }
            #expect(actualService == service)
            #expect(actualCode == code)
            #expect(status >= 400)
            #expect(!message.isEmpty || code == "NoSuchBucket")
        } catch {
            Issue.record("expected AWSError, got \(error)")
        }
    }
}

/// A moto server of the test's own on a free port, stopped by PID when the test ends.
struct TestEmulator {
    var session: EmulatorSession
    var controller: LocalEmulator
    var endpoint: String { session.endpoint }

    static func start() async throws -> TestEmulator {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("plinth-moto-\(UUID().uuidString)")
        let controller = LocalEmulator(stateDirectory: directory, environment: ProcessInfo.processInfo.environment)
        let session = try await controller.start(port: try LoopbackSocket.freePort(), tls: false)
        return TestEmulator(session: session, controller: controller)
    }

    func client(region: String) -> AWSClient {
        AWSClient(endpoint: AWSEndpoint.emulator(url: endpoint) ?? .aws, region: region, credentials: LocalEmulator.credentials)
    }

    func stop() {
        controller.stop(session)
        try? FileManager.default.removeItem(at: controller.stateDirectory)
    }
}
