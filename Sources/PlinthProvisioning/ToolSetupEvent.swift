import Foundation

/// What setting up plinth's own tools is doing, for the command to show; the first setup takes a
/// minute or two, and a person should see why and where.
public enum ToolSetupEvent: Sendable, Equatable, CustomStringConvertible {
    /// A moto found through PATH that is not the pinned version, left unused.
    case ignoredOnPath(interpreter: String, version: String, pinned: String)
    /// A moto found through PATH at the pinned version, used as it is.
    case usingPath(interpreter: String, version: String)
    /// A complete environment from an earlier run, used at once.
    case reusing(directory: String)
    /// Something at the environment's place that is not a complete environment, removed.
    case discarding(directory: String, reason: String)
    /// Another run holds the install lock.
    case waitingForLock(path: String)
    case installing(directory: String, requirements: [String])
    /// A line of the installer's output worth showing (a package being collected, the result).
    case installerProgress(String)
    case installed(directory: String, seconds: Double)

    public var description: String {
        switch self {
        case .ignoredOnPath(let interpreter, let version, let pinned):
            return "moto \(version) (imported by \(interpreter)) is not the pinned \(pinned) that the read-back "
                + "corrections are written for; not using it: plinth's own moto \(pinned) runs the emulator instead"
        case .usingPath(let interpreter, let version):
            return "using moto \(version) of \(interpreter)"
        case .reusing(let directory):
            return "using plinth's tools in \(directory)"
        case .discarding(let directory, let reason):
            return "\(directory) is not a complete tools environment (\(reason)); removing it and installing again"
        case .waitingForLock(let path):
            return "another plinth is installing the same tools (lock \(path)); waiting for it"
        case .installing(let directory, let requirements):
            return "installing plinth's tools (\(requirements.joined(separator: ", "))) into \(directory); "
                + "only the first run does this (a minute or two); PLINTH_TOOLS_DIR sets another place"
        case .installerProgress(let line):
            return "  pip: \(line)"
        case .installed(let directory, let seconds):
            return "tools installed in \(directory) in \(Int(seconds.rounded()))s"
        }
    }
}
