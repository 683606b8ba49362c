import Drawing
import Foundation
import Testing

struct AnimateCommandTests {
    struct ManifestJSON: Decodable {
        struct Frame: Decodable {
            let file: String
            let step: Int
            let cost: Double
            let testCost: Double?
            let parameters: [String: Double]
        }
        let specHash: String
        let parameters: [String]
        let frames: [Frame]
    }

    func manifest(_ directory: URL) throws -> ManifestJSON {
        try JSONDecoder().decode(ManifestJSON.self, from: Data(contentsOf: directory.appendingPathComponent("manifest.json")))
    }

    func files(_ directory: URL) throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: directory.path).sorted()
    }

    @Test("frames are numbered from 1; the manifest's steps and costs are the training history's")
    func framesAndManifest() throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let spec = repositoryRoot.appendingPathComponent("assets/not.yaml").path
        let run = try netfig("animate", spec, "-o", "anim", "--frames", "6", "--steps", "50", "--size", "640x360", "--resolution", "24", in: directory)
        #expect(run.status == 0, "\(run.stderr)")
        let folder = directory.appendingPathComponent("anim")
        #expect(try files(folder) == (1...6).map { "frame_0000\($0).png" } + ["manifest.json"])
        let m = try manifest(folder)
        #expect(m.frames.map(\.step) == [0, 10, 20, 30, 40, 50])
        #expect(m.parameters == ["w1", "b1"])
        _ = try netfig("train", spec, "-o", "curve.csv", "--steps", "50", in: directory)
        let costs = try String(contentsOf: directory.appendingPathComponent("curve.csv"), encoding: .utf8)
            .split(separator: "\n").dropFirst().map { Double($0.split(separator: ",")[1])! }
        for frame in m.frames { #expect(frame.cost == costs[frame.step]) }
        #expect(m.frames[0].parameters == ["w1": 1.3, "b1": -0.1])
        // No test examples: no test cost, not even the key.
        #expect(m.frames.allSatisfy { $0.testCost == nil })
        #expect(try !String(contentsOf: folder.appendingPathComponent("manifest.json"), encoding: .utf8).contains("testCost"))
        let image = try RGBAImage(contentsOfPNG: folder.appendingPathComponent("frame_00003.png").path)
        #expect(image.width == 640 && image.height == 360)
    }

    @Test("with test examples each frame lists its test cost: train's test_cost at that step, and eval's at step 0")
    func manifestTestCost() throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let spec = repositoryRoot.appendingPathComponent("assets/sine.yaml").path
        let run = try netfig("animate", spec, "-o", "anim", "--frames", "4", "--steps", "60", "--size", "640x360", "--resolution", "16", in: directory)
        #expect(run.status == 0, "\(run.stderr)")
        let m = try manifest(directory.appendingPathComponent("anim"))
        #expect(m.frames.map(\.step) == [0, 20, 40, 60])
        let trained = try netfig("train", spec, "-o", "curve.csv", "--steps", "60", in: directory)
        try #require(trained.status == 0, "\(trained.stderr)")
        let rows = try String(contentsOf: directory.appendingPathComponent("curve.csv"), encoding: .utf8).split(separator: "\n")
        #expect(rows.first == "step,cost,test_cost")
        let columns = rows.dropFirst().map { $0.split(separator: ",").compactMap { Double($0) } }
        for frame in m.frames {
            #expect(frame.cost == columns[frame.step][1])
            #expect(frame.testCost == columns[frame.step][2], "step \(frame.step)")
        }
        struct Eval: Decodable {
            struct Test: Decodable { let cost: Double }
            let test: Test
        }
        let eval = try JSONDecoder().decode(Eval.self, from: Data(try netfig("eval", spec, "--json").stdout.utf8))
        #expect(m.frames[0].testCost == eval.test.cost)
    }

    @Test("shards together equal one unsharded run, byte for byte")
    func shards() throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let spec = repositoryRoot.appendingPathComponent("assets/heart.yaml").path
        let common = ["--frames", "5", "--steps", "200", "--size", "480x270", "--resolution", "16"]
        let whole = try netfig(arguments: ["animate", spec, "-o", "whole"] + common, in: directory)
        #expect(whole.status == 0, "\(whole.stderr)")
        for shard in ["1/2", "2/2"] {
            let run = try netfig(arguments: ["animate", spec, "-o", "split", "--shard", shard, "--jobs", "2"] + common, in: directory)
            #expect(run.status == 0, "\(run.stderr)")
        }
        let wholeFolder = directory.appendingPathComponent("whole"), splitFolder = directory.appendingPathComponent("split")
        #expect(try files(wholeFolder) == files(splitFolder))
        for name in try files(wholeFolder) {
            #expect(try Data(contentsOf: wholeFolder.appendingPathComponent(name)) == Data(contentsOf: splitFolder.appendingPathComponent(name)), "\(name) differs")
        }
    }

    func inode(_ url: URL) throws -> UInt64 {
        try (FileManager.default.attributesOfItem(atPath: url.path)[.systemFileNumber] as? NSNumber)?.uint64Value ?? 0
    }

    @Test("--resume keeps whole frames and renders again the missing, truncated, damaged and empty ones and a folder in a frame's place")
    func resume() throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let spec = repositoryRoot.appendingPathComponent("assets/not.yaml").path
        let common = ["--frames", "6", "--steps", "30", "--size", "320x180", "--resolution", "16", "--jobs", "1"]
        #expect(try netfig(arguments: ["animate", spec, "-o", "a"] + common, in: directory).status == 0)
        let folder = directory.appendingPathComponent("a")
        let frame = { (n: Int) in folder.appendingPathComponent("frame_0000\(n).png") }
        let originals = try (1...6).map { try Data(contentsOf: frame($0)) }
        // The manifest records each frame's size and FNV-1a 64.
        let records = try JSONDecoder().decode(RecordsJSON.self, from: Data(contentsOf: folder.appendingPathComponent("manifest.json")))
        #expect(records.frames.map(\.bytes) == originals.map(\.count))
        #expect(records.frames.allSatisfy { $0.fnv1a64.count == 16 })
        let untouched = try inode(frame(1))
        try originals[1].prefix(originals[1].count / 2).write(to: frame(2))
        try FileManager.default.removeItem(at: frame(3))
        try FileManager.default.createDirectory(at: frame(3), withIntermediateDirectories: false)
        var damaged = originals[3]
        damaged[damaged.count / 2] ^= 0xFF
        try damaged.write(to: frame(4))
        try Data().write(to: frame(5))
        try FileManager.default.removeItem(at: frame(6))
        let resumed = try netfig(arguments: ["animate", spec, "-o", "a", "--resume"] + common, in: directory)
        #expect(resumed.status == 0, "\(resumed.stderr)")
        for n in 1...6 { #expect(try Data(contentsOf: frame(n)) == originals[n - 1], "frame \(n)") }
        #expect(try inode(frame(1)) == untouched, "a whole frame is kept, not rendered again")
        // Other options: resume renders everything again.
        let other = try netfig(arguments: ["animate", spec, "-o", "a", "--resume", "--frames", "6", "--steps", "31", "--size", "320x180", "--resolution", "16"], in: directory)
        #expect(other.status == 0 && other.stderr.contains("rendering every frame"))
        #expect(try inode(frame(1)) != untouched)
    }

    struct RecordsJSON: Decodable {
        struct Frame: Decodable { let bytes: Int; let fnv1a64: String }
        let frames: [Frame]
    }

    @Test("an interrupted run leaves only whole frames and no temporary files")
    func interruption() throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let process = Process()
        process.executableURL = netfigBinary
        process.arguments = ["animate", repositoryRoot.appendingPathComponent("assets/heart.yaml").path, "-o", "anim",
                             "--frames", "400", "--steps", "2000", "--resolution", "32"]
        process.currentDirectoryURL = directory
        process.standardError = FileHandle.nullDevice
        try process.run()
        let folder = directory.appendingPathComponent("anim")
        // Wait for the first frames, then interrupt mid-run.
        let deadline = Date().addingTimeInterval(60)
        while Date() < deadline, ((try? files(folder))?.filter { $0.hasPrefix("frame_") }.count ?? 0) < 3 { usleep(20_000) }
        process.interrupt()
        process.waitUntilExit()
        #expect(process.terminationStatus == 130)
        let names = try files(folder)
        let frames = names.filter { $0.hasPrefix("frame_") }
        #expect(frames.count >= 3 && frames.count < 400)
        #expect(!names.contains { $0.hasSuffix(".tmp") }, "left behind: \(names.filter { $0.hasSuffix(".tmp") })")
        for name in frames {
            #expect(throws: Never.self) { _ = try RGBAImage(contentsOfPNG: folder.appendingPathComponent(name).path) }
        }
    }

    @Test("bad animate options exit 2 with one line")
    func badOptions() throws {
        let spec = repositoryRoot.appendingPathComponent("assets/not.yaml").path
        for arguments in [["--shard", "3/2"], ["--shard", "0/2"], ["--size", "12x5"], ["--frames", "0"], ["--jobs", "0"],
                          ["--video", "out.avi"], ["--format", "jpg"], ["--fps", "0", "--video", "out.mp4"], ["--hold", "3"],
                          ["--x", "W9[1,1]"], ["--spacing", "cubic"]] {
            let run = try netfig(arguments: ["animate", spec, "-o", "/tmp/netfig-never"] + arguments)
            #expect(run.status == 2, "\(arguments)")
        }
        #expect(!FileManager.default.fileExists(atPath: "/tmp/netfig-never"))
    }
}
