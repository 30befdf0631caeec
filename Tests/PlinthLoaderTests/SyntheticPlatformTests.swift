import PlinthFixtures
import PlinthLoader
import Testing

@Suite("synthetic specs")
struct SyntheticPlatformTests {
    @Test(arguments: [(6, 5), (40, 120), (120, 500)])
    func syntheticSpecIsValid(accounts: Int, vpcs: Int) throws {
        let result = SpecLoader().load(yaml: SyntheticPlatform(accounts: accounts, vpcs: vpcs).yaml(), file: "synthetic.yaml")
        #expect(result.errors.map(\.description) == [])
        guard let spec = result.spec else { return }
        #expect(spec.organization.allAccounts.count == accounts)
        #expect(spec.network.hubs.count + spec.network.spokes.count == vpcs)
    }
}
