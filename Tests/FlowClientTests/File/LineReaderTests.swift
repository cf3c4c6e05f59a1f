import FlowClient
import Foundation
import Testing

/// Lines longer than the limit are read through, not held, and reported where they stand.
@Suite struct LineReaderTests {
    /// Reads `data` through a pipe-less file with `limit`, collecting every batch.
    static func batches(_ data: Data, limit: Int, blockSize: Int = 4096) throws -> [LineBatch] {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("loupe-lines-\(UUID().uuidString)")
        try data.write(to: url)
        defer { try? FileManager.default.removeItem(at: url) }
        let fd = open(url.path, O_RDONLY)
        defer { close(fd) }
        var reader = LineReader(fileDescriptor: fd, name: "test", blockSize: blockSize, maximumLineLength: limit)
        var batches: [LineBatch] = []
        while let batch = try reader.nextBatch() { batches.append(batch) }
        return batches
    }

    @Test(arguments: [1 << 20, 8 << 20])
    func aLineOverTheLimitIsDroppedAndWhatIsHeldStaysBounded(length: Int) throws {
        let limit = 64 << 10
        var data = Data("first\n".utf8)
        data.append(Data(repeating: UInt8(ascii: "x"), count: length))
        data.append(Data("\nlast\n".utf8))
        let batches = try Self.batches(data, limit: limit)
        // What any batch holds is bounded by the limit, not by the line.
        #expect(batches.allSatisfy { $0.bytes.count <= 2 * limit + 8192 }, "\(batches.map(\.bytes.count).max() ?? 0) bytes held")
        var lines: [(Int, String, Int?)] = []
        for batch in batches {
            var index = 0
            batch.forEach { number, bytes in
                lines.append((number, String(decoding: bytes, as: UTF8.self), batch.oversized[index]))
                index += 1
            }
        }
        #expect(lines.map(\.0) == [1, 2, 3])
        #expect(lines.map(\.1) == ["first", "", "last"])
        #expect(lines.map(\.2) == [nil, length, nil])
    }

    @Test func aLineOfExactlyTheLimitIsKept() throws {
        let limit = 1000
        let data = Data(repeating: UInt8(ascii: "y"), count: limit) + Data("\n".utf8)
        let batches = try Self.batches(data, limit: limit, blockSize: 64)
        #expect(batches.count == 1 && batches[0].oversized.isEmpty && batches[0].count == 1)
    }
}
