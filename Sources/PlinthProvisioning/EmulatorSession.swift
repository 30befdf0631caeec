/// The emulator `up --local` talks to, and whether this tool started it (only then may it stop it).
public struct EmulatorSession: Sendable, Codable, Equatable {
    public var endpoint: String
    /// The emulator process this tool started; nil when the emulator was already there.
    public var pid: Int32?
    /// PEM file of the certificate an HTTPS emulator presents, for clients to trust.
    public var caBundle: String?
    /// Names of the `EmulatorCorrections` the started emulator applies (nil: none known).
    public var corrections: [String]?

    public var startedHere: Bool { pid != nil }

    /// The corrections in effect, for the run's summary.
    public var appliedCorrections: [EmulatorCorrection] {
        let names = Set(corrections ?? [])
        return EmulatorCorrections.all.filter { names.contains($0.name) }
    }

    public init(endpoint: String, pid: Int32?, caBundle: String? = nil, corrections: [String]? = nil) {
        self.endpoint = endpoint
        self.pid = pid
        self.caBundle = caBundle
        self.corrections = corrections
    }
}
