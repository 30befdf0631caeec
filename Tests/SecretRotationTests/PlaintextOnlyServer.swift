import NIOCore
import NIOPosix
import Synchronization

/// A stand-in PostgreSQL on 127.0.0.1 that answers the client's SSLRequest with `N` (no TLS) and
/// records whether the client then carries on in plaintext with its startup message.
final class PlaintextOnlyServer: Sendable {
    let channel: any Channel
    let box: SeenBox
    var port: Int { channel.localAddress?.port ?? 0 }

    private init(channel: any Channel, box: SeenBox) {
        self.channel = channel
        self.box = box
    }

    static func start() async throws -> PlaintextOnlyServer {
        let box = SeenBox()
        let channel = try await ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .childChannelInitializer { child in
                child.eventLoop.makeCompletedFuture { try child.pipeline.syncOperations.addHandler(DeclineTLS(box: box)) }
            }
            .bind(host: "127.0.0.1", port: 0).get()
        return PlaintextOnlyServer(channel: channel, box: box)
    }

    func sawStartupMessage() async -> Bool { box.seen.withLock { $0 } }

    func stop() async { try? await channel.close() }

    final class SeenBox: Sendable {
        let seen = Mutex(false)
    }

    final class DeclineTLS: ChannelInboundHandler, Sendable {
        typealias InboundIn = ByteBuffer
        typealias OutboundOut = ByteBuffer
        let box: SeenBox
        init(box: SeenBox) { self.box = box }

        func channelRead(context: ChannelHandlerContext, data: NIOAny) {
            var bytes = unwrapInboundIn(data)
            // SSLRequest: length 8, code 80877103. Anything else is a plaintext startup.
            if bytes.readableBytes == 8, bytes.readInteger(as: UInt32.self) == 8, bytes.readInteger(as: UInt32.self) == 80_877_103 {
                context.writeAndFlush(wrapOutboundOut(ByteBuffer(string: "N")), promise: nil)
            } else {
                box.seen.withLock { $0 = true }
            }
        }
    }
}
