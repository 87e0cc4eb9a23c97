#ifndef TRYG_CXML_SHIM_H
#define TRYG_CXML_SHIM_H
#include <libxml/xmlversion.h>
/* Debian's libxml2 is built with ICU, and its headers would pull in the system's ICU, which
   clashes with the copy inside Swift's Foundation. tryg never touches the ICU parts (the
   converters in xmlCharEncodingHandler), so they are left out. */
#undef LIBXML_ICU_ENABLED
#include <libxml/parser.h>
#include <libxml/xmlreader.h>

/* Errors reach tryg through the reader's return codes; libxml2 must not print them. */
static void tryg_xml_ignore_error(void *context, xmlErrorPtr error) {
    (void)context;
    (void)error;
}

/* libxml2 reports some problems (an encoding it cannot convert) through its generic error
   function, which prints; these reach tryg as a failed read all the same. */
static void tryg_xml_ignore_message(void *context, const char *message, ...) {
    (void)context;
    (void)message;
}

/* Sets up libxml2 once, before any thread reads a spreadsheet. */
static inline void tryg_xml_init(void) {
    xmlInitParser();
    xmlThrDefSetGenericErrorFunc(NULL, tryg_xml_ignore_message);
    xmlThrDefSetStructuredErrorFunc(NULL, tryg_xml_ignore_error);
}

/* A pull reader over a buffer that never prints, never touches the network and never
   loads or substitutes entities (a spreadsheet part has no DTD). NULL when out of memory. */
static inline xmlTextReaderPtr tryg_xml_reader(const char *bytes, int count) {
    int options = XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING | XML_PARSE_COMPACT;
    /* The error functions are per thread: set them on the one that reads. Errors without a
       parser (converting an encoding) go to them rather than to the reader's handler. */
    xmlSetGenericErrorFunc(NULL, tryg_xml_ignore_message);
    xmlSetStructuredErrorFunc(NULL, tryg_xml_ignore_error);
    xmlTextReaderPtr reader = xmlReaderForMemory(bytes, count, NULL, NULL, options);
    if (reader != NULL) xmlTextReaderSetStructuredErrorHandler(reader, tryg_xml_ignore_error, NULL);
    return reader;
}
#endif
