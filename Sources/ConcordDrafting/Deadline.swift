import Foundation

/// The last moment to submit in a round: a date and time with its zone, kept as the chair
/// wrote it (`2022-02-18T23:59:00+01:00`) for display and as an instant for comparison.
public struct Deadline: Hashable, Sendable, CustomStringConvertible {
    public let text: String
    public let instant: Date

    /// Accepts ISO 8601 date-times with a zone: `Z` or `±hh:mm`. A deadline without a zone
    /// is refused: "23:59" means different instants in Geneva and in Brasília.
    public init?(_ text: String) {
        guard text.count >= 20, let instant = InternetDateTime.date(from: text) else { return nil }
        self.text = text
        self.instant = instant
    }

    public var description: String { text }

    /// Whether `moment` is at or before the deadline: a submission made exactly at the
    /// deadline is on time.
    public func admits(_ moment: Date) -> Bool { moment <= instant }

    /// `2 days 3 hours left`, `closed 4 hours ago`.
    public func timeLeft(at moment: Date) -> String {
        let seconds = Int(instant.timeIntervalSince(moment))
        let span = Self.describe(abs(seconds))
        return seconds >= 0 ? "\(span) left" : "passed \(span) ago"
    }

    static func describe(_ seconds: Int) -> String {
        let days = seconds / 86_400, hours = seconds % 86_400 / 3_600, minutes = seconds % 3_600 / 60
        func unit(_ value: Int, _ name: String) -> String { "\(value) \(name)\(value == 1 ? "" : "s")" }
        if days > 0 { return unit(days, "day") + (hours > 0 ? " " + unit(hours, "hour") : "") }
        if hours > 0 { return unit(hours, "hour") + (minutes > 0 ? " " + unit(minutes, "minute") : "") }
        if minutes > 0 { return unit(minutes, "minute") }
        return unit(seconds, "second")
    }
}

/// An instant written for people and for TOML: UTC, to the second.
public func timestamp(_ date: Date) -> String { InternetDateTime.string(from: date) }

/// ISO 8601 (RFC 3339) date-times, read and written with Foundation's format style, which is
/// written in Swift: the older `ISO8601DateFormatter` loaded ICU's calendar data first, a
/// tenth of a `concord submit`, and needed a lock to be shared.
enum InternetDateTime {
    private static let style = Date.ISO8601FormatStyle()

    static func date(from text: String) -> Date? { try? style.parse(text) }

    static func string(from date: Date) -> String { date.formatted(style) }
}
