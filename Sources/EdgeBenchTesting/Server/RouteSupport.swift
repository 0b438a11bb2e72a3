import Foundation
import Hummingbird

/// What every scripted server's routes share: JSON replies, reading the body, recording the request.
enum RouteSupport {
    static func json(_ text: String, status: Int = 200) -> Response {
        Response(status: .init(code: status), headers: [.contentType: "application/json; charset=utf-8"],
                 body: .init(byteBuffer: ByteBuffer(string: text)))
    }

    static func text(of request: Request) async throws -> String {
        String(buffer: try await request.body.collect(upTo: 16 * 1024 * 1024))
    }

    static func record(_ request: Request, body: String, in log: RequestLog) async {
        var headers: [String: String] = [:]
        for field in request.headers { headers[field.name.canonicalName] = field.value }
        await log.append(RecordedRequest(method: request.method.rawValue, path: request.uri.path, headers: headers, body: body))
    }

    /// A JSON object body as a dictionary (empty for anything else).
    static func fields(_ body: String) -> [String: Any] {
        (try? JSONSerialization.jsonObject(with: Data(body.utf8)) as? [String: Any]) ?? [:]
    }
}
