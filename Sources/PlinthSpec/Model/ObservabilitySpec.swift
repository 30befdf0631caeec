public struct ObservabilitySpec: SpecObject {
    public var logRetentionDays: [String: Int] = [:]
    public var logPipeline = LogPipelineSpec()
    public var prometheus = ManagedServiceSpec()
    public var grafana = ManagedServiceSpec()
    public var tracing = TracingSpec()
    public var alertRoutes: [AlertRouteSpec] = []
    public var alerts: [AlertSpec] = []

    public init() {}
    public static let documentation = "CloudWatch logs to OpenSearch, Managed Prometheus and Grafana, X-Ray, and alert routing."
    public static var fields: [SpecField<ObservabilitySpec>] {
        [
            .required("logRetentionDays", \.logRetentionDays, "CloudWatch Logs retention per environment name."),
            .required("logPipeline", \.logPipeline, "CloudWatch Logs to Kinesis Firehose to OpenSearch."),
            .required("prometheus", \.prometheus, "Amazon Managed Service for Prometheus workspace."),
            .required("grafana", \.grafana, "Amazon Managed Grafana workspace."),
            .required("tracing", \.tracing, "AWS X-Ray sampling."),
            .required("alertRoutes", \.alertRoutes, "Where alerts go, by severity."),
            .required("alerts", \.alerts, "CloudWatch alarms, each with a runbook."),
        ]
    }
}

public struct LogPipelineSpec: SpecObject {
    public var account: Name = ""
    public var openSearchDomain: Name = ""
    public var openSearchInstanceType = ""
    public var openSearchInstanceCount = 3
    public var openSearchRetentionDays = 90
    public var firehoseBufferSeconds = 60

    public init() {}
    public static let documentation = "Central log search, fed by subscription filters through Firehose."
    public static var fields: [SpecField<LogPipelineSpec>] {
        [
            .required("account", \.account, "Account hosting OpenSearch (log-archive)."),
            .required("openSearchDomain", \.openSearchDomain, "OpenSearch domain name."),
            .required("openSearchInstanceType", \.openSearchInstanceType, "Data node instance type."),
            .required("openSearchInstanceCount", \.openSearchInstanceCount, "Data nodes, spread over AZs."),
            .required("openSearchRetentionDays", \.openSearchRetentionDays, "Days of logs kept searchable."),
            .required("firehoseBufferSeconds", \.firehoseBufferSeconds, "Firehose buffering interval (60 to 900)."),
        ]
    }
}

public struct ManagedServiceSpec: SpecObject {
    public var enabled = false
    public var blockedBy: Name?
    public var account: Name = ""
    public var workspace: Name = ""

    public init() {}
    public static let documentation = "A managed observability workspace, gated by pricing approval."
    public static var fields: [SpecField<ManagedServiceSpec>] {
        [
            .required("enabled", \.enabled, "Provision the workspace; false until its blocker clears."),
            .optional("blockedBy", \.blockedBy, "Blocker that gates it."),
            .required("account", \.account, "Account hosting the workspace."),
            .required("workspace", \.workspace, "Workspace name."),
        ]
    }
}

public struct TracingSpec: SpecObject {
    public var samplingRate: [String: Double] = [:]
    public var reservoirPerSecond = 1

    public init() {}
    public static let documentation = "AWS X-Ray sampling rules per environment."
    public static var fields: [SpecField<TracingSpec>] {
        [
            .required("samplingRate", \.samplingRate, "Fraction of requests traced, per environment name (0 to 1)."),
            .required("reservoirPerSecond", \.reservoirPerSecond, "Requests per second always traced."),
        ]
    }
}

public struct AlertRouteSpec: SpecObject {
    public var name: Name = ""
    public var severity: AlertSeverity = .critical
    public var destination: AlertDestination = .pagerDuty
    public var target = ""
    public var blockedBy: Name?

    public init() {}
    public static let documentation = "An SNS topic and where it delivers."
    public static var fields: [SpecField<AlertRouteSpec>] {
        [
            .required("name", \.name, "Route name; also the SNS topic suffix."),
            .required("severity", \.severity, "Severity the route carries."),
            .required("destination", \.destination, "Where the topic delivers."),
            .required("target", \.target, "PagerDuty service or Slack channel (a name, never an integration key)."),
            .optional("blockedBy", \.blockedBy, "Blocker gating the destination."),
        ]
    }
}

public enum AlertSeverity: String, SpecEnum {
    case critical
    case nonCritical = "non-critical"
}

public enum AlertDestination: String, SpecEnum {
    case pagerDuty = "pagerduty"
    case slack
}

public struct AlertSpec: SpecObject {
    public var name: Name = ""
    public var route: Name = ""
    public var environments: [Name] = []
    public var namespace = ""
    public var metric = ""
    public var statistic: AlarmStatistic = .sum
    public var threshold = 0.0
    public var comparison: AlarmComparison = .greaterThan
    public var periodSeconds = 300
    public var evaluationPeriods = 1
    public var runbook = ""

    public init() {}
    public static let documentation = "A CloudWatch alarm; its description carries the runbook link."
    public static var fields: [SpecField<AlertSpec>] {
        [
            .required("name", \.name, "Alarm name."),
            .required("route", \.route, "Alert route it notifies."),
            .required("environments", \.environments, "Environments that get the alarm."),
            .required("namespace", \.namespace, "CloudWatch metric namespace."),
            .required("metric", \.metric, "Metric name."),
            .required("statistic", \.statistic, "Statistic evaluated."),
            .required("threshold", \.threshold, "Threshold value."),
            .required("comparison", \.comparison, "How the statistic is compared with the threshold."),
            .required("periodSeconds", \.periodSeconds, "Evaluation period (multiple of 60)."),
            .required("evaluationPeriods", \.evaluationPeriods, "Consecutive breaching periods before alarming."),
            .required("runbook", \.runbook, "Runbook page under docs/runbooks/."),
        ]
    }
}

public enum AlarmStatistic: String, SpecEnum {
    case sum = "Sum", average = "Average", maximum = "Maximum", minimum = "Minimum", sampleCount = "SampleCount"
}

public enum AlarmComparison: String, SpecEnum {
    case greaterThan = "GreaterThanThreshold"
    case greaterThanOrEqual = "GreaterThanOrEqualToThreshold"
    case lessThan = "LessThanThreshold"
    case lessThanOrEqual = "LessThanOrEqualToThreshold"
}
