import ConcordDrafting
import ConcordGit
import Testing

/// What a hook reads from Git: the updates on standard input, the pusher from the host.
@Suite struct HookInputTests {
    let a = String(repeating: "a", count: 40), b = String(repeating: "b", count: 40), zero = String(repeating: "0", count: 40)

    @Test func updatesReadCreationsDeletionsAndMoves() throws {
        let updates = try ReferenceUpdate.parse(hookInput: "\(zero) \(a) refs/heads/comments/res140/F\n\(a) \(b) refs/heads/main\n\(b) \(zero) refs/heads/x\n")
        #expect(updates == [
            ReferenceUpdate(name: "refs/heads/comments/res140/F", old: nil, new: ObjectID(hex: a)),
            ReferenceUpdate(name: "refs/heads/main", old: ObjectID(hex: a), new: ObjectID(hex: b)),
            ReferenceUpdate(name: "refs/heads/x", old: ObjectID(hex: b), new: nil),
        ])
        #expect(try ReferenceUpdate.parse(hookInput: "").isEmpty)
    }

    @Test func anIllFormedLineIsNamed() {
        #expect(throws: DraftingError(.badInput, "hook input: \"\(a) refs/heads/main\" is not \"<old> <new> <reference>\"")) {
            try ReferenceUpdate.parse(hookInput: "\(a) refs/heads/main\n")
        }
        #expect(throws: DraftingError.self) { try ReferenceUpdate.parse(hookInput: "xyz \(a) refs/heads/main\n") }
    }

    @Test func thePusherIsTheFirstHostVariableSet() {
        #expect(Pusher(environment: [:]) == nil)
        #expect(Pusher(environment: ["REMOTE_USER": ""]) == nil, "an empty login names nobody")
        let gitlab = Pusher(environment: ["GL_USERNAME": "jdupont", "REMOTE_USER": "proxy"])
        #expect(gitlab?.account == "jdupont" && gitlab?.variable == "GL_USERNAME")
        let forced = Pusher(environment: ["CONCORD_PUSHER": "F", "GITEA_PUSHER_NAME": "someone"])
        #expect(forced?.account == "someone", "the host's own variable wins over one a client might pass")
        #expect(Pusher(environment: ["CONCORD_PUSHER": "F"])?.variable == "CONCORD_PUSHER")
        for variable in Pusher.variables {
            #expect(Pusher(environment: [variable: "x"])?.variable == variable)
        }
    }

    @Test func anAccountPushesForTheMemberWhoseIdItIsOrThatListsIt() throws {
        let registry = MemberRegistry(members: [
            Member(id: MemberID("F")!, name: "France", kind: .memberState, accounts: ["jdupont"]),
            Member(id: MemberID("CHAIR")!, name: "Chair", kind: .chair),
        ])
        #expect(registry.member(forAccount: "jdupont")?.id == MemberID("F"))
        #expect(registry.member(forAccount: "CHAIR")?.kind == .chair)
        #expect(registry.member(forAccount: "mallory") == nil)
        #expect(registry.member(forAccount: "f") == nil, "accounts are matched exactly")
        #expect(registry.member(forAccount: "F") == nil, "a member that lists accounts is reached only through them")
    }

    @Test func anAccountClaimedTwiceOrNamedAfterAnotherMemberIsRefused() throws {
        let twice = """
            [members.D]
            accounts = [\"delegate\"]
            kind = \"member-state\"
            name = \"Germany\"

            [members.F]
            accounts = [\"delegate\"]
            kind = \"member-state\"
            name = \"France\"
            """
        #expect(throws: DraftingError(.badInput, "Drafts/members.toml: account \"delegate\" is listed by both D and F")) {
            try MemberRegistry(toml: twice)
        }
        let squatting = twice.replacingOccurrences(of: "accounts = [\"delegate\"]\nkind = \"member-state\"\nname = \"France\"",
                                                   with: "accounts = [\"D\"]\nkind = \"member-state\"\nname = \"France\"")
        #expect(squatting != twice)
        #expect(throws: DraftingError.self) { try MemberRegistry(toml: squatting) }
    }
}
