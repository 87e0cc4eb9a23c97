import CCairo
import Foundation
import TrygEngine

/// Why a chart image could not be made or written.
struct ChartExportError: Error, Equatable {
    let reason: String
}

/// Renders a chart model to PNG, SVG or PDF bytes and writes them to a file.
///
/// The same chart gives the same bytes every time: PNG holds no time stamp, the SVG is
/// written here, and the PDF's creation date is fixed.
enum ChartExport {
    /// Layout units: 16:9, the shape of a projector and of most slides.
    static let width = 1600.0
    static let height = 900.0
    /// PNG pixels per layout unit: 1920 × 1080, full HD.
    static let pngScale = 1.2
    /// PDF points per layout unit: a 800 × 450 pt page.
    static let pdfScale = 0.5

    /// Writes the chart to `path` in the format its extension names.
    static func write(_ model: ChartModel, to path: String) throws(ChartExportError) {
        guard let format = ChartHint.imageFormat(of: path) else {
            throw ChartExportError(reason: "name the file .png, .svg or .pdf")
        }
        let bytes = try render(model, format: format)
        try writeFile(bytes, to: path)
    }

    /// The image's bytes in a format (`png`, `svg` or `pdf`).
    static func render(_ model: ChartModel, format: String) throws(ChartExportError) -> [UInt8] {
        switch format {
        case "svg":
            let canvas = SVGCanvas(width: width, height: height)
            ChartDrawing(model: model).draw(on: canvas, width: width, height: height)
            return Array(canvas.document.utf8)
        case "pdf":
            try loadCairo()
            return try pdf(model)
        default:
            try loadCairo()
            return try png(model)
        }
    }

    /// cairo is loaded when the first PNG or PDF is drawn (SVG needs none of it).
    private static func loadCairo() throws(ChartExportError) {
        if let failure = tryg_cairo_load() {
            throw ChartExportError(reason: "cairo cannot be loaded (\(String(cString: failure))); "
                                   + "install libcairo2 (scripts/setup does), or export .svg")
        }
    }

    private static func png(_ model: ChartModel) throws(ChartExportError) -> [UInt8] {
        let w = Int32((width * pngScale).rounded()), h = Int32((height * pngScale).rounded())
        guard let surface = cairo_image_surface_create(CAIRO_FORMAT_RGB24, w, h) else {
            throw ChartExportError(reason: "cairo could not make an image")
        }
        defer { cairo_surface_destroy(surface) }
        try draw(model, on: surface, scale: pngScale)
        let sink = ByteSink()
        let status = cairo_surface_write_to_png_stream(surface, ByteSink.write, Unmanaged.passUnretained(sink).toOpaque())
        guard status == CAIRO_STATUS_SUCCESS else { throw failure(status) }
        return sink.bytes
    }

    private static func pdf(_ model: ChartModel) throws(ChartExportError) -> [UInt8] {
        let sink = ByteSink()
        guard let surface = cairo_pdf_surface_create_for_stream(ByteSink.write, Unmanaged.passUnretained(sink).toOpaque(),
                                                                width * pdfScale, height * pdfScale) else {
            throw ChartExportError(reason: "cairo could not make a PDF")
        }
        // cairo writes the time of writing otherwise, and the same chart must give the same file.
        cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_CREATE_DATE, "2025-01-01T00:00:00Z")
        cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_TITLE, model.title)
        cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_CREATOR, "tryg")
        do throws(ChartExportError) {
            try draw(model, on: surface, scale: pdfScale)
        } catch {
            cairo_surface_destroy(surface)
            throw error
        }
        cairo_surface_finish(surface)
        let status = cairo_surface_status(surface)
        cairo_surface_destroy(surface)
        guard status == CAIRO_STATUS_SUCCESS else { throw failure(status) }
        return sink.bytes
    }

    private static func draw(_ model: ChartModel, on surface: OpaquePointer, scale: Double) throws(ChartExportError) {
        guard let cr = cairo_create(surface) else { throw ChartExportError(reason: "cairo could not draw") }
        defer { cairo_destroy(cr) }
        cairo_scale(cr, scale, scale)
        ChartDrawing(model: model).draw(on: CairoCanvas(context: cr), width: width, height: height)
        let status = cairo_status(cr)
        guard status == CAIRO_STATUS_SUCCESS else { throw failure(status) }
    }

    private static func failure(_ status: cairo_status_t) -> ChartExportError {
        ChartExportError(reason: cairo_status_to_string(status).map { String(cString: $0) } ?? "cairo failed")
    }

    /// Writes through a temporary file and a rename, so a failed write leaves no half image behind.
    private static func writeFile(_ bytes: [UInt8], to path: String) throws(ChartExportError) {
        let temporary = path + ".tryg-partial"
        let fd = open(temporary, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw ChartExportError(reason: String(cString: strerror(errno))) }
        var offset = 0
        while offset < bytes.count {
            let n = bytes.withUnsafeBytes { buffer -> Int in
                guard let base = buffer.baseAddress else { return 0 }
                return Foundation.write(fd, base + offset, buffer.count - offset)
            }
            if n < 0 && errno == EINTR { continue }
            guard n > 0 else {
                let reason = String(cString: strerror(errno))
                close(fd)
                unlink(temporary)
                throw ChartExportError(reason: reason)
            }
            offset += n
        }
        close(fd)
        guard rename(temporary, path) == 0 else {
            let reason = String(cString: strerror(errno))
            unlink(temporary)
            throw ChartExportError(reason: reason)
        }
    }
}

/// Collects what cairo writes to a stream.
final class ByteSink {
    var bytes: [UInt8] = []

    static let write: cairo_write_func_t = { closure, data, length in
        guard let closure, let data else { return CAIRO_STATUS_WRITE_ERROR }
        let sink = Unmanaged<ByteSink>.fromOpaque(closure).takeUnretainedValue()
        sink.bytes.append(contentsOf: UnsafeBufferPointer(start: data, count: Int(length)))
        return CAIRO_STATUS_SUCCESS
    }
}
