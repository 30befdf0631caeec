import PolicyService
import Testing

@Suite("policy service options")
struct PolicyServiceOptionsTests {
    @Test func postgresURLComesFromTheEnvironmentWhenTheFlagIsAbsent() throws {
        let options = try PolicyServiceOptions.parse(["--issuer", "https://issuer.test/"])
        #expect(options.postgresURL(environment: [:]) == nil)
        #expect(options.postgresURL(environment: ["PLINTH_POSTGRES_URL": ""]) == nil)
        #expect(
            options.postgresURL(environment: ["PLINTH_POSTGRES_URL": "postgres://svc@127.0.0.1:5432/policy"])
                == "postgres://svc@127.0.0.1:5432/policy")
    }

    @Test func theFlagWinsOverTheEnvironment() throws {
        let options = try PolicyServiceOptions.parse([
            "--issuer", "https://issuer.test/", "--postgres-url", "postgres://flag@127.0.0.1/policy",
        ])
        #expect(
            options.postgresURL(environment: ["PLINTH_POSTGRES_URL": "postgres://env@127.0.0.1/policy"])
                == "postgres://flag@127.0.0.1/policy")
    }

    @Test func tracingIsOffUnlessAnEndpointIsGiven() throws {
        let plain = try PolicyServiceOptions.parse(["--issuer", "https://issuer.test/"])
        #expect(plain.otlpEndpoint(environment: [:]) == nil)
        #expect(plain.otlpEndpoint(environment: ["OTEL_EXPORTER_OTLP_ENDPOINT": ""]) == nil)
        #expect(plain.otlpEndpoint(environment: ["OTEL_EXPORTER_OTLP_ENDPOINT": "http://127.0.0.1:4318"]) == "http://127.0.0.1:4318")
        let flagged = try PolicyServiceOptions.parse(["--issuer", "https://issuer.test/", "--otlp-endpoint", "http://collector:4318"])
        #expect(flagged.otlpEndpoint(environment: [:]) == "http://collector:4318")
    }

    @Test func theDatabaseSecretIsAnARNFromTheFlagOrTheEnvironment() throws {
        let arn = "arn:aws:secretsmanager:eu-west-1:123456789012:secret:prod/policy-service/database-AbCdEf"
        let plain = try PolicyServiceOptions.parse(["--issuer", "https://issuer.test/"])
        #expect(plain.postgresSecret(environment: [:]) == nil)
        #expect(plain.postgresSecret(environment: ["PLINTH_POSTGRES_SECRET_ARN": ""]) == nil)
        #expect(plain.postgresSecret(environment: ["PLINTH_POSTGRES_SECRET_ARN": arn]) == arn)
        let flagged = try PolicyServiceOptions.parse([
            "--issuer", "https://issuer.test/", "--postgres-secret", arn, "--postgres-ca-bundle", "/etc/rds/global-bundle.pem",
        ])
        #expect(flagged.postgresSecret(environment: ["PLINTH_POSTGRES_SECRET_ARN": "other"]) == arn)
        #expect(flagged.postgresCABundle == "/etc/rds/global-bundle.pem")
    }
}
