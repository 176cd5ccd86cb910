import Cgit2

/// Who made a commit and when; a value, turned into a `git_signature` only while committing.
public struct Signature: Sendable, Equatable {
    public var name: String
    public var email: String
    /// Seconds since 1970; nil means "now" at the moment of committing.
    public var time: Int64?
    /// Offset from UTC in minutes.
    public var offsetMinutes: Int32

    public init(name: String, email: String, time: Int64? = nil, offsetMinutes: Int32 = 0) {
        self.name = name
        self.email = email
        self.time = time
        self.offsetMinutes = offsetMinutes
    }

    func withGitSignature<R>(_ body: (UnsafePointer<git_signature>) throws -> R) throws -> R {
        var out: UnsafeMutablePointer<git_signature>?
        if let time {
            try check(git_signature_new(&out, name, email, git_time_t(time), offsetMinutes), "signature")
        } else {
            try check(git_signature_now(&out, name, email), "signature")
        }
        guard let signature = out else { throw GitError(code: .other(-1), message: "no signature") }
        defer { git_signature_free(signature) }
        return try body(signature)
    }

    init(_ signature: UnsafePointer<git_signature>) {
        name = String(cString: signature.pointee.name)
        email = String(cString: signature.pointee.email)
        time = Int64(signature.pointee.when.time)
        offsetMinutes = Int32(signature.pointee.when.offset)
    }
}
