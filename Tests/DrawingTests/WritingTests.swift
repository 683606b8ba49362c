import Drawing
import Foundation
import Testing

@Test(arguments: OutputFormat.allCases)
func writeCreatesFoldersAndFile(format: OutputFormat) throws {
    let folder = temporaryFolder()
    let path = folder + "/a/b/figure." + format.fileExtension
    let canvas = try Canvas(width: 100, height: 80, format: format)
    drawSample(on: canvas)
    try canvas.write(to: path, metadata: ["Software": "netfig test"])
    let contents = try #require(FileManager.default.contents(atPath: path))
    #expect(contents.count > 100)
    let leftovers = try FileManager.default.contentsOfDirectory(atPath: folder + "/a/b")
    #expect(leftovers == ["figure." + format.fileExtension])
}

@Test func writtenPNGDecodesFromFile() throws {
    let path = temporaryFolder() + "/f.png"
    let canvas = try Canvas(width: 10, height: 10, format: .png)
    canvas.fillBackground(Color(hex: 0x00FF00))
    try canvas.write(to: path)
    let image = try RGBAImage(contentsOfPNG: path)
    #expect(image[5, 5] == Color(hex: 0x00FF00))
}

@Test(arguments: ["/proc/netfig-test/figure.png", "/proc/figure.png"])
func unwritableFolderThrowsNamingPath(path: String) throws {
    let canvas = try Canvas(width: 10, height: 10, format: .png)
    do {
        try canvas.write(to: path)
        Issue.record("writing to \(path) should fail")
    } catch {
        #expect(String(describing: error).contains(path))
    }
    #expect(!FileManager.default.fileExists(atPath: path))
}

@Test func folderUnderRegularFileThrowsAndLeavesNothing() throws {
    let folder = temporaryFolder()
    let file = folder + "/plain.txt"
    #expect(FileManager.default.createFile(atPath: file, contents: Data("x".utf8)))
    let path = file + "/figure.svg"
    let canvas = try Canvas(width: 10, height: 10, format: .svg)
    #expect(throws: DrawingError.self) { try canvas.write(to: path) }
    let contents = try FileManager.default.contentsOfDirectory(atPath: folder)
    #expect(contents == ["plain.txt"])
}

/// The temporary file is written, then renaming it fails (the target is a folder): the
/// temporary file must be gone and the error must name the path.
@Test func failedRenameLeavesNoTemporaryFile() throws {
    let folder = temporaryFolder()
    let path = folder + "/figure.pdf"
    try FileManager.default.createDirectory(atPath: path + "/occupied", withIntermediateDirectories: true)
    let canvas = try Canvas(width: 10, height: 10, format: .pdf)
    do {
        try canvas.write(to: path)
        Issue.record("renaming onto a folder should fail")
    } catch {
        #expect(String(describing: error).contains(path))
    }
    #expect(try FileManager.default.contentsOfDirectory(atPath: folder) == ["figure.pdf"])
}

@Test func extensionMustMatchCanvas() throws {
    let canvas = try Canvas(width: 10, height: 10, format: .png)
    #expect(throws: DrawingError.self) { try canvas.write(to: temporaryFolder() + "/x.svg") }
    do {
        try canvas.write(to: temporaryFolder() + "/x.gif")
        Issue.record("expected an error")
    } catch {
        #expect(String(describing: error).contains(".png, .svg, .pdf"))
    }
}

/// A name near the 255-byte limit still writes: the temporary name is cut to fit.
@Test func longNameWrites() throws {
    let folder = temporaryFolder()
    let name = String(repeating: "é", count: 120) + "-long.png"   // 249 bytes
    #expect(name.utf8.count > 240 && name.utf8.count <= 255)
    let canvas = try Canvas(width: 10, height: 10, format: .png)
    try canvas.write(to: folder + "/" + name)
    #expect(try FileManager.default.contentsOfDirectory(atPath: folder) == [name])
}

/// A path that fails deep down leaves none of the folders made on the way to it.
@Test func failedPathLeavesNoNewFolders() throws {
    let folder = temporaryFolder()
    let tooLong = String(repeating: "x", count: 300)
    let path = folder + "/a/b/c/" + tooLong + "/figure.png"
    let canvas = try Canvas(width: 10, height: 10, format: .png)
    #expect(throws: DrawingError.self) { try canvas.write(to: path) }
    #expect(try FileManager.default.contentsOfDirectory(atPath: folder).isEmpty)
}

/// Replacing an output keeps who may read it.
@Test func replacedFileKeepsItsMode() throws {
    let path = temporaryFolder() + "/private.svg"
    #expect(FileManager.default.createFile(atPath: path, contents: Data("old".utf8), attributes: [.posixPermissions: 0o600]))
    let canvas = try Canvas(width: 10, height: 10, format: .svg)
    try canvas.write(to: path)
    let attributes = try FileManager.default.attributesOfItem(atPath: path)
    #expect((attributes[.posixPermissions] as? NSNumber)?.intValue == 0o600)
    #expect(try String(contentsOfFile: path, encoding: .utf8).hasPrefix("<?xml"))
}

/// A temporary file left by a process killed with SIGKILL (no handler runs) is removed by
/// the next write into its folder; one of a live process is left alone.
@Test func staleTemporaryOfADeadProcessIsRemoved() throws {
    let folder = temporaryFolder()
    let dead = Process()
    dead.executableURL = URL(fileURLWithPath: "/bin/true")
    try dead.run()
    dead.waitUntilExit()
    let stale = folder + "/.figure.png.\(dead.processIdentifier).12345.tmp"
    let live = folder + "/.figure.png.\(getpid() == 1 ? 2 : 1).67890.tmp"   // pid 1 is always alive
    #expect(FileManager.default.createFile(atPath: stale, contents: Data("half".utf8)))
    #expect(FileManager.default.createFile(atPath: live, contents: Data("busy".utf8)))
    let canvas = try Canvas(width: 10, height: 10, format: .png)
    try canvas.write(to: folder + "/other.png")
    #expect(!FileManager.default.fileExists(atPath: stale))
    #expect(FileManager.default.fileExists(atPath: live))
}
