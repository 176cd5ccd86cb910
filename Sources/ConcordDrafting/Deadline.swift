import Foundation

/// The last moment to submit in a round: a date and time with its zone, kept as the chair
/// wrote it (`2022-02-18T23:59:00+01:00`) for display and as an instant for comparison.
public struct Deadline: Hashable, Sendable, CustomStringConvertible {
    public let text: String
    public let instant: Date
    /// The zone the deadline was written in, as seconds east of UTC: the group's own clock,
    /// in which the round's other times are shown too (`localTime`).
    public let utcOffset: Int

    /// Accepts ISO 8601 date-times with a zone: `Z` or `±hh:mm`. A deadline without a zone
    /// is refused: "23:59" means different instants in Geneva and in Brasília.
    public init?(_ text: String) {
        guard text.count >= 20, let (instant, offset) = InternetDateTime.parse(text) else { return nil }
        self.text = text
        self.instant = instant
        utcOffset = offset
    }

    /// `moment` on the deadline's clock: `2022-02-01T11:00:00+01:00` beside a deadline
    /// written `…+01:00`, so that a chair compares like with like.
    public func localTime(_ moment: Date) -> String { InternetDateTime.string(from: moment, offset: utcOffset) }

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

/// RFC 3339 date-times (`2022-02-18T23:59:00+01:00`, `…Z`, optional fractional seconds),
/// read and written here rather than with Foundation's ISO 8601 formatter or format style:
/// both set up ICU's calendar and the machine's time zone before the first date, which was a
/// tenth of a `concord submit`, and the format is fixed and small. Calendar arithmetic is the
/// C library's (`timegm`, `gmtime_r`).
enum InternetDateTime {
    static func date(from text: String) -> Date? { parse(text)?.date }

    /// The instant, and the zone it was written in (seconds east of UTC).
    static func parse(_ text: String) -> (date: Date, offset: Int)? {
        let bytes = Array(text.utf8)
        func number(_ start: Int, _ count: Int) -> Int? {
            guard start + count <= bytes.count else { return nil }
            var value = 0
            for byte in bytes[start..<start + count] {
                guard (48...57).contains(byte) else { return nil }
                value = value * 10 + Int(byte - 48)
            }
            return value
        }
        func byte(_ index: Int, is expected: Character) -> Bool { index < bytes.count && bytes[index] == expected.asciiValue! }
        guard let year = number(0, 4), byte(4, is: "-"), let month = number(5, 2), byte(7, is: "-"), let day = number(8, 2),
              byte(10, is: "T") || byte(10, is: "t"), let hour = number(11, 2), byte(13, is: ":"), let minute = number(14, 2),
              byte(16, is: ":"), let second = number(17, 2),
              (1...12).contains(month), (1...daysIn(month: month, year: year)).contains(day),
              hour < 24, minute < 60, second < 60 else { return nil }
        var index = 19
        var fraction = 0.0
        if byte(index, is: ".") {
            var scale = 0.1
            index += 1
            let digitsStart = index
            while let digit = number(index, 1) { fraction += Double(digit) * scale; scale /= 10; index += 1 }
            guard index > digitsStart else { return nil }
        }
        var offset = 0
        if byte(index, is: "Z") || byte(index, is: "z") {
            index += 1
        } else if byte(index, is: "+") || byte(index, is: "-"), let hours = number(index + 1, 2), byte(index + 3, is: ":"),
                  let minutes = number(index + 4, 2), hours < 24, minutes < 60 {
            offset = (hours * 60 + minutes) * 60 * (byte(index, is: "-") ? -1 : 1)
            index += 6
        } else {
            return nil   // No zone: "23:59" means different instants in Geneva and in Brasília.
        }
        guard index == bytes.count else { return nil }
        var fields = tm()
        fields.tm_year = Int32(year - 1900)
        fields.tm_mon = Int32(month - 1)
        fields.tm_mday = Int32(day)
        fields.tm_hour = Int32(hour)
        fields.tm_min = Int32(minute)
        fields.tm_sec = Int32(second)
        let seconds = timegm(&fields)
        return (Date(timeIntervalSince1970: TimeInterval(seconds - offset) + fraction), offset)
    }

    /// February 30th is refused rather than read as March 2nd, as `timegm` would. A leap
    /// second (`23:59:60`) is refused too: no deadline is set on one, and `timegm` would
    /// move it to the next day.
    static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: return year % 4 == 0 && (year % 100 != 0 || year % 400 == 0) ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    /// To the second, in UTC (`2022-02-18T22:59:00Z`) or, given an offset, on that clock
    /// (`2022-02-18T23:59:00+01:00`).
    static func string(from date: Date, offset: Int = 0) -> String {
        var seconds = time_t(date.timeIntervalSince1970.rounded(.down)) + time_t(offset)
        var fields = tm()
        gmtime_r(&seconds, &fields)
        func pad(_ value: Int32, _ width: Int) -> String {
            let digits = String(value)
            return String(repeating: "0", count: max(0, width - digits.count)) + digits
        }
        return "\(pad(fields.tm_year + 1900, 4))-\(pad(fields.tm_mon + 1, 2))-\(pad(fields.tm_mday, 2))T"
            + "\(pad(fields.tm_hour, 2)):\(pad(fields.tm_min, 2)):\(pad(fields.tm_sec, 2))"
            + (offset == 0 ? "Z" : "\(offset < 0 ? "-" : "+")\(pad(Int32(abs(offset) / 3600), 2)):\(pad(Int32(abs(offset) % 3600 / 60), 2))")
    }
}
