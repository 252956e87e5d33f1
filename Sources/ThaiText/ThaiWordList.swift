import Foundation

/// How a `ThaiDictionary`'s trie is built and stored. The bundled word list is shipped twice: as
/// text (`Dictionary/thai-words.txt`, the source people edit) and packed
/// (`Dictionary/thai-words.packed`, made from the text by `scripts/pack-words.py`), which is the trie
/// itself, so a run reads it with one pass over its bytes instead of sorting and building 60,000 words.
/// A test checks that the packed file is exactly what the text gives.
///
/// Packed layout: the 8 bytes `THWORDS1`; the word count and the node count, each UInt32
/// little-endian; one byte per node in breadth-first order (its number of children, plus 0x80 when a
/// word ends there); one byte per edge, the letter (offset from U+0E00) of each node's children in
/// order. Breadth-first order makes the child of edge `e` the node `e + 1`, so no targets are stored.
extension ThaiDictionary {
    /// The first bytes of a packed word list.
    static let packedMagic = Array("THWORDS1".utf8)

    /// A packed word list that cannot be read: the message says what is wrong with it.
    public struct PackedFileError: Error, CustomStringConvertible {
        public let description: String
    }

    /// Reads a word list file: one word per line, UTF-8; lines starting with `#` and lines that are
    /// not a Thai word are skipped.
    public init(contentsOfFile path: String) throws {
        let data = try Data(contentsOf: URL(fileURLWithPath: path))
        let words = data.withUnsafeBytes { Self.wordLines(in: $0) }
        self.init(encoded: words)
    }

    /// Reads a packed word list (`packed()` wrote it).
    public init(packedFile path: String) throws {
        let data = try Data(contentsOf: URL(fileURLWithPath: path), options: .alwaysMapped)
        self = try data.withUnsafeBytes { try ThaiDictionary(packed: $0) }
    }

    /// The dictionary in the packed layout (see the type's notes).
    public func packed() -> [UInt8] {
        var bytes = Self.packedMagic
        for value in [UInt32(count), UInt32(isWord.count)] {
            withUnsafeBytes(of: value.littleEndian) { bytes += $0 }
        }
        bytes.reserveCapacity(bytes.count + isWord.count + edgeLetters.count)
        for node in isWord.indices {
            bytes.append(edgeCount[node] | (isWord[node] ? 0x80 : 0))
        }
        bytes += edgeLetters
        return bytes
    }

    /// The trie in `bytes`, checked: every node reached once from the root, letters Thai and in
    /// order. One pass over the nodes; the letters are copied as they are.
    init(packed bytes: UnsafeRawBufferPointer) throws {
        func fail(_ problem: String) -> PackedFileError { PackedFileError(description: "damaged packed word list: \(problem)") }
        let header = Self.packedMagic.count + 8
        guard bytes.count >= header, Array(bytes[0..<Self.packedMagic.count]) == Self.packedMagic else { throw fail("it does not start with THWORDS1") }
        func uint32(at offset: Int) -> Int {
            Int(UInt32(littleEndian: bytes.loadUnaligned(fromByteOffset: offset, as: UInt32.self)))
        }
        let words = uint32(at: Self.packedMagic.count)
        let nodes = uint32(at: Self.packedMagic.count + 4)
        guard nodes >= 1, bytes.count == header + nodes + nodes - 1 else { throw fail("its length does not match its node count") }
        let flags = UnsafeBufferPointer(rebasing: bytes.bindMemory(to: UInt8.self)[header..<header + nodes])
        let letters = [UInt8](UnsafeBufferPointer(rebasing: bytes.bindMemory(to: UInt8.self)[(header + nodes)...]))
        var firstEdge = [Int32](repeating: 0, count: nodes)
        var edgeCount = [UInt8](repeating: 0, count: nodes)
        var isWord = [Bool](repeating: false, count: nodes)
        var edges = 0
        var wordCount = 0
        var problem: String?
        firstEdge.withUnsafeMutableBufferPointer { firstEdge in
            edgeCount.withUnsafeMutableBufferPointer { edgeCount in
                isWord.withUnsafeMutableBufferPointer { isWord in
                    letters.withUnsafeBufferPointer { letters in
                        for node in 0..<nodes {
                            // Node `node` is the child of edge `node - 1`, which an earlier node must have listed.
                            guard node == 0 || edges >= node else { problem = "node \(node) has no parent"; return }
                            let children = Int(flags[node] & 0x7F)
                            guard edges + children <= nodes - 1 else { problem = "node \(node) has more children than there are nodes"; return }
                            var previous: UInt8 = 0
                            for edge in edges..<edges + children {
                                guard letters[edge] > previous, letters[edge] <= 0x4F else {
                                    problem = "the letters of node \(node) are not Thai letters in order"
                                    return
                                }
                                previous = letters[edge]
                            }
                            firstEdge[node] = Int32(truncatingIfNeeded: edges)
                            edgeCount[node] = UInt8(children)
                            isWord[node] = flags[node] & 0x80 != 0
                            wordCount += Int(flags[node] >> 7)
                            edges += children
                        }
                    }
                }
            }
        }
        if let problem { throw fail(problem) }
        guard edges == nodes - 1, wordCount == words else { throw fail("its counts do not match its nodes") }
        self.init(encoded: [])
        self.firstEdge = firstEdge
        self.edgeCount = edgeCount
        self.isWord = isWord
        self.edgeLetters = letters
        for edge in 0..<Int(edgeCount[0]) { rootChildren[Int(letters[edge])] = Int32(edge + 1) }
        count = words
    }

    /// The Thai words of a word list's lines as letters (offsets from U+0E00); a line with anything
    /// else (a `#` comment, a Latin letter, a digit) is skipped.
    private static func wordLines(in bytes: UnsafeRawBufferPointer) -> [[UInt8]] {
        var words: [[UInt8]] = []
        var word: [UInt8] = []
        var valid = true
        var index = 0
        while index <= bytes.count {
            guard index < bytes.count, bytes[index] != 0x0A else {
                if valid { words.append(word) }
                word.removeAll(keepingCapacity: true)
                valid = true
                index += 1
                continue
            }
            let byte = bytes[index]
            if byte == 0xE0, index + 2 < bytes.count {
                // A three-byte UTF-8 sequence: U+0E01–U+0E4F are E0 B8 81 … E0 B9 8F.
                let scalar = (UInt32(bytes[index + 1] & 0x3F) << 6) | UInt32(bytes[index + 2] & 0x3F)
                if (0x0E01...0x0E4F).contains(scalar) { word.append(UInt8(scalar - 0x0E00)) } else { valid = false }
                index += 3
            } else {
                if byte != 0x0D { valid = false }
                index += 1
            }
        }
        return words
    }

    init(encoded words: [[UInt8]]) {
        var sorted = words.filter { $0.count >= 2 }
        if !zip(sorted, sorted.dropFirst()).allSatisfy({ $0.lexicographicallyPrecedes($1) }) {
            sorted = Array(Set(sorted)).sorted { $0.lexicographicallyPrecedes($1) }
        }
        build(from: sorted)
    }

    /// The same dictionary with more words.
    public func adding<Words: Sequence>(_ words: Words) -> ThaiDictionary where Words.Element == String {
        // The trie lists its words in order; merging in the few new ones keeps the list sorted.
        let added = Set(words.compactMap(Self.encode).filter { $0.count >= 2 }).sorted { $0.lexicographicallyPrecedes($1) }
        var merged: [[UInt8]] = []
        let known = allWords()
        var next = 0
        for word in added {
            while next < known.count, known[next].lexicographicallyPrecedes(word) {
                merged.append(known[next])
                next += 1
            }
            if next >= known.count || known[next] != word { merged.append(word) }
        }
        return ThaiDictionary(encoded: merged + known[next...])
    }

    /// Builds the trie from sorted, distinct words: children of each node are laid out together,
    /// nodes in breadth-first order (the packed layout relies on it).
    private mutating func build(from sorted: [[UInt8]]) {
        count = sorted.count
        // Breadth-first: each entry is a node with the range of words below it and their common depth.
        var queue: [(node: Int32, words: Range<Int>, depth: Int)] = [(0, 0..<sorted.count, 0)]
        var head = 0
        while head < queue.count {
            let (node, range, depth) = queue[head]
            head += 1
            var index = range.lowerBound
            if index < range.upperBound, sorted[index].count == depth {
                isWord[Int(node)] = true
                index += 1
            }
            firstEdge[Int(node)] = Int32(edgeLetters.count)
            var children = 0
            while index < range.upperBound {
                let letter = sorted[index][depth]
                var end = index + 1
                while end < range.upperBound, sorted[end][depth] == letter { end += 1 }
                let childNode = Int32(isWord.count)
                isWord.append(false)
                firstEdge.append(0)
                edgeCount.append(0)
                edgeLetters.append(letter)
                if node == 0 { rootChildren[Int(letter)] = childNode }
                queue.append((childNode, index..<end, depth + 1))
                children += 1
                index = end
            }
            edgeCount[Int(node)] = UInt8(children)
        }
    }

    /// Every word, in sorted order.
    private func allWords() -> [[UInt8]] {
        var words: [[UInt8]] = []
        var path: [UInt8] = []
        func visit(_ node: Int32) {
            if isWord[Int(node)] { words.append(path) }
            let start = Int(firstEdge[Int(node)])
            for edge in start..<start + Int(edgeCount[Int(node)]) {
                path.append(edgeLetters[edge])
                visit(Int32(edge + 1))
                path.removeLast()
            }
        }
        visit(0)
        return words
    }
}
