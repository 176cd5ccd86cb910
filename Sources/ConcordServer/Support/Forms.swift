import ConcordDrafting
import Foundation
import Hummingbird
import MultipartKit

/// A form as the browser sent it: its fields, and an uploaded file if it had one. Every
/// form of the app carries the session's CSRF token, checked before anything else is read.
struct Form {
    var fields: [String: String]
    var file: (name: String, bytes: [UInt8])?

    subscript(_ name: String) -> String? { fields[name] }

    /// Reads the body (URL-encoded, or multipart with a file) and checks the CSRF token.
    static func read(_ request: Request, context: WebContext) async throws -> Form {
        var request = request
        let body = try await request.collectBody(upTo: context.maxUploadSize)
        let type = request.headers[.contentType] ?? ""
        var form: Form
        if type.lowercased().hasPrefix("multipart/form-data") {
            form = try multipart(body, contentType: type)
        } else {
            guard let fields = try? URLEncodedFormDecoder().decode([String: String].self, from: String(buffer: body)) else {
                throw PageError(status: .badRequest, title: "Form not understood",
                                message: "The form arrived garbled (each field once, as a browser sends it). Open the page again and resend it.")
            }
            form = Form(fields: fields, file: nil)
        }
        guard let csrf = context.csrf, let sent = form["csrf"], sent == csrf else {
            throw PageError(status: .forbidden, title: "Form expired",
                            message: "This form does not belong to your current session (it may be from before you signed in again). Open the page again and resend it.")
        }
        return form
    }

    /// A multipart body: text fields as strings, the part named `file` as bytes.
    private static func multipart(_ body: ByteBuffer, contentType: String) throws -> Form {
        // The boundary is the one parameter of the content type a multipart parser needs.
        guard let boundary = contentType.split(separator: ";").lazy.map({ $0.trimmingCharacters(in: .whitespaces) })
            .first(where: { $0.lowercased().hasPrefix("boundary=") })?.dropFirst("boundary=".count) else {
            throw PageError(status: .badRequest, title: "Upload not understood", message: "The upload had no multipart boundary.")
        }
        var parts: [MultipartPart] = []
        var current = MultipartPart(body: ByteBuffer())
        let parser = MultipartParser(boundary: String(boundary).trimmingCharacters(in: ["\""]))
        parser.onHeader = { name, value in current.headers.add(name: name, value: value) }
        parser.onBody = { chunk in current.body.writeBuffer(&chunk) }
        parser.onPartComplete = {
            parts.append(current)
            current = MultipartPart(body: ByteBuffer())
        }
        do { try parser.execute(body) } catch {
            throw PageError(status: .badRequest, title: "Upload not understood", message: "The upload was cut short or is not a form: send it again.")
        }
        var form = Form(fields: [:], file: nil)
        for part in parts {
            guard let name = part.name else { continue }
            if name == "file" {
                let disposition = part.headers.first(name: "Content-Disposition") ?? ""
                let fileName = disposition.components(separatedBy: "filename=").dropFirst().first?.trimmingCharacters(in: ["\"", " "]) ?? "upload"
                form.file = (fileName, Array(buffer: part.body))
            } else {
                form.fields[name] = String(buffer: part.body)
            }
        }
        return form
    }
}
