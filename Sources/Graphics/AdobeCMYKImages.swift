import Foundation
import CQPDF

/// A new version of a PDF object for an incremental update: what goes between `N G obj` and `endobj`.
struct ReplacedObject {
    let number: Int
    let generation: Int
    let body: [UInt8]
}

extension QPDFDocument {
    /// New versions of the JPEG images in CMYK that carry Adobe's APP14 marker, each with the
    /// `/Decode [1 0 1 0 1 0 1 0]` it needs: Adobe applications store CMYK JPEG samples inverted,
    /// and Cairo, which passes the JPEG through, writes no `/Decode` (red came out dark cyan). The
    /// JPEG bytes are copied as stored. Only called when such a picture was drawn; every object
    /// is looked at then.
    func adobeCMYKImagesWithDecode() -> [ReplacedObject] {
        let trailer = qpdf_get_trailer(handle)
        let count = Int(qpdf_oh_get_int_value_as_int(handle, qpdf_oh_get_key(handle, trailer, "/Size")))
        var replaced: [ReplacedObject] = []
        for number in 1..<max(count, 1) {
            let object = qpdf_get_object_by_id(handle, Int32(number), 0)
            defer { qpdf_oh_release(handle, object) }
            guard qpdf_oh_is_stream(handle, object) != 0 else { continue }
            let dictionary = qpdf_oh_get_dict(handle, object)
            func name(_ key: String) -> String? {
                let value = qpdf_oh_get_key(handle, dictionary, key)
                return qpdf_oh_is_name(handle, value) != 0 ? String(cString: qpdf_oh_get_name(handle, value)) : nil
            }
            guard name("/Subtype") == "/Image", name("/Filter") == "/DCTDecode", name("/ColorSpace") == "/DeviceCMYK",
                  qpdf_oh_has_key(handle, dictionary, "/Decode") == 0, let jpeg = streamData(object, decoded: false), Self.hasAdobeMarker(jpeg) else { continue }
            qpdf_oh_replace_key(handle, dictionary, "/Decode", qpdf_oh_parse(handle, "[1 0 1 0 1 0 1 0]"))
            qpdf_oh_replace_key(handle, dictionary, "/Length", qpdf_oh_new_integer(handle, Int64(jpeg.count)))
            let header = String(cString: qpdf_oh_unparse(handle, dictionary))
            replaced.append(ReplacedObject(number: number, generation: 0,
                                           body: Array("\(header)\nstream\n".utf8) + jpeg + Array("\nendstream".utf8)))
        }
        return replaced
    }

    /// Whether JPEG bytes hold an APP14 segment starting "Adobe" before the first scan.
    static func hasAdobeMarker(_ bytes: [UInt8]) -> Bool {
        var index = 2
        while index + 9 < bytes.count, bytes[index] == 0xFF, bytes[index + 1] != 0xDA {
            if bytes[index + 1] == 0xEE, bytes[(index + 4)..<(index + 9)].elementsEqual("Adobe".utf8) { return true }
            index += 2 + (Int(bytes[index + 2]) << 8 | Int(bytes[index + 3]))
        }
        return false
    }
}
