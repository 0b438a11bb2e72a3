import Foundation

/// The tools a source build needs: cmake, a C/C++ compiler, python3 with pip, tar.
enum BuildTools {
    static func ensure(progress: @Sendable (String) -> Void) throws {
        var missing: [String] = []
        if CommandRunner.which("cmake") == nil { missing.append("cmake") }
        if CommandRunner.which("c++") == nil && CommandRunner.which("g++") == nil { missing.append("g++") }
        if CommandRunner.which("python3") == nil { missing.append("python3-pip") }
        guard !missing.isEmpty else { return }

        let packages = missing.map { $0 == "g++" ? "build-essential" : $0 }
        let canApt = CommandRunner.which("apt-get") != nil && getuid() == 0
        guard canApt else {
            throw SetupError(
                what: "the build tools", reason: "\(missing.joined(separator: ", ")) not found",
                remedy: "install them (Debian/Ubuntu/Raspberry Pi OS: `sudo apt-get install \(packages.joined(separator: " "))`; "
                    + "Fedora: `sudo dnf install cmake gcc-c++ python3-pip`) and run `edgebench setup` again")
        }
        progress("installing \(packages.joined(separator: " ")) with apt-get")
        do {
            try CommandRunner.run(["apt-get", "install", "-y", "-q"] + packages,
                                  environment: ["DEBIAN_FRONTEND": "noninteractive"])
        } catch {
            // A fresh machine may have no package lists yet.
            try CommandRunner.run(["apt-get", "update", "-q"])
            try CommandRunner.run(["apt-get", "install", "-y", "-q"] + packages,
                                  environment: ["DEBIAN_FRONTEND": "noninteractive"])
        }
    }
}
