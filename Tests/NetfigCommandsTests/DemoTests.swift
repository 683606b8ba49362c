import Foundation
import Testing
@testable import NetfigCommands

struct DemoTests {
    @Test("every gallery command line parses and names specs that exist")
    func items() throws {
        #expect(Demo.items.count > 20)
        for item in Demo.items {
            let arguments = item.arguments.map {
                $0.replacingOccurrences(of: "{assets}", with: repositoryRoot.appendingPathComponent("assets").path)
                    .replacingOccurrences(of: "{out}", with: "/tmp/netfig-demo-test")
            }
            #expect(throws: Never.self, "\(arguments)") { _ = try Netfig.parseAsRoot(arguments) }
            let spec = arguments[1]
            if !spec.hasPrefix("/tmp/") { #expect(FileManager.default.fileExists(atPath: spec), "\(spec)") }
        }
        for name in Demo.evaluated {
            #expect(FileManager.default.fileExists(atPath: repositoryRoot.appendingPathComponent("assets/\(name).yaml").path))
        }
    }

    @Test("the README shows every gallery picture, and every picture it shows exists")
    func readme() throws {
        let readme = try String(contentsOf: repositoryRoot.appendingPathComponent("README.md"), encoding: .utf8)
        let gallery = repositoryRoot.appendingPathComponent("assets/gallery")
        let files = try FileManager.default.contentsOfDirectory(atPath: gallery.path).filter { $0.hasSuffix(".png") }
        for file in files { #expect(readme.contains("assets/gallery/\(file)"), "\(file) is not in the README") }
        let shown = readme.components(separatedBy: "(assets/gallery/").dropFirst().compactMap { $0.split(separator: ")").first }
        for file in shown { #expect(files.contains(String(file)), "the README shows a missing \(file)") }
    }
}
