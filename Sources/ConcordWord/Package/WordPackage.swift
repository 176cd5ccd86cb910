import ConcordDrafting
import Foundation
import ZIPFoundation

/// The parts of a Word document (`.docx`): a ZIP package of XML parts, read with the checks
/// that a file from someone else's machine needs.
///
/// Every refusal is one line naming the file and the part, and nothing of the document is
/// used after one:
/// - an OLE compound file is an encrypted document or a Word 97–2003 `.doc`;
/// - anything else that is not a ZIP package is not a Word document;
/// - a part is read through a counter that stops at `maximumPartBytes`, and the parts in all at
///   `maximumTotalBytes`: a ZIP's declared sizes can lie (a zip bomb);
/// - a part with a document type declaration is refused: Word never writes one, and refusing it
///   closes external entities (XXE) and entity expansion before any XML is parsed.
public struct WordPackage {
    public let fileName: String
    private let archive: Data
    private let entries: [String: Entry]

    public static let maximumPartBytes = 64 << 20
    public static let maximumTotalBytes = 256 << 20

    /// The main document part. Word, LibreOffice and Strict OOXML all put it here.
    public static let documentPath = "word/document.xml"

    public init(reading bytes: [UInt8], named fileName: String) throws {
        self.fileName = fileName
        if bytes.starts(with: [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]) {
            // Word keeps a password-protected .docx in an OLE container with these streams.
            let encrypted = Array("EncryptionInfo".utf16.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] })
            if bytes.firstRange(of: encrypted) != nil {
                throw DraftingError(.badInput, "\(fileName): the Word document is encrypted; save it without a password and try again")
            }
            throw DraftingError(.badInput, "\(fileName): a Word 97-2003 document (.doc); save it as a Word Document (.docx) and try again")
        }
        guard bytes.starts(with: [0x50, 0x4B]) else {
            throw DraftingError(.badInput, "\(fileName): not a Word document (a .docx file is a ZIP package, and this is not one)")
        }
        archive = Data(bytes)
        let zip: Archive
        do { zip = try Archive(data: archive, accessMode: .read) } catch {
            throw DraftingError(.badInput, "\(fileName): not a readable ZIP package (\(error)); is it a whole .docx file?")
        }
        entries = Dictionary(zip.map { ($0.path, $0) }, uniquingKeysWith: { first, _ in first })
        guard entries[Self.documentPath] != nil else {
            throw DraftingError(.badInput, "\(fileName): the package has no \(Self.documentPath), so it is not a Word document")
        }
    }

    /// The paths of the package's parts.
    public var paths: [String] { entries.keys.sorted() }

    /// The bytes of several parts, each checked (see the type's doc); nil for a part the package lacks.
    public func parts(_ paths: [String]) throws -> [String: Data] {
        let zip: Archive
        do { zip = try Archive(data: archive, accessMode: .read) } catch {
            throw DraftingError(.badInput, "\(fileName): not a readable ZIP package (\(error))")
        }
        var total = 0
        var result: [String: Data] = [:]
        for path in paths {
            guard let entry = entries[path] else { continue }
            var data = Data()
            do {
                _ = try zip.extract(entry, skipCRC32: false) { chunk in
                    total += chunk.count
                    guard data.count + chunk.count <= Self.maximumPartBytes, total <= Self.maximumTotalBytes else {
                        throw PartTooLarge()
                    }
                    data.append(chunk)
                }
            } catch is PartTooLarge {
                throw DraftingError(.badInput, "\(fileName): \(path) unpacks to more than \(Self.maximumPartBytes >> 20) MB "
                    + "(or the parts to more than \(Self.maximumTotalBytes >> 20) MB in all); a Word text is far smaller, so it is refused")
            } catch {
                throw DraftingError(.badInput, "\(fileName): \(path) cannot be unpacked (\(error)); the file may be damaged or encrypted")
            }
            if !Self.isUTF8XML(data) {
                throw DraftingError(.badInput, "\(fileName): \(path) is not encoded in UTF-8, as Word writes every part; refused")
            }
            if data.firstRange(of: Data("<!DOCTYPE".utf8)) != nil || data.firstRange(of: Data("<!ENTITY".utf8)) != nil {
                throw DraftingError(.badInput, "\(fileName): \(path) declares a document type or entities, which Word never writes; refused")
            }
            result[path] = data
        }
        return result
    }

    private struct PartTooLarge: Error {}

    /// No byte-order mark of UTF-16 or UTF-32, no NUL byte, and an XML declaration, if any,
    /// naming UTF-8. The search for a document type reads the bytes as UTF-8: in any other
    /// encoding one would slip past it, and the parser would read it.
    static func isUTF8XML(_ data: Data) -> Bool {
        guard data.first != 0xFE, data.first != 0xFF, !data.contains(0) else { return false }
        let head = String(decoding: data.prefix(256), as: UTF8.self)
        guard head.hasPrefix("<?xml"), let end = head.range(of: "?>") else { return true }
        let declaration = head[..<end.lowerBound].lowercased()
        return !declaration.contains("encoding") || declaration.contains("utf-8") || declaration.contains("utf8")
    }

    /// A package of `parts` (path, bytes), compressed, `[Content_Types].xml` first as Word writes it.
    public static func write(_ parts: [(path: String, bytes: Data)]) throws -> Data {
        let zip = try Archive(data: Data(), accessMode: .create)
        // A fixed time, so that the same text gives the same file.
        let time = Date(timeIntervalSince1970: 1_577_836_800)
        for part in parts {
            try zip.addEntry(with: part.path, type: .file, uncompressedSize: Int64(part.bytes.count), modificationDate: time,
                             compressionMethod: .deflate) { position, size in
                part.bytes.subdata(in: Int(position) ..< Int(position) + size)
            }
        }
        guard let data = zip.data else { throw DraftingError(.refused, "the Word package could not be assembled in memory") }
        return data
    }
}
