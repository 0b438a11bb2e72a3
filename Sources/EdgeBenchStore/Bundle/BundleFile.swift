import EdgeBenchCore
import Foundation

/// Bundle files on disk (`edgebench/bundle@1` JSON); errors name the file.
public enum BundleFile {
    public static func read(from url: URL) throws -> ResultBundle {
        let data: Data
        do {
            data = try Data(contentsOf: url)
        } catch {
            throw BundleError(
                message: "cannot read bundle \(url.path): \((error as NSError).localizedDescription); check the path")
        }
        do {
            return try BundleCodec.decode(data)
        } catch let error as BundleError {
            throw BundleError(message: "\(url.path): \(error.message)")
        }
    }

    /// Writes atomically (a reader never sees half a file).
    public static func write(_ bundle: ResultBundle, to url: URL) throws {
        let data = try BundleCodec.encode(bundle)
        do {
            try data.write(to: url, options: .atomic)
        } catch {
            throw BundleError(
                message: "cannot write bundle \(url.path): \(SystemErrorText.reason(error)); "
                    + "choose a writable path")
        }
    }
}
