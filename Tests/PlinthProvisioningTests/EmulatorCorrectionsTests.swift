import Foundation
import Testing

@testable import PlinthProvisioning

/// The emulator plinth starts answers, for each listed moto 5.2 read-back defect, as AWS does.
/// Checked through boto3 (a client independent of plinth's own) against a started emulator.
@Suite(.serialized) struct EmulatorCorrectionsTests {
    @Test func launcherAppliesEveryListedCorrectionAndNoOther() throws {
        let source = try EmulatorCorrections.launcherSource()
        let applied = source.components(separatedBy: "CORRECTIONS = [").last?.components(separatedBy: "]").first ?? ""
        let names = applied.split(whereSeparator: { $0 == "," || $0.isWhitespace }).map(String.init)
        #expect(names == EmulatorCorrections.all.map(\.name))
        for correction in EmulatorCorrections.all {
            #expect(source.contains("def \(correction.name)():"), "no function for \(correction.name)")
        }
    }

    @Test func startedEmulatorReadsBackWhatWasWritten() async throws {
        let work = FileManager.default.temporaryDirectory.appendingPathComponent("plinth-corrections-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: work) }
        let environment = ProcessInfo.processInfo.environment
        let emulator = LocalEmulator(stateDirectory: work, environment: environment)
        let session = try await emulator.start(port: try LoopbackSocket.freePort(), tls: false)
        defer { emulator.stop(session) }
        #expect(session.appliedCorrections == EmulatorCorrections.all)
        // The server does not inherit plinth's blocked signals: SIGTERM (15) reaches it, so stop() needs no SIGKILL.
        let status = try String(contentsOfFile: "/proc/\(session.pid ?? 0)/status", encoding: .utf8)
        let blocked = try #require(
            status.split(separator: "\n").first { $0.hasPrefix("SigBlk:") }
                .flatMap { UInt64($0.dropFirst("SigBlk:".count).trimmingCharacters(in: .whitespaces), radix: 16) })
        #expect(blocked & (1 << (15 - 1)) == 0, "SIGTERM is blocked in the emulator (SigBlk \(String(blocked, radix: 16)))")

        // boto3 of the emulator's own Python (moto installs it), wherever that Python is.
        let python = try await EmulatorPython.resolve(environment: environment) { _ in }
        let result = try await ProcessRunner().run(
            python.interpreter, ["-c", Self.readBackScript, session.endpoint],
            directory: work, environment: python.processEnvironment(environment), log: nil)
        #expect(result.succeeded, "\(result.output)")
        for correction in EmulatorCorrections.all {
            #expect(result.output.contains("ok \(correction.name)"), "\(correction.name) not confirmed:\n\(result.output)")
        }
    }

    @Test func summaryListsTheCorrectionsOrSaysNoneAreKnown() {
        let corrected = LocalRunReport(
            command: "up", endpoint: "https://127.0.0.1:5000", emulatorStartedHere: true, seconds: 1,
            stacks: [], readBack: nil, switchedOff: [], emulatorCorrections: EmulatorCorrections.all)
        #expect(corrected.text().contains("Emulator corrections: \(EmulatorCorrections.all.count) moto 5.2 read-back defects"))
        #expect(corrected.text().contains("aws_db_parameter_group"))
        let external = LocalRunReport(
            command: "up", endpoint: "http://127.0.0.1:5000", emulatorStartedHere: false, seconds: 1,
            stacks: [], readBack: nil, switchedOff: [])
        #expect(external.text().contains("Emulator corrections: none known"))
        let down = LocalRunReport(
            command: "down", endpoint: "", emulatorStartedHere: false, seconds: 1, stacks: [], readBack: nil, switchedOff: [])
        #expect(!down.text().contains("Emulator corrections"))
    }

    @Test func onlyMoto52GetsTheCorrections() {
        #expect(EmulatorCorrections.applies(toMoto: "5.2.1"))
        #expect(!EmulatorCorrections.applies(toMoto: "5.1.22"))
        #expect(!EmulatorCorrections.applies(toMoto: "5.20.0"))
        #expect(!EmulatorCorrections.applies(toMoto: "6.0.0"))
    }

    @Test func sessionRecordedBeforeCorrectionsExistedDecodesWithNone() throws {
        let old = Data(#"{"endpoint":"https://127.0.0.1:5000","pid":42,"caBundle":"/tmp/cert.pem"}"#.utf8)
        let session = try JSONDecoder().decode(EmulatorSession.self, from: old)
        #expect(session.corrections == nil)
        #expect(session.appliedCorrections.isEmpty)
    }

    /// Writes each resource the way the AWS provider does and prints `ok <correction>` for each
    /// read-back that matches what was written.
    static let readBackScript = #"""
        import sys, boto3
        kw = dict(endpoint_url=sys.argv[1], region_name="us-east-1", aws_access_key_id="testing", aws_secret_access_key="testing")
        def ok(name, condition, detail):
            print(("ok " if condition else "FAIL ") + name + ": " + str(detail))

        ec2 = boto3.client("ec2", **kw)
        template = ec2.create_launch_template(
            LaunchTemplateName="app",
            LaunchTemplateData={"TagSpecifications": [{"ResourceType": "instance", "Tags": [{"Key": "Name", "Value": "app"}]}]},
            TagSpecifications=[{"ResourceType": "launch-template", "Tags": [{"Key": "Environment", "Value": "dev"}]}])["LaunchTemplate"]
        data = ec2.describe_launch_template_versions(LaunchTemplateId=template["LaunchTemplateId"])["LaunchTemplateVersions"][0]["LaunchTemplateData"]
        types = [spec["ResourceType"] for spec in data["TagSpecifications"]]
        ok("launch_template_own_tags", types == ["instance"] and template["Tags"] == [{"Key": "Environment", "Value": "dev"}], types)

        vpc = ec2.create_vpc(CidrBlock="10.0.0.0/16")["Vpc"]["VpcId"]
        app = ec2.create_security_group(GroupName="app", Description="app", VpcId=vpc)["GroupId"]
        db = ec2.create_security_group(GroupName="db", Description="db", VpcId=vpc)["GroupId"]
        rule = ec2.authorize_security_group_ingress(GroupId=db, IpPermissions=[{
            "IpProtocol": "tcp", "FromPort": 5432, "ToPort": 5432,
            "UserIdGroupPairs": [{"GroupId": app, "Description": "PostgreSQL from the application instances"}]}])["SecurityGroupRules"][0]
        read = ec2.describe_security_group_rules(SecurityGroupRuleIds=[rule["SecurityGroupRuleId"]])["SecurityGroupRules"][0]
        ok("referenced_group_rule_description", read.get("Description") == "PostgreSQL from the application instances"
           and read["ReferencedGroupInfo"]["GroupId"] == app, read)

        rds = boto3.client("rds", **kw)
        rds.create_db_parameter_group(DBParameterGroupName="pg", DBParameterGroupFamily="postgres16", Description="settings")
        rds.modify_db_parameter_group(DBParameterGroupName="pg", Parameters=[
            {"ParameterName": "rds.force_ssl", "ParameterValue": "1", "ApplyMethod": "immediate"}])
        user = rds.describe_db_parameters(DBParameterGroupName="pg", Source="user")["Parameters"]
        ok("db_parameter_source", [(p["ParameterName"], p.get("Source")) for p in user] == [("rds.force_ssl", "user")], user)

        rds.create_db_instance(DBInstanceIdentifier="app", DBInstanceClass="db.t4g.micro", Engine="postgres", AllocatedStorage=20,
            MasterUsername="app", ManageMasterUserPassword=True, MonitoringInterval=60,
            MonitoringRoleArn="arn:aws:iam::123456789012:role/rds-monitoring", EnablePerformanceInsights=True,
            PerformanceInsightsRetentionPeriod=7)
        created = rds.describe_db_instances(DBInstanceIdentifier="app")["DBInstances"][0]
        rds.modify_db_instance(DBInstanceIdentifier="app", MonitoringInterval=30, ApplyImmediately=True)
        modified = rds.describe_db_instances(DBInstanceIdentifier="app")["DBInstances"][0]
        ok("db_instance_monitoring", (created.get("MonitoringInterval"), created.get("PerformanceInsightsEnabled"),
           created.get("PerformanceInsightsRetentionPeriod"), modified.get("MonitoringInterval"), modified.get("PerformanceInsightsEnabled"))
           == (60, True, 7, 30, True), created)

        cloudfront = boto3.client("cloudfront", **kw)
        created = cloudfront.create_distribution(DistributionConfig={
            "CallerReference": "plinth", "Comment": "edge", "Enabled": True,
            "Origins": {"Quantity": 1, "Items": [{"Id": "alb", "DomainName": "alb.example.com", "CustomOriginConfig": {
                "HTTPPort": 80, "HTTPSPort": 443, "OriginProtocolPolicy": "https-only"}}]},
            "DefaultCacheBehavior": {"TargetOriginId": "alb", "ViewerProtocolPolicy": "redirect-to-https",
                                     "CachePolicyId": "4135ea2d-6df8-44a3-9df3-4b5a84be39ad"},
            "ViewerCertificate": {"ACMCertificateArn": "arn:aws:acm:us-east-1:123456789012:certificate/edge",
                                  "SSLSupportMethod": "sni-only", "MinimumProtocolVersion": "TLSv1.2_2021"}})["Distribution"]
        config = cloudfront.get_distribution_config(Id=created["Id"])["DistributionConfig"]
        ok("cloudfront_cache_policy_behaviour", "ForwardedValues" not in config["DefaultCacheBehavior"], config["DefaultCacheBehavior"])
        ok("cloudfront_custom_certificate", config["ViewerCertificate"].get("CloudFrontDefaultCertificate") is False, config["ViewerCertificate"])

        tgw = ec2.create_transit_gateway(Description="hub")["TransitGateway"]["TransitGatewayId"]
        subnet = ec2.create_subnet(VpcId=vpc, CidrBlock="10.0.1.0/24")["Subnet"]["SubnetId"]
        attachment = ec2.create_transit_gateway_vpc_attachment(TransitGatewayId=tgw, VpcId=vpc, SubnetIds=[subnet])["TransitGatewayVpcAttachment"]["TransitGatewayAttachmentId"]
        ec2.delete_transit_gateway_vpc_attachment(TransitGatewayAttachmentId=attachment)
        states = [a["State"] for a in ec2.describe_transit_gateway_vpc_attachments(TransitGatewayAttachmentIds=[attachment])["TransitGatewayVpcAttachments"]]
        try:
            ec2.delete_transit_gateway_vpc_attachment(TransitGatewayAttachmentId=attachment)
            again = "accepted"
        except ec2.exceptions.ClientError as error:
            again = error.response["Error"]["Code"]
        ok("transit_gateway_attachment_deletion", states == ["deleted"] and again == "InvalidTransitGatewayAttachmentID.NotFound", (states, again))

        s3 = boto3.client("s3", **kw)
        s3.create_bucket(Bucket="trail-logs")
        cloudtrail = boto3.client("cloudtrail", **kw)
        arn = cloudtrail.create_trail(Name="organization", S3BucketName="trail-logs")["TrailARN"]
        cloudtrail.start_logging(Name=arn)
        logging = cloudtrail.get_trail_status(Name="organization")["IsLogging"]
        cloudtrail.stop_logging(Name=arn)
        stopped = not cloudtrail.get_trail_status(Name="organization")["IsLogging"]
        cloudtrail.delete_trail(Name=arn)
        left = [t["Name"] for t in cloudtrail.describe_trails()["trailList"]]
        ok("cloudtrail_trail_arn", logging and stopped and left == [], (logging, stopped, left))

        import threading
        ddb = boto3.client("dynamodb", **kw)
        ddb.create_table(TableName="leases", BillingMode="PAY_PER_REQUEST",
            AttributeDefinitions=[{"AttributeName": "pk", "AttributeType": "S"}], KeySchema=[{"AttributeName": "pk", "KeyType": "HASH"}])
        written = []
        def writer(n):
            own = boto3.client("dynamodb", **kw)
            for i in range(12):
                cond = "attribute_not_exists(pk)" if i % 2 == 0 else "attribute_exists(pk)"
                try:
                    own.transact_write_items(TransactItems=[{"Put": {"TableName": "leases", "Item": {"pk": {"S": f"{n}-{i}"}},
                        "ConditionExpression": cond}}])
                    written.append(f"{n}-{i}")
                except own.exceptions.TransactionCanceledException:
                    pass
        threads = [threading.Thread(target=writer, args=(n,)) for n in range(8)]
        for t in threads: t.start()
        for t in threads: t.join()
        kept = {i["pk"]["S"] for i in ddb.scan(TableName="leases", ConsistentRead=True)["Items"]}
        ok("dynamodb_serial_writes", len(written) == 48 and kept == set(written), (len(written), len(kept)))

        s3_list = [p for p in ec2.describe_managed_prefix_lists()["PrefixLists"] if p["PrefixListName"].endswith(".s3")][0]["PrefixListId"]
        rule = ec2.authorize_security_group_egress(GroupId=app, IpPermissions=[{
            "IpProtocol": "tcp", "FromPort": 443, "ToPort": 443,
            "PrefixListIds": [{"PrefixListId": s3_list, "Description": "HTTPS to S3"}]}])["SecurityGroupRules"][0]
        read = ec2.describe_security_group_rules(SecurityGroupRuleIds=[rule["SecurityGroupRuleId"]])["SecurityGroupRules"][0]
        ok("prefix_list_rule_description", read.get("Description") == "HTTPS to S3" and read.get("PrefixListId") == s3_list, read)

        import io, zipfile
        archive = io.BytesIO()
        zipfile.ZipFile(archive, "w").close()
        iam = boto3.client("iam", **kw)
        role = iam.create_role(RoleName="rotation", AssumeRolePolicyDocument="{}")["Role"]["Arn"]
        lam = boto3.client("lambda", **kw)
        key = "arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab"
        lam.create_function(FunctionName="rotation", Runtime="provided.al2023", Handler="bootstrap", Role=role,
            Code={"ZipFile": archive.getvalue()}, KMSKeyArn=key, LoggingConfig={"LogFormat": "Text", "LogGroup": "/aws/lambda/rotation"})
        created = lam.get_function(FunctionName="rotation")["Configuration"]
        lam.update_function_configuration(FunctionName="rotation", LoggingConfig={"LogFormat": "Text", "LogGroup": "/aws/lambda/other"})
        updated = lam.get_function_configuration(FunctionName="rotation")
        ok("lambda_function_key_and_logging", (created.get("KMSKeyArn"), created.get("LoggingConfig", {}).get("LogGroup"),
           updated.get("KMSKeyArn"), updated.get("LoggingConfig", {}).get("LogGroup"))
           == (key, "/aws/lambda/rotation", key, "/aws/lambda/other"), (created, updated))
        """#
}
