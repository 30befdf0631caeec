import Testing

@testable import PlinthAWS

@Suite struct XMLNodeTests {
    @Test func parsesNestedItemsAndIgnoresNamespaces() throws {
        let xml = """
            <?xml version="1.0" encoding="UTF-8"?>
            <DescribeVpcsResponse xmlns="http://ec2.amazonaws.com/doc/2016-11-15/">
              <vpcSet>
                <item><vpcId>vpc-1</vpcId><cidrBlockAssociationSet><item><cidrBlock>10.0.0.0/16</cidrBlock></item></cidrBlockAssociationSet>
                  <tagSet><item><key>Name</key><value>a &amp; b</value></item></tagSet></item>
                <item><vpcId>vpc-2</vpcId></item>
              </vpcSet>
            </DescribeVpcsResponse>
            """
        let root = try XMLNode.parse(Array(xml.utf8))
        #expect(root.name == "DescribeVpcsResponse")
        let items = root.child("vpcSet")?.children("item") ?? []
        #expect(items.map { $0.string("vpcId") } == ["vpc-1", "vpc-2"])
        #expect(EC2Client.tags(items[0]) == ["Name": "a & b"])
        #expect(root.first(named: "cidrBlock")?.text == "10.0.0.0/16")
    }

    @Test func rejectsMalformedDocuments() {
        #expect(throws: XMLParseError.self) { try XMLNode.parse(Array("<a><b></a>".utf8)) }
        #expect(throws: XMLParseError.self) { try XMLNode.parse([]) }
    }

    @Test func errorCodesComeFromEveryProtocol() {
        func error(_ body: String, headers: [(name: String, value: String)] = [], status: Int = 400) -> AWSError {
            AWSClient.serviceError(service: "x", response: .init(status: status, headers: headers, body: Array(body.utf8)))
        }
        #expect(
            error(#"{"__type":"com.amazonaws.dynamodb.v20120810#ResourceNotFoundException","message":"gone"}"#)
                == .service(service: "x", code: "ResourceNotFoundException", message: "gone", status: 400))
        #expect(
            error("<Response><Errors><Error><Code>InvalidVpcID.NotFound</Code><Message>no vpc</Message></Error></Errors></Response>")
                == .service(service: "x", code: "InvalidVpcID.NotFound", message: "no vpc", status: 400))
        #expect(
            error("", headers: [(name: "x-amzn-ErrorType", value: "ThrottlingException:http://internal")], status: 429).code
                == "ThrottlingException")
        #expect(error("", status: 503).code == "HTTP503")
    }
}
