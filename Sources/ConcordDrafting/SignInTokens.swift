import ConcordGit
import Crypto
import Foundation

/// The members' sign-in tokens for `concord serve`, kept hashed in `.git/concord/sign-in.toml`:
/// outside Git's history, so that a token never reaches a commit, a push or a clone.
///
/// A token is 32 random bytes (base64url), so a plain SHA-256 of it is enough to store: there
/// is nothing to guess from the hash, and no salt is needed against dictionaries. Each member
/// holds at most one token; creating one again rotates it, and the old link stops working.
public struct SignInTokens: Sendable {
    struct Entry: Codable, Equatable {
        var member: String
        var sha256: String
        var created: String
        var createdBy: String?

        enum CodingKeys: String, CodingKey {
            case member, sha256, created
            case createdBy = "created-by"
        }
    }

    private struct File: Codable { var tokens: [Entry] = [] }

    let path: String

    /// The token store of the repository at `gitDirectory`.
    public init(gitDirectory: String) {
        path = gitDirectory + "concord/sign-in.toml"
    }

    /// Creates (or rotates) `member`'s token and returns it: shown once, never stored.
    public func issue(for member: MemberID, by actor: MemberID?, at moment: String) throws -> String {
        var bytes = [UInt8](repeating: 0, count: 32)
        var generator = SystemRandomNumberGenerator()   // getrandom(2): fit for secrets
        for index in bytes.indices { bytes[index] = generator.next() }
        let token = Data(bytes).base64EncodedString().replacingOccurrences(of: "+", with: "-")
            .replacingOccurrences(of: "/", with: "_").replacingOccurrences(of: "=", with: "")
        try update { entries in
            entries.removeAll { $0.member == member.rawValue }
            entries.append(Entry(member: member.rawValue, sha256: Self.hash(token), created: moment, createdBy: actor?.rawValue))
        }
        return token
    }

    /// The member whose token `token` is, if any.
    public func member(signingInWith token: String) throws -> MemberID? {
        let hashed = Self.hash(token)
        return try read().first { $0.sha256 == hashed }.flatMap { MemberID($0.member) }
    }

    static func hash(_ token: String) -> String {
        SHA256.hash(data: Data(token.utf8)).map { String(format: "%02x", $0) }.joined()
    }

    private func read() throws -> [Entry] {
        guard let data = FileManager.default.contents(atPath: path) else { return [] }
        return try TOMLRecord.decode(File.self, from: String(decoding: data, as: UTF8.self), path: path, what: "sign-in token store").tokens
    }

    /// Read, change and write the store under an advisory lock, so that two `member token`
    /// commands at once both land; written to a temporary file and renamed, readable by the
    /// owner only.
    private func update(_ change: (inout [Entry]) -> Void) throws {
        let folder = (path as NSString).deletingLastPathComponent
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        try withAdvisoryLock(at: path + ".lock") {
            var entries = try read()
            change(&entries)
            let temporary = path + ".new"
            guard FileManager.default.createFile(atPath: temporary, contents: Data(try TOMLRecord.encode(File(tokens: entries)).utf8),
                                                 attributes: [.posixPermissions: 0o600]) else {
                throw DraftingError(.refused, "cannot write \(temporary)")
            }
            guard rename(temporary, path) == 0 else { throw DraftingError(.refused, "cannot write \(path): \(String(cString: strerror(errno)))") }
        }
    }
}

extension DraftingRepository {
    /// The sign-in tokens of this repository's members.
    public var signInTokens: SignInTokens { SignInTokens(gitDirectory: git.gitDirectory) }

    /// Creates or rotates `member`'s sign-in token. `actor`, when given, must be the chair or
    /// the secretariat; without it the command runs with the file access of whoever holds
    /// the repository, who could edit the store anyway.
    public func issueSignInToken(for member: MemberID, by actor: MemberID?) throws -> String {
        _ = try memberRegistry().member(member)
        if let actor { try requireRunsTheProcess(actor, to: "issue sign-in tokens") }
        return try signInTokens.issue(for: member, by: actor, at: timestamp(now))
    }
}
