import Foundation
import PlinthReport

/// A resource the local target left out, and why (the emulator cannot serve it, or it takes too
/// long for a local run). Listed in every summary so nothing is dropped silently.
public struct SwitchedOffResource: Sendable, Codable, Equatable {
    public var stack: String
    public var resource: String
    public var reason: String

    public init(stack: String, resource: String, reason: String) {
        self.stack = stack
        self.resource = resource
        self.reason = reason
    }
}

/// The closing summary of `up --local` / `down --local`: per-stack outcomes, what the AWS APIs
/// report, and what the local target switched off. Text for people, JSON for tools.
public struct LocalRunReport: Sendable, Codable, Equatable {
    public var command: String
    public var endpoint: String
    public var emulatorStartedHere: Bool
    public var seconds: Double
    public var stacks: [StackOutcome]
    public var readBack: PlatformReadBack?
    public var switchedOff: [SwitchedOffResource]
    /// The emulator's read-back defects that were corrected for this run (empty for an emulator
    /// plinth did not start).
    public var emulatorCorrections: [EmulatorCorrection]

    public init(
        command: String, endpoint: String, emulatorStartedHere: Bool, seconds: Double, stacks: [StackOutcome],
        readBack: PlatformReadBack?, switchedOff: [SwitchedOffResource], emulatorCorrections: [EmulatorCorrection] = []
    ) {
        self.emulatorCorrections = emulatorCorrections
        self.command = command
        self.endpoint = endpoint
        self.emulatorStartedHere = emulatorStartedHere
        self.seconds = seconds
        self.stacks = stacks
        self.readBack = readBack
        self.switchedOff = switchedOff
    }

    public func json() -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        guard let data = try? encoder.encode(self) else { return "{}\n" }
        return String(decoding: data, as: UTF8.self) + "\n"
    }

    public func text() -> String {
        var out: [String] = []
        let changed = stacks.filter { $0.result != .unchanged }.count
        out.append(
            "\(command) --local: \(stacks.count) stacks, \(changed) changed, \(stacks.count - changed) unchanged, "
                + "in \(Self.duration(seconds)) against \(endpoint)")
        var table = TextTable(["STACK", "RESULT", "TIME", "ADDED", "CHANGED", "DESTROYED"], rightAligned: [2, 3, 4, 5])
        for stack in stacks {
            table.add([
                stack.stack, stack.result.rawValue, Self.duration(stack.seconds),
                String(stack.counts.added), String(stack.counts.changed), String(stack.counts.destroyed),
            ])
        }
        out.append(table.rendered())

        if let readBack {
            out.append("")
            out.append("Accounts by organizational unit (read back from Organizations)")
            var units = TextTable(["OU", "ACCOUNTS", "SERVICE CONTROL POLICIES"])
            if !readBack.rootAccounts.isEmpty || !readBack.rootPolicies.isEmpty {
                units.add(["(root)", readBack.rootAccounts.joined(separator: ", "), readBack.rootPolicies.joined(separator: ", ")])
            }
            for unit in readBack.organizationalUnits {
                units.add([unit.path, unit.accounts.joined(separator: ", "), unit.serviceControlPolicies.joined(separator: ", ")])
            }
            out.append(units.rows.isEmpty ? "  none" : units.rendered())

            out.append("")
            out.append("VPCs (read back from EC2)")
            var vpcs = TextTable(["REGION", "NAME", "CIDR", "SUBNETS", "AZS", "ID"], rightAligned: [3])
            for vpc in readBack.vpcs {
                vpcs.add([vpc.region, vpc.name, vpc.cidr, String(vpc.subnets), vpc.availabilityZones.joined(separator: ","), vpc.id])
            }
            out.append(vpcs.rows.isEmpty ? "  none" : vpcs.rendered())

            out.append("")
            out.append("Transit Gateway attachments")
            var attachments = TextTable(["REGION", "TRANSIT GATEWAY", "TYPE", "RESOURCE", "STATE"])
            for a in readBack.transitGatewayAttachments {
                attachments.add([a.region, a.transitGateway, a.resourceType, a.resource, a.state])
            }
            out.append(attachments.rows.isEmpty ? "  none" : attachments.rendered())

            out.append("")
            out.append("Secrets (names only): " + (readBack.secrets.isEmpty ? "none" : "\(readBack.secrets.count)"))
            out += readBack.secrets.map { "  \($0)" }

            out.append("")
            out.append("Alarms: " + (readBack.alarms.isEmpty ? "none" : "\(readBack.alarms.count)"))
            var alarms = TextTable(["REGION", "NAME", "DESCRIPTION"])
            for alarm in readBack.alarms { alarms.add([alarm.region, alarm.name, alarm.description]) }
            if !alarms.rows.isEmpty { out.append(alarms.rendered()) }

            out.append("")
            out.append("Trails: " + (readBack.trails.isEmpty ? "none" : "\(readBack.trails.count)"))
            var trails = TextTable(["NAME", "HOME", "BUCKET", "SCOPE", "VALIDATION", "KMS", "CLOUDWATCH", "LOGGING"])
            for trail in readBack.trails {
                trails.add([
                    trail.name, trail.homeRegion, trail.bucket,
                    (trail.organization ? "organization" : "account") + (trail.multiRegion ? ", all regions" : ", one region"),
                    trail.logFileValidation ? "on" : "off", trail.encrypted ? "yes" : "no", trail.cloudWatchLogs ? "yes" : "no",
                    trail.logging ? "yes" : "no",
                ])
            }
            if !trails.rows.isEmpty { out.append(trails.rendered()) }

            out.append("")
            out.append("Config recorders: " + (readBack.configRecorders.isEmpty ? "none" : "\(readBack.configRecorders.count)"))
            var recorders = TextTable(["REGION", "NAME", "RECORDING"])
            for recorder in readBack.configRecorders { recorders.add([recorder.region, recorder.name, recorder.recording ? "yes" : "no"]) }
            if !recorders.rows.isEmpty { out.append(recorders.rendered()) }

            if let state = readBack.stateBackend {
                out.append("")
                out.append(
                    "Terraform state: \(state.objects.count) objects in s3://\(state.bucket), "
                        + "\(state.lockEntries.count) entries in the lock table \(state.lockTable)")
                out += state.objects.map { "  \($0)" }
            }

            if !readBack.unreadable.isEmpty {
                out.append("")
                out.append("Not read back")
                out += readBack.unreadable.map { "  \($0)" }
            }
        }

        out.append("")
        out.append("Switched off for the local target: " + (switchedOff.isEmpty ? "nothing" : "\(switchedOff.count)"))
        var off = TextTable(["STACK", "RESOURCE", "REASON"])
        for item in switchedOff { off.add([item.stack, item.resource, item.reason]) }
        if !off.rows.isEmpty { out.append(off.rendered()) }

        if command == "up" {
            out.append("")
            if emulatorCorrections.isEmpty {
                out.append(
                    "Emulator corrections: none known (only an emulator plinth starts on moto 5.2 has them; without them "
                        + "moto's read-back defects make a second up update the workload and edge stacks again)")
            } else {
                out.append("Emulator corrections: \(emulatorCorrections.count) moto 5.2 read-back defects answered as AWS does")
                var corrected = TextTable(["RESOURCE", "DEFECT"])
                for item in emulatorCorrections { corrected.add([item.resource, item.defect]) }
                out.append(corrected.rendered())
            }
        }
        return out.joined(separator: "\n") + "\n"
    }

    /// "4.2s", "1m05s".
    static func duration(_ seconds: Double) -> String {
        if seconds < 60 { return String(format: "%.1fs", seconds) }
        let whole = Int(seconds.rounded())
        return String(format: "%dm%02ds", whole / 60, whole % 60)
    }
}
