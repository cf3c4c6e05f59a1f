/// The Blowfish cipher's state with the expensive key schedule bcrypt is built on ("Eksblowfish",
/// Provos and Mazières, "A Future-Adaptable Password Scheme", USENIX 1999). Only what bcrypt needs:
/// the key expansion with and without a salt and the encryption of 64-bit blocks.
struct Blowfish {
    /// The 18 subkeys.
    private var p: [UInt32]
    /// The four S-boxes, 256 words each, one after the other.
    private var s: [UInt32]

    /// The state before any key: the digits of pi.
    init() {
        p = Self.initialP
        s = Self.initialS
    }

    /// The key expansion: the subkeys mixed with `key`, then every subkey and S-box entry replaced by
    /// successive encryptions, each input XORed with the next words of `salt` (none when it is empty).
    mutating func expand(key: [UInt8], salt: [UInt8]) {
        var keyCursor = 0
        for index in 0..<18 {
            p[index] ^= Self.word(key, at: &keyCursor)
        }
        var left: UInt32 = 0
        var right: UInt32 = 0
        var saltCursor = 0
        let salted = !salt.isEmpty
        p.withUnsafeMutableBufferPointer { p in
            s.withUnsafeMutableBufferPointer { s in
                for index in stride(from: 0, to: 18, by: 2) {
                    if salted {
                        left ^= Self.word(salt, at: &saltCursor)
                        right ^= Self.word(salt, at: &saltCursor)
                    }
                    Self.encrypt(&left, &right, p: p, s: s)
                    p[index] = left
                    p[index + 1] = right
                }
                for index in stride(from: 0, to: 1024, by: 2) {
                    if salted {
                        left ^= Self.word(salt, at: &saltCursor)
                        right ^= Self.word(salt, at: &saltCursor)
                    }
                    Self.encrypt(&left, &right, p: p, s: s)
                    s[index] = left
                    s[index + 1] = right
                }
            }
        }
    }

    /// Encrypts the 64-bit blocks of `words` (pairs of words) in place, each on its own (ECB).
    func encrypt(_ words: inout [UInt32]) {
        p.withUnsafeBufferPointer { p in
            s.withUnsafeBufferPointer { s in
                for index in stride(from: 0, to: words.count - 1, by: 2) {
                    var left = words[index]
                    var right = words[index + 1]
                    Self.encrypt(&left, &right, p: p, s: s)
                    words[index] = left
                    words[index + 1] = right
                }
            }
        }
    }

    @inline(__always)
    private static func encrypt(_ left: inout UInt32, _ right: inout UInt32, p: UnsafeBufferPointer<UInt32>, s: UnsafeBufferPointer<UInt32>) {
        var l = left
        var r = right
        l ^= p[0]
        for round in stride(from: 1, through: 16, by: 2) {
            r ^= f(l, s) ^ p[round]
            l ^= f(r, s) ^ p[round + 1]
        }
        left = r ^ p[17]
        right = l
    }

    @inline(__always)
    private static func encrypt(_ left: inout UInt32, _ right: inout UInt32, p: UnsafeMutableBufferPointer<UInt32>, s: UnsafeMutableBufferPointer<UInt32>) {
        encrypt(&left, &right, p: UnsafeBufferPointer(p), s: UnsafeBufferPointer(s))
    }

    /// The round function: four S-box lookups by the bytes of `x`.
    @inline(__always)
    private static func f(_ x: UInt32, _ s: UnsafeBufferPointer<UInt32>) -> UInt32 {
        let a = s[Int(x >> 24)]
        let b = s[256 + Int((x >> 16) & 0xFF)]
        let c = s[512 + Int((x >> 8) & 0xFF)]
        let d = s[768 + Int(x & 0xFF)]
        return ((a &+ b) ^ c) &+ d
    }

    /// The next four bytes of `bytes`, big-endian, wrapping around at its end.
    @inline(__always)
    private static func word(_ bytes: [UInt8], at cursor: inout Int) -> UInt32 {
        var word: UInt32 = 0
        for _ in 0..<4 {
            word = (word << 8) | UInt32(bytes[cursor])
            cursor = cursor + 1 == bytes.count ? 0 : cursor + 1
        }
        return word
    }
}
