import Foundation

/// Files of the repository the tests read, found from this source file's place in it.
public enum Fixtures {
    public static let packageRoot: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// The real French document of ../shared/seeds, kept in Drafts/ as the demo's sample.
    public static var seedPath: String { packageRoot.appendingPathComponent("Drafts/wsis-report.txt").path }

    public static var seedBytes: [UInt8] { [UInt8](FileManager.default.contents(atPath: seedPath)!) }

    /// The `concord` executable built beside the test bundle.
    public static var concordExecutable: String {
        if let explicit = ProcessInfo.processInfo.environment["CONCORD_EXECUTABLE"] { return explicit }
        var candidates: [URL] = []
        if let bundle = Bundle.main.executableURL?.deletingLastPathComponent() { candidates.append(bundle) }
        candidates.append(packageRoot.appendingPathComponent(".build/debug"))
        for directory in candidates {
            let candidate = directory.appendingPathComponent("concord").path
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
        }
        return packageRoot.appendingPathComponent(".build/debug/concord").path
    }
}
