import Foundation

/// What a finished process printed and returned.
public struct CommandResult: Sendable {
    public let status: Int32
    public let stdout: String
    public let stderr: String
    public let stdoutBytes: [UInt8]
}

/// Runs a program to completion, feeding it no input. Used for the stock `git` program that
/// checks what Concord wrote, and for the `concord` binary itself.
@discardableResult
public func run(_ executable: String, _ arguments: [String], in directory: String? = nil,
                environment: [String: String] = [:]) throws -> CommandResult {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: executable)
    process.arguments = arguments
    if let directory { process.currentDirectoryURL = URL(fileURLWithPath: directory) }
    var env = ProcessInfo.processInfo.environment
    // A fixed identity, so tests never depend on the machine's Git configuration.
    env["GIT_AUTHOR_NAME"] = "Test Secretariat"
    env["GIT_AUTHOR_EMAIL"] = "secretariat@example.org"
    env["GIT_COMMITTER_NAME"] = "Test Secretariat"
    env["GIT_COMMITTER_EMAIL"] = "secretariat@example.org"
    env["NO_COLOR"] = "1"
    for (key, value) in environment { env[key] = value }
    process.environment = env
    let out = Pipe(), err = Pipe()
    process.standardOutput = out
    process.standardError = err
    process.standardInput = FileHandle.nullDevice
    try process.run()
    // Read both pipes while the process runs, so a large output cannot fill a pipe and stall it.
    final class Collected: @unchecked Sendable { var data = Data() }
    let errors = Collected()
    let group = DispatchGroup()
    group.enter()
    DispatchQueue.global().async { errors.data = err.fileHandleForReading.readDataToEndOfFile(); group.leave() }
    let outData = out.fileHandleForReading.readDataToEndOfFile()
    group.wait()
    let errData = errors.data
    process.waitUntilExit()
    return CommandResult(status: process.terminationStatus, stdout: String(decoding: outData, as: UTF8.self),
                         stderr: String(decoding: errData, as: UTF8.self), stdoutBytes: [UInt8](outData))
}

/// The stock `git` program, found on PATH.
public func git(_ arguments: [String], in directory: String) throws -> CommandResult {
    try run(gitExecutable, arguments, in: directory)
}

public let gitExecutable: String = {
    for directory in (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin").split(separator: ":") {
        let candidate = "\(directory)/git"
        if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
    }
    return "/usr/bin/git"
}()

/// Runs `git fsck --strict` and returns what it complained of: errors, and dangling objects
/// (which would mean Concord wrote something it then left unreferenced). Empty when clean.
/// `allowingDangling`: a writer that lost a compare-and-swap race leaves the commit it built
/// unreferenced, as git itself does; `git gc` collects it.
/// A `git gc` that Concord started in the background is waited for first: fsck reads the
/// object folders that gc is emptying into a pack, and reports objects in flight.
public func fsckComplaints(in directory: String, allowingDangling: Bool = false) throws -> String {
    let running = [directory + "/.git/gc.pid", directory + "/gc.pid"]
    let patience = Date(timeIntervalSinceNow: 60)
    while running.contains(where: FileManager.default.fileExists(atPath:)) && Date() < patience { usleep(50_000) }
    let fsck = try git(["fsck", "--strict"], in: directory)
    guard fsck.status == 0 else { return "exit \(fsck.status): \(fsck.stdout)\(fsck.stderr)" }
    let lines = (fsck.stdout + fsck.stderr).split(separator: "\n")
    return lines.filter { !(allowingDangling && $0.hasPrefix("dangling ")) }.joined(separator: "\n")
}

/// Runs every command at once, each from its own thread (not from Swift's cooperative pool,
/// which has a thread per core and would run them nearly one after the other), and returns
/// their results in the order given.
public func runAtOnce(_ executable: String, _ commands: [[String]], in directory: String,
                      environment: [String: String] = [:]) -> [CommandResult?] {
    final class Results: @unchecked Sendable {
        let lock = NSLock()
        var values: [CommandResult?]
        init(count: Int) { values = Array(repeating: nil, count: count) }
    }
    let results = Results(count: commands.count)
    let group = DispatchGroup()
    for (index, arguments) in commands.enumerated() {
        group.enter()
        Thread {
            let result = try? run(executable, arguments, in: directory, environment: environment)
            results.lock.lock()
            results.values[index] = result
            results.lock.unlock()
            group.leave()
        }.start()
    }
    group.wait()
    return results.values
}
