import Foundation

/// A fast e^x for the sigmoid's inner loops, within about 1 ulp of glibc's `exp`.
///
/// glibc's `exp` is a library call per value that cannot be vectorised, and the sigmoid is
/// most of the work of training and of every cost surface over a sigmoid network. This is the
/// textbook range reduction with a polynomial, computed eight lanes at a time (`Lanes`):
/// x = n·ln 2 + r with |r| ≤ ln 2 / 2 (Cody and Waite's two-part ln 2, so n·ln2Hi is exact),
/// e^r by its Taylor series to r¹³ (truncation error below 2e-17), and 2^n put straight into
/// the exponent bits. Rounding n uses the 1.5·2⁵² trick rather than `rounded()`, which is a
/// library call on baseline x86-64. The tests bound the error at 2 ulp against glibc over
/// the whole range (measured: at most 1 ulp) and every gradient check passes with it.
///
/// Arguments beyond ±708 (overflow, underflow, subnormal results), NaN and infinities go to
/// glibc: `exp(_:)` checks per call, the buffer loop once per buffer.
///
/// ```swift
/// Exponential.exp(1)            // 2.718281828459045
/// Exponential.sigmoid(0)        // 0.5
/// ```
public enum Exponential {
    /// Where the fast path holds: 2^n stays a normal number and e^x neither overflows nor underflows.
    public static let fastLimit = 708.0

    /// e^x.
    @inlinable @inline(__always)
    public static func exp(_ x: Double) -> Double {
        guard abs(x) < fastLimit else { return Foundation.exp(x) }
        return reduced(Lanes(repeating: x))[0]
    }

    /// σ(z) = 1/(1 + e^(−z)).
    @inlinable @inline(__always)
    public static func sigmoid(_ z: Double) -> Double {
        1 / (1 + exp(-z))
    }

    /// Eight doubles: the width every exponential is computed at.
    ///
    /// One vector implementation serves single values too (in lane 0), so vectors and scalars
    /// get the same bits by construction. Eight lanes rather than four, even where a register
    /// holds four: the exponential is a chain of dependent steps, and two independent halves
    /// in flight keep the floating-point units busy while each waits for its previous step.
    /// (Concrete rather than generic over widths: an unoptimised build, such as `swift test`
    /// makes, does not specialise generic code, and this runs in every sigmoid.)
    public typealias Lanes = SIMD8<Double>

    /// e^x on every lane, for |x| < 708, no checks.
    @inlinable @inline(__always)
    static func reduced(_ x: Lanes) -> Lanes {
        typealias V = Lanes
        let log2e = 1.4426950408889634
        // ln 2 split so that n·ln2Hi is exact for |n| < 2^11 (fdlibm's constants).
        let ln2Hi = 6.93147180369123816490e-01
        let ln2Lo = 1.90821492927058770002e-10
        // 1.5·2^52 + 1024: adding it rounds to an integer (ties to even, as 1024 is even), and
        // leaves n + 1024 in the low bits.
        let shifter = 6755399441055744.0 + 1024
        let shifted: V = x * log2e + shifter
        let n: V = shifted - shifter
        let hi: V = x - n * ln2Hi
        let r: V = hi - n * ln2Lo
        // e^r − 1 − r = r²·q(r), q(r) = 1/2! + r/3! + … + r¹¹/13!, by Estrin's scheme: pairs,
        // then pairs of pairs with r², r⁴, r⁸. Its longest chain is 8 operations where Horner's
        // is 24, and in vector loops that chain's latency, not the number of operations, bounds
        // the speed. The rounding errors it adds are far below an ulp of e^r, since every
        // term after the first is under a tenth of the one before (measured: still within
        // 1 ulp of glibc).
        let r2: V = r * r
        let r4: V = r2 * r2
        let r8: V = r4 * r4
        let p0: V = 0.5 + r * 0.16666666666666666                         // 1/2!, 1/3!
        let p1: V = 0.041666666666666664 + r * 0.008333333333333333       // 1/4!, 1/5!
        let p2: V = 0.001388888888888889 + r * 0.0001984126984126984      // 1/6!, 1/7!
        let p3: V = 2.48015873015873e-05 + r * 2.7557319223985893e-06     // 1/8!, 1/9!
        let p4: V = 2.755731922398589e-07 + r * 2.505210838544172e-08     // 1/10!, 1/11!
        let p5: V = 2.08767569878681e-09 + r * 1.6059043836821613e-10     // 1/12!, 1/13!
        let p01: V = p0 + p1 * r2
        let p23: V = p2 + p3 * r2
        let p45: V = p4 + p5 * r2
        let q: V = (p01 + p23 * r4) + p45 * r8
        let expm1r: V = r + r2 * q
        let er: V = 1 + expm1r
        // 2^n: the biased exponent n + 1023, in [1, 2046] for |x| < 708, shifted into the top
        // bits; the shift drops the shifter's own bits above it.
        let bits = unsafeBitCast(shifted, to: SIMD8<UInt64>.self)
        let scale = unsafeBitCast((bits &- 1) &<< 52, to: V.self)
        return er * scale
    }
}
