#ifndef THAIREPORT_CJPEG_SHIM_H
#define THAIREPORT_CJPEG_SHIM_H
#include <stdio.h>
#include <string.h>
#include <setjmp.h>
#include <jpeglib.h>

/// libjpeg reports errors by a long jump, which Swift cannot take: this C function decodes a whole
/// JPEG (at 1/8 scale, which still reads every entropy-coded block) and turns errors and warnings
/// into a return value and a message.

/// What `thaireport_jpeg_verify` learnt about a JPEG.
typedef struct {
    int width;
    int height;
    int components;
    /// Adobe's APP14 marker with four components: Photoshop stores CMYK inverted.
    int adobeCMYK;
    /// libjpeg's message for the first error or warning.
    char message[JMSG_LENGTH_MAX];
} thaireport_jpeg_info;

typedef struct {
    struct jpeg_error_mgr manager;
    jmp_buf jump;
    thaireport_jpeg_info *info;
    int warnings;
} thaireport_jpeg_errors;

static void thaireport_jpeg_fail(j_common_ptr common) {
    thaireport_jpeg_errors *errors = (thaireport_jpeg_errors *)common->err;
    (*common->err->format_message)(common, errors->info->message);
    longjmp(errors->jump, 1);
}

static void thaireport_jpeg_note(j_common_ptr common, int level) {
    thaireport_jpeg_errors *errors = (thaireport_jpeg_errors *)common->err;
    if (level < 0 && errors->warnings++ == 0) (*common->err->format_message)(common, errors->info->message);
}

/// 0: the JPEG decodes without error or warning (`info` filled); 1: libjpeg refused it; 2: it decoded
/// with warnings (truncated or corrupt data); 3: not decoded, its size is past `maximumSide` or
/// `maximumPixels`. libjpeg may use at most `maximumMemory` bytes (a progressive JPEG keeps all its
/// coefficients, 2 bytes a sample): past it, it fails with "Backing store not supported".
static inline int thaireport_jpeg_verify(const unsigned char *data, unsigned long size, long maximumSide,
                                         long maximumPixels, long maximumMemory, thaireport_jpeg_info *info) {
    struct jpeg_decompress_struct decoder;
    thaireport_jpeg_errors errors;
    memset(info, 0, sizeof *info);
    errors.info = info;
    errors.warnings = 0;
    decoder.err = jpeg_std_error(&errors.manager);
    errors.manager.error_exit = thaireport_jpeg_fail;
    errors.manager.emit_message = thaireport_jpeg_note;
    if (setjmp(errors.jump)) {
        jpeg_destroy_decompress(&decoder);
        return 1;
    }
    jpeg_create_decompress(&decoder);
    jpeg_mem_src(&decoder, data, size);
    jpeg_read_header(&decoder, TRUE);
    info->width = (int)decoder.image_width;
    info->height = (int)decoder.image_height;
    info->components = decoder.num_components;
    info->adobeCMYK = decoder.saw_Adobe_marker && decoder.num_components == 4;
    if (info->width > maximumSide || info->height > maximumSide || (long)info->width * info->height > maximumPixels) {
        jpeg_destroy_decompress(&decoder);
        return 3;
    }
    decoder.mem->max_memory_to_use = maximumMemory;
    decoder.scale_num = 1;
    decoder.scale_denom = 8;
    decoder.dct_method = JDCT_IFAST;
    jpeg_start_decompress(&decoder);
    JSAMPARRAY row = (*decoder.mem->alloc_sarray)((j_common_ptr)&decoder, JPOOL_IMAGE,
                                                  decoder.output_width * decoder.output_components, 1);
    while (decoder.output_scanline < decoder.output_height && errors.warnings == 0) jpeg_read_scanlines(&decoder, row, 1);
    if (errors.warnings == 0) jpeg_finish_decompress(&decoder);
    jpeg_destroy_decompress(&decoder);
    return errors.warnings == 0 ? 0 : 2;
}
#endif
