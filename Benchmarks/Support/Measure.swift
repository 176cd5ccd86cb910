import Foundation

/// One run of a command, timed and with its peak resident memory.
public struct Measured {
    public var status: Int32
    public var seconds: Double
    /// Peak resident memory in megabytes, through `/usr/bin/time -f %M`; nil without it.
    public var peakMB: Double?
    /// What the command wrote to standard error, kept to explain a failure.
    public var errors: String = ""
}

/// Runs a command through `/usr/bin/time` for its peak memory, timing the whole run on the
/// monotonic clock (time's own start, about a millisecond, is in it). Not wait4's ru_maxrss of
/// a spawned command: the child shares the benchmark's memory until its exec, and the kernel
/// counts the benchmark's peak as the child's; `time` forks the command from its own small memory.
public func measured(_ executable: String, _ arguments: [String], in directory: String? = nil,
                     environment: [String: String] = [:], output: String = "/dev/null", scratch: String) throws -> Measured {
    let timeBinary = "/usr/bin/time"
    guard FileManager.default.isExecutableFile(atPath: timeBinary) else {
        let result = try spawn(executable, arguments, in: directory, environment: environment, output: output, discardingErrors: true)
        return Measured(status: result.status, seconds: seconds(result.elapsed), peakMB: nil)
    }
    let memoryFile = scratch + "/peak-memory", errorFile = scratch + "/errors"
    let result = try spawn(timeBinary, ["-f", "%M", "-o", memoryFile, executable] + arguments, in: directory,
                           environment: environment, output: output, errors: errorFile)
    // The last line: before it, time notes a non-zero exit (consolidate exits 1 on conflicts).
    let peak = (try? String(contentsOfFile: memoryFile, encoding: .utf8))?.split(separator: "\n").last
        .flatMap { Double($0.trimmingCharacters(in: .whitespaces)) }
    return Measured(status: result.status, seconds: seconds(result.elapsed), peakMB: peak.map { $0 / 1024 },
                    errors: (try? String(contentsOfFile: errorFile, encoding: .utf8)) ?? "")
}

public func seconds(_ duration: Duration) -> Double {
    Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
}
