#ifndef THAIREPORT_CQPDF_SHIM_H
#define THAIREPORT_CQPDF_SHIM_H
/* libqpdf's C API: reads every form of PDF a conforming writer makes (object streams,
 * cross-reference streams) and writes it back with amended objects. */
#include <qpdf/qpdf-c.h>
#endif
