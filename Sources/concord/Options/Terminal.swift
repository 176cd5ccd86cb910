#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation

/// Colour only for a person at a terminal who has not asked for none (https://no-color.org).
var stdoutWantsColour: Bool {
    let environment = ProcessInfo.processInfo.environment
    if let noColour = environment["NO_COLOR"], !noColour.isEmpty { return false }
    if environment["TERM"] == "dumb" { return false }
    return isatty(STDOUT_FILENO) == 1
}
