import ArgumentParser
import ConcordServer
import Dispatch
import Foundation

extension Concord {
    struct Serve: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "serve",
            abstract: "Serve the drafting repository as a web app for delegates and chairs.",
            discussion: """
                Members sign in with the link `concord member token MEMBER` prints. Behind a reverse proxy that \
                authenticates, --trust-header takes the signed-in account from the proxy instead, mapped to a \
                member by the registry's --account logins. Each request is logged on standard output in the \
                Common Log Format.

                Examples:
                  concord serve --port 8080
                  concord serve --host 0.0.0.0 --trust-header X-Remote-User
                """)

        @OptionGroup var repository: RepositoryOption

        @Option(help: "The address to listen on.")
        var host = "127.0.0.1"

        @Option(help: "The port to listen on.")
        var port = 8080

        @Option(help: ArgumentHelp("Take the signed-in account from this request header, set by a proxy that authenticates.", valueName: "name"))
        var trustHeader: String?

        func run() throws {
            // A server lives for weeks: give memory back as a long-lived process should, not
            // keep it as a short command does (`Concord.tuneAllocator`).
            restoreAllocatorDefaults()
            let path = repository.path ?? FileManager.default.currentDirectoryPath
            let server = try WebServer(.init(repository: path, host: host, port: port, trustHeader: trustHeader))
            FileHandle.standardError.write(Data("concord serve: http://\(host):\(port)/ on \(path)\n".utf8))
            let finished = DispatchSemaphore(value: 0)
            nonisolated(unsafe) var failure: (any Error)?
            Task {
                do { try await server.run() } catch { failure = error }
                finished.signal()
            }
            finished.wait()
            if let failure { throw failure }
        }
    }
}
