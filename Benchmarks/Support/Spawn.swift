// Starting a command to time it, for both benchmarks. Foundation's `Process` costs about
// 50 ms a launch on Linux, more than a 1 MB redline itself, so the benchmarks spawn with
// posix_spawn and time only the spawn and the wait.
import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// What one spawned command did.
public struct Spawned {
    /// Its exit status; a command killed by a signal throws instead.
    public var status: Int32
    /// From just before the spawn to just after the wait, on the monotonic clock: the
    /// command's own start (exec, dynamic loading) is in it, nothing of this process's.
    public var elapsed: Duration
}

public struct CommandFailure: Error, CustomStringConvertible {
    public var description: String

    public init(description: String) { self.description = description }
}

/// Runs `executable` (looked up in PATH when it has no slash) with `arguments` and waits for
/// it. Standard output goes to the file `output`, standard error is inherited unless
/// `discardingErrors`; `environment` is added to this process's.
public func spawn(_ executable: String, _ arguments: [String], in directory: String? = nil,
           environment: [String: String] = [:], output: String = "/dev/null",
           discardingErrors: Bool = false, errors: String? = nil) throws -> Spawned {
    let command = ([executable] + arguments).joined(separator: " ")
    // Everything the child needs is built before the clock starts.
    let argv = ([executable] + arguments).map { strdup($0) } + [nil]
    defer { argv.forEach { free($0) } }
    let variables = ProcessInfo.processInfo.environment.merging(environment) { _, new in new }
    let envp = variables.map { strdup("\($0.key)=\($0.value)") } + [nil]
    defer { envp.forEach { free($0) } }

    #if canImport(Darwin)
    var actions: posix_spawn_file_actions_t? = nil
    #else
    var actions = posix_spawn_file_actions_t()
    #endif
    posix_spawn_file_actions_init(&actions)
    defer { posix_spawn_file_actions_destroy(&actions) }
    posix_spawn_file_actions_addopen(&actions, STDOUT_FILENO, output, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
    if discardingErrors {
        posix_spawn_file_actions_addopen(&actions, STDERR_FILENO, "/dev/null", O_WRONLY, 0)
    } else if let errors {
        posix_spawn_file_actions_addopen(&actions, STDERR_FILENO, errors, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
    }

    // The child inherits our working directory, changed around the spawn only: Swift's Glibc
    // does not import posix_spawn_file_actions_addchdir_np (a GNU extension). The benchmarks
    // run on one thread, so nothing else sees the change.
    var previousDirectory: Int32 = -1
    if let directory {
        previousDirectory = open(".", O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard previousDirectory >= 0, chdir(directory) == 0 else {
            throw CommandFailure(description: "cannot enter \(directory) to run \(command): \(String(cString: strerror(errno)))")
        }
    }
    defer {
        if previousDirectory >= 0 {
            _ = fchdir(previousDirectory)
            close(previousDirectory)
        }
    }

    var pid: pid_t = 0, status: Int32 = 0
    let start = monotonicNow()
    let error = posix_spawnp(&pid, executable, &actions, nil, argv, envp)
    guard error == 0 else {
        throw CommandFailure(description: "cannot start \(command): \(String(cString: strerror(error)))")
    }
    while waitpid(pid, &status, 0) < 0 {
        guard errno == EINTR else {
            throw CommandFailure(description: "cannot wait for \(command): \(String(cString: strerror(errno)))")
        }
    }
    let elapsed = monotonicNow() - start

    // WIFEXITED and WEXITSTATUS are macros, which Swift does not import.
    let signal = status & 0x7f
    guard signal == 0 else { throw CommandFailure(description: "\(command) was killed by signal \(signal)") }
    return Spawned(status: (status >> 8) & 0xff, elapsed: elapsed)
}

/// Now on CLOCK_MONOTONIC, read directly: Swift's clocks pick their source per platform.
public func monotonicNow() -> Duration {
    var now = timespec()
    clock_gettime(CLOCK_MONOTONIC, &now)
    return .seconds(now.tv_sec) + .nanoseconds(now.tv_nsec)
}
