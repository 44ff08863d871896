/// Blowfish block cipher state (Schneier, 1993) with the "expensive key schedule"
/// extensions that bcrypt and OpenBSD's bcrypt_pbkdf build on.
///
/// Only encryption is provided: bcrypt_pbkdf never decrypts, and SSH does not
/// use Blowfish as a key-file cipher.
struct Blowfish: Sendable {
    /// Total number of state words: the 18-word P-array followed by four 256-word S-boxes.
    private static let stateWordCount = 18 + 4 * 256

    /// The π-derived initial state in `words` layout, built once so every `init()` is one copy.
    private static let initialWords: [UInt32] = initialP + initialS0 + initialS1 + initialS2 + initialS3

    /// P0…P17 then S0…S3: the order the key schedule overwrites them in, kept
    /// contiguous so the hot loops work from a single base pointer.
    private var words: [UInt32]

    /// Fresh state holding the hex digits of π (OpenBSD `Blowfish_initstate`).
    init() {
        words = Self.initialWords
    }

    /// Standard Blowfish key schedule: the π state mixed with `key` and no salt.
    init(key: [UInt8]) {
        self.init()
        expand0State(key: key)
    }

    // MARK: - Key schedule

    /// Mixes `key` and `salt` into the state (OpenBSD `Blowfish_expandstate`, the
    /// salted key schedule from Provos & Mazières' bcrypt paper).
    mutating func expandState(salt: [UInt8], key: [UInt8]) {
        salt.withUnsafeBufferPointer { saltBytes in
            key.withUnsafeBufferPointer { keyBytes in
                words.withUnsafeMutableBufferPointer { state in
                    guard let base = state.baseAddress else { return }
                    Self.expand(base, key: keyBytes, salt: saltBytes)
                }
            }
        }
    }

    /// Mixes `key` into the state without a salt (OpenBSD `Blowfish_expand0state`);
    /// on a fresh state this is exactly the original Blowfish key schedule.
    mutating func expand0State(key: [UInt8]) {
        key.withUnsafeBufferPointer { keyBytes in
            words.withUnsafeMutableBufferPointer { state in
                guard let base = state.baseAddress else { return }
                Self.expand(base, key: keyBytes, salt: nil)
            }
        }
    }

    /// Shared body of both key schedules; `salt == nil` selects the unsalted variant.
    private static func expand(
        _ state: UnsafeMutablePointer<UInt32>,
        key: UnsafeBufferPointer<UInt8>,
        salt: UnsafeBufferPointer<UInt8>?
    ) {
        // Blowfish key schedule (Schneier): XOR the cycled key into P before any encryption.
        let p = state
        var keyPosition = 0
        var i = 0
        while i < 18 {
            p[i] ^= stream2word(key, position: &keyPosition)
            i += 1
        }

        // Replace P and then every S-box entry, two words per encryption, chaining
        // each ciphertext into the next; bcrypt additionally XORs in the cycled salt.
        let readOnlyState = UnsafePointer(state)
        var saltPosition = 0
        var left: UInt32 = 0
        var right: UInt32 = 0
        i = 0
        if let salt {
            while i < stateWordCount {
                left ^= stream2word(salt, position: &saltPosition)
                right ^= stream2word(salt, position: &saltPosition)
                encipher(readOnlyState, &left, &right)
                state[i] = left
                state[i &+ 1] = right
                i &+= 2
            }
        } else {
            while i < stateWordCount {
                encipher(readOnlyState, &left, &right)
                state[i] = left
                state[i &+ 1] = right
                i &+= 2
            }
        }
    }

    /// Reads the next big-endian 32-bit word from `data`, wrapping to the start
    /// when the end is reached, exactly as OpenBSD `Blowfish_stream2word` cycles
    /// key and salt bytes. Empty data yields zero words (a no-op for XOR mixing).
    static func stream2word(_ data: UnsafeBufferPointer<UInt8>, position: inout Int) -> UInt32 {
        guard !data.isEmpty else { return 0 }
        var word: UInt32 = 0
        var j = position
        var k = 0
        while k < 4 {
            if j >= data.count { j = 0 }
            word = (word << 8) | UInt32(data[j])
            j += 1
            k += 1
        }
        position = j
        return word
    }

    /// Array convenience for `stream2word(_:position:)`.
    static func stream2word(_ data: [UInt8], position: inout Int) -> UInt32 {
        data.withUnsafeBufferPointer { stream2word($0, position: &position) }
    }

    // MARK: - Encryption

    /// Encrypts one 64-bit block given as its big-endian high and low halves.
    func encrypt(_ left: inout UInt32, _ right: inout UInt32) {
        words.withUnsafeBufferPointer { state in
            guard let base = state.baseAddress else { return }
            Self.encipher(base, &left, &right)
        }
    }

    /// Encrypts consecutive (left, right) word pairs in place, ECB style
    /// (OpenBSD `blf_enc`); a trailing odd word is left untouched.
    func encrypt(blocks: inout [UInt32]) {
        words.withUnsafeBufferPointer { state in
            guard let base = state.baseAddress else { return }
            blocks.withUnsafeMutableBufferPointer { data in
                guard let pairs = data.baseAddress else { return }
                var i = 0
                while i + 1 < data.count {
                    Self.encipher(base, &pairs[i], &pairs[i + 1])
                    i += 2
                }
            }
        }
    }

    /// The 16-round Feistel network of Schneier's Blowfish spec.
    ///
    /// bcrypt_pbkdf runs this ~67,000 times per bcrypt_hash and tests may run it in
    /// debug builds, where nothing is inlined. Raw pointers, masking shifts (`&>>`) and
    /// wrapping arithmetic keep -Onone code free of checks (about 2.5x faster than
    /// checked `>>`); a fully unrolled version measured slower at -Onone.
    private static func encipher(
        _ state: UnsafePointer<UInt32>,
        _ left: inout UInt32,
        _ right: inout UInt32
    ) {
        let p = state
        let s0 = state + 18
        let s1 = state + 18 + 256
        let s2 = state + 18 + 512
        let s3 = state + 18 + 768
        var l = left ^ p[0]
        var r = right
        var f: UInt32 = 0
        var i = 1
        // Two rounds per pass, F(x) = ((S0[a] + S1[b]) ^ S2[c]) + S3[d]; each round also
        // XORs in the P entry the textbook applies at the next round's start, so the
        // halves never need swapping.
        while i < 17 {
            f = s0[Int(l &>> 24)] &+ s1[Int((l &>> 16) & 0xff)]
            f = (f ^ s2[Int((l &>> 8) & 0xff)]) &+ s3[Int(l & 0xff)]
            r ^= f ^ p[i]

            f = s0[Int(r &>> 24)] &+ s1[Int((r &>> 16) & 0xff)]
            f = (f ^ s2[Int((r &>> 8) & 0xff)]) &+ s3[Int(r & 0xff)]
            l ^= f ^ p[i &+ 1]
            i &+= 2
        }
        // Undo the last swap and whiten with P17.
        left = r ^ p[17]
        right = l
    }
}
