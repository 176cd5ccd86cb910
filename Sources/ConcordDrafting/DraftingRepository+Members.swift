import ConcordGit

extension DraftingRepository {
    /// The registry on the main branch (empty before the first member is added).
    public func memberRegistry(at commit: ObjectID? = nil) throws -> MemberRegistry {
        guard let commit = try commit ?? mainTip(), let bytes = try git.fileContents(at: MemberRegistry.path, in: commit) else {
            return MemberRegistry()
        }
        guard let text = String(validating: bytes, as: UTF8.self) else {
            throw DraftingError(.badInput, "\(MemberRegistry.path): not valid UTF-8")
        }
        return try MemberRegistry(toml: text)
    }

    /// Adds a member, or updates its name, kind and signatories. Built again on main's new tip
    /// when another command moved it meanwhile, so a registry change that landed is kept.
    @discardableResult
    public func addMember(_ member: Member) throws -> (member: Member, replaced: Member?) {
        try member.validate()
        return try landing(on: Self.mainBranch) {
            let tip = try mainTip()
            var registry = try memberRegistry(at: tip)
            let previous = registry[member.id]
            // Ids name branches and files, and Git on a case-insensitive file system (macOS,
            // Windows) cannot hold both `comments/res140/F` and `comments/res140/f`.
            if previous == nil, let other = registry.sorted.first(where: { $0.id.rawValue.lowercased() == member.id.rawValue.lowercased() }) {
                throw DraftingError(.badInput, "member \(member.id): differs from member \(other.id) only in case; ids must differ in more than case")
            }
            if previous == member { throw DraftingError(.refused, "member \(member.id) is already registered as given; nothing changed") }
            for signatory in member.signatories where registry[signatory] == nil && signatory != member.id {
                throw DraftingError(.badInput, "member \(member.id): signatory \(signatory) is not in the registry; add it first")
            }
            registry.add(member)
            do { try registry.checkAccounts() } catch let error as DraftingError {
                throw DraftingError(.badInput, "member \(member.id): \(error.message.dropFirst(MemberRegistry.path.count + 2))")
            }
            try saveRegistry(registry, message: previous == nil ? "Add member \(member.id) (\(member.name))" : "Update member \(member.id)",
                             basedOn: tip)
            return (member, previous)
        }
    }

    public func removeMember(_ id: MemberID) throws -> Member {
        try landing(on: Self.mainBranch) {
            let tip = try mainTip()
            var registry = try memberRegistry(at: tip)
            guard let member = registry[id] else {
                throw DraftingError(.badInput, "member \(id): not in the registry, so there is nothing to remove; \(registry.suggestions(for: id))")
            }
            if let organisation = registry.sorted.first(where: { $0.signatories.contains(id) }) {
                throw DraftingError(.refused, "member \(id) signs for \(organisation.id); remove it from there first")
            }
            registry.remove(id)
            try saveRegistry(registry, message: "Remove member \(id) (\(member.name))", basedOn: tip)
            return member
        }
    }

    private func saveRegistry(_ registry: MemberRegistry, message: String, basedOn tip: ObjectID?) throws {
        let blob = try git.writeBlob(Array(try registry.toml().utf8))
        try commitToMain(changes: [.upsert(path: MemberRegistry.path, blob: blob)], message: message, basedOn: tip)
    }
}
