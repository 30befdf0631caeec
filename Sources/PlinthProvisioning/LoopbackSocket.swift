#if canImport(Glibc)
import Glibc
#endif

/// TCP on 127.0.0.1 below the HTTP client: whether something listens, and which ports are free.
public enum LoopbackSocket {
    /// Whether a TCP connection to an IPv4 address (or localhost) succeeds; true for host names
    /// it cannot check this way, leaving the decision to the HTTP probe.
    static func acceptsConnections(host: String, port: Int) -> Bool {
        let address = host == "localhost" ? "127.0.0.1" : host
        let raw = inet_addr(address)
        guard raw != INADDR_NONE else { return true }
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { return true }
        defer { close(fd) }
        var target = sockaddr_in()
        target.sin_family = sa_family_t(AF_INET)
        target.sin_port = in_port_t(UInt16(truncatingIfNeeded: port).bigEndian)
        target.sin_addr.s_addr = raw
        let connected = withUnsafePointer(to: &target) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        return connected == 0
    }

    /// Whether a server could bind `port` on 127.0.0.1 now.
    static func isFree(_ port: Int) -> Bool {
        (try? bindLoopback(port: port)) != nil
    }

    /// A port the kernel reports free on 127.0.0.1 (bound to 0, read back, released).
    public static func freePort() throws -> Int {
        try bindLoopback(port: 0)
    }

    private static func bindLoopback(port: Int) throws -> Int {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { throw ProvisioningError.emulatorDidNotStart(detail: "socket() failed") }
        defer { close(fd) }
        // As the server binds: connections of a stopped emulator still in TIME_WAIT do not make the port taken.
        var reuse: Int32 = 1
        _ = setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &reuse, socklen_t(MemoryLayout<Int32>.size))
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard bound == 0 else { throw ProvisioningError.emulatorDidNotStart(detail: "port \(port) is taken") }
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) }
        }
        return Int(UInt16(bigEndian: address.sin_port))
    }
}
