import BenchSupport
import Foundation

/// Median wall-clock time of `runs` calls of `body`.
func median(runs: Int, _ body: () -> Void) -> Duration {
    let clock = ContinuousClock()
    var times: [Duration] = []
    for _ in 0 ..< max(1, runs) { times.append(clock.measure(body)) }
    return times.sorted()[times.count / 2]
}

/// Wall-clock time of one run of `executable`, output discarded. Exit 0 and 1 both count
/// as success: `git diff` (and a redline) exit 1 when the files differ.
func timeProcess(_ executable: String, _ arguments: [String]) throws -> Duration {
    let run = try spawn(executable, arguments)
    guard run.status == 0 || run.status == 1 else {
        throw CommandFailure(description: "\(executable) \(arguments.joined(separator: " ")) exited \(run.status)")
    }
    return run.elapsed
}

/// `name` in the directory of this executable, if it is there (a release build puts
/// `concord` and `concord-bench` side by side).
func besideThisBinary(_ name: String) -> String? {
    guard let directory = Bundle.main.executableURL?.deletingLastPathComponent() else { return nil }
    let candidate = directory.appendingPathComponent(name).path
    return FileManager.default.isExecutableFile(atPath: candidate) ? candidate : nil
}

func seconds(_ duration: Duration) -> Double {
    Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
}

func milliseconds(_ duration: Duration) -> String { String(format: "%8.1f ms", seconds(duration) * 1000) }

func megabytes(_ bytes: Int) -> String { String(format: "%.2f MB", Double(bytes) / 1_000_000) }

func report(_ label: String, _ time: Duration) {
    print("  \(milliseconds(time))  \(label)")
}
