import Foundation
import TrygEngine
import TrygShell

/// The bundled samples (`samples/` of the package), loaded for tests that need the real data.
enum Samples {
    static let package = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()

    static var directory: String { package.appendingPathComponent("samples").path }

    static func catalog() throws -> Catalog {
        let catalog = Catalog()
        _ = try DataLoader.loadDirectory(directory, into: catalog)
        return catalog
    }
}
