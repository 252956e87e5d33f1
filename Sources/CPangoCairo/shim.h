#ifndef THAIREPORT_CPANGOCAIRO_SHIM_H
#define THAIREPORT_CPANGOCAIRO_SHIM_H
#include <cairo.h>
#include <cairo-pdf.h>
#include <cairo-ft.h>
#include <fontconfig/fontconfig.h>
#include <pango/pango.h>
#include <pango/pangocairo.h>
#include <pango/pangofc-fontmap.h>
#include <pango/pangofc-font.h>
#include <hb-ot.h>

/// Macros Swift cannot import, as functions.
static inline PangoFcFontMap *thaireport_as_fc_font_map(PangoFontMap *map) { return PANGO_FC_FONT_MAP(map); }
static inline gboolean thaireport_is_fc_font(PangoFont *font) { return PANGO_IS_FC_FONT(font); }
static inline int thaireport_pango_scale(void) { return PANGO_SCALE; }
static inline unsigned int thaireport_glyph_empty(void) { return PANGO_GLYPH_EMPTY; }
static inline unsigned int thaireport_glyph_unknown_flag(void) { return PANGO_GLYPH_UNKNOWN_FLAG; }
#endif
