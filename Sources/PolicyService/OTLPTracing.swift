import Logging
import OTel
import ServiceLifecycle
import Tracing

/// OpenTelemetry export of the service's spans over OTLP/HTTP (protobuf), built without touching
/// the process-wide tracing bootstrap so an embedding process keeps its own.
public enum OTLPTracing {
    /// A tracer whose spans go to `endpoint`, and the service that batches and sends them (run it
    /// beside the HTTP server; its graceful shutdown flushes what is queued).
    ///
    /// `endpoint` is a collector base URL such as `http://127.0.0.1:4318`; spans are posted to its
    /// `/v1/traces`. The standard `OTEL_*` environment variables, when set, take precedence, as
    /// OpenTelemetry specifies.
    public static func backend(
        endpoint: String, serviceName: String = "plinth-policy", exportDelay: Duration = .seconds(1),
        logger: Logger
    ) throws -> (tracer: any Tracer, service: any Service) {
        var configuration = OTel.Configuration.default
        configuration.serviceName = serviceName
        configuration.logs.enabled = false
        configuration.metrics.enabled = false
        configuration.traces.exporter = .otlp
        configuration.traces.otlpExporter.protocol = .httpProtobuf
        configuration.traces.otlpExporter.endpoint = tracesURL(endpoint)
        configuration.traces.batchSpanProcessor.scheduleDelay = exportDelay
        configuration.diagnosticLogger = .custom(logger)
        let backend = try OTel.makeTracingBackend(configuration: configuration)
        return (backend.factory, backend.service)
    }

    /// `<base>/v1/traces`, unless the URL already names that path.
    static func tracesURL(_ endpoint: String) -> String {
        if endpoint.hasSuffix("/v1/traces") { return endpoint }
        return (endpoint.hasSuffix("/") ? String(endpoint.dropLast()) : endpoint) + "/v1/traces"
    }
}
