import Foundation

/// The system's own words for a file-system failure ("Not a directory", "No space left on device"):
/// Foundation's `localizedDescription` on Linux says only "The operation could not be completed.
/// (NSCocoaErrorDomain error 512.)", which tells a user nothing.
public enum SystemErrorText {
    public static func reason(_ error: any Error) -> String {
        if let posix = error as? POSIXError { return String(cString: strerror(posix.code.rawValue)) }
        let ns = error as NSError
        if ns.domain == NSPOSIXErrorDomain { return String(cString: strerror(Int32(ns.code))) }
        if let underlying = ns.userInfo[NSUnderlyingErrorKey] as? NSError {
            return reason(underlying)
        }
        return ns.localizedDescription
    }
}
