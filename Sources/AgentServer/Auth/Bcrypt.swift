/// bcrypt password hashes, as `htpasswd -B` and most password tools write them:
/// `$2b$COST$` + 22 characters of salt + 31 characters of hash, in bcrypt's own base-64 alphabet.
/// The variants `2a`, `2b` and `2y` are read alike (they differ only in bugs of old C
/// implementations with passwords of 255 bytes or more); only the first 72 bytes of a password count.
public struct Bcrypt: Sendable, Equatable {
    public var variant: String
    public var cost: Int
    /// 16 bytes.
    public var salt: [UInt8]
    /// 23 bytes.
    public var digest: [UInt8]

    /// A hash that cannot be read; the description says what is wrong with it.
    public struct Malformed: Error, Sendable, Equatable, CustomStringConvertible {
        public var description: String
    }

    public static let costs = 4...31

    /// Reads a hash in its textual form.
    public init(_ text: String) throws(Malformed) {
        let bytes = Array(text.utf8)
        guard bytes.count == 60, bytes[0] == UInt8(ascii: "$"), bytes[3] == UInt8(ascii: "$"), bytes[6] == UInt8(ascii: "$") else {
            throw Malformed(description: "not a bcrypt hash (one is 60 characters and starts with $2b$, $2a$ or $2y$ and a cost)")
        }
        let variant = String(decoding: bytes[1..<3], as: UTF8.self)
        guard ["2a", "2b", "2y"].contains(variant) else {
            throw Malformed(description: "unsupported bcrypt variant $\(variant)$: use $2b$, $2a$ or $2y$")
        }
        guard let cost = Int(String(decoding: bytes[4..<6], as: UTF8.self)), Self.costs.contains(cost) else {
            throw Malformed(description: "bcrypt cost must be from 04 to 31")
        }
        guard let salt = Self.decode(bytes[7..<29], count: 16), let digest = Self.decode(bytes[29..<60], count: 23) else {
            throw Malformed(description: "the salt and hash of a bcrypt hash are written in ./A-Za-z0-9")
        }
        self.init(variant: variant, cost: cost, salt: salt, digest: digest)
    }

    public init(variant: String = "2b", cost: Int, salt: [UInt8], digest: [UInt8]) {
        self.variant = variant
        self.cost = cost
        self.salt = salt
        self.digest = digest
    }

    /// The hash of `password` with `salt` (16 bytes) at `cost` (2^cost rounds of key expansion).
    public static func hash(password: String, salt: [UInt8], cost: Int, variant: String = "2b") -> Bcrypt {
        precondition(salt.count == 16 && costs.contains(cost), "bcrypt needs 16 bytes of salt and a cost from 4 to 31")
        // The key is the password with its terminating NUL, at most 72 bytes.
        let key = Array((Array(password.utf8) + [0]).prefix(72))
        var cipher = Blowfish()
        cipher.expand(key: key, salt: salt)
        for _ in 0..<(UInt64(1) << UInt64(cost)) {
            cipher.expand(key: key, salt: [])
            cipher.expand(key: salt, salt: [])
        }
        var text = Self.magic
        for _ in 0..<64 { cipher.encrypt(&text) }
        var digest: [UInt8] = []
        digest.reserveCapacity(24)
        for word in text {
            digest += [UInt8(word >> 24), UInt8((word >> 16) & 0xFF), UInt8((word >> 8) & 0xFF), UInt8(word & 0xFF)]
        }
        return Bcrypt(variant: variant, cost: cost, salt: salt, digest: Array(digest.prefix(23)))
    }

    /// Whether `password` has this hash, compared in time that does not depend on where they differ.
    public func verify(_ password: String) -> Bool {
        let computed = Self.hash(password: password, salt: salt, cost: cost, variant: variant).digest
        var difference: UInt8 = 0
        for (a, b) in zip(computed, digest) { difference |= a ^ b }
        return difference == 0 && computed.count == digest.count
    }

    /// The textual form.
    public var text: String {
        let costText = cost < 10 ? "0\(cost)" : "\(cost)"
        return "$\(variant)$\(costText)$" + Self.encode(salt) + Self.encode(digest)
    }

    /// "OrpheanBeholderScryDoubt", the text bcrypt encrypts, as six big-endian words.
    private static let magic: [UInt32] = [0x4F72_7068, 0x6561_6E42, 0x6568_6F6C, 0x6465_7253, 0x6372_7944, 0x6F75_6274]

    private static let alphabet = Array("./ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789".utf8)
    private static let values: [Int8] = {
        var values = [Int8](repeating: -1, count: 256)
        for (index, character) in alphabet.enumerated() { values[Int(character)] = Int8(index) }
        return values
    }()

    /// bcrypt's base 64: no padding, the bits of each byte from the most significant.
    static func encode(_ bytes: [UInt8]) -> String {
        var out: [UInt8] = []
        var index = 0
        while index < bytes.count {
            let b0 = Int(bytes[index])
            let b1 = index + 1 < bytes.count ? Int(bytes[index + 1]) : 0
            let b2 = index + 2 < bytes.count ? Int(bytes[index + 2]) : 0
            out.append(alphabet[b0 >> 2])
            out.append(alphabet[((b0 & 0x03) << 4) | (b1 >> 4)])
            if index + 1 < bytes.count { out.append(alphabet[((b1 & 0x0F) << 2) | (b2 >> 6)]) }
            if index + 2 < bytes.count { out.append(alphabet[b2 & 0x3F]) }
            index += 3
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// The first `count` bytes `text` encodes; nil when a character is outside the alphabet.
    static func decode(_ text: ArraySlice<UInt8>, count: Int) -> [UInt8]? {
        var bits = 0
        var buffer = 0
        var out: [UInt8] = []
        for character in text {
            let value = values[Int(character)]
            guard value >= 0 else { return nil }
            buffer = (buffer << 6) | Int(value)
            bits += 6
            if bits >= 8 {
                bits -= 8
                if out.count < count { out.append(UInt8((buffer >> bits) & 0xFF)) }
                buffer &= (1 << bits) - 1
            }
        }
        return out.count == count ? out : nil
    }
}
