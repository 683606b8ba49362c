/// How a video of an animation's frames is paced: `--fps` frames a second, and `--hold`
/// seconds more on the last frame, so that a looping video rests on the trained network
/// before it starts again and a short animation lasts long enough to talk over.
///
/// An MP4 has a constant frame rate: the hold is the last frame repeated, the nearest whole
/// number of frames. A GIF gives each frame a delay in hundredths of a second: every frame
/// gets the same delay, the nearest to 1/fps and at least 2/100 (browsers show shorter
/// delays as 1/10 s), and the last one that delay plus the hold.
///
/// ```swift
/// let timing = VideoTiming(fps: 24, hold: 1)
/// timing.holdFrames          // 24: the MP4 repeats its last frame 24 times
/// timing.gifDelay            // 4 hundredths: a GIF plays at 25 frames a second
/// timing.seconds(frames: 30, gif: false)   // 2.25
/// ```
struct VideoTiming: Equatable, Sendable {
    static let fpsRange = 1...60
    static let holdRange = 0.0...60.0
    /// 24 frames a second, as netfig's videos always had.
    static let defaultFPS = 24
    /// A second: a looping GIF or video shows the trained network before it restarts, and
    /// the end of a short clip can be seen, without a wait that stalls a slide.
    static let defaultHold = 1.0
    static let standard = VideoTiming(fps: defaultFPS, hold: defaultHold)

    let fps: Int
    let hold: Double

    /// The frames an MP4 adds, copies of the last one, for the hold.
    var holdFrames: Int { Int((hold * Double(fps)).rounded()) }

    /// Every GIF frame's delay, in hundredths of a second.
    var gifDelay: Int { max(2, Int((100 / Double(fps)).rounded())) }

    /// The last GIF frame's delay, with the hold, in hundredths of a second.
    var gifFinalDelay: Int { gifDelay + Int((hold * 100).rounded()) }

    /// How long the video of `frames` frames plays, once.
    func seconds(frames: Int, gif: Bool) -> Double {
        if gif { return Double(gifDelay * (frames - 1) + gifFinalDelay) / 100 }
        return Double(frames + holdFrames) / Double(fps)
    }

    /// The reason `--fps` is refused, or nil.
    static func fpsProblem(_ fps: Int) -> String? {
        fpsRange.contains(fps) ? nil : "--fps \(fps): expected whole frames a second, \(fpsRange.lowerBound) to \(fpsRange.upperBound)"
    }

    /// The reason `--hold` is refused, or nil.
    static func holdProblem(_ hold: Double) -> String? {
        holdRange.contains(hold) ? nil : "--hold \(hold == hold.rounded() && abs(hold) < 1e15 ? String(Int(hold)) : "\(hold)"): expected seconds, \(Int(holdRange.lowerBound)) to \(Int(holdRange.upperBound)), e.g. --hold 2.5"
    }
}
