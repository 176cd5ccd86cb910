import Foundation

/// A fresh temporary directory per test, removed when the value is released.
public final class ScratchDirectory: @unchecked Sendable {
    public let path: String

    public init(_ name: String = "concord") {
        let base = FileManager.default.temporaryDirectory.appendingPathComponent("\(name)-\(UUID().uuidString)")
        try! FileManager.default.createDirectory(at: base, withIntermediateDirectories: true)
        path = base.path
    }

    deinit { try? FileManager.default.removeItem(atPath: path) }

    public func file(_ relative: String) -> String { (path as NSString).appendingPathComponent(relative) }

    @discardableResult
    public func write(_ relative: String, _ contents: String) -> String {
        write(relative, bytes: Array(contents.utf8))
    }

    @discardableResult
    public func write(_ relative: String, bytes: [UInt8]) -> String {
        let target = file(relative)
        try! FileManager.default.createDirectory(atPath: (target as NSString).deletingLastPathComponent,
                                                 withIntermediateDirectories: true)
        _ = FileManager.default.createFile(atPath: target, contents: Data(bytes))
        return target
    }
}
